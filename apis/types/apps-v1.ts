import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('apps/v1', `
`);
