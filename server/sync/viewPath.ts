// The syncer view's URLs:
//   /services/syncer/<compute workspace path or id>/<target name>/clusters/<*|cluster id>/<api path>
// where <api path> is any resource path a workspace serves (/api/v1/configmaps,
// /apis/apps/v1/namespaces/ns/deployments/web/status, ...).

import { SYNCER_VIEW_PREFIX } from '../../apis/sync/contract.js';
import { ResourceRequest, parsePath } from '../http/requestInfo.js';

/** Every workspace, in the cluster segment. */
export const ALL_CLUSTERS = '*';

export interface ViewRequest {
  /** The compute workspace holding the SyncTarget (path or logical cluster id). */
  workspace: string;
  target: string;
  /** ALL_CLUSTERS or a workspace (logical cluster id, or path). */
  cluster: string;
  request: ResourceRequest;
}

function segment(s: string): string | undefined {
  try {
    const d = decodeURIComponent(s);
    return d && !d.includes('/') ? d : undefined;
  } catch {
    return undefined;
  }
}

/** Parses a view path (without the query); undefined when it addresses nothing the view serves. */
export function parseViewPath(method: string, rawPath: string, watch: boolean): ViewRequest | undefined {
  if (!rawPath.startsWith(SYNCER_VIEW_PREFIX)) return undefined;
  const rest = rawPath.slice(SYNCER_VIEW_PREFIX.length);
  const m = /^([^/]+)\/([^/]+)(\/clusters\/[^/]+\/.*)$/.exec(rest);
  if (!m) return undefined;
  const workspace = segment(m[1]!);
  const target = segment(m[2]!);
  if (!workspace || !target) return undefined;
  const parsed = parsePath(method, m[3]!, watch);
  if (parsed.request.kind !== 'resource' || !parsed.workspace) return undefined;
  return { workspace, target, cluster: parsed.workspace, request: parsed.request };
}
