import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('apiextensions/v1', `
`);
