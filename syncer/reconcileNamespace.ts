// Placed workspace namespaces: each maps to one member namespace (labelled ours, annotated with
// the locator); the placement's policies for this target are read from its annotations. When the
// workspace namespace goes, the member namespace is deleted after its content (or, under Orphan,
// left and unlabelled), then the finalizer is released.

import { conflictPolicyAnnotation, deletionPolicyAnnotation } from '../apis/sync/contract.js';
import { KObject } from './client.js';
import { AgentContext, RetryLater, memberObjectPath } from './context.js';
import { ObjectRef, SyncRecord, policyFromAnnotations, recordKey } from './inventory.js';
import { hasOurFinalizer } from './reconcileApply.js';
import { releaseFinalizer, removeMemberCopy } from './reconcileDelete.js';
import { NAMESPACES } from './resources.js';
import { downstreamNamespaceObject, memberContentHash } from './transform.js';

export function namespaceRef(cluster: string, namespace: string): ObjectRef {
  return { cluster, namespace: '', name: namespace };
}

async function applyNamespace(ctx: AgentContext, rec: SyncRecord, cluster: string, namespace: string, upstream: KObject | undefined): Promise<void> {
  const desired = downstreamNamespaceObject(ctx.target, cluster, namespace, upstream);
  if (rec.onMember && rec.state === 'Applied' && rec.hash === desired.hash) return;
  // Namespaces are never a conflict: the mapped name is ours by construction.
  const applied = await ctx.member.apply(memberObjectPath(ctx, NAMESPACES, namespaceRef(cluster, namespace)), desired.object, { force: true });
  rec.state = 'Applied';
  rec.onMember = true;
  rec.hash = desired.hash;
  rec.memberHash = memberContentHash(applied);
}

/**
 * Makes sure the member namespace exists before an object goes into it (its full labels and
 * annotations come when the namespace itself is reconciled). Concurrent callers share one write.
 */
export function namespaceEnsurer(ctx: () => AgentContext): (cluster: string, namespace: string) => Promise<void> {
  const inflight = new Map<string, Promise<void>>();
  return (cluster, namespace) => {
    const c = ctx();
    const key = recordKey(NAMESPACES.id, namespaceRef(cluster, namespace));
    const rec = c.inventory.get(key);
    if (rec?.onMember && rec.state === 'Applied') return Promise.resolve();
    let p = inflight.get(key);
    if (!p) {
      p = applyNamespace(c, c.inventory.ensure(key), cluster, namespace, undefined).finally(() => inflight.delete(key));
      inflight.set(key, p);
    }
    return p;
  };
}

export async function reconcileNamespace(ctx: AgentContext, cluster: string, namespace: string, upstream: KObject | undefined): Promise<void> {
  const ref = namespaceRef(cluster, namespace);
  const key = recordKey(NAMESPACES.id, ref);
  if (upstream) {
    const a = upstream.metadata?.annotations;
    ctx.policies.set(cluster, namespace, policyFromAnnotations(a, conflictPolicyAnnotation(ctx.target.key), deletionPolicyAnnotation(ctx.target.key)));
  }
  if (upstream && !upstream.metadata?.deletionTimestamp) {
    await applyNamespace(ctx, ctx.inventory.ensure(key), cluster, namespace, upstream);
    return;
  }
  const rec = ctx.inventory.get(key);
  const policy = ctx.policies.get(cluster, namespace).deletion;
  if (rec?.onMember && policy === 'Delete') {
    // Until every resource's member inventory is loaded, what the namespace still holds is unknown.
    if (!ctx.inventoryLoaded()) throw new RetryLater(1_000, 'waiting for the member inventory before deleting a namespace');
    // Content first: each object's own deletion (or unplacement) event removes it. Objects kept
    // by a refused mass deletion keep the namespace too, rather than go with it.
    const left = ctx.inventory.countInNamespace(cluster, namespace, NAMESPACES.id);
    if (left > 0) throw new RetryLater(1_000, `waiting for ${left} objects of the namespace to go first`);
    rec.state = 'Deleting';
  }
  if (rec?.onMember) await removeMemberCopy(ctx, NAMESPACES, ref, policy);
  if (!upstream || hasOurFinalizer(ctx, upstream)) await releaseFinalizer(ctx, NAMESPACES, ref, upstream);
  ctx.inventory.delete(key);
}
