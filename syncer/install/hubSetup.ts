// Registers an agent in its compute workspace, idempotently: creates what is missing (the
// SyncTarget, the namespace, the ServiceAccount), server-side applies the RBAC (so a rerun also
// repairs edited rules), then issues a ServiceAccount token via TokenRequest.

import { SYNCER_NAMESPACE, syncerServiceAccountName } from '../../apis/sync/contract.js';
import { HubClient, HubError, expectStatus } from './hubClient.js';
import {
  hubClusterRole, hubClusterRoleBinding, hubLeaseRole, hubLeaseRoleBinding, serviceAccount, syncTarget, syncerNamespace,
} from './hubObjects.js';

/** One year: the agent's credential outlives restarts; rerunning the command rotates it. */
export const TOKEN_EXPIRATION_SECONDS = 365 * 24 * 3600;
export const FIELD_MANAGER = 'kplane-syncer-manifest';

export interface HubSetupOptions {
  workspace: string;
  target: string;
  leaseDurationSeconds?: number;
  expirationSeconds?: number;
}

/** POST, treating "already exists" as success. */
async function createIfMissing(c: HubClient, path: string, obj: unknown): Promise<void> {
  await expectStatus(c, 'POST', path, [201, 409], obj);
}

async function apply(c: HubClient, path: string, obj: unknown): Promise<void> {
  await expectStatus(c, 'PATCH', `${path}?fieldManager=${FIELD_MANAGER}&force=true`, [200, 201], obj, 'application/apply-patch+yaml');
}

/** Creates the SyncTarget if missing; sets spec.leaseDurationSeconds when asked and different. */
async function ensureSyncTarget(c: HubClient, base: string, o: HubSetupOptions): Promise<void> {
  const path = `${base}/apis/sync.kplane.io/v1alpha1/synctargets`;
  const r = await expectStatus(c, 'POST', path, [201, 409], syncTarget(o.target, o.leaseDurationSeconds));
  if (r.status === 201 || o.leaseDurationSeconds === undefined) return;
  const current = await expectStatus(c, 'GET', `${path}/${o.target}`, [200]);
  if (current.body?.spec?.leaseDurationSeconds === o.leaseDurationSeconds) return;
  await expectStatus(c, 'PATCH', `${path}/${o.target}`, [200], { spec: { leaseDurationSeconds: o.leaseDurationSeconds } }, 'application/merge-patch+json');
}

/** Ensures the hub objects exist and returns a fresh token for the target's ServiceAccount. */
export async function setUpHub(c: HubClient, o: HubSetupOptions): Promise<string> {
  const base = `/clusters/${o.workspace}`;
  const ns = `${base}/api/v1/namespaces/${SYNCER_NAMESPACE}`;
  const rbac = `${base}/apis/rbac.authorization.k8s.io/v1`;
  try {
    await ensureSyncTarget(c, base, o);
  } catch (e) {
    if (e instanceof HubError && (e.status === 403 || e.status === 404)) {
      throw new Error(`cannot create SyncTarget ${o.target} in workspace ${o.workspace} (does the workspace exist, and may this kubeconfig's user write there?): ${e.message}`);
    }
    throw e;
  }
  await createIfMissing(c, `${base}/api/v1/namespaces`, syncerNamespace());
  await createIfMissing(c, `${ns}/serviceaccounts`, serviceAccount(o.target));
  const cr = hubClusterRole(o.target);
  await apply(c, `${rbac}/clusterroles/${cr.metadata.name}`, cr);
  const crb = hubClusterRoleBinding(o.target);
  await apply(c, `${rbac}/clusterrolebindings/${crb.metadata.name}`, crb);
  const role = hubLeaseRole(o.target);
  await apply(c, `${rbac}/namespaces/${SYNCER_NAMESPACE}/roles/${role.metadata.name}`, role);
  const rb = hubLeaseRoleBinding(o.target);
  await apply(c, `${rbac}/namespaces/${SYNCER_NAMESPACE}/rolebindings/${rb.metadata.name}`, rb);
  const sa = syncerServiceAccountName(o.target);
  const tr = await expectStatus(c, 'POST', `${ns}/serviceaccounts/${sa}/token`, [200, 201], {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    spec: { expirationSeconds: o.expirationSeconds ?? TOKEN_EXPIRATION_SECONDS },
  });
  const token = tr.body?.status?.token;
  if (typeof token !== 'string' || !token) throw new Error(`TokenRequest for ${sa} returned no token`);
  return token;
}
