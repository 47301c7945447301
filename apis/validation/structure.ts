// The catalogue-driven pass every kind can use: required string fields present and enum-typed
// fields holding a listed value, reported with upstream's paths and texts ("Required value",
// "Unsupported value: ...: supported values: ...").
//
// Only what upstream rejects the same way is reported. Required is checked for string fields
// alone: upstream's hand-written validation reports a missing required string as a plain
// "Required value", while for objects, lists, numbers and booleans it reports something else
// (an Invalid range, a detail text, nothing at all for a zero that is valid), which the kind
// validators handle. Fields with an OpenAPI default are skipped (defaulting fills them), as are
// metadata and status. Kind validators take precedence: combine() drops a structural error
// wherever the kind validator reported the same field, something beneath it, or a field above
// it (upstream then reports the whole struct, as for an unknown strategy).

import type { FieldDef } from '../schema/model.js';
import type { TypeRegistry } from '../schema/registry.js';
import { jsonNameOf } from '../schema/model.js';
import { type FieldError, child, index, isObject, key, notSupported, required } from './field.js';

export interface StructureOptions {
  /** Top-level fields not to visit; metadata and status by default. */
  skipRoot?: readonly string[];
}

const SCALAR_STRING = 'string';

/**
 * Fields the catalogue marks but upstream reports elsewhere or not at all: a token projection's
 * path (reported under the projected volume), resize policies and resource claims (reported on
 * the list or the item), sysctls and scheduling gates (reported as Invalid names), scope selector
 * requirements (reported without the index), env files (an alpha feature upstream drops), and
 * a downward API resource selector (only its container name is reported when both are missing).
 */
const EXCLUDED = new Set([
  'core/v1:ServiceAccountTokenProjection.path', 'core/v1:FileKeySelector.volumeName', 'core/v1:FileKeySelector.path',
  'core/v1:FileKeySelector.key', 'core/v1:ResourceFieldSelector.resource', 'core/v1:ResourceClaim.name',
  'core/v1:ContainerResizePolicy.resourceName', 'core/v1:ContainerResizePolicy.restartPolicy', 'core/v1:Sysctl.name',
  'core/v1:Sysctl.value', 'core/v1:PodSchedulingGate.name', 'core/v1:ScopedResourceSelectorRequirement.scopeName',
  'core/v1:ScopedResourceSelectorRequirement.operator',
]);

function visitValue(registry: TypeRegistry, f: FieldDef, value: unknown, path: string, errs: FieldError[]): void {
  if (f.enum && f.type === SCALAR_STRING && typeof value === 'string') {
    if (!f.enum.includes(value) && value !== '') errs.push(notSupported(path, value, f.enum));
    return;
  }
  if (registry.isStruct(f.type) && isObject(value)) visitStruct(registry, f.type, value, path, errs);
}

function visitStruct(registry: TypeRegistry, typeId: string, obj: Record<string, unknown>, path: string, errs: FieldError[], skip: readonly string[] = []): void {
  for (const f of registry.jsonFields(typeId).values()) {
    const name = jsonNameOf(f);
    if (skip.includes(name) || EXCLUDED.has(`${typeId}.${name}`)) continue;
    const value = obj[name];
    const p = child(path, name);
    if (value === undefined || value === null || value === '') {
      if (f.required && f.type === SCALAR_STRING && !f.repeated && !f.map && f.default === undefined) errs.push(required(p));
      continue;
    }
    if (f.repeated) {
      if (Array.isArray(value)) value.forEach((item, i) => visitValue(registry, f, item, index(p, i), errs));
    } else if (f.map) {
      if (isObject(value)) for (const k of Object.keys(value).sort()) visitValue(registry, f, value[k], key(p, k), errs);
    } else {
      visitValue(registry, f, value, p, errs);
    }
  }
}

/** Required string fields and enum values of `obj`, an object of catalogue type `typeId`. */
export function validateStructure(registry: TypeRegistry, typeId: string, obj: unknown, opts: StructureOptions = {}): FieldError[] {
  const errs: FieldError[] = [];
  if (isObject(obj) && registry.isStruct(typeId)) visitStruct(registry, typeId, obj, '', errs, opts.skipRoot ?? ['metadata', 'status']);
  return errs;
}

const within = (field: string, parent: string): boolean => field === parent || field.startsWith(`${parent}.`) || field.startsWith(`${parent}[`);

/**
 * The kind validator's errors, then the structural errors it did not already cover: a structural
 * error is dropped when the kind validator reported its field, a field beneath it or above it.
 */
export function combine(kindErrs: FieldError[], structErrs: FieldError[]): FieldError[] {
  const extra = structErrs.filter((s) => !kindErrs.some((k) => within(k.field, s.field) || within(s.field, k.field)));
  return [...kindErrs, ...extra];
}
