// Where the RBAC authorizer reads a workspace's policy from. Objects are RBAC JSON as stored
// (rbac.authorization.k8s.io/v1). The bootstrap ClusterRoles (cluster-admin, admin, edit, view,
// ...) are not stored per workspace: the authorizer supplies them itself.

import { KObject } from '../../../apis/resources/model.js';

export interface RbacSource {
  clusterRoleBindings(cluster: string): Promise<KObject[]>;
  roleBindings(cluster: string, namespace: string): Promise<KObject[]>;
  /** Every ClusterRole stored in the workspace (for aggregation and name lookups). */
  clusterRoles(cluster: string): Promise<KObject[]>;
  role(cluster: string, namespace: string, name: string): Promise<KObject | undefined>;
}
