import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('events/v1', `
`);
