// What a new logical cluster holds when it becomes Ready: its LogicalCluster object, the
// namespaces default and kube-system (the service account controller adds their default
// ServiceAccounts), and the workspace-admin
// ClusterRoleBinding of its creator to cluster-admin. Every write is idempotent.

import { builtinCatalogue } from '../../apis/catalogue.js';
import { ApiError } from '../../apis/errors.js';
import { create } from '../../apis/registry/create.js';
import { Scope } from '../../apis/registry/scope.js';
import { KObject } from '../../apis/resources/model.js';
import { LOGICAL_CLUSTER_NAME, PATH_ANNOTATION, TYPE_ANNOTATION } from '../../apis/tenancy/names.js';
import { Store } from '../../storage/store.js';
import { SYSTEM_USER } from '../bootstrap.js';

export const INITIAL_NAMESPACES = ['default', 'kube-system'];
const MANAGER = 'kplane';

export interface LogicalClusterSpec {
  id: string;
  /** Canonical path ("root:org:team", "user:alice"). */
  path: string;
  /** Type as "<path of the type's workspace>:<type name>" ("root:universal"). */
  type: string;
  /** Base URL of the server ("https://127.0.0.1:6443"). */
  baseURL: string;
  /** The creator, bound to cluster-admin as workspace-admin. */
  owner?: { username: string; groups?: string[]; uid?: string };
  /** The Workspace object this logical cluster belongs to. */
  workspace?: { cluster: string; name: string; uid: string };
}

function scope(cluster: string, group: string, version: string, plural: string, namespace = ''): Scope {
  const catalogue = builtinCatalogue();
  return { cluster, catalogue, r: catalogue.resource(group, version, plural)!, namespace, user: SYSTEM_USER };
}

/** Creates `obj` unless it exists already. */
export async function ensure(store: Store, s: Scope, obj: KObject): Promise<void> {
  try {
    await create(store, s, obj, { dryRun: false, fieldValidation: 'Strict', fieldManager: MANAGER, keepStatus: true });
  } catch (e) {
    if (!(e instanceof ApiError && e.reason === 'AlreadyExists')) throw e;
  }
}

/** Writes the content of a new logical cluster. */
export async function initializeLogicalCluster(store: Store, lc: LogicalClusterSpec): Promise<void> {
  const { id } = lc;
  const spec: KObject = {};
  if (lc.owner) spec.createdBy = { username: lc.owner.username, ...(lc.owner.groups?.length ? { groups: lc.owner.groups } : {}), ...(lc.owner.uid ? { uid: lc.owner.uid } : {}) };
  if (lc.workspace) spec.owner = { apiVersion: 'tenancy.kcp.io/v1alpha1', resource: 'workspaces', name: lc.workspace.name, cluster: lc.workspace.cluster, uid: lc.workspace.uid };
  const writes: Array<Promise<void>> = [
    ensure(store, scope(id, 'core.kcp.io', 'v1alpha1', 'logicalclusters'), {
      apiVersion: 'core.kcp.io/v1alpha1',
      kind: 'LogicalCluster',
      metadata: { name: LOGICAL_CLUSTER_NAME, annotations: { [PATH_ANNOTATION]: lc.path, [TYPE_ANNOTATION]: lc.type } },
      spec,
      status: { phase: 'Ready', URL: `${lc.baseURL}/clusters/${id}` },
    }),
  ];
  // Each namespace's default ServiceAccount comes from the service account controller, as for
  // every other namespace.
  for (const ns of INITIAL_NAMESPACES) {
    writes.push(ensure(store, scope(id, '', 'v1', 'namespaces'), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }));
  }
  if (lc.owner) {
    writes.push(
      ensure(store, scope(id, 'rbac.authorization.k8s.io', 'v1', 'clusterrolebindings'), {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'workspace-admin' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: lc.owner.username }],
      }),
    );
  }
  await Promise.all(writes);
}
