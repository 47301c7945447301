import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('rbac/v1', `
`);
