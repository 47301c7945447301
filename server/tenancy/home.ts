// Home workspaces, as kcp serves them: GET .../apis/tenancy.kcp.io/v1alpha1/workspaces/~ answers
// the caller's home Workspace, creating its logical cluster on first use. A home has no parent;
// its path is "user:<username>" and its creator is its workspace-admin.

import { errors } from '../../apis/errors.js';
import { KObject } from '../../apis/resources/model.js';
import { HOME_PREFIX, LOGICAL_CLUSTERS, LOGICAL_CLUSTER_NAME, homeClusterId } from '../../apis/tenancy/names.js';
import { Store } from '../../storage/store.js';
import { UserInfo } from '../auth/user.js';
import { ResourceRequest } from '../http/requestInfo.js';
import { initializeLogicalCluster } from './content.js';

export function isHomeRequest(rr: ResourceRequest): boolean {
  return rr.group === 'tenancy.kcp.io' && rr.resource === 'workspaces' && rr.name === '~' && !rr.subresource && rr.verb === 'get';
}

/** Where a user's home is served: "user:alice", or its id when the name cannot be a path segment. */
export function homePath(username: string): string {
  return /^[a-z0-9]([-a-z0-9.@_]*[a-z0-9])?$/.test(username) ? `${HOME_PREFIX}:${username}` : homeClusterId(username);
}

export async function homeWorkspace(store: Store, user: UserInfo, baseURL: string): Promise<KObject> {
  if (user.cluster || user.username.startsWith('system:serviceaccount:') || user.username === 'system:anonymous') {
    throw errors.forbidden({ group: 'tenancy.kcp.io', resource: 'workspaces' }, '~', `User "${user.username}" cannot have a home workspace`);
  }
  const id = homeClusterId(user.username);
  const path = homePath(user.username);
  const key = { cluster: id, resource: LOGICAL_CLUSTERS, namespace: '', name: LOGICAL_CLUSTER_NAME };
  let lc = await store.get(key);
  if (!lc) {
    await initializeLogicalCluster(store, {
      id,
      path,
      type: 'root:home',
      baseURL,
      owner: { username: user.username, groups: user.groups, uid: user.uid },
    });
    lc = await store.get(key);
  }
  return {
    apiVersion: 'tenancy.kcp.io/v1alpha1',
    kind: 'Workspace',
    metadata: { name: user.username, uid: lc?.object.metadata?.uid, creationTimestamp: lc?.object.metadata?.creationTimestamp ?? null },
    spec: { type: { name: 'home', path: 'root' }, cluster: id, URL: `${baseURL}/clusters/${path}` },
    status: { phase: 'Ready' },
  };
}
