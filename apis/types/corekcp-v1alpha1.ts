import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('corekcp/v1alpha1', `
`);
