// Merging an applied configuration into the live object (structured-merge-diff's
// TypedValue.Merge with "keep the right-hand side" at leaves):
//
// * scalars and atomic values (atomic lists, maps and structs, RawExtension) are replaced;
// * granular maps and structs merge key by key;
// * map lists merge item by item, matched by their keys; set lists merge as sets. Items only in
//   the live list keep their place, items of the configuration come in its order, and items in
//   both are placed where the configuration has them;
// * a null in the configuration clears a scalar or atomic value; for a map or list with content
//   it changes nothing (as upstream). Nulls are kept in the result, as upstream keeps them; the
//   caller's decoding drops them.

import { cloneJson, setOwn } from '../jsonEqual.js';
import { PathElement, elementId } from './pathElement.js';
import { SsaSchema, TypeRef, getOwn, isEmptyContainer, keysOf } from './schema.js';

/** `lhs` (live) with `rhs` (the applied configuration) merged in; neither is modified. */
export function mergeValues(schema: SsaSchema, lhs: unknown, rhs: unknown, ref: TypeRef = schema.root()): unknown {
  return merge(schema, ref, lhs, rhs);
}

function merge(schema: SsaSchema, ref: TypeRef, l: unknown, r: unknown): unknown {
  if (r === undefined) return cloneJson(l);
  if (l === undefined || l === null) return cloneJson(r);
  const sl = schema.shape(ref, l);
  if (r === null) {
    // A null leaves a map or list with content as it is, and clears anything else.
    return sl !== 'leaf' && !isEmptyContainer(l) ? cloneJson(l) : null;
  }
  const sr = schema.shape(ref, r);
  if (sl !== sr || sr === 'leaf' || (isEmptyContainer(l) && isEmptyContainer(r))) return cloneJson(r);
  if (sr === 'map') return mergeMaps(schema, ref, l, r);
  return mergeLists(schema, ref as TypeRef & { t: 'list' }, l as unknown[], r as unknown[]);
}

function mergeMaps(schema: SsaSchema, ref: TypeRef, l: unknown, r: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = keysOf(l);
  const seen = new Set(keys);
  for (const k of keysOf(r)) if (!seen.has(k)) keys.push(k);
  for (const k of keys) {
    const v = merge(schema, schema.child(ref, k), getOwn(l, k), getOwn(r, k));
    if (v !== undefined) setOwn(out, k, v);
  }
  return out;
}

/**
 * Merges two associative lists. Walks both lists together: a live item the configuration does
 * not have is kept where it is; a live item the configuration has is skipped until the
 * configuration's walk reaches it (so shared items take the configuration's order); every
 * configuration item is emitted in turn, merged with its live counterpart.
 */
function mergeLists(schema: SsaSchema, ref: TypeRef & { t: 'list' }, l: unknown[], r: unknown[]): unknown {
  const lpes = schema.itemElements(ref, l);
  const rpes = schema.itemElements(ref, r);
  if (!lpes || !rpes) return cloneJson(r); // unkeyable items: validation rejects such configurations
  const rItems = new Map<string, unknown>();
  rpes.forEach((pe, i) => rItems.set(elementId(pe), r[i]));
  const lItems = new Map<string, unknown>();
  const lDup = new Set<string>();
  lpes.forEach((pe, i) => {
    const id = elementId(pe);
    if (lItems.has(id)) lDup.add(id);
    else lItems.set(id, l[i]);
  });
  // A duplicated live item is not merged: the configuration's item replaces all its copies.
  const liveOf = (id: string): unknown => (lDup.has(id) ? undefined : lItems.get(id));

  const shared: PathElement[] = rpes.filter((pe) => lItems.has(elementId(pe)));
  let sharedAt = 0;
  let nextShared: string | undefined = shared.length ? elementId(shared[0]) : undefined;
  const advanceShared = (): void => {
    sharedAt++;
    nextShared = sharedAt < shared.length ? elementId(shared[sharedAt]) : undefined;
  };

  const out: unknown[] = [];
  const merged = new Set<string>();
  const elem = ref.elem;
  let li = 0;
  let ri = 0;
  while (li < l.length || ri < r.length) {
    if (li < l.length && ri < r.length) {
      const lid = elementId(lpes[li]);
      if (lid === elementId(rpes[ri])) {
        merged.add(lid);
        out.push(merge(schema, elem, liveOf(lid), rItems.get(lid)));
        li++;
        ri++;
        advanceShared();
        continue;
      }
      if (rItems.has(lid) && nextShared !== undefined && nextShared !== lid) {
        li++; // a shared item whose turn has not come
        continue;
      }
    }
    if (li < l.length) {
      const lid = elementId(lpes[li]);
      if (!rItems.has(lid)) {
        out.push(cloneJson(l[li]));
        li++;
        continue;
      } else if (merged.has(lid)) {
        li++;
      }
    }
    if (ri < r.length) {
      const rid = elementId(rpes[ri]);
      merged.add(rid);
      out.push(merge(schema, elem, liveOf(rid), rItems.get(rid)));
      ri++;
      if (nextShared === rid) advanceShared();
    }
  }
  return out;
}
