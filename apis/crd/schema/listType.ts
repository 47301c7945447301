// x-kubernetes-list-type invariants (apiextensions-apiserver pkg/apiserver/schema/listtype): items
// of a "set" list are unique, keys of a "map" list are unique. The first repetition of a value is
// reported as Duplicate, once however often the value repeats.

import type { FieldError } from '../../resources/model.js';
import { child, duplicate, index, invalid, key } from '../../validation/field.js';
import { errValue, marshalJson } from './goValues.js';
import type { Structural } from './structural.js';

const isMap = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A key a map-list item lacks (Go: a distinct unspecifiedKeyValue{} scalar). */
const UNSPECIFIED = Symbol('unspecified');

/**
 * Identity of a value for uniqueness: scalars by value and kind (Go compares interface values),
 * objects and arrays by their JSON encoding (sorted keys).
 */
function identity(v: unknown): unknown {
  if (v === UNSPECIFIED) return v;
  if (typeof v === 'object' && v !== null) return `c:${marshalJson(v)}`;
  return v === null ? 'n:' : `${typeof v}:${String(v)}`;
}

/** validateListSet: indices of the first repetition of each repeated value. */
function firstRepeats(values: unknown[]): number[] {
  if (values.length <= 1) return [];
  const seen = new Map<unknown, number>();
  const out: number[] = [];
  values.forEach((v, i) => {
    const id = identity(v);
    const times = seen.get(id) ?? 0;
    seen.set(id, times + 1);
    if (times === 1) out.push(i);
  });
  return out;
}

function validateListMap(path: string, s: Structural, list: unknown[]): FieldError[] {
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    if (x !== null && !isMap(x)) return [invalid(index(path, i), errValue(x), 'must be an object for an array of list-type map')];
  }
  if (list.length <= 1) return [];
  const keys = s.listMapKeys;
  if (keys.length === 1) {
    const k = keys[0];
    const values = list.map((x) => (isMap(x) && Object.prototype.hasOwnProperty.call(x, k) ? x[k] : UNSPECIFIED));
    return firstRepeats(values).map((i) => duplicate(index(path, i), errValue(values[i] === UNSPECIFIED ? {} : { [k]: values[i] })));
  }
  const values = list.map((x) => {
    const kv: Record<string, unknown> = {};
    if (isMap(x)) for (const k of keys) if (Object.prototype.hasOwnProperty.call(x, k)) kv[k] = x[k];
    return kv;
  });
  return firstRepeats(values).map((i) => duplicate(index(path, i), errValue(values[i])));
}

function validateArray(path: string, s: Structural, list: unknown[]): FieldError[] {
  const errs: FieldError[] = [];
  if (s.listType === 'set') errs.push(...firstRepeats(list).map((i) => duplicate(index(path, i), errValue(list[i]))));
  else if (s.listType === 'map') errs.push(...validateListMap(path, s, list));
  if (s.items) list.forEach((x, i) => errs.push(...validateValue(index(path, i), s.items!, x)));
  return errs;
}

function validateValue(path: string, s: Structural, x: unknown): FieldError[] {
  if (Array.isArray(x)) return validateArray(path, s, x);
  if (isMap(x)) return validateListSetsAndMaps(path, s, x);
  return [];
}

/** ValidateListSetsAndMaps over an object (a whole custom object with path ""). */
export function validateListSetsAndMaps(path: string, s: Structural | undefined, obj: Record<string, unknown>): FieldError[] {
  if (!s) return [];
  const errs: FieldError[] = [];
  const ap = s.additionalProperties?.schema;
  if (ap) for (const k of Object.keys(obj)) errs.push(...validateValue(key(path, k), ap, obj[k]));
  if (s.properties) {
    for (const k of Object.keys(obj)) {
      const sub = s.properties.get(k);
      if (sub) errs.push(...validateValue(child(path, k), sub, obj[k]));
    }
  }
  return errs;
}
