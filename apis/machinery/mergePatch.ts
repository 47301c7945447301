// JSON merge patch, RFC 7386 (`application/merge-patch+json`: kubectl label/annotate/scale,
// `patch --type merge`, client-side apply of custom resources).
//
// mergePatch() is the RFC algorithm. applyMergePatch() is what kube-apiserver does with a request
// body (evanphx/json-patch v4 MergePatch): the same merge, plus its edges:
//   - a `null` or scalar patch is rejected: 400 BadRequest "Invalid JSON Patch";
//   - an array patch replaces the whole document;
//   - a value set where nothing (or null) was before, or replacing a non-object, has its null
//     members removed at every depth, including inside objects in arrays (null array elements
//     stay); an array replacing an object is taken as is.
// Neither function modifies its arguments.

import { patchErrors } from './errors.js';
import { cloneJson, isJsonObject, setOwn } from './jsonEqual.js';

/** RFC 7386 MergePatch(target, patch). */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return cloneJson(patch);
  const result: Record<string, unknown> = isJsonObject(target) ? cloneJson(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete result[k];
    else setOwn(result, k, mergePatch(Object.prototype.hasOwnProperty.call(result, k) ? result[k] : undefined, v));
  }
  return result;
}

/** Removes null members of objects, recursively (also in objects inside arrays). */
function pruneNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (x === null ? null : pruneNulls(x)));
  if (isJsonObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) setOwn(out, k, pruneNulls(x));
    return out;
  }
  return v;
}

function mergeValue(cur: unknown, patch: unknown): unknown {
  if (!isJsonObject(cur)) return pruneNulls(patch);
  if (!isJsonObject(patch)) return cloneJson(patch);
  mergeInto(cur, patch);
  return cur;
}

function mergeInto(doc: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete doc[k];
      continue;
    }
    const cur = Object.prototype.hasOwnProperty.call(doc, k) ? doc[k] : undefined;
    setOwn(doc, k, cur === undefined || cur === null ? pruneNulls(v) : mergeValue(cur, v));
  }
}

/**
 * Applies a merge patch request body to `original` as kube-apiserver does. Throws PatchError
 * (400 "Invalid JSON Patch") for a null or scalar patch.
 */
export function applyMergePatch(original: unknown, patch: unknown): unknown {
  if (Array.isArray(patch)) return pruneNulls(patch);
  if (!isJsonObject(patch)) throw patchErrors.badRequest('Invalid JSON Patch');
  if (!isJsonObject(original)) return pruneNulls(patch);
  const doc = cloneJson(original);
  mergeInto(doc, patch);
  return doc;
}
