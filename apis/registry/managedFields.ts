// metadata.managedFields on every write: which manager owns which fields, per the request's
// endpoint (main resource, /status, /scale), computed by the server-side apply machinery.

import { FieldManagerOptions, fieldPaths, updateManagedFields } from '../machinery/ssa/index.js';
import { KObject } from '../resources/model.js';
import { Scope } from './scope.js';

/** The field-manager options of a write to `s.r` through `target` ("" | "status" | "scale" | ...). */
export function fieldManagerOptions(s: Scope, target: string): FieldManagerOptions {
  const types = s.r.custom ? s.r.custom.ssaTypes() : { registry: s.catalogue.types, typeId: s.r.type };
  const opts: FieldManagerOptions = {
    registry: types.registry,
    typeId: types.typeId,
    apiVersion: s.r.apiVersion,
    subresource: target || undefined,
  };
  if (target === 'status') opts.restrictTo = fieldPaths('status');
  else if (!target && s.r.status) opts.ignored = fieldPaths('status');
  return opts;
}

/** `next` with managedFields updated for an Update operation by `manager` (create: old undefined). */
export function trackUpdate(s: Scope, old: KObject | undefined, next: KObject, manager: string, target = ''): KObject {
  return updateManagedFields(old, next, manager, fieldManagerOptions(s, target));
}
