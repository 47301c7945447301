// Strategic merge patch (`application/strategic-merge-patch+json`), applied as kube-apiserver 1.34
// applies it (apimachinery pkg/util/strategicpatch, server side: parallel lists merged, unmatched
// nulls ignored), with patch strategies and merge keys from the catalogue.
//
//   - objects merge key by key; `null` deletes a key; a value of another type replaces;
//   - lists whose field has patchStrategy "merge" merge: items with a merge key by that key
//     (recursively), primitives as a set (original order, then new ones); other lists are replaced;
//   - directives: `$patch: replace | delete` on an object, `$patch: replace | delete` items in a
//     merging list, `$retainKeys`, `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>`;
//   - fields with patchStrategy "replace" are replaced whole;
//   - the merged list is ordered as upstream orders it: patch items in patch (or
//     $setElementOrder) order, items only on the server interleaved by their original order.
//
// Errors are PatchError with upstream's status: 400 for malformed directives, 422 for lists of
// lists, and otherwise 500 without a reason carrying upstream's text (kube-apiserver does not
// classify those; kubectl prints "Error from server: map: map[...] does not contain declared
// merge key: name").

import type { TypeRegistry } from '../schema/registry.js';
import { patchErrors, PatchError } from './errors.js';
import { goSprintS, goSprintV, goTypeName } from './goFormat.js';
import { cloneJson, deepEqual, isJsonObject, setOwn } from './jsonEqual.js';
import { PatchSchema, PatchSchemaLookup, PatchMeta } from './strategicMergeSchema.js';

type JMap = Record<string, unknown>;

const DIRECTIVE = '$patch';
const DELETE = 'delete';
const REPLACE = 'replace';
const MERGE = 'merge';
const RETAIN_KEYS = 'retainKeys';
const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

// ---- upstream's error texts (pkg/util/mergepatch/errors.go) ------------------------------------

const errBadPatchFormatForPrimitiveList = () => patchErrors.badRequest('invalid patch format of primitive list');
const errBadPatchFormatForRetainKeys = () => patchErrors.badRequest('invalid patch format of retainKeys');
const errBadPatchFormatForSetElementOrderList = () => patchErrors.badRequest('invalid patch format of setElementOrder list');
const errNoListOfLists = () => patchErrors.rejected('lists of lists are not supported');
const fail = (message: string) => patchErrors.unclassified(message);
const errNoMergeKey = (m: unknown, key: string) => fail(`map: ${goSprintV(m)} does not contain declared merge key: ${key}`);
const errBadArgType = (expected: 'map' | 'slice', actual: unknown) =>
  fail(`expected a ${expected === 'map' ? 'map[string]interface {}' : '[]interface {}'}, but received a ${goTypeName(actual)}`);
const errBadPatchType = (t: unknown, m: unknown) => fail(`unknown patch type: ${goSprintS(t)} in map: ${goSprintV(m)}`);

const own = (o: JMap, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Go's == on two JSON-decoded values (maps and slices, which Go cannot compare, compare deeply). */
const same = (a: unknown, b: unknown) => (typeof a === 'object' && a !== null ? deepEqual(a, b) : a === b);

// ---- the merge ------------------------------------------------------------------------------

class Merger {
  constructor(private readonly lookup: PatchSchemaLookup) {}

  mergeMap(original: JMap | null, patch: JMap, schema: PatchSchema): JMap {
    if (own(patch, DIRECTIVE)) return this.directiveInMap(patch[DIRECTIVE], patch);
    const orig: JMap = original ?? {};
    applyRetainKeys(orig, patch);
    this.mergeOrderedLists(orig, patch, schema);

    for (const patchKey of Object.keys(patch)) {
      const patchV = patch[patchKey];
      let key = patchKey;
      let isDeleteList = false;
      if (patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
        key = extractKey(patchKey, DELETE_FROM_PRIMITIVE_LIST);
        isDeleteList = true;
      }
      if (patchV === null) {
        delete orig[key];
        continue;
      }
      if (!own(orig, key) || goTypeName(orig[key]) !== goTypeName(patchV)) {
        if (!isDeleteList) {
          discardNulls(patchV);
          setOrDelete(orig, key, patchV);
        }
        continue;
      }
      const cur = orig[key];
      if (isJsonObject(cur)) {
        const { schema: sub, meta } = this.lookup.forMap(schema, key);
        const strategy = otherStrategy(meta);
        setOwn(orig, key, strategy === REPLACE ? patchV : this.mergeMap(cur, patchV as JMap, sub));
      } else if (Array.isArray(cur)) {
        const { schema: sub, meta } = this.lookup.forSlice(schema, key);
        setOwn(orig, key, this.mergeSliceHandler(cur, patchV as unknown[], sub, meta, isDeleteList));
      } else {
        setOrDelete(orig, key, patchV);
      }
    }
    return orig;
  }

  private directiveInMap(directive: unknown, patch: JMap): JMap {
    if (directive === REPLACE) {
      delete patch[DIRECTIVE];
      return patch;
    }
    if (directive === DELETE) return {};
    throw errBadPatchType(directive, patch);
  }

  private mergeSliceHandler(original: unknown[], patch: unknown[], schema: PatchSchema, meta: PatchMeta, isDeleteList: boolean): unknown[] {
    const strategy = otherStrategy(meta);
    if (strategy === MERGE || isDeleteList) return this.mergeSlice(original, patch, schema, meta.mergeKey, isDeleteList);
    return patch;
  }

  private mergeSlice(original: unknown[], patch: unknown[], schema: PatchSchema, mergeKey: string, isDeleteList: boolean): unknown[] {
    if (original.length === 0 && patch.length === 0) return original;
    const elementType = sliceElementType(original, patch);
    let merged: unknown[];
    let orig = original;
    let items = patch;
    if (elementType !== 'map') {
      if (isDeleteList) return deleteFromSlice(original, patch);
      merged = deduplicateScalars([...original, ...patch]);
    } else {
      if (!mergeKey) throw fail(`cannot merge lists without merge key for ${schema ? 'struct' : 'map'}`);
      [orig, items] = applySpecialItems(original, patch, mergeKey);
      merged = this.mergeItems([...orig], items, mergeKey, schema);
    }
    const [patchItems, serverOnly] = mergeKey ? partitionMaps(merged, items, mergeKey) : partitionPrimitives(merged, items);
    return normalizeElementOrder(patchItems, serverOnly, items, orig, mergeKey, elementType);
  }

  /** Merges patch items into the original items with the same merge key; appends new ones. */
  private mergeItems(original: unknown[], patch: unknown[], mergeKey: string, schema: PatchSchema): unknown[] {
    for (const v of patch) {
      const item = v as JMap;
      if (!own(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
      const found = findByKey(original, mergeKey, item[mergeKey]);
      if (found) original[found.index] = this.mergeMap(found.map, item, schema);
      else original.push(item);
    }
    return original;
  }

  /**
   * $setElementOrder/<list>: merges the list now and orders it by the directive; items the
   * directive does not mention keep their place relative to the original order.
   */
  private mergeOrderedLists(original: JMap, patch: JMap, schema: PatchSchema): void {
    for (const key of Object.keys(patch)) {
      if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
      const order = patch[key];
      delete patch[key];
      if (!Array.isArray(order)) throw errBadArgType('slice', order);
      const listKey = extractKey(key, SET_ELEMENT_ORDER);
      const foundOriginal = own(original, listKey);
      const foundPatch = own(patch, listKey);
      const originalList = foundOriginal ? original[listKey] : undefined;
      const patchList = foundPatch ? patch[listKey] : undefined;
      if (foundOriginal && !Array.isArray(originalList)) throw errBadArgType('slice', originalList);
      if (foundPatch && !Array.isArray(patchList)) throw errBadArgType('slice', patchList);
      const { schema: sub, meta } = this.lookup.forSlice(schema, listKey);
      otherStrategy(meta);
      validateAgainstOrder((patchList as unknown[]) ?? [], order, meta.mergeKey);

      let merged: unknown[];
      if (foundOriginal && !foundPatch) merged = originalList as unknown[];
      else if (!foundOriginal && foundPatch) merged = removeDirectives(patchList).value as unknown[];
      else if (foundOriginal && foundPatch) merged = this.mergeSliceHandler(originalList as unknown[], patchList as unknown[], sub, meta, false);
      else continue;

      const [inOrder, serverOnly] = meta.mergeKey ? partitionMaps(merged, order, meta.mergeKey) : partitionPrimitives(merged, order);
      const elementType = sliceElementType((originalList as unknown[]) ?? [], (patchList as unknown[]) ?? []);
      setOwn(original, listKey, normalizeElementOrder(inOrder, serverOnly, order, (originalList as unknown[]) ?? [], meta.mergeKey, elementType));
      delete patch[listKey];
    }
  }
}

// ---- directives and helpers -------------------------------------------------------------------

/** extractRetainKeysPatchStrategy: the strategy besides retainKeys ("", "merge" or "replace"). */
function otherStrategy(meta: PatchMeta): string {
  const s = meta.strategies;
  if (s.length === 0) return '';
  if (s.length === 1) return s[0] === RETAIN_KEYS ? '' : s[0];
  if (s.length === 2 && s[0] === RETAIN_KEYS) return s[1];
  if (s.length === 2 && s[1] === RETAIN_KEYS) return s[0];
  throw fail(`unexpected patch strategy: [${s.join(' ')}]`);
}

/** "$setElementOrder/containers" → "containers". */
function extractKey(key: string, prefix: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    throw prefix === DELETE_FROM_PRIMITIVE_LIST ? errBadPatchFormatForPrimitiveList() : errBadPatchFormatForSetElementOrderList();
  }
  return key.slice(slash + 1);
}

/** $retainKeys: drops original keys not listed; every non-null patch key must be listed. */
function applyRetainKeys(original: JMap, patch: JMap): void {
  if (!own(patch, RETAIN_KEYS_DIRECTIVE)) return;
  const list = patch[RETAIN_KEYS_DIRECTIVE];
  delete patch[RETAIN_KEYS_DIRECTIVE];
  if (!Array.isArray(list)) throw errBadPatchFormatForRetainKeys();
  const keep = new Set(list);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw errBadPatchFormatForRetainKeys();
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/** removeDirectives: drops objects carrying `$patch` (and list items that are such objects). */
function removeDirectives(v: unknown): { value: unknown; keep: boolean } {
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) {
      const r = removeDirectives(x);
      if (r.keep) out.push(r.value);
    }
    return { value: out, keep: true };
  }
  if (isJsonObject(v)) {
    if (own(v, DIRECTIVE)) return { value: null, keep: false };
    for (const k of Object.keys(v)) {
      const r = removeDirectives(v[k]);
      if (r.keep) setOwn(v, k, r.value);
      else delete v[k];
    }
  }
  return { value: v, keep: true };
}

function setOrDelete(obj: JMap, key: string, patchV: unknown): void {
  const r = removeDirectives(patchV);
  if (r.keep) setOwn(obj, key, r.value);
  else delete obj[key];
}

/** discardNullValuesFromPatch: null members go, at every depth. */
function discardNulls(v: unknown): void {
  if (Array.isArray(v)) for (const x of v) discardNulls(x);
  else if (isJsonObject(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNulls(v[k]);
    }
  }
}

/** The Go type shared by every item of the lists ("map" for objects); errors as upstream. */
function sliceElementType(...lists: unknown[][]): string {
  let prev: string | undefined;
  for (const list of lists) {
    for (const v of list) {
      const t = Array.isArray(v) ? 'slice' : isJsonObject(v) ? 'map' : goTypeName(v);
      if (prev === undefined) {
        prev = t;
        if (t === 'slice') throw errNoListOfLists();
      } else if (prev !== t) {
        throw fail(`list element types are not identical: ${goSprintV(lists)}`);
      }
    }
  }
  if (prev === undefined) throw fail('no elements in any of the given slices');
  return prev;
}

/** deduplicateScalars, including its habit of moving the last item into a duplicate's place. */
function deduplicateScalars(s: unknown[]): unknown[] {
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

function deleteFromSlice(current: unknown[], toDelete: unknown[]): unknown[] {
  const gone = new Set(toDelete);
  return current.filter((v) => !gone.has(v));
}

function findByKey(list: unknown[], key: string, value: unknown): { map: JMap; index: number } | undefined {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!isJsonObject(v)) throw fail(`value for key ${i} is not a map`);
    if (own(v, key) && same(v[key], value)) return { map: v, index: i };
  }
  return undefined;
}

/** `$patch: delete` items remove their match; a `$patch: replace` item replaces the list. */
function applySpecialItems(original: unknown[], patch: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const plain: unknown[] = [];
  let replace = false;
  let orig = original;
  for (const v of patch) {
    const item = v as JMap;
    if (!own(item, DIRECTIVE)) {
      plain.push(item);
      continue;
    }
    const directive = item[DIRECTIVE];
    if (directive === DELETE) {
      if (!own(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
      const value = item[mergeKey];
      for (let found = findByKey(orig, mergeKey, value); found; found = findByKey(orig, mergeKey, value)) {
        orig = [...orig.slice(0, found.index), ...orig.slice(found.index + 1)];
      }
    } else if (directive === REPLACE) {
      replace = true;
    } else if (directive === MERGE) {
      throw fail('merging lists cannot yet be specified in the patch');
    } else {
      throw errBadPatchType(directive, item);
    }
  }
  return replace ? [plain, []] : [orig, plain];
}

function partitionPrimitives(list: unknown[], by: unknown[]): [unknown[], unknown[]] {
  const present = new Set(by);
  return [list.filter((v) => present.has(v)), list.filter((v) => !present.has(v))];
}

function partitionMaps(list: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
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
function validateAgainstOrder(patchList: unknown[], order: unknown[], mergeKey: string): void {
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
function extractToDelete(list: unknown[]): [unknown[], unknown[]] {
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
function normalizeElementOrder(
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

// ---- entry point ----------------------------------------------------------------------------

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/**
 * Applies a strategic merge patch to `original` (neither is modified) and returns the result.
 * `typeId` is the catalogue type of the object ("apps/v1:Deployment"); without it (or without a
 * registry) every list is replaced and every object merged. Throws PatchError.
 */
export function strategicMergePatch(original: unknown, patch: unknown, typeId?: string, registry?: TypeRegistry): JMap {
  if (patch !== null && patch !== undefined && !isJsonObject(patch)) {
    throw patchErrors.badRequest(`json: cannot unmarshal ${jsonKind(patch)} into Go value of type map[string]interface {}`);
  }
  if (original !== null && original !== undefined && !isJsonObject(original)) throw patchErrors.badRequest('invalid JSON document');
  const lookup = new PatchSchemaLookup(registry);
  const merger = new Merger(lookup);
  try {
    return merger.mergeMap(cloneJson((original ?? {}) as JMap), cloneJson((patch ?? {}) as JMap), lookup.root(typeId));
  } catch (e) {
    if (e instanceof PatchError) throw e;
    throw patchErrors.unclassified((e as Error).message);
  }
}
