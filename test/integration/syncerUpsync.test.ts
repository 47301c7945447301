// Upsync of ReplicaSets, in-process: a hub (compute workspace with SyncTarget "edge", tenant
// workspace with namespace "web" placed there) and a member that simulates workloads, with the
// agent between them. The member's deployment controller keeps one ReplicaSet per revision; the
// agent copies them into the workspace, owned by the workspace Deployment, so rollout history
// there shows what runs. The view lets the agent's credential write nothing else.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { stateLabel, targetKey, upsyncLabel } from '../../apis/sync/contract.js';
import { RunningSyncer, startSyncer } from '../../syncer/agent.js';
import { hubClient } from '../../syncer/install/hubClient.js';
import { setUpHub } from '../../syncer/install/hubSetup.js';
import { ApiClient, apiClient } from '../support/http.js';
import { kubectlFor } from '../support/kubectl.js';
import { must, readyWorkspace, sendTo as send, until } from '../support/polling.js';
import { startTestServer, TestServer } from '../support/server.js';

const REVISION = 'deployment.kubernetes.io/revision';
const MERGE = { 'content-type': 'application/merge-patch+json' };
let hub: TestServer;
let member: TestServer;
let h: ApiClient;
let m: ApiClient;
let agentHttp: ApiClient;
let dir: string;
let tenantId = '';
let key = '';
let syncer: RunningSyncer | undefined;

const T = (p: string): string => `/clusters/root:tenant${p}`;
const RS = T('/apis/apps/v1/namespaces/web/replicasets');
const view = (p: string): string => `/services/syncer/root:compute/edge/clusters/${tenantId}${p}`;

function kubeconfigFile(file: string, server: string, caPem: string, token: string): void {
  fs.writeFileSync(file, YAML.stringify({
    apiVersion: 'v1', kind: 'Config',
    clusters: [{ name: 'c', cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') } }],
    users: [{ name: 'u', user: { token } }],
    contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'c',
  }));
}

const quiet = (): pino.Logger => pino({ level: process.env.KPLANE_TEST_LOGS ? 'debug' : 'warn' }, new Writable({ write(c, _e, done) { if (process.env.KPLANE_TEST_LOGS) process.stderr.write(c); done(); } }));

const image = (tag: string) => ({ spec: { template: { spec: { containers: [{ name: 'c', image: `nginx:${tag}` }] } } } });

async function workspaceReplicaSets(): Promise<any[]> {
  return (await must(h.get(RS))).items;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kplane-upsync-'));
  [hub, member] = await Promise.all([startTestServer(), startTestServer({ serve: { simulateWorkloads: true } })]);
  h = apiClient(hub.baseURL, hub.caPem, hub.token);
  m = apiClient(member.baseURL, member.caPem, member.token);
  let computeId = '';
  [computeId, tenantId] = await Promise.all([readyWorkspace(h, 'compute'), readyWorkspace(h, 'tenant')]);
  key = targetKey(computeId, 'edge');
  const installer = hubClient(hub.baseURL, { server: hub.url, caPem: hub.caPem, token: hub.token });
  const agentToken = await setUpHub(installer, { workspace: 'root:compute', target: 'edge' });
  await installer.close();
  agentHttp = apiClient(hub.baseURL, hub.caPem, agentToken);
  kubeconfigFile(path.join(dir, 'hub.kubeconfig'), `${hub.baseURL}/clusters/root:compute`, hub.caPem, agentToken);
  kubeconfigFile(path.join(dir, 'member.kubeconfig'), `${member.baseURL}/clusters/root`, member.caPem, member.token);
  await must(send(h, 'POST', T('/api/v1/namespaces'), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web', labels: { app: 'web' } } }), 201);
  await must(send(h, 'POST', T('/api/v1/namespaces'), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'local' } }), 201);
  await must(send(h, 'POST', T('/apis/sync.kplane.io/v1alpha1/placements'), {
    apiVersion: 'sync.kplane.io/v1alpha1', kind: 'Placement', metadata: { name: 'web' },
    spec: { namespaceSelector: { matchLabels: { app: 'web' } }, location: { workspace: 'root:compute' } },
  }), 201);
  await until(async () => (await must(h.get(T('/api/v1/namespaces/web')))).metadata.labels?.[stateLabel(key)] === 'Sync', 'web placed');
  syncer = await startSyncer({ upstream: { path: path.join(dir, 'hub.kubeconfig') }, downstream: { path: path.join(dir, 'member.kubeconfig') }, logger: quiet(), revisionIntervalMs: 200 });
  await syncer.ready;
}, 120_000);

afterAll(async () => {
  await syncer?.stop();
  await h?.close();
  await agentHttp?.close();
  await m?.close();
  await Promise.all([hub?.stop(), member?.stop()]);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('ReplicaSet upsync', () => {
  it('copies each revision the member runs into the workspace, owned by the workspace Deployment', async () => {
    const d = await must(send(h, 'POST', T('/apis/apps/v1/namespaces/web/deployments'), {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } } },
    }), 201);
    await until(async () => (await workspaceReplicaSets()).length === 1, 'revision 1 upsynced');
    await must(send(h, 'PATCH', T('/apis/apps/v1/namespaces/web/deployments/web'), image('1.26'), MERGE));
    await until(async () => (await workspaceReplicaSets()).length === 2, 'revision 2 upsynced');
    await must(send(h, 'PATCH', T('/apis/apps/v1/namespaces/web/deployments/web'), image('1.27'), MERGE));
    const items = await until(async () => { const l = await workspaceReplicaSets(); return l.length === 3 && l.every((rs) => rs.metadata.annotations?.[REVISION]) && l; }, 'revision 3 upsynced');
    const byRevision = new Map(items.map((rs: any) => [rs.metadata.annotations[REVISION], rs]));
    expect([...byRevision.keys()].sort()).toEqual(['1', '2', '3']);
    expect(byRevision.get('1').spec.template.spec.containers[0].image).toBe('nginx:1.25');
    expect(byRevision.get('3').spec.template.spec.containers[0].image).toBe('nginx:1.27');
    for (const rs of items) {
      expect(rs.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      expect(rs.metadata.labels).toMatchObject({ app: 'web', [upsyncLabel(key)]: 'true' });
      // Never stamped for downsync, and none of the agent's own bookkeeping rides along.
      expect(rs.metadata.labels[stateLabel(key)]).toBeUndefined();
      expect(rs.metadata.finalizers).toBeUndefined();
      expect(Object.keys(rs.metadata.annotations).filter((a) => a.includes('sync.kplane.io/'))).toEqual([]);
    }
    await until(async () => (await must(h.get(`${RS}/${byRevision.get('3').metadata.name}`))).status?.readyReplicas === 2, 'status upsynced');
  });

  it('shows them to kubectl rollout history, and rollout undo brings the old template back to the member', async () => {
    const kc = path.join(dir, 'tenant.kubeconfig');
    kubeconfigFile(kc, `${hub.baseURL}/clusters/root:tenant`, hub.caPem, hub.token);
    const kubectl = kubectlFor(kc, dir);
    const history = await kubectl(['-n', 'web', 'rollout', 'history', 'deployment/web']);
    expect(history.code, history.stderr).toBe(0);
    expect(history.stdout).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n3\s+<none>/);
    const undo = await kubectl(['-n', 'web', 'rollout', 'undo', 'deployment/web', '--to-revision=1']);
    expect(undo.code, undo.stderr).toBe(0);
    const memberNs = (await must(h.get(T('/apis/sync.kplane.io/v1alpha1/placements/web')))).status.decisions[0].downstreamNamespace;
    await until(async () => (await must(m.get(`/clusters/root/apis/apps/v1/namespaces/${memberNs}/deployments/web`))).spec.template.spec.containers[0].image === 'nginx:1.25', 'old image on the member');
    // The member's revision 1 ReplicaSet became revision 4, and so did its workspace copy.
    await until(async () => (await workspaceReplicaSets()).some((rs) => rs.metadata.annotations[REVISION] === '4' && rs.spec.template.spec.containers[0].image === 'nginx:1.25'), 'revision 4 upsynced');
  });

  it('refuses, through the view, any other create and any ReplicaSet not owned by a placed Deployment', async () => {
    const d = await must(h.get(T('/apis/apps/v1/namespaces/web/deployments/web')));
    const rs = (owner: any, labels: Record<string, string> = { [upsyncLabel(key)]: 'true' }) => ({
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: { name: 'forged', labels: { app: 'web', ...labels }, ownerReferences: owner ? [owner] : undefined },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'evil' }] } } },
    });
    const ownerRef = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true };
    const refused = async (url: string, body: unknown): Promise<void> => {
      const r = await send(agentHttp, 'POST', view(url), body);
      expect(r.status, r.text).toBe(403);
    };
    await refused('/api/v1/namespaces/web/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    await refused('/apis/apps/v1/namespaces/web/deployments', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } });
    await refused('/apis/apps/v1/namespaces/web/replicasets', rs(undefined));
    await refused('/apis/apps/v1/namespaces/web/replicasets', rs({ ...ownerRef, uid: 'not-the-uid' }));
    await refused('/apis/apps/v1/namespaces/web/replicasets', rs(ownerRef, {}));
    await refused('/apis/apps/v1/namespaces/local/replicasets', rs({ ...ownerRef, uid: 'x' }));
    // A tenant's own ReplicaSet (no upsync label) is invisible to the agent: no update, no delete.
    await must(send(h, 'POST', RS, { ...rs(undefined, {}), metadata: { name: 'tenants', labels: { app: 'other' } }, spec: { selector: { matchLabels: { app: 'other' } }, template: { metadata: { labels: { app: 'other' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } } }), 201);
    expect((await send(agentHttp, 'DELETE', view('/apis/apps/v1/namespaces/web/replicasets/tenants'))).status).toBe(404);
    expect((await send(agentHttp, 'PATCH', view('/apis/apps/v1/namespaces/web/replicasets/tenants'), { metadata: { labels: { [upsyncLabel(key)]: 'true' } } }, MERGE)).status).toBe(404);
    expect(await must(h.get(`${RS}/tenants`))).toBeTruthy();
  });

  it('goes with the workspace Deployment', async () => {
    await must(send(h, 'DELETE', T('/apis/apps/v1/namespaces/web/deployments/web')));
    await until(async () => (await h.get(T('/apis/apps/v1/namespaces/web/deployments/web'))).status === 404, 'deployment gone', 30_000);
    await until(async () => (await workspaceReplicaSets()).every((rs) => rs.metadata.name === 'tenants'), 'upsynced ReplicaSets gone', 30_000);
  });
});
