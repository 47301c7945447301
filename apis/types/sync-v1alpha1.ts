import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('sync/v1alpha1', `
`);
