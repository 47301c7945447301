// Admission of a decoded object: the kind's defaults, then validation of its metadata and of the
// kind's own rules; any field error is a 422 Invalid.

import { errors } from '../errors.js';
import { KObject } from '../resources/model.js';
import { Scope } from './scope.js';
import { validateObjectMeta } from './validateMeta.js';

export function admit(s: Scope, obj: KObject, old: KObject | undefined, opts: { defaults?: boolean } = {}): void {
  if (opts.defaults !== false) s.r.strategy?.defaults?.(obj);
  const errs = [...validateObjectMeta(s, obj, old), ...(s.r.strategy?.validate?.(obj, old, s.user) ?? [])];
  if (errs.length) throw errors.invalid({ group: s.r.group, kind: s.r.kind }, obj.metadata?.name ?? '', errs);
}
