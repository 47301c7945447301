import { ResourceDef } from './model.js';

export const resources: ResourceDef[] = [];
