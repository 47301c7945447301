// Who the agent is on the hub: the hub's root URL and compute workspace (from the upstream
// kubeconfig's server, https://hub:6443/clusters/root:compute), the SyncTarget's name (a flag, or
// the agent's ServiceAccount syncer-<target> as the hub sees it), and the target's key.

import { SYNCER_NAMESPACE, SYNC_GROUP, syncerServiceAccountName, targetKey } from '../apis/sync/contract.js';
import { KObject, KubeClient } from './client.js';
import { CLUSTER_ANNOTATION, TargetIdentity } from './transform.js';

/** Splits a workspace URL into the hub's root and the workspace path; no workspace when the URL names none. */
export function splitServer(server: string): { hubBase: string; workspace?: string } {
  const u = new URL(server);
  const m = /^(.*?)\/clusters\/([^/]+)\/?$/.exec(u.pathname);
  if (!m) return { hubBase: server.replace(/\/+$/, '') };
  return { hubBase: `${u.origin}${m[1]}`, workspace: decodeURIComponent(m[2]!) };
}

/** The target named by a ServiceAccount username system:serviceaccount:<SYNCER_NAMESPACE>:syncer-<target>. */
export function targetFromUsername(username: string | undefined): string | undefined {
  const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(username ?? '');
  if (!m || m[1] !== SYNCER_NAMESPACE) return undefined;
  const prefix = syncerServiceAccountName('');
  return m[2]!.startsWith(prefix) && m[2]!.length > prefix.length ? m[2]!.slice(prefix.length) : undefined;
}

export function workspacePath(workspace: string): string {
  return `/clusters/${encodeURIComponent(workspace)}`;
}

export function syncTargetPath(workspace: string, name: string, sub?: string): string {
  return `${workspacePath(workspace)}/apis/${SYNC_GROUP}/v1alpha1/synctargets/${encodeURIComponent(name)}${sub ? '/' + sub : ''}`;
}

/** Asks the hub who the credential is (SelfSubjectReview) and derives the target name from it. */
export async function targetNameFromCredential(hub: KubeClient, workspace: string): Promise<string> {
  const review = await hub.request('POST', `${workspacePath(workspace)}/apis/authentication.k8s.io/v1/selfsubjectreviews`, {
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
  });
  const username = review?.status?.userInfo?.username;
  const name = targetFromUsername(username);
  if (!name) throw new Error(`cannot tell the SyncTarget from the upstream credential (user ${JSON.stringify(username)}): pass --sync-target`);
  return name;
}

export interface ResolvedTarget {
  identity: TargetIdentity;
  /** Logical cluster id of the compute workspace. */
  computeClusterId: string;
  syncTarget: KObject;
}

export async function resolveTarget(hub: KubeClient, workspace: string, name: string): Promise<ResolvedTarget> {
  const st = await hub.get(syncTargetPath(workspace, name));
  if (!st) throw new Error(`SyncTarget ${name} not found in workspace ${workspace}`);
  const computeClusterId = st.metadata?.annotations?.[CLUSTER_ANNOTATION];
  if (!computeClusterId) throw new Error(`SyncTarget ${name} carries no ${CLUSTER_ANNOTATION} annotation`);
  return { identity: { key: targetKey(computeClusterId, name), workspace, name }, computeClusterId, syncTarget: st };
}
