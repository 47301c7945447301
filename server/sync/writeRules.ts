// What a syncer may do to a workspace object through its view, decided inside the write
// transaction: its `sync` permission on the SyncTarget is its only authority in tenant workspaces
// (no RBAC there), so the view must bound it. On an object placed on its target it may
//   - write the status subresource (any change: status is what it reports back);
//   - on the object itself: remove its own finalizer, and set, change or remove its own condition
//     annotation. Anything else (spec, labels, other finalizers or annotations) is refused.
// managedFields and resourceVersion are bookkeeping the write itself changes, so they are ignored.

import { GroupResource, errors } from '../../apis/errors.js';
import { deepEqual } from '../../apis/machinery/jsonEqual.js';
import { SYNC_STATE, stateLabel, syncConditionAnnotation, syncerFinalizer } from '../../apis/sync/contract.js';
import { DELETE, JsonObject, Store, UNCHANGED } from '../../storage/store.js';
import { guardedStore } from './guardedStore.js';

/** True when `obj` carries the target's state label (value Sync): what lists and watches serve. */
export function isPlaced(obj: JsonObject | undefined, key: string): boolean {
  return obj?.metadata?.labels?.[stateLabel(key)] === SYNC_STATE;
}

/**
 * True when the target's syncer may read and write `obj`: placed, or still holding the target's
 * finalizer (an unplaced object the agent has yet to release).
 */
export function isSyncerVisible(obj: JsonObject | undefined, key: string): boolean {
  if (isPlaced(obj, key)) return true;
  const f = obj?.metadata?.finalizers;
  return Array.isArray(f) && f.includes(syncerFinalizer(key));
}

const IGNORED_META = new Set(['resourceVersion', 'managedFields', 'finalizers', 'annotations']);

function finalizers(obj: JsonObject): unknown[] {
  return Array.isArray(obj.metadata?.finalizers) ? obj.metadata.finalizers : [];
}

/**
 * The fields a write of the object itself changes beyond what the syncer of `key` may change
 * (empty when allowed). `next` is what the write would store, DELETE when it releases the last
 * finalizer of a deleting object, UNCHANGED for a no-op.
 */
export function refusedChanges(old: JsonObject, next: JsonObject | typeof DELETE | typeof UNCHANGED, key: string): string[] {
  if (next === UNCHANGED) return [];
  const ours = syncerFinalizer(key);
  const oldFinalizers = finalizers(old);
  const withoutOurs = oldFinalizers.filter((f) => f !== ours);
  // The object goes only because the last finalizer went: that must have been ours alone.
  if (next === DELETE) return withoutOurs.length === 0 ? [] : ['metadata.finalizers'];
  const refused: string[] = [];
  const nextFinalizers = finalizers(next);
  if (!deepEqual(nextFinalizers, oldFinalizers) && !deepEqual(nextFinalizers, withoutOurs)) refused.push('metadata.finalizers');
  const condition = syncConditionAnnotation(key);
  const oldAnn: JsonObject = old.metadata?.annotations ?? {};
  const nextAnn: JsonObject = next.metadata?.annotations ?? {};
  for (const a of new Set([...Object.keys(oldAnn), ...Object.keys(nextAnn)])) {
    if (a !== condition && !deepEqual(oldAnn[a], nextAnn[a])) refused.push(`metadata.annotations[${a}]`);
  }
  const oldMeta: JsonObject = old.metadata ?? {};
  const nextMeta: JsonObject = next.metadata ?? {};
  for (const f of new Set([...Object.keys(oldMeta), ...Object.keys(nextMeta)])) {
    if (!IGNORED_META.has(f) && !deepEqual(oldMeta[f], nextMeta[f])) refused.push(`metadata.${f}`);
  }
  for (const f of new Set([...Object.keys(old), ...Object.keys(next)])) {
    if (f !== 'metadata' && !deepEqual(old[f], next[f])) refused.push(f);
  }
  return refused;
}

export type WriteTarget = 'object' | 'status';

/**
 * The store a view write goes through: the generic registry write paths run unchanged, and every
 * mutation is checked against the current object in its transaction (placed on the target, and
 * for writes of the object itself only the allowed changes).
 */
export function syncerGuardedStore(store: Store, key: string, gr: GroupResource, what: WriteTarget): Store {
  return guardedStore(store, {
    before(current, m) {
      if (!current || !isSyncerVisible(current.object, key)) throw errors.notFound(gr, m.key.name);
    },
    after(current, next, _tx, m) {
      if (what !== 'object') return;
      const refused = refusedChanges(current!.object, next, key);
      if (refused.length) {
        throw errors.forbidden(
          gr,
          m.key.name,
          `the syncer of target ${key} may only remove its finalizer "${syncerFinalizer(key)}" and set its annotation "${syncConditionAnnotation(key)}" (status goes to the status subresource); refused changes: ${refused.join(', ')}`,
        );
      }
    },
  });
}
