import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('authorization/v1', `
`);
