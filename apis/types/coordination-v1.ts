import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('coordination/v1', `
`);
