import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('networking/v1', `
`);
