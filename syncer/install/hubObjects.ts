// The hub-side objects that register one agent in its compute workspace: the SyncTarget, the
// agent's ServiceAccount, and RBAC that lets its token do exactly what the agent needs there —
// read and heartbeat its own SyncTarget, read its syncer view (verb `sync`), renew its Lease.
// Pure data: hubSetup.ts writes them.

import { SYNC_GROUP, SYNC_VERB, SYNCER_NAMESPACE, syncerServiceAccountName } from '../../apis/sync/contract.js';

type Obj = Record<string, any>;

/** Name of the hub ClusterRole, ClusterRoleBinding, Role and RoleBinding for one target. */
export const hubRbacName = (target: string): string => `kplane-syncer-${target}`;

const LABELS = { 'app.kubernetes.io/managed-by': 'kplane-syncer-manifest', 'app.kubernetes.io/part-of': 'kplane' };

export function syncTarget(target: string, leaseDurationSeconds?: number): Obj {
  return {
    apiVersion: `${SYNC_GROUP}/v1alpha1`,
    kind: 'SyncTarget',
    metadata: { name: target },
    spec: leaseDurationSeconds === undefined ? {} : { leaseDurationSeconds },
  };
}

export function syncerNamespace(): Obj {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: SYNCER_NAMESPACE, labels: LABELS } };
}

export function serviceAccount(target: string): Obj {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: syncerServiceAccountName(target), namespace: SYNCER_NAMESPACE, labels: LABELS } };
}

/** Least privilege: every rule names the target; list/watch only work with a metadata.name field selector. */
export function hubClusterRole(target: string): Obj {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: hubRbacName(target), labels: LABELS },
    rules: [
      { apiGroups: [SYNC_GROUP], resources: ['synctargets'], resourceNames: [target], verbs: ['get', 'list', 'watch', SYNC_VERB] },
      { apiGroups: [SYNC_GROUP], resources: ['synctargets/status'], resourceNames: [target], verbs: ['get', 'update', 'patch'] },
    ],
  };
}

/** The heartbeat Lease <target>: create cannot be limited by name (RBAC cannot name what does not exist yet). */
export function hubLeaseRole(target: string): Obj {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: hubRbacName(target), namespace: SYNCER_NAMESPACE, labels: LABELS },
    rules: [
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], resourceNames: [target], verbs: ['get', 'update', 'patch'] },
    ],
  };
}

function subject(target: string): Obj {
  return { kind: 'ServiceAccount', name: syncerServiceAccountName(target), namespace: SYNCER_NAMESPACE };
}

export function hubClusterRoleBinding(target: string): Obj {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: hubRbacName(target), labels: LABELS },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: hubRbacName(target) },
    subjects: [subject(target)],
  };
}

export function hubLeaseRoleBinding(target: string): Obj {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: hubRbacName(target), namespace: SYNCER_NAMESPACE, labels: LABELS },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: hubRbacName(target) },
    subjects: [subject(target)],
  };
}
