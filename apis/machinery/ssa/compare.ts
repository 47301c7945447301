// What changed between two versions of an object, field by field (structured-merge-diff's
// TypedValue.Compare): leaves (scalars and atomic values) are added, removed or modified;
// associative list items and map entries that appear or disappear are added or removed
// together with everything below them.
//
// One adaptation: upstream compares Go-typed objects, in which a value (non-pointer) struct field
// is always present (as {}) and a required list without omitempty is null. Our objects leave
// such fields out, so where both parents exist such a field absent on one side counts as that
// zero value, not as added or removed itself (its contents still are); see
// SsaSchema.alwaysPresent. This gives objects created through Update the "." markers upstream
// writes (none on spec, template, containers; one on labels, ports, rollingUpdate).

import { deepEqual, isJsonObject } from '../jsonEqual.js';
import { FieldSet } from './fieldSet.js';
import { PathElement, elementId, fieldElement } from './pathElement.js';
import { SsaSchema, TypeRef, getOwn, isEmptyContainer, keysOf } from './schema.js';

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/** Compares `lhs` (before) with `rhs` (after), both of type `ref` (the root by default). */
export function compareObjects(schema: SsaSchema, lhs: unknown, rhs: unknown, ref: TypeRef = schema.root()): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  cmp(schema, ref, lhs, rhs, [], false, c);
  return c;
}

/** The comparison without the fields under `ignored` (ExcludeFields). */
export function excludeFields(c: Comparison, ignored: FieldSet | undefined): Comparison {
  if (!ignored || ignored.isEmpty()) return c;
  return {
    added: c.added.recursiveDifference(ignored),
    modified: c.modified.recursiveDifference(ignored),
    removed: c.removed.recursiveDifference(ignored),
  };
}

/** True when nothing changed. */
export function isSame(c: Comparison): boolean {
  return c.added.isEmpty() && c.modified.isEmpty() && c.removed.isEmpty();
}

function leaf(l: unknown, r: unknown, path: PathElement[], c: Comparison): void {
  if (l === undefined) c.added.insert(path);
  else if (r === undefined) c.removed.insert(path);
  else if (!deepEqual(l, r)) c.modified.insert(path);
}

/**
 * `implicit`: the node is a field Go would always carry in both objects (see the file comment),
 * so being absent on one side means being empty there.
 */
function cmp(schema: SsaSchema, ref: TypeRef, l: unknown, r: unknown, path: PathElement[], implicit: boolean, c: Comparison): void {
  if (l === undefined && r === undefined) return;
  if (implicit) {
    // Go's zero value: {} for a struct, null for a list or map.
    const zero = ref.t === 'struct' ? {} : null;
    if (l === undefined) l = zero;
    if (r === undefined) r = zero;
  }
  const sl = l === undefined || l === null ? undefined : schema.shape(ref, l);
  const sr = r === undefined || r === null ? undefined : schema.shape(ref, r);
  const shape = sl ?? sr;
  // null stands for an empty container of whatever shape the other side has.
  const container =
    (shape === 'map' || shape === 'list') &&
    (sl === undefined || sl === shape) &&
    (sr === undefined || sr === shape) &&
    !(isEmptyContainer(l) && isEmptyContainer(r));
  if (!container) {
    if (sl !== undefined && sr !== undefined && sl !== sr) {
      // The value changed kind (possible in deduced parts): the node is modified.
      c.modified.insert(path);
      return;
    }
    leaf(l, r, path, c);
    return;
  }
  if (shape === 'map') compareMaps(schema, ref, l, r, path, c);
  else compareLists(schema, ref as TypeRef & { t: 'list' }, l, r, path, c);
  if (l === undefined) c.added.insert(path);
  else if (r === undefined) c.removed.insert(path);
}

function compareMaps(schema: SsaSchema, ref: TypeRef, l: unknown, r: unknown, path: PathElement[], c: Comparison): void {
  const keys = keysOf(l);
  const seen = new Set(keys);
  for (const k of keysOf(r)) if (!seen.has(k)) keys.push(k);
  // Only where both parents exist: inside an added or removed subtree everything is.
  const both = isJsonObject(l) && isJsonObject(r);
  for (const k of keys) {
    const implicit = both && schema.alwaysPresent(ref, k);
    cmp(schema, schema.child(ref, k), getOwn(l, k), getOwn(r, k), [...path, fieldElement(k)], implicit, c);
  }
}

function compareLists(schema: SsaSchema, ref: TypeRef & { t: 'list' }, l: unknown, r: unknown, path: PathElement[], c: Comparison): void {
  const ll = Array.isArray(l) ? l : [];
  const rl = Array.isArray(r) ? r : [];
  const lpes = schema.itemElements(ref, ll);
  const rpes = schema.itemElements(ref, rl);
  if (!lpes || !rpes) {
    // Items that cannot be keyed: compare the list as one value.
    leaf(l ?? undefined, r ?? undefined, path, c);
    return;
  }
  const order: PathElement[] = [];
  const lv = new Map<string, unknown[]>();
  const rv = new Map<string, unknown[]>();
  ll.forEach((item, i) => {
    const id = elementId(lpes[i]);
    const list = lv.get(id);
    if (list) list.push(item);
    else {
      lv.set(id, [item]);
      order.push(lpes[i]);
    }
  });
  rl.forEach((item, i) => {
    const id = elementId(rpes[i]);
    const list = rv.get(id);
    if (list) list.push(item);
    else {
      rv.set(id, [item]);
      if (!lv.has(id)) order.push(rpes[i]);
    }
  });
  for (const pe of order) {
    const id = elementId(pe);
    const li = lv.get(id) ?? [];
    const ri = rv.get(id) ?? [];
    const itemPath = [...path, pe];
    if (li.length <= 1 && ri.length <= 1) {
      cmp(schema, ref.elem, li[0], ri[0], itemPath, false, c);
    } else if (li.length >= 2 && ri.length >= 2) {
      if (!deepEqual(li, ri)) c.modified.insert(itemPath);
    } else if (li.length >= 2) {
      if (ri.length) cmp(schema, ref.elem, undefined, ri[0], itemPath, false, c);
      c.removed.insert(itemPath);
    } else {
      if (li.length) cmp(schema, ref.elem, li[0], undefined, itemPath, false, c);
      c.added.insert(itemPath);
    }
  }
}
