// Every resource served by default in every workspace (DESIGN.md §4), in discovery order.

import { ResourceDef } from './model.js';
import * as core from './core-v1.js';
import * as apps from './apps-v1.js';
import * as batch from './batch-v1.js';
import * as networking from './networking-v1.js';
import * as policy from './policy-v1.js';
import * as autoscaling from './autoscaling.js';
import * as rbac from './rbac-v1.js';
import * as coordination from './coordination-v1.js';
import * as events from './events-v1.js';
import * as authentication from './authentication-v1.js';
import * as authorization from './authorization-v1.js';
import * as apiextensions from './apiextensions-v1.js';
import * as tenancy from './tenancy.js';
import * as sync from './sync.js';

export const BUILTIN_RESOURCES: readonly ResourceDef[] = [
  ...core.resources,
  ...apps.resources,
  ...events.resources,
  ...authentication.resources,
  ...authorization.resources,
  ...autoscaling.resources,
  ...batch.resources,
  ...networking.resources,
  ...policy.resources,
  ...rbac.resources,
  ...apiextensions.resources,
  ...coordination.resources,
  ...tenancy.resources,
  ...sync.resources,
];
