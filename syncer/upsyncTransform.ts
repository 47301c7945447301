// Pure: a member ReplicaSet of a Deployment the agent manages → the ReplicaSet it upsyncs into the
// workspace (kubectl rollout history/undo read these). Same name, the workspace namespace, spec
// and labels as on the member, the member controller's annotations (revision, change-cause,
// replicas) without the agent's own bookkeeping, the target's upsync label, and one controller
// ownerReference: the workspace Deployment (its uid, so the hub's garbage collector removes the
// ReplicaSets with it).

import { MANAGED_BY_LABEL, UPSYNCED, upsyncLabel } from '../apis/sync/contract.js';
import { CLUSTER_ANNOTATION, KObject } from './transform.js';

/** The workspace Deployment a member Deployment is the copy of. */
export interface UpstreamDeployment {
  cluster: string;
  namespace: string;
  name: string;
  uid: string;
}

/**
 * Annotations that are not the member deployment controller's: the agent's own on its copy
 * (`sync.kplane.io/…`, condition…), which the member copied from the Deployment. `rollout undo`
 * writes a ReplicaSet's annotations back onto the Deployment, so these must not ride along.
 */
function keptAnnotation(k: string): boolean {
  return !k.includes('sync.kplane.io/') && k !== CLUSTER_ANNOTATION && k !== 'kubectl.kubernetes.io/last-applied-configuration';
}

export function upsyncedReplicaSet(member: KObject, owner: UpstreamDeployment, key: string): KObject {
  const meta = member.metadata ?? {};
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries<string>(meta.labels ?? {})) if (k !== MANAGED_BY_LABEL) labels[k] = v;
  labels[upsyncLabel(key)] = UPSYNCED;
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries<string>(meta.annotations ?? {})) if (keptAnnotation(k)) annotations[k] = v;
  const spec = structuredClone(member.spec ?? {});
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: meta.name,
      namespace: owner.namespace,
      labels,
      annotations,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: owner.name, uid: owner.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec,
  };
}

/** The controller ownerReference's uid of a member object (its Deployment's, for ReplicaSets). */
export function controllerUid(obj: KObject): string | undefined {
  const refs: KObject[] = Array.isArray(obj.metadata?.ownerReferences) ? obj.metadata.ownerReferences : [];
  const ref = refs.find((r) => r?.controller === true && r.kind === 'Deployment');
  return typeof ref?.uid === 'string' ? ref.uid : undefined;
}
