// Downsync of one placed workspace object: its member copy is server-side applied (mapped, stripped,
// annotated) unless the member already holds it at the same spec hash. An object that exists on
// the member and is not ours is never taken over silently: Abort reports a conflict on the
// workspace object; Adopt takes it. Custom resources wait for their CRD to be Established.

import { SPEC_HASH_ANNOTATION, UPSTREAM_ANNOTATION, downstreamNamespace, syncConditionAnnotation, syncerFinalizer } from '../apis/sync/contract.js';
import { ApiError, KObject } from './client.js';
import { AgentContext, RetryLater, conditionSignature, desiredCopy, isOurs, memberObjectPath, placedOnOneTarget, setCondition } from './context.js';
import { ObjectRef, SyncRecord, recordKey } from './inventory.js';
import { CRDS, SyncedResource } from './resources.js';
import { hashJson } from './specHash.js';
import { parseSyncCondition } from './status.js';
import { DesiredObject, memberContentHash, parseUpstreamRef } from './transform.js';

/** Retry interval while a custom resource waits for its CRD on the member. */
const CRD_WAIT_MS = 2_000;

/** Facts of the upstream object worth remembering (status fingerprint, condition, placement). */
export function noteUpstream(ctx: AgentContext, r: SyncedResource, rec: SyncRecord, obj: KObject): void {
  rec.single = placedOnOneTarget(obj);
  if (r.status) rec.statusHash = hashJson(obj.status ?? null);
  rec.condition = conditionSignature(parseSyncCondition(obj.metadata?.annotations?.[syncConditionAnnotation(ctx.target.key)])) ?? '';
}

export function hasOurFinalizer(ctx: AgentContext, obj: KObject | undefined): boolean {
  return Array.isArray(obj?.metadata?.finalizers) && obj!.metadata.finalizers.includes(syncerFinalizer(ctx.target.key));
}

/** Refusals a retry cannot fix: the workspace object must change first. */
function invalid(e: unknown): e is ApiError {
  return e instanceof ApiError && (e.status === 400 || e.status === 422);
}

/** Refusals worth reporting on the workspace object (and retrying, as they may pass: RBAC, quota). */
function refused(e: unknown): e is ApiError {
  return e instanceof ApiError && e.status === 403 && !/terminat/i.test(e.message);
}

/** The Applied condition's message: where the copy lives on the member. */
export function appliedMessage(ctx: AgentContext, r: SyncedResource, ref: ObjectRef): string {
  return `applied to the member as ${r.namespaced ? downstreamNamespace(ctx.target.key, ref.cluster, ref.namespace) + '/' : ''}${ref.name}`;
}

/**
 * Applies the desired member copy; records and reports the outcome. Always with force: the copy
 * is ours (or being adopted), and fields someone else changed on the member are ours to restore.
 */
export async function applyDesired(ctx: AgentContext, r: SyncedResource, ref: ObjectRef, rec: SyncRecord, desired: DesiredObject, upstream: KObject | undefined): Promise<KObject | undefined> {
  try {
    const applied = await ctx.member.apply(memberObjectPath(ctx, r, ref), desired.object, { force: true });
    rec.state = 'Applied';
    rec.onMember = true;
    rec.hash = desired.hash;
    rec.memberHash = memberContentHash(applied);
    await setCondition(ctx, r, ref, rec, 'Applied', appliedMessage(ctx, r, ref), upstream);
    return applied;
  } catch (e) {
    if (!invalid(e) && !refused(e)) throw e;
    rec.state = 'Error';
    rec.hash = undefined;
    ctx.log.warn({ resource: r.id, ...ref, err: e.message }, 'member refused the object');
    await setCondition(ctx, r, ref, rec, 'Error', `the member refused the object: ${e.message}`.slice(0, 1000), upstream);
    if (refused(e)) throw e; // may pass later: retried with backoff
    return undefined;
  }
}

/**
 * Brings the member copy of a placed, live workspace object in line with it. Returns the member
 * object when it was written.
 */
export async function reconcileApply(ctx: AgentContext, r: SyncedResource, ref: ObjectRef, upstream: KObject): Promise<KObject | undefined> {
  const key = recordKey(r.id, ref);
  const rec = ctx.inventory.ensure(key);
  noteUpstream(ctx, r, rec, upstream);
  if (ctx.crds.isCustom(r) && !(await ctx.crds.isEstablished(r))) {
    rec.state = 'Waiting';
    await setCondition(ctx, r, ref, rec, 'WaitingForCRD', `waiting for the CustomResourceDefinition ${r.plural}.${r.group} to be established on the member`, upstream);
    throw new RetryLater(CRD_WAIT_MS, 'waiting for CRD');
  }
  if (r.namespaced) await ctx.ensureNamespace(ref.cluster, ref.namespace);
  const desired = desiredCopy(ctx, r, ref, upstream);
  if (rec.onMember && rec.state === 'Applied' && rec.hash === desired.hash) {
    if (r.id === CRDS.id) ctx.crds.crdSynced(upstream);
    // Already there (e.g. after a restart); still make sure the workspace object says so.
    await setCondition(ctx, r, ref, rec, 'Applied', appliedMessage(ctx, r, ref), upstream);
    return undefined;
  }
  if (!rec.onMember || rec.state !== 'Applied') {
    // First write of this object: look before touching what may not be ours.
    const existing = await ctx.member.get(memberObjectPath(ctx, r, ref));
    if (existing && !isOurs(ctx, existing)) {
      const policy = r.namespaced ? ctx.policies.get(ref.cluster, ref.namespace).conflict : 'Abort';
      if (policy !== 'Adopt') {
        rec.state = 'Conflict';
        rec.onMember = false;
        if (r.id === CRDS.id && crdServes(existing)) ctx.crds.crdSynced(upstream);
        await setCondition(ctx, r, ref, rec, 'Conflict', `${existing.kind ?? r.kind} ${existing.metadata?.namespace ? existing.metadata.namespace + '/' : ''}${existing.metadata?.name} already exists on the member and is not managed by this syncer (conflict policy Abort)`, upstream);
        return undefined;
      }
      ctx.log.info({ resource: r.id, ...ref }, 'adopting an existing member object (conflict policy Adopt)');
    } else if (existing && r.id === CRDS.id) {
      // One CRD name on the member, possibly defined in several workspaces: the first one wins.
      const from = parseUpstreamRef(existing.metadata?.annotations?.[UPSTREAM_ANNOTATION]);
      if (from && from.cluster !== ref.cluster && existing.metadata?.annotations?.[SPEC_HASH_ANNOTATION] !== desired.hash) {
        rec.state = 'Conflict';
        rec.onMember = false;
        ctx.crds.crdSynced(upstream);
        await setCondition(ctx, r, ref, rec, 'Conflict', `CustomResourceDefinition ${ref.name} is already synced to the member from workspace ${from.cluster} with a different definition`, upstream);
        return undefined;
      }
    } else if (existing && existing.metadata?.annotations?.[SPEC_HASH_ANNOTATION] === desired.hash) {
      rec.state = 'Applied';
      rec.onMember = true;
      rec.hash = desired.hash;
      rec.memberHash = memberContentHash(existing);
      if (r.id === CRDS.id) ctx.crds.crdSynced(upstream);
      await setCondition(ctx, r, ref, rec, 'Applied', appliedMessage(ctx, r, ref), upstream);
      return undefined;
    }
  }
  const applied = await applyDesired(ctx, r, ref, rec, desired, upstream);
  if (applied && r.id === CRDS.id) ctx.crds.crdSynced(upstream);
  return applied;
}

function crdServes(crd: KObject): boolean {
  return (crd.status?.conditions ?? []).some((c: KObject) => c?.type === 'Established' && c.status === 'True');
}
