import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('policy/v1', `
`);
