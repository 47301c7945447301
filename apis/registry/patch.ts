// PATCH: apply a JSON patch, JSON merge patch or strategic merge patch to the current object
// inside the write transaction, then treat the result as an update.

import { errors } from '../errors.js';
import { applyJsonPatch } from '../machinery/jsonPatch.js';
import { applyMergePatch } from '../machinery/mergePatch.js';
import { strategicMergePatch } from '../machinery/strategicMerge.js';
import { KObject } from '../resources/model.js';
import { Store } from '../../storage/store.js';
import { WriteResult } from './create.js';
import { Scope, WriteOptions, decodeBody } from './scope.js';
import { UpdateTarget, computeUpdate, runUpdateServed } from './update.js';

export type PatchKind = 'json' | 'merge' | 'strategic';

/**
 * Runs recursive patch code on a request's document: JSON up to 10,000 levels deep is accepted
 * (Go's limit), deeper than JavaScript's stack allows for the merge walks, so an overflow is the
 * request's fault (400), not the server's.
 */
function withinStack<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) throw errors.badRequest('the patch is nested too deeply to be applied');
    throw e;
  }
}

export const PATCH_TYPES_BUILTIN = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];

/** Applies a decoded patch body to a private copy of `old`. */
export function applyPatchBody(s: Scope, kind: PatchKind, old: KObject, patch: unknown): unknown {
  switch (kind) {
    case 'json':
      return applyJsonPatch(old, patch);
    case 'merge':
      return applyMergePatch(old, patch);
    case 'strategic':
      if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
        throw errors.badRequest(`json: cannot unmarshal ${Array.isArray(patch) ? 'array' : typeof patch} into Go value of type map[string]interface {}`);
      }
      return strategicMergePatch(old, patch as KObject, s.r.type, s.catalogue.types);
  }
}

export async function patch(store: Store, s: Scope, name: string, kind: PatchKind, body: unknown, opts: WriteOptions, target: UpdateTarget = ''): Promise<WriteResult> {
  if (kind === 'strategic' && s.catalogue.isCustom(s.r)) {
    throw errors.unsupportedMediaType(PATCH_TYPES_BUILTIN.filter((t) => !t.startsWith('application/strategic')));
  }
  let warnings: string[] = [];
  const res = await runUpdateServed(store, s, name, opts, (old, tx) => {
    const patched = withinStack(() => applyPatchBody(s, kind, old, body));
    const decoded = decodeBody(s, patched, opts.fieldValidation);
    warnings = decoded.warnings;
    const obj = decoded.obj;
    const meta = (obj.metadata ??= {});
    if (meta.name !== name) throw errors.badRequest(`the name of the object (${meta.name ?? ''}) does not match the name on the URL (${name})`);
    if (s.r.namespaced && meta.namespace !== s.namespace) {
      throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    // A patch that leaves resourceVersion untouched is unconditional; one that changes it is a precondition.
    return computeUpdate(s, obj, old, target, opts.fieldManager ?? '', { tx });
  });
  return { ...res, code: 200, warnings };
}
