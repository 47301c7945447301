// All types of the catalogue, assembled into one registry.

import { TypeRegistry } from '../schema/registry.js';
import { PACKAGES } from './packages.js';
import { metaV1, runtime, resource, intstr } from './meta-v1.js';
import * as corePod from './core-v1-pod.js';
import * as core from './core-v1.js';
import * as apps from './apps-v1.js';
import * as batch from './batch-v1.js';
import * as networking from './networking-v1.js';
import * as policy from './policy-v1.js';
import * as autoscalingV1 from './autoscaling-v1.js';
import * as autoscalingV2 from './autoscaling-v2.js';
import * as rbac from './rbac-v1.js';
import * as coordination from './coordination-v1.js';
import * as events from './events-v1.js';
import * as authentication from './authentication-v1.js';
import * as authorization from './authorization-v1.js';
import * as apiextensions from './apiextensions-v1.js';
import * as tenancy from './tenancy-v1alpha1.js';
import * as corekcp from './corekcp-v1alpha1.js';
import * as sync from './sync-v1alpha1.js';

let registry: TypeRegistry | undefined;

/** Builds a registry of every catalogue type; `verify` throws on unresolved references. */
export function buildTypeRegistry(verify = true): TypeRegistry {
  const r = new TypeRegistry();
  for (const p of PACKAGES) r.addPackage(p);
  for (const group of [metaV1, runtime, resource, intstr]) r.addTypes(group);
  for (const m of [corePod, core, apps, batch, networking, policy, autoscalingV1, autoscalingV2, rbac, coordination,
    events, authentication, authorization, apiextensions, tenancy, corekcp, sync]) {
    r.addTypes(m.types);
  }
  if (verify) r.verify();
  return r;
}

/** The catalogue's type registry, built once per process. */
export function typeRegistry(): TypeRegistry {
  if (!registry) {
    registry = buildTypeRegistry();
  }
  return registry;
}

