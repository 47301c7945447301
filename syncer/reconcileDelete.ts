// Deletion of a workspace object (deletionTimestamp set, or gone from the view: deleted or
// unplaced): under the namespace's deletion policy Delete the member copy is deleted (Background)
// and the agent waits until it is gone; under Orphan the copy stays and loses our managed-by
// label. Only then is the target's finalizer released upstream, through the view.

import { MANAGED_BY_LABEL, syncerFinalizer } from '../apis/sync/contract.js';
import { KObject, isConflict, isNotFound, ApiError } from './client.js';
import { AgentContext, RetryLater, isOurs, memberObjectPath, viewObjectPath } from './context.js';
import { DeletionPolicy, ObjectRef, recordKey } from './inventory.js';
import { hasOurFinalizer } from './reconcileApply.js';
import { CRDS, SyncedResource } from './resources.js';

/** Poll interval while the member finishes deleting a copy. */
const DELETE_WAIT_MS = 1_000;

/**
 * Removes the target's finalizer from a workspace object through the view. `seen` is the object as
 * last seen (its finalizer list makes a JSON patch with a test); without it the object is read.
 */
export async function releaseFinalizer(ctx: AgentContext, r: SyncedResource, ref: ObjectRef, seen: KObject | undefined): Promise<void> {
  const ours = syncerFinalizer(ctx.target.key);
  const path = viewObjectPath(ctx, r, ref);
  let obj = seen;
  for (let attempt = 0; attempt < 5; attempt++) {
    obj ??= await ctx.hub.get(path);
    if (!obj) return;
    const finalizers: string[] = obj.metadata?.finalizers ?? [];
    const i = finalizers.indexOf(ours);
    if (i < 0) return;
    try {
      // The test makes the removal exact even when other finalizers come and go meanwhile.
      await ctx.hub.jsonPatch(path, [
        { op: 'test', path: `/metadata/finalizers/${i}`, value: ours },
        { op: 'remove', path: `/metadata/finalizers/${i}` },
      ]);
      return;
    } catch (e) {
      if (isNotFound(e)) return;
      if (!(isConflict(e) || (e instanceof ApiError && e.status === 422))) throw e;
      obj = undefined; // stale view of the list: read it again
    }
  }
  throw new Error(`could not release finalizer ${ours} of ${ref.cluster}/${ref.namespace}/${ref.name}`);
}

/**
 * Deletes (or orphans) the member copy; resolves once it is gone (or orphaned), RetryLater while
 * it goes. True when there was a copy of ours to remove.
 */
export async function removeMemberCopy(ctx: AgentContext, r: SyncedResource, ref: ObjectRef, policy: DeletionPolicy): Promise<boolean> {
  const path = memberObjectPath(ctx, r, ref);
  const existing = await ctx.member.get(path);
  if (!existing || !isOurs(ctx, existing)) return false; // gone, or never ours: nothing to remove
  if (policy === 'Orphan') {
    await ctx.member.mergePatch(path, { metadata: { labels: { [MANAGED_BY_LABEL]: null } } });
    return true;
  }
  if (!existing.metadata?.deletionTimestamp) await ctx.member.delete(path);
  if (await ctx.member.get(path)) throw new RetryLater(DELETE_WAIT_MS, 'waiting for the member to delete the copy');
  return true;
}

/**
 * A workspace object is going (or went) away for this target. `upstream` is the object with its
 * deletionTimestamp, or undefined when it left the view.
 */
export async function reconcileDelete(ctx: AgentContext, r: SyncedResource, ref: ObjectRef, upstream: KObject | undefined): Promise<void> {
  const key = recordKey(r.id, ref);
  const rec = ctx.inventory.get(key);
  // CRDs are never deleted on the member: that would take every workspace's custom objects with them.
  const policy: DeletionPolicy = r.id === CRDS.id ? 'Orphan' : r.namespaced ? ctx.policies.get(ref.cluster, ref.namespace).deletion : 'Delete';
  if (r.id !== CRDS.id && (!rec || rec.state !== 'Conflict')) {
    if (rec) rec.state = 'Deleting';
    if (await removeMemberCopy(ctx, r, ref, policy)) ctx.log.debug({ resource: r.id, ...ref, policy }, policy === 'Delete' ? 'member copy deleted' : 'member copy orphaned');
  }
  if (!upstream || hasOurFinalizer(ctx, upstream)) await releaseFinalizer(ctx, r, ref, upstream);
  ctx.inventory.delete(key);
}
