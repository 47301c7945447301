import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('core/v1', `
`);
