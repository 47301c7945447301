import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('authentication/v1', `
`);
