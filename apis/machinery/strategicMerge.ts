// Strategic merge patch (`application/strategic-merge-patch+json`), applied as kube-apiserver 1.34
// applies it (apimachinery pkg/util/strategicpatch, server side: parallel lists merged, unmatched
// nulls ignored), with patch strategies and merge keys from the catalogue.
//
//   - objects merge key by key; `null` deletes a key; a value of another type replaces;
//   - lists whose field has patchStrategy "merge" merge: items with a merge key by that key
//     (recursively), primitives as a set without duplicates; other lists are replaced;
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
import { goSprintV, goTypeName } from './goFormat.js';
import { cloneJson, isJsonObject, setOwn } from './jsonEqual.js';
import {
  DELETE,
  DIRECTIVE,
  errBadArgType,
  errBadPatchFormatForPrimitiveList,
  errBadPatchFormatForRetainKeys,
  errBadPatchFormatForSetElementOrderList,
  errBadPatchType,
  errNoListOfLists,
  errNoMergeKey,
  fail,
  findByKey,
  own,
  type JMap,
} from './strategicMergeErrors.js';
import { normalizeElementOrder, partitionMaps, partitionPrimitives, validateAgainstOrder } from './strategicMergeOrder.js';
import { PatchSchema, PatchSchemaLookup, PatchMeta } from './strategicMergeSchema.js';

const REPLACE = 'replace';
const MERGE = 'merge';
const RETAIN_KEYS = 'retainKeys';
const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

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
    let serverOrder = original;
    let items = patch;
    if (elementType !== 'map') {
      if (isDeleteList) return deleteFromSlice(original, patch);
      merged = deduplicateScalars([...original, ...patch]);
    } else {
      if (!mergeKey) throw fail(`cannot merge lists without merge key for ${schema ? 'struct' : 'map'}`);
      const special = applySpecialItems(original, patch, mergeKey);
      if (special.replacement) {
        serverOrder = special.replacement;
        items = [];
        merged = special.replacement;
      } else {
        serverOrder = original.slice(0, special.length);
        items = special.plain;
        merged = this.mergeItems(original, special.length, items, mergeKey, schema);
      }
    }
    const [patchItems, serverOnly] = mergeKey ? partitionMaps(merged, items, mergeKey) : partitionPrimitives(merged, items);
    return normalizeElementOrder(patchItems, serverOnly, items, serverOrder, mergeKey, elementType);
  }

  /**
   * Merges patch items into the items with the same merge key; appends new ones. Like upstream,
   * `backing` holds the first `length` items and new items are written into its free tail (the
   * places deleted items left) before a new array is needed: a caller still holding the
   * original list sees them there, which decides how $setElementOrder places server-only items.
   */
  private mergeItems(backing: unknown[], length: number, patch: unknown[], mergeKey: string, schema: PatchSchema): unknown[] {
    let arr = backing;
    let len = length;
    for (const v of patch) {
      const item = v as JMap;
      if (!own(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
      const found = findByKey(arr.slice(0, len), mergeKey, item[mergeKey]);
      if (found) {
        arr[found.index] = this.mergeMap(found.map, item, schema);
      } else {
        if (len >= arr.length) arr = arr.slice(0, len);
        arr[len++] = item;
      }
    }
    return arr.slice(0, len);
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

/**
 * `$patch: delete` items remove their match; a `$patch: replace` item replaces the list. Like
 * upstream, deletions shift the remaining items left inside `original` itself; `length` is how
 * many items remain at its start.
 */
function applySpecialItems(original: unknown[], patch: unknown[], mergeKey: string): { length: number; plain: unknown[]; replacement?: unknown[] } {
  const plain: unknown[] = [];
  let replace = false;
  let len = original.length;
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
      for (let found = findByKey(original.slice(0, len), mergeKey, value); found; found = findByKey(original.slice(0, len), mergeKey, value)) {
        original.copyWithin(found.index, found.index + 1, len);
        len--;
      }
    } else if (directive === REPLACE) {
      replace = true;
    } else if (directive === MERGE) {
      throw fail('merging lists cannot yet be specified in the patch');
    } else {
      throw errBadPatchType(directive, item);
    }
  }
  return replace ? { length: len, plain: [], replacement: plain } : { length: len, plain };
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
    // A stack overflow is the document's depth, for the caller to report as such.
    if (e instanceof PatchError || e instanceof RangeError) throw e;
    throw patchErrors.unclassified((e as Error).message);
  }
}
