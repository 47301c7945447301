// How strategic merge patch orders a merged list, as upstream does (normalizeElementOrder,
// mergeSortedSlice): patch items in patch (or $setElementOrder) order, items only on the server
// in server order, each server-only item placed before the first patch item that follows it in
// the server order.

import { goSprintV } from './goFormat.js';
import { isJsonObject } from './jsonEqual.js';
import { DELETE, DIRECTIVE, errBadArgType, errNoMergeKey, fail, findByKey, own, same } from './strategicMergeErrors.js';

const SET_ELEMENT_ORDER = '$setElementOrder';

export function partitionPrimitives(list: unknown[], by: unknown[]): [unknown[], unknown[]] {
  const present = new Set(by);
  return [list.filter((v) => present.has(v)), list.filter((v) => !present.has(v))];
}

export function partitionMaps(list: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const inBy: unknown[] = [];
  const rest: unknown[] = [];
  for (const v of list) {
    if (!isJsonObject(v)) throw errBadArgType('map', v);
    if (!own(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
    (findByKey(by, mergeKey, v[mergeKey]) ? inBy : rest).push(v);
  }
  return [inBy, rest];
}

/** validatePatchWithSetOrderList: patch items must appear in $setElementOrder, in its order. */
export function validateAgainstOrder(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey ? extractToDelete(patchList)[0] : patchList;
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    const item = items[p];
    if (isJsonObject(item) && own(item, DIRECTIVE)) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(item, order[o], mergeKey)) p++;
    o++;
  }
  if (p < items.length && o >= order.length) {
    throw fail(`The order in patch list:\n${goSprintV(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goSprintV(order)}\n`);
  }
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (!mergeKey) return same(left, right);
  if (!isJsonObject(left)) throw errBadArgType('map', left);
  if (!isJsonObject(right)) throw errBadArgType('map', right);
  if (!own(left, mergeKey)) throw errNoMergeKey(left, mergeKey);
  if (!own(right, mergeKey)) throw errNoMergeKey(right, mergeKey);
  return same(left[mergeKey], right[mergeKey]);
}

/** Splits off items carrying `$patch: delete`. */
export function extractToDelete(list: unknown[]): [unknown[], unknown[]] {
  const keep: unknown[] = [];
  const del: unknown[] = [];
  for (const v of list) {
    if (!isJsonObject(v)) throw errBadArgType('map', v);
    (own(v, DIRECTIVE) && v[DIRECTIVE] === DELETE ? del : keep).push(v);
  }
  return [keep, del];
}

/** Position of an item (by merge key value for objects) in `list`, or -1. */
function indexIn(list: unknown[], item: unknown, mergeKey: string, elementType: string): number {
  const key = (x: unknown) => (elementType === 'map' ? (isJsonObject(x) && own(x, mergeKey) ? x[mergeKey] : null) : x);
  const wanted = key(item);
  return list.findIndex((x) => same(key(x), wanted));
}

/** normalizeSliceOrder: stable sort by position in `order`; `$patch: delete` items last. */
function sortByOrder(items: unknown[], order: unknown[], mergeKey: string, elementType: string): unknown[] {
  let toSort = items;
  let toDelete: unknown[] = [];
  if (elementType === 'map') {
    for (const list of [items, order]) {
      for (const v of list) {
        if (!isJsonObject(v)) throw errBadArgType('map', v);
        if (!own(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
      }
    }
    [toSort, toDelete] = extractToDelete(items);
  }
  const positioned = toSort.map((v, i) => ({ v, i, at: indexIn(order, v, mergeKey, elementType) }));
  positioned.sort((a, b) => (a.at >= 0 && b.at >= 0 ? a.at - b.at : 0) || a.i - b.i);
  return [...positioned.map((x) => x.v), ...toDelete];
}

/**
 * normalizeElementOrder + mergeSortedSlice: patch items in patch order, server-only items in
 * server order, each server-only item placed before the first patch item that comes after it
 * in the server order.
 */
export function normalizeElementOrder(
  patchItems: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  elementType: string,
): unknown[] {
  const right = sortByOrder(patchItems, patchOrder, mergeKey, elementType);
  const left = sortByOrder(serverOnly, serverOrder, mergeKey, elementType);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, elementType);
      const ri = indexIn(serverOrder, right[j], mergeKey, elementType);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}
