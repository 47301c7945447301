// DELETE: remove an object, or start its deferred deletion while finalizers are pending
// (deletionTimestamp set, the object returned), with uid/resourceVersion preconditions.

import { Status, errors } from '../errors.js';
import { KObject } from '../resources/model.js';
import { DELETE, Store, UNCHANGED } from '../../storage/store.js';
import { deletionDeferred } from './create.js';
import { timestamp } from './meta.js';
import { Scope, objectKey, fromStorage, toStorage } from './scope.js';
import { currentObject } from './update.js';

export interface DeleteOptions {
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  preconditions?: { uid?: string; resourceVersion?: string };
  gracePeriodSeconds?: number;
  dryRun: boolean;
}

export type DeleteResult =
  /** The object is gone: a Success Status. */
  | { kind: 'deleted'; status: Status; object: KObject }
  /** Deletion is deferred by finalizers: the object with its deletionTimestamp. */
  | { kind: 'pending'; object: KObject };

function checkPreconditions(s: Scope, name: string, obj: KObject, p: DeleteOptions['preconditions']): void {
  if (p?.uid && p.uid !== obj.metadata?.uid) {
    throw errors.conflict(s.r.gr, name, `Precondition failed: UID in precondition: ${p.uid}, UID in object meta: ${obj.metadata?.uid}`);
  }
  if (p?.resourceVersion && p.resourceVersion !== obj.metadata?.resourceVersion) {
    throw errors.conflict(s.r.gr, name, `Precondition failed: ResourceVersion in precondition: ${p.resourceVersion}, ResourceVersion in object meta: ${obj.metadata?.resourceVersion}`);
  }
}

/** Marks `obj` as being deleted (deletionTimestamp, generation bump, the kind's own mark). */
export function beginDeletion(s: Scope, obj: KObject, now: number): void {
  const meta = obj.metadata;
  meta.deletionTimestamp = timestamp(now);
  meta.deletionGracePeriodSeconds = 0;
  if (meta.generation > 0) meta.generation += 1;
  s.r.strategy?.beginDeletion?.(obj);
}

/** The finalizers the garbage collector acts on (upstream metav1 constants). */
export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

/**
 * The finalizer a propagation policy asks for: Foreground and Orphan hand the object to the
 * garbage collector, which deletes (or releases) its dependents first; Background needs none.
 */
function propagationFinalizer(opts: DeleteOptions): string | undefined {
  if (opts.propagationPolicy === 'Foreground') return FOREGROUND_FINALIZER;
  if (opts.propagationPolicy === 'Orphan') return ORPHAN_FINALIZER;
  return undefined;
}

export async function remove(store: Store, s: Scope, name: string, opts: DeleteOptions): Promise<DeleteResult> {
  const now = Date.now();
  const gcFinalizer = propagationFinalizer(opts);
  const res = await store.mutate({
    key: objectKey(s, name),
    dryRun: opts.dryRun,
    apply(current) {
      if (!current) throw errors.notFound(s.r.gr, name);
      const obj = currentObject(s, current);
      checkPreconditions(s, name, obj, opts.preconditions);
      const finalizers: string[] = obj.metadata.finalizers ?? [];
      if (gcFinalizer && !finalizers.includes(gcFinalizer)) {
        // Upstream swaps orphan and foreground when a later delete asks for the other policy.
        const other = gcFinalizer === FOREGROUND_FINALIZER ? ORPHAN_FINALIZER : FOREGROUND_FINALIZER;
        obj.metadata.finalizers = [...finalizers.filter((f) => f !== other), gcFinalizer];
      }
      if (!deletionDeferred(s, obj)) return DELETE;
      if (obj.metadata.deletionTimestamp) return gcFinalizer && !finalizers.includes(gcFinalizer) ? toStorage(s.r, obj) : UNCHANGED;
      beginDeletion(s, obj, now);
      return toStorage(s.r, obj);
    },
  });
  const object = fromStorage(s.r, res.object);
  if (res.type === 'DELETED' || (opts.dryRun && !deletionDeferred(s, object))) {
    return {
      kind: 'deleted',
      object,
      status: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Success',
        details: { name, group: s.r.group, kind: s.r.plural, uid: object.metadata?.uid },
      },
    };
  }
  return { kind: 'pending', object };
}
