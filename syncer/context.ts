// What every reconciler of the agent shares: the two clients, the target, the inventory, the
// paths of the syncer view and of the member, and the condition annotation writer.

import type { Logger } from 'pino';
import { MANAGED_BY_LABEL, STATE_LABEL_PREFIX, downstreamNamespace, syncConditionAnnotation } from '../apis/sync/contract.js';
import { KObject, KubeClient, isNotFound } from './client.js';
import { Inventory, NamespacePolicies, ObjectRef, SyncRecord } from './inventory.js';
import { SyncedResource, resourcePath } from './resources.js';
import { SyncCondition, conditionChanged, parseSyncCondition, syncCondition } from './status.js';
import { ScaleTargets } from './scaleTargets.js';
import { DesiredObject, TargetIdentity, downstreamObject } from './transform.js';

/** A failure that should be retried after `delayMs` without being logged as an error. */
export class RetryLater extends Error {
  constructor(readonly delayMs: number, message: string) {
    super(message);
  }
}

/** What object reconcilers need from the CRD machinery (syncer/crds.ts). */
export interface CrdGate {
  /** The resource is a custom resource (its CRD came through the view). */
  isCustom(r: SyncedResource): boolean;
  /** The member serves the custom resource (its CRD there is Established). */
  isEstablished(r: SyncedResource): Promise<boolean>;
  /** A CRD was applied on the member (or already serves there): start syncing its objects. */
  crdSynced(crd: KObject): void;
}

export interface AgentContext {
  /** Client of the hub (paths from its root: /clusters/..., /services/syncer/...). */
  hub: KubeClient;
  member: KubeClient;
  target: TargetIdentity;
  /** /services/syncer/<compute>/<target> */
  viewBase: string;
  log: Logger;
  inventory: Inventory;
  policies: NamespacePolicies;
  crds: CrdGate;
  scaleTargets: ScaleTargets;
  /** Reads a workspace object again through the view and reconciles it (its desired copy changed). */
  resync(resourceId: string, ref: ObjectRef): void;
  /** Creates the member namespace of a workspace namespace if the agent has not yet. */
  ensureNamespace(cluster: string, namespace: string): Promise<void>;
  /** True once the member copies of every synced resource have been listed (after start). */
  inventoryLoaded(): boolean;
  now(): Date;
}

/** The member copy a workspace object should have, given what the agent knows (autoscalers). */
export function desiredCopy(ctx: AgentContext, r: SyncedResource, ref: ObjectRef, upstream: KObject): DesiredObject {
  return downstreamObject(r, upstream, ctx.target, { autoscaled: ctx.scaleTargets.scaled(r.kind, ref) });
}

/** The view path of a resource across every workspace. */
export function viewCollectionPath(ctx: AgentContext, r: SyncedResource): string {
  return `${ctx.viewBase}/clusters/*${resourcePath(r)}`;
}

/** The view path of one workspace object (or its subresource). */
export function viewObjectPath(ctx: AgentContext, r: SyncedResource, ref: ObjectRef, sub?: string): string {
  return `${ctx.viewBase}/clusters/${encodeURIComponent(ref.cluster)}${resourcePath(r, ref.namespace || undefined, ref.name, sub)}`;
}

/** The member path of an object's copy. */
export function memberObjectPath(ctx: AgentContext, r: SyncedResource, ref: ObjectRef): string {
  if (r.id === '/namespaces') return resourcePath(r, undefined, downstreamNamespace(ctx.target.key, ref.cluster, ref.name));
  return resourcePath(r, r.namespaced ? downstreamNamespace(ctx.target.key, ref.cluster, ref.namespace) : undefined, ref.name);
}

export function isOurs(ctx: AgentContext, obj: KObject | undefined): boolean {
  return obj?.metadata?.labels?.[MANAGED_BY_LABEL] === ctx.target.key;
}

/** Placed on exactly one target (one state label): only then does status travel upstream. */
export function placedOnOneTarget(obj: KObject): boolean {
  let n = 0;
  for (const k of Object.keys(obj?.metadata?.labels ?? {})) if (k.startsWith(STATE_LABEL_PREFIX)) n++;
  return n === 1;
}

export function conditionSignature(c: Pick<SyncCondition, 'status' | 'reason' | 'message'> | undefined): string | undefined {
  return c ? `${c.status}|${c.reason}|${c.message}` : undefined;
}

/**
 * Writes the agent's condition annotation on a workspace object when what it says changes.
 * `current` is the object as last seen (for the previous condition), when at hand.
 */
export async function setCondition(
  ctx: AgentContext,
  r: SyncedResource,
  ref: ObjectRef,
  rec: SyncRecord,
  reason: SyncCondition['reason'],
  message: string,
  current?: KObject,
): Promise<void> {
  const annotation = syncConditionAnnotation(ctx.target.key);
  const previous = current ? parseSyncCondition(current.metadata?.annotations?.[annotation]) : undefined;
  if (current) rec.condition = conditionSignature(previous) ?? '';
  const next = syncCondition(reason, message, previous, ctx.now());
  if (rec.condition !== undefined && rec.condition === conditionSignature(next)) return;
  if (previous && !conditionChanged(previous, next)) {
    rec.condition = conditionSignature(next);
    return;
  }
  try {
    await ctx.hub.mergePatch(viewObjectPath(ctx, r, ref), { metadata: { annotations: { [annotation]: JSON.stringify(next) } } });
    rec.condition = conditionSignature(next);
  } catch (e) {
    if (isNotFound(e)) return; // gone upstream (or unplaced): nobody to tell
    throw e;
  }
}
