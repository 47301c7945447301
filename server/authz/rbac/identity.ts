// Who a user is inside one workspace (kcp's EffectiveUsers / IsInScope, simplified to kplane's
// UserInfo.cluster):
//   - global users (no `cluster`: the admin, token-file and OIDC users) are themselves everywhere;
//   - an identity that belongs to a logical cluster (service accounts) is itself in that cluster;
//   - anywhere else it is foreign and is seen as kcp documents it (docs/concepts/authorization/
//     authorizers.md, "Cross-Workspace"): user "system:anonymous" with the groups
//     "system:authenticated" (or "system:unauthenticated" if it was not authenticated) and
//     "system:cluster:<origin logical cluster>". Cross-workspace access is granted by binding
//     that group inside the target workspace.
//   - service accounts of the workspace itself pass the workspace access gate (they still need
//     RBAC for everything else). As in kcp, a service account name without a cluster (e.g. in a
//     SubjectAccessReview) counts as local.

import { UserInfo } from '../../auth/user.js';
import { SERVICE_ACCOUNT_PREFIX } from './rules.js';

export const SYSTEM_MASTERS = 'system:masters';
export const ALL_AUTHENTICATED = 'system:authenticated';
export const ALL_UNAUTHENTICATED = 'system:unauthenticated';
export const ANONYMOUS = 'system:anonymous';
/** kcp's global admin group: bound to cluster-admin in every workspace. */
export const KCP_ADMIN_GROUP = 'system:kcp:admin';
export const CLUSTER_GROUP_PREFIX = 'system:cluster:';

export function isServiceAccount(user: { username: string }): boolean {
  return user.username.startsWith(SERVICE_ACCOUNT_PREFIX);
}

/** The group every identity of a logical cluster carries in other workspaces. */
export function clusterGroup(cluster: string): string {
  return CLUSTER_GROUP_PREFIX + cluster;
}

/** True when the user belongs to another logical cluster than `cluster`. */
export function isForeign(user: UserInfo, cluster: string): boolean {
  return user.cluster !== undefined && user.cluster !== cluster;
}

/** A service account evaluated in its own workspace: it skips the workspace access gate. */
export function isLocalServiceAccount(user: UserInfo, cluster: string): boolean {
  return isServiceAccount(user) && !isForeign(user, cluster);
}

/**
 * The identity RBAC evaluates in workspace `cluster`: the user itself, or for a foreign identity
 * system:anonymous with system:authenticated (or system:unauthenticated) and system:cluster:<origin>.
 * Returns the same object when nothing changes.
 */
export function effectiveUser(user: UserInfo, cluster: string): UserInfo {
  if (!isForeign(user, cluster)) return user;
  const authenticated = user.groups.includes(ALL_AUTHENTICATED);
  return {
    username: ANONYMOUS,
    groups: [authenticated ? ALL_AUTHENTICATED : ALL_UNAUTHENTICATED, clusterGroup(user.cluster!)],
  };
}
