import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('tenancy/v1alpha1', `
`);
