// kcp's names for workspaces: logical cluster ids, paths, and the annotations, finalizers and
// storage keys the tenancy objects use.

import { createHash, randomBytes } from 'node:crypto';

export const ROOT = 'root';

/** Storage keys of the tenancy resources. */
export const WORKSPACES = 'tenancy.kcp.io/workspaces';
export const WORKSPACE_TYPES = 'tenancy.kcp.io/workspacetypes';
export const LOGICAL_CLUSTERS = 'core.kcp.io/logicalclusters';
/** The one LogicalCluster object of every workspace. */
export const LOGICAL_CLUSTER_NAME = 'cluster';

/** On every object: the logical cluster id it belongs to. */
export const CLUSTER_ANNOTATION = 'kcp.io/cluster';
/** On a LogicalCluster: its canonical path ("root:org:team"). */
export const PATH_ANNOTATION = 'kcp.io/path';
/** On a LogicalCluster: its type ("root:universal"). */
export const TYPE_ANNOTATION = 'internal.tenancy.kcp.io/type';
/** On a Workspace: the creator as JSON UserInfo, recorded at admission. */
export const OWNER_ANNOTATION = 'experimental.tenancy.kcp.io/owner';
/** On a Workspace: holds it until its logical cluster (and subtree) is gone. */
export const WORKSPACE_FINALIZER = 'core.kcp.io/logicalcluster';

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

function base36(buf: Buffer): string {
  let n = BigInt(`0x${buf.toString('hex')}`);
  let out = '';
  while (n > 0n) {
    out = BASE36[Number(n % 36n)] + out;
    n /= 36n;
  }
  return out;
}

/** A new logical cluster id: 16 base36 characters (~82 bits), as kcp generates them. */
export function randomClusterId(): string {
  return base36(createHash('sha224').update(randomBytes(32)).digest()).padStart(16, '0').slice(0, 16);
}

/** The logical cluster id of a user's home workspace: derived from the username, stable. */
export function homeClusterId(username: string): string {
  return base36(createHash('sha224').update(`home:${username}`).digest()).padStart(16, '0').slice(0, 16);
}

/** The path prefix of home workspaces ("user:alice"). */
export const HOME_PREFIX = 'user';

/** True for a workspace path ("root", "root:a:b", "user:alice:x"). */
export function isPath(s: string): boolean {
  return s === ROOT || s.includes(':');
}

/** True for a name a workspace may have (a DNS-1123 label, kcp's rule). */
export function isWorkspaceName(s: string): boolean {
  return /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(s) && s.length <= 63;
}
