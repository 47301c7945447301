// A version's schema as the custom resource codec and strategy use it: decode (prune unknown
// fields, apply defaults) and validate (OpenAPI schema, list types, CEL rules).

import { FieldError, KObject } from '../resources/model.js';

export interface VersionSchema {
  /** Prunes and defaults `obj` in place; returns the pruned paths. */
  decode(obj: KObject): string[];
  /** Validation errors of `obj` (an update when `old` is set). */
  validate(obj: KObject, old: KObject | undefined): FieldError[];
}

export function versionSchema(_schema: KObject | undefined): VersionSchema {
  return { decode: () => [], validate: () => [] };
}
