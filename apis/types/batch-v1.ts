import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('batch/v1', `
`);
