// PUT (and the common tail of PATCH): compute the stored object of an update from the request's
// object and the current one, inside the write transaction.

import { errors } from '../errors.js';
import { KObject } from '../resources/model.js';
import { deepEqual } from '../machinery/jsonEqual.js';
import { DELETE, Store, StoredObject, TxReader, UNCHANGED } from '../../storage/store.js';
import { admit } from './admit.js';
import { WriteResult, bindNamespace, deletionDeferred } from './create.js';
import { carryOverMeta, specChanged, stampCluster } from './meta.js';
import { trackUpdate } from './managedFields.js';
import { Scope, WriteOptions, decodeBody, fromStorage, objectKey, servedAsStored, toStorage } from './scope.js';
import { hookUpdate } from './writeHooks.js';

/** Subresources whose writes go through update: "" (main resource), status, or a kind's own. */
export type UpdateTarget = string;

function withoutRV(obj: KObject): KObject {
  const { resourceVersion: _rv, ...meta } = obj.metadata ?? {};
  return { ...obj, metadata: meta };
}

/** The current object at the request's version, as a private copy. */
export function currentObject(s: Scope, current: StoredObject): KObject {
  return structuredClone(fromStorage(s.r, current.object));
}

/**
 * The object to store when `obj` (decoded request, or patched object) replaces `old` through
 * `target`; UNCHANGED for a no-op, DELETE when the last finalizer of a deleting object is gone.
 * With `tx` (requests' writes), the installed write hooks see a main-resource update.
 */
export function computeUpdate(s: Scope, obj: KObject, old: KObject, target: UpdateTarget, manager: string, opts: { trackFields?: boolean; tx?: TxReader } = {}): KObject | typeof UNCHANGED | typeof DELETE {
  const oldRV = old.metadata?.resourceVersion;
  const rv = obj.metadata?.resourceVersion;
  if (rv && rv !== oldRV) throw errors.staleResourceVersion(s.r.gr, old.metadata.name);
  if (obj.metadata?.uid && obj.metadata.uid !== old.metadata?.uid) {
    throw errors.conflict(s.r.gr, old.metadata.name, `Precondition failed: UID in precondition: ${obj.metadata.uid}, UID in object meta: ${old.metadata?.uid}`);
  }
  // An unconditional update applies to the current revision (AllowUnconditionalUpdate).
  if (!rv) (obj.metadata ??= {}).resourceVersion = oldRV;
  let next: KObject;
  // A /scale write arrives as a whole object whose replicas changed: update it like the main
  // resource; only its field ownership is recorded against the scale subresource.
  if (target === 'status') {
    next = structuredClone(old);
    if (obj.status === undefined) delete next.status;
    else next.status = obj.status;
    admit(s, next, old, { defaults: false });
  } else if (target && target !== 'scale') {
    const sub = s.r.strategy?.updateSubresource?.(target, obj, old);
    if (!sub) throw errors.pathNotFound();
    next = sub;
    admit(s, next, old, { defaults: false });
  } else {
    next = obj;
    carryOverMeta(next, old);
    if (s.r.status) {
      if (old.status === undefined) delete next.status;
      else next.status = structuredClone(old.status);
    }
    s.r.strategy?.prepareForUpdate?.(next, old);
    if (s.r.generation && specChanged(next, old)) next.metadata.generation = (old.metadata?.generation ?? 0) + 1;
    admit(s, next, old);
    next = hookUpdate(s.cluster, s.r, next, old, opts.tx);
  }
  // Server-side apply has already recorded ownership; every other write is an Update.
  if (opts.trackFields !== false) next = trackUpdate(s, old, next, manager, target);
  stampCluster(next, s.cluster);
  if (deepEqual(withoutRV(next), withoutRV(old))) return UNCHANGED;
  if (next.metadata?.deletionTimestamp && !deletionDeferred(s, next)) return DELETE;
  return next;
}

/** Runs an update whose new object `build(old)` computes inside the write transaction. */
export async function runUpdate(store: Store, s: Scope, name: string, opts: WriteOptions, build: (old: KObject) => KObject | typeof UNCHANGED | typeof DELETE): Promise<KObject> {
  return (await runUpdateServed(store, s, name, opts, build)).object;
}

/** runUpdate, also giving the stored JSON when the response can send it as-is. */
export async function runUpdateServed(store: Store, s: Scope, name: string, opts: WriteOptions, build: (old: KObject, tx: TxReader) => KObject | typeof UNCHANGED | typeof DELETE): Promise<{ object: KObject; json?: string }> {
  const res = await store.mutate({
    key: objectKey(s, name),
    dryRun: opts.dryRun,
    apply(current, tx) {
      if (!current) throw errors.notFound(s.r.gr, name);
      const next = build(currentObject(s, current), tx);
      return next === UNCHANGED || next === DELETE ? next : toStorage(s.r, next);
    },
  });
  return { object: fromStorage(s.r, res.object), json: servedAsStored(s.r) ? res.json : undefined };
}

export async function update(store: Store, s: Scope, name: string, body: unknown, opts: WriteOptions, target: UpdateTarget = ''): Promise<WriteResult> {
  const { obj, warnings } = decodeBody(s, body, opts.fieldValidation, undefined, undefined, undefined, opts.duplicateFields);
  const meta = (obj.metadata ??= {});
  if (meta.name === undefined || meta.name === '') meta.name = name;
  if (meta.name !== name) throw errors.badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
  bindNamespace(s, obj);
  const res = await runUpdateServed(store, s, name, opts, (old, tx) => computeUpdate(s, obj, old, target, opts.fieldManager ?? '', { tx }));
  return { ...res, code: 200, warnings };
}
