// `kplane syncer-manifest` against a real hub: it registers the target in the compute workspace,
// idempotently, and the token it prints can do what the agent needs and nothing else.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import YAML from 'yaml';
import { SYNCER_NAMESPACE } from '../../apis/sync/contract.js';
import { syncerManifest, syncerManifestCommand } from '../../syncer/install/command.js';
import { ApiClient, apiClient } from '../support/http.js';
import { adminKubeconfig } from '../../server/kubeconfig.js';
import { kubectlFor, run } from '../support/kubectl.js';
import { helmPath } from '../support/tools.js';
import { send } from '../support/kube.js';
import { startTestServer, TestServer } from '../support/server.js';

const COMPUTE = '/clusters/root:compute';
const chartDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'syncer', 'chart');
const ST = `${COMPUTE}/apis/sync.kplane.io/v1alpha1/synctargets`;

let server: TestServer;
let admin: ApiClient;
let work: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = apiClient(server.baseURL, server.caPem, server.token);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kplane-syncer-install-'));
  const ws = await send(admin, 'POST', '/apis/tenancy.kcp.io/v1alpha1/workspaces', { apiVersion: 'tenancy.kcp.io/v1alpha1', kind: 'Workspace', metadata: { name: 'compute' } });
  expect(ws.status, ws.text).toBe(201);
  for (let i = 0; i < 200; i++) {
    const w = (await admin.get('/clusters/root/apis/tenancy.kcp.io/v1alpha1/workspaces/compute')).json();
    if (w.status?.phase === 'Ready') break;
    await new Promise((r) => setTimeout(r, 25));
  }
});
afterAll(async () => {
  await admin?.close();
  await server?.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

function objectsOf(yamlText: string): any[] {
  return YAML.parseAllDocuments(yamlText).map((d) => d.toJSON()).filter((o) => o);
}

/** The upstream kubeconfig inside the printed manifest's Secret. */
function upstreamOf(manifest: string): any {
  const secret = objectsOf(manifest).find((o) => o.kind === 'Secret');
  return YAML.parse(Buffer.from(secret.data.kubeconfig, 'base64').toString());
}

const req = (c: ApiClient, method: string, p: string, body?: unknown, ct = 'application/json') =>
  c.request(method, p, { body: body === undefined ? undefined : JSON.stringify(body), headers: { 'content-type': ct } });

describe('kplane syncer-manifest', () => {
  let manifest: string;
  let agent: ApiClient;

  it('registers the target in the compute workspace and prints the member manifest', async () => {
    manifest = await syncerManifest({ target: 'edge-1', workspace: 'root:compute', image: 'ghcr.io/acme/kplane:0.1.0', kubeconfig: server.kubeconfigPath, server: 'https://hub.example.com:6443' });
    expect(objectsOf(manifest).map((o) => o.kind)).toEqual(['Namespace', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding', 'Secret', 'Deployment']);
    const kc = upstreamOf(manifest);
    expect(kc.clusters[0].cluster.server).toBe('https://hub.example.com:6443/clusters/root:compute');
    expect(Buffer.from(kc.clusters[0].cluster['certificate-authority-data'], 'base64').toString()).toBe(server.caPem);
    expect(kc['current-context']).toBe('edge-1');

    expect((await admin.get(`${ST}/edge-1`)).status).toBe(200);
    expect((await admin.get(`${COMPUTE}/api/v1/namespaces/${SYNCER_NAMESPACE}`)).status).toBe(200);
    expect((await admin.get(`${COMPUTE}/api/v1/namespaces/${SYNCER_NAMESPACE}/serviceaccounts/syncer-edge-1`)).status).toBe(200);
    const rbac = `${COMPUTE}/apis/rbac.authorization.k8s.io/v1`;
    const cr = (await admin.get(`${rbac}/clusterroles/kplane-syncer-edge-1`)).json();
    expect(cr.rules[0]).toMatchObject({ resources: ['synctargets'], resourceNames: ['edge-1'], verbs: expect.arrayContaining(['sync']) });
    expect((await admin.get(`${rbac}/clusterrolebindings/kplane-syncer-edge-1`)).json().subjects).toMatchObject([{ kind: 'ServiceAccount', name: 'syncer-edge-1', namespace: SYNCER_NAMESPACE }]);
    expect((await admin.get(`${rbac}/namespaces/${SYNCER_NAMESPACE}/roles/kplane-syncer-edge-1`)).status).toBe(200);
    expect((await admin.get(`${rbac}/namespaces/${SYNCER_NAMESPACE}/rolebindings/kplane-syncer-edge-1`)).status).toBe(200);

    agent = apiClient(server.baseURL, server.caPem, kc.users[0].user.token);
  });

  it('is idempotent: a second run (through the command line) succeeds, keeps labels and issues a working token', async () => {
    const labelled = await req(admin, 'PATCH', `${ST}/edge-1`, { metadata: { labels: { region: 'eu' } } }, 'application/merge-patch+json');
    expect(labelled.status, labelled.text).toBe(200);
    let out = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => ((out += String(chunk)), true));
    try {
      await syncerManifestCommand().parseAsync(
        ['edge-1', '--workspace', 'root:compute', '--image', 'agent:1', '--kubeconfig', server.kubeconfigPath, '--lease-duration-seconds', '30', '--namespace', 'sync'],
        { from: 'user' },
      );
    } finally {
      write.mockRestore();
    }
    const objs = objectsOf(out);
    expect(objs.find((o) => o.kind === 'Deployment').metadata.namespace).toBe('sync');
    const kc = upstreamOf(out);
    expect(kc.clusters[0].cluster.server).toBe(`${server.baseURL}/clusters/root:compute`);
    const st = (await admin.get(`${ST}/edge-1`)).json();
    expect(st.metadata.labels).toEqual({ region: 'eu' });
    expect(st.spec.leaseDurationSeconds).toBe(30);
    const second = apiClient(server.baseURL, server.caPem, kc.users[0].user.token);
    try {
      expect((await second.get(`${ST}/edge-1`)).status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('prints only the kubeconfig, or Helm values, when asked', async () => {
    const kc = YAML.parse(await syncerManifest({ target: 'edge-1', workspace: 'root:compute', kubeconfig: server.kubeconfigPath, kubeconfigOnly: true }));
    expect(kc.kind).toBe('Config');
    const values = YAML.parse(await syncerManifest({ target: 'edge-1', workspace: 'root:compute', image: 'ghcr.io/acme/kplane:0.1.0', kubeconfig: server.kubeconfigPath, helmValues: true }));
    expect(values).toMatchObject({ syncTarget: 'edge-1', image: { repository: 'ghcr.io/acme/kplane', tag: '0.1.0' } });
    expect(YAML.parse(values.upstreamKubeconfig).kind).toBe('Config');
  });

  it('fails clearly when the compute workspace does not exist', async () => {
    await expect(syncerManifest({ target: 'edge-1', workspace: 'root:nowhere', image: 'a', kubeconfig: server.kubeconfigPath })).rejects.toThrow(/workspace root:nowhere/);
  });

  it('lets the token read its SyncTarget and write its status', async () => {
    const got = await agent.get(`${ST}/edge-1`);
    expect(got.status, got.text).toBe(200);
    const patched = await req(agent, 'PATCH', `${ST}/edge-1/status`, { status: { distribution: 'k3s' } }, 'application/merge-patch+json');
    expect(patched.status, patched.text).toBe(200);
    const st = patched.json();
    st.status.version = { kubernetes: 'v1.31.4+k3s1' };
    const put = await req(agent, 'PUT', `${ST}/edge-1/status`, st);
    expect(put.status, put.text).toBe(200);
    expect(put.json().status).toMatchObject({ distribution: 'k3s', version: { kubernetes: 'v1.31.4+k3s1' } });
    const watched = await agent.get(`${ST}?fieldSelector=metadata.name%3Dedge-1`);
    expect(watched.status, watched.text).toBe(200);
  });

  it('lets the token ask who it is (the agent derives its target from the answer)', async () => {
    const r = await req(agent, 'POST', `${COMPUTE}/apis/authentication.k8s.io/v1/selfsubjectreviews`, { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
    expect(r.status, r.text).toBe(201);
    expect(r.json().status.userInfo.username).toBe(`system:serviceaccount:${SYNCER_NAMESPACE}:syncer-edge-1`);
  });

  it('lets the token renew its heartbeat Lease', async () => {
    const leases = `${COMPUTE}/apis/coordination.k8s.io/v1/namespaces/${SYNCER_NAMESPACE}/leases`;
    const lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'edge-1' }, spec: { holderIdentity: 'edge-1', leaseDurationSeconds: 20, renewTime: new Date().toISOString().replace('Z', '000Z') } };
    const created = await req(agent, 'POST', leases, lease);
    expect(created.status, created.text).toBe(201);
    const renewed = await req(agent, 'PATCH', `${leases}/edge-1`, { spec: { renewTime: new Date().toISOString().replace('Z', '000Z') } }, 'application/merge-patch+json');
    expect(renewed.status, renewed.text).toBe(200);
    expect((await agent.get(`${leases}/edge-1`)).status).toBe(200);
    expect((await agent.get(leases)).status).toBe(403);
  });

  it('denies the token everything else: secrets, other SyncTargets, the target\'s spec, other workspaces', async () => {
    const created = await req(admin, 'POST', ST, { apiVersion: 'sync.kplane.io/v1alpha1', kind: 'SyncTarget', metadata: { name: 'edge-2' } });
    expect(created.status, created.text).toBe(201);
    expect((await agent.get(`${COMPUTE}/api/v1/secrets`)).status).toBe(403);
    expect((await agent.get(`${COMPUTE}/api/v1/namespaces/${SYNCER_NAMESPACE}/secrets`)).status).toBe(403);
    expect((await agent.get(`${ST}/edge-2`)).status).toBe(403);
    expect((await agent.get(ST)).status).toBe(403);
    expect((await req(agent, 'PATCH', `${ST}/edge-2/status`, { status: { distribution: 'x' } }, 'application/merge-patch+json')).status).toBe(403);
    expect((await req(agent, 'PATCH', `${ST}/edge-1`, { spec: { unschedulable: true } }, 'application/merge-patch+json')).status).toBe(403);
    expect((await req(agent, 'DELETE', `${ST}/edge-1`)).status).toBe(403);
    expect((await req(agent, 'POST', `${COMPUTE}/api/v1/namespaces/${SYNCER_NAMESPACE}/serviceaccounts/syncer-edge-1/token`, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} })).status).toBe(403);
    expect((await agent.get('/clusters/root/api/v1/namespaces')).status).toBe(403);
  });

  it('works for kubectl with the printed kubeconfig', async () => {
    const file = path.join(work, 'upstream.kubeconfig');
    fs.writeFileSync(file, YAML.stringify({ ...upstreamOf(manifest), clusters: [{ name: 'edge-1', cluster: { ...upstreamOf(manifest).clusters[0].cluster, server: `${server.baseURL}/clusters/root:compute` } }] }));
    const kubectl = kubectlFor(file, work);
    const r = await kubectl(['get', 'synctarget', 'edge-1', '-o', 'jsonpath={.metadata.name}']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('edge-1');
    const can = await kubectl(['auth', 'can-i', 'list', 'secrets']);
    expect(can.stdout.trim()).toBe('no');
  });

  it('prints YAML a Kubernetes API server accepts: kubectl apply and helm install into a workspace standing in for the member', async () => {
    const ws = await send(admin, 'POST', '/apis/tenancy.kcp.io/v1alpha1/workspaces', { apiVersion: 'tenancy.kcp.io/v1alpha1', kind: 'Workspace', metadata: { name: 'member' } });
    expect(ws.status, ws.text).toBe(201);
    for (let i = 0; i < 200 && (await admin.get('/clusters/root/apis/tenancy.kcp.io/v1alpha1/workspaces/member')).json().status?.phase !== 'Ready'; i++) await new Promise((r) => setTimeout(r, 25));
    const file = path.join(work, 'member.kubeconfig');
    fs.writeFileSync(file, adminKubeconfig({ baseURL: server.baseURL, caPem: server.caPem, token: server.token, workspace: 'root:member' }));
    const kubectl = kubectlFor(file, work);
    const applied = await kubectl(['apply', '-f', '-'], { stdin: manifest });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('deployment.apps/kplane-syncer created');
    const values = path.join(work, 'values.yaml');
    fs.writeFileSync(values, await syncerManifest({ target: 'edge-1', workspace: 'root:compute', image: 'ghcr.io/acme/kplane:0.1.0', kubeconfig: server.kubeconfigPath, helmValues: true }));
    const helmEnv = { KUBECONFIG: file, HOME: work, XDG_CACHE_HOME: path.join(work, 'cache'), XDG_CONFIG_HOME: path.join(work, 'config'), XDG_DATA_HOME: path.join(work, 'data') };
    // Another target's agent in its own namespace: only the ClusterRole names differ, by target.
    const installed = await run(helmPath(), ['install', 'syncer', chartDir, '-n', 'helm-syncer', '--create-namespace', '-f', values, '--set', 'syncTarget=edge-9'], helmEnv, { timeoutMs: 60_000 });
    expect(installed.code, installed.stderr).toBe(0);
    const d = (await admin.get('/clusters/root:member/apis/apps/v1/namespaces/helm-syncer/deployments/kplane-syncer')).json();
    expect(d.spec.template.spec.containers[0].args).toEqual(['syncer', '--upstream-kubeconfig', '/etc/kplane/upstream/kubeconfig', '--sync-target', 'edge-9', '--namespace', 'helm-syncer']);
  });

  // The syncer view is built alongside: check it once the hub serves it (the admin gets a 404 before).
  it('lets the token list through its syncer view, and only its own', async (ctx) => {
    const view = '/services/syncer/root:compute/edge-1/clusters/*/api/v1/configmaps';
    if ((await admin.get(view)).status === 404) ctx.skip();
    const own = await agent.get(view);
    expect(own.status, own.text).toBe(200);
    expect(own.json().kind).toBe('ConfigMapList');
    expect((await agent.get('/services/syncer/root:compute/edge-2/clusters/*/api/v1/configmaps')).status).toBe(403);
  });

  afterAll(async () => {
    await agent?.close();
  });
});
