import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('autoscaling/v1', `
`);
