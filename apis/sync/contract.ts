// The syncer contract: the names shared by the hub (placement controller, syncer view, target
// health) and the agent in the member cluster. The agent only ever talks HTTP to the hub; these
// are the labels, annotations, finalizers and URLs both sides agree on.
//
// Flow:
//   1. A platform team creates a SyncTarget in a compute workspace (root:compute). Its targetKey
//      (targetKey(computeClusterId, name)) names it in labels and finalizers everywhere.
//   2. A tenant creates a Placement. The hub's placement controller chooses targets, labels each
//      placed Namespace `state.sync.kplane.io/<key>: Sync`, annotates it with the policies
//      (conflict-policy.sync.kplane.io/<key>, deletion-policy.sync.kplane.io/<key>), and stamps
//      the same label plus the finalizer `sync.kplane.io/syncer-<key>` on every syncable object
//      in it (existing ones by a sweep, new ones at create). CRDs of a workspace with a placed
//      namespace are labelled too (so custom resources can travel), without the finalizer.
//   3. The agent reads the syncer view of its target:
//        /services/syncer/<compute workspace path or id>/<target name>/clusters/*/<api path>
//      list and watch across every workspace, standard Kubernetes wire (List + watch events,
//      resourceVersion, 410 Expired), only objects carrying the target's label; every object
//      carries `kcp.io/cluster: <logical cluster id>`. Per object it may
//        GET/PUT/PATCH /services/syncer/<compute>/<target>/clusters/<id>/<api path>/<name>[/status]
//      to write status, its own condition annotation and remove its own finalizer; and it may
//      create/update/delete upsynced ReplicaSets (UPSYNC_LABEL_PREFIX below); nothing else.
//      The caller needs verb `sync` on `synctargets/<target>` in the compute workspace.
//   4. Downstream each (workspace, namespace) maps to downstreamNamespace(key, cluster, ns),
//      labelled managed-by and annotated with the locator; objects are server-side applied with
//      field manager SYNCER_FIELD_MANAGER, labelled managed-by, annotated with upstream facts.
//   5. Heartbeat: the agent renews Lease <target> in namespace SYNCER_NAMESPACE of the compute
//      workspace every leaseDurationSeconds; the hub sets HeartbeatHealthy/Ready and
//      status.lastHeartbeatTime on the SyncTarget, Unknown after three missed renewals.

import { createHash } from 'node:crypto';

export const SYNC_GROUP = 'sync.kplane.io';

/** Label on placed namespaces and objects: `state.sync.kplane.io/<key>: Sync`. */
export const STATE_LABEL_PREFIX = 'state.sync.kplane.io/';
export const SYNC_STATE = 'Sync';
/** Finalizer on placed objects, released by the agent once the member's copy is gone. */
export const SYNCER_FINALIZER_PREFIX = 'sync.kplane.io/syncer-';
/** Annotations on placed namespaces carrying the placement's policies for a target. */
export const CONFLICT_POLICY_ANNOTATION_PREFIX = 'conflict-policy.sync.kplane.io/';
export const DELETION_POLICY_ANNOTATION_PREFIX = 'deletion-policy.sync.kplane.io/';
/**
 * Annotation the agent writes on a workspace object: a JSON condition
 * {type: "Synced", status: "True"|"False", reason: "Applied"|"Conflict"|"Error"|"WaitingForCRD",
 *  message, lastTransitionTime}.
 */
export const SYNC_CONDITION_ANNOTATION_PREFIX = 'condition.sync.kplane.io/';

/** Downstream: label on everything the agent created (namespaces included). */
export const MANAGED_BY_LABEL = 'sync.kplane.io/managed-by';
/** Downstream namespace annotation: JSON {workspace, workspacePath?, namespace, syncTarget: {workspace, name, key}}. */
export const NAMESPACE_LOCATOR_ANNOTATION = 'sync.kplane.io/namespace-locator';
/** Downstream object annotations: where it came from and what was applied. */
export const UPSTREAM_ANNOTATION = 'sync.kplane.io/upstream'; // "<cluster id>/<namespace>/<name>" (namespace empty when cluster-scoped)
export const UPSTREAM_UID_ANNOTATION = 'sync.kplane.io/upstream-uid';
export const UPSTREAM_GENERATION_ANNOTATION = 'sync.kplane.io/upstream-generation';
export const SPEC_HASH_ANNOTATION = 'sync.kplane.io/spec-hash';
export const SYNCER_FIELD_MANAGER = 'kplane-syncer';

/** Where SyncTarget heartbeats (Leases) and agent ServiceAccounts live in the compute workspace. */
export const SYNCER_NAMESPACE = 'kplane-syncers';
/** The verb on synctargets/<name> that lets a caller read that target's syncer view. */
export const SYNC_VERB = 'sync';
/** The verb on synctargets a tenant needs in the compute workspace to place namespaces there. */
export const USE_VERB = 'use';
/** Prefix of the syncer view. */
export const SYNCER_VIEW_PREFIX = '/services/syncer/';

/** ServiceAccount (in SYNCER_NAMESPACE of the compute workspace) whose token an agent uses. */
export function syncerServiceAccountName(target: string): string {
  return `syncer-${target}`.slice(0, 253);
}

function base36(hex: string, length: number): string {
  return BigInt('0x' + hex).toString(36).padStart(length, '0').slice(0, length);
}

/** Short, stable name of a SyncTarget in labels and finalizers (fits a label name's 63 characters). */
export function targetKey(computeClusterId: string, targetName: string): string {
  return base36(createHash('sha256').update(`${computeClusterId}:${targetName}`).digest('hex'), 8);
}

/** Every member namespace holding copies starts with this. */
export const DOWNSTREAM_NAMESPACE_PREFIX = 'kplane-';

/** The member namespace holding one workspace namespace's copies on one target. */
export function downstreamNamespace(key: string, clusterId: string, namespace: string): string {
  return DOWNSTREAM_NAMESPACE_PREFIX + base36(createHash('sha256').update(`${key}/${clusterId}/${namespace}`).digest('hex'), 12);
}

export const stateLabel = (key: string): string => STATE_LABEL_PREFIX + key;
export const syncerFinalizer = (key: string): string => SYNCER_FINALIZER_PREFIX + key;
export const conflictPolicyAnnotation = (key: string): string => CONFLICT_POLICY_ANNOTATION_PREFIX + key;
export const deletionPolicyAnnotation = (key: string): string => DELETION_POLICY_ANNOTATION_PREFIX + key;
export const syncConditionAnnotation = (key: string): string => SYNC_CONDITION_ANNOTATION_PREFIX + key;

/**
 * Upsync (kcp's idea, restricted to what `kubectl rollout history/undo` needs): the agent copies
 * the member's ReplicaSets of the Deployments it manages into the workspace, labelled
 * `upsync.sync.kplane.io/<key>: "true"` and owned by the workspace Deployment. They stay unsynced
 * downward (UNSYNCED_RESOURCES); the view lets a target write only these, under its own label.
 */
export const UPSYNC_LABEL_PREFIX = 'upsync.sync.kplane.io/';
export const UPSYNCED = 'true';
export const upsyncLabel = (key: string): string => UPSYNC_LABEL_PREFIX + key;
/** Storage keys of the resources a target may upsync (create, update, delete through its view). */
export const UPSYNCED_RESOURCES: ReadonlySet<string> = new Set(['apps/replicasets']);

/**
 * Namespaced resources (storage keys "<group>/<plural>") never stamped or synced: they are made by
 * the member itself, or are not desired state.
 */
export const UNSYNCED_RESOURCES = new Set([
  '/events', 'events.k8s.io/events', '/pods', '/endpoints', 'discovery.k8s.io/endpointslices',
  'apps/controllerrevisions', 'apps/replicasets', 'coordination.k8s.io/leases', '/bindings',
  'authorization.k8s.io/localsubjectaccessreviews',
]);

/** Objects every member namespace has of its own, which must not travel. */
export function isMemberOwned(resource: string, obj: { metadata?: { name?: string }; type?: string }): boolean {
  const name = obj.metadata?.name;
  if (resource === '/serviceaccounts' && name === 'default') return true;
  if (resource === '/configmaps' && name === 'kube-root-ca.crt') return true;
  if (resource === '/secrets' && obj.type === 'kubernetes.io/service-account-token') return true;
  return false;
}
