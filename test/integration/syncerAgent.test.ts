// The syncer agent end to end, in-process: a hub (compute workspace with SyncTarget "edge", tenant
// workspace with a Placement of namespace "web") and a member that simulates its workloads, both
// real HTTPS servers; the agent reads the hub's syncer view and writes the member. Downsync into
// the mapped namespace, Deployment status back with observedGeneration translated, drift
// correction, an Abort conflict, deletion with finalizer release, custom resources after their
// CRD, and an agent that was stopped catching up (by revision, then by relist after compaction,
// and refusing a relist that would delete most of what it synced).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import {
  MANAGED_BY_LABEL, NAMESPACE_LOCATOR_ANNOTATION, SPEC_HASH_ANNOTATION, UPSTREAM_ANNOTATION, UPSTREAM_GENERATION_ANNOTATION,
  downstreamNamespace, stateLabel, syncConditionAnnotation, syncerFinalizer, targetKey,
} from '../../apis/sync/contract.js';
import { RunningSyncer, startSyncer } from '../../syncer/agent.js';
import { stateConfigMapName } from '../../syncer/revisions.js';
import { hubClient } from '../../syncer/install/hubClient.js';
import { setUpHub } from '../../syncer/install/hubSetup.js';
import { spawn } from 'node:child_process';
import { kplaneBin } from '../support/childServer.js';
import { crontabCRD } from '../support/crds.js';
import { kubectlFor } from '../support/kubectl.js';
import { ApiClient, apiClient } from '../support/http.js';
import { startTestServer, TestServer } from '../support/server.js';
import { must, readyWorkspace, sendTo as send, until } from '../support/polling.js';

const SYNC = '/apis/sync.kplane.io/v1alpha1';
const MERGE = { 'content-type': 'application/merge-patch+json' };

let hub: TestServer;
let member: TestServer;
let h: ApiClient;
let m: ApiClient;
let dir: string;
let computeId = '';
let tenantId = '';
let key = '';
let mapped = '';
let syncer: RunningSyncer | undefined;
const hubKubeconfig = (): string => path.join(dir, 'hub.kubeconfig');
const memberKubeconfig = (): string => path.join(dir, 'member.kubeconfig');

const T = (p: string): string => `/clusters/root:tenant${p}`;
const C = (p: string): string => `/clusters/root:compute${p}`;
const M = (p: string): string => `/clusters/root${p}`;
const WEB = '/namespaces/web';

async function getOr404(c: ApiClient, url: string): Promise<any | undefined> {
  const r = await c.get(url);
  if (r.status === 404) return undefined;
  expect(r.status, r.text).toBe(200);
  return r.json();
}

function kubeconfigFile(file: string, server: string, caPem: string, token: string): void {
  fs.writeFileSync(file, YAML.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') } }],
    users: [{ name: 'u', user: { token } }],
    contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'c',
  }));
}

function logger(): pino.Logger {
  const sink = new Writable({ write(chunk, _e, done) { if (process.env.KPLANE_TEST_LOGS) process.stderr.write(chunk); done(); } });
  return pino({ level: process.env.KPLANE_TEST_LOGS ? 'debug' : 'warn' }, sink);
}

async function startAgent(extra: Partial<Parameters<typeof startSyncer>[0]> = {}): Promise<RunningSyncer> {
  const s = await startSyncer({ upstream: { path: hubKubeconfig() }, downstream: { path: memberKubeconfig() }, logger: logger(), revisionIntervalMs: 200, conflictRecheckMs: 300, ...extra });
  await s.ready;
  return s;
}

const configMap = (name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });
const condition = (o: any): any => JSON.parse(o?.metadata?.annotations?.[syncConditionAnnotation(key)] ?? 'null');
const memberCM = (name: string): Promise<any> => getOr404(m, M(`/api/v1/namespaces/${mapped}/configmaps/${name}`));
const hubCM = (name: string): Promise<any> => getOr404(h, T(`/api/v1${WEB}/configmaps/${name}`));

function deployment(name: string, replicas: number): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
  };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kplane-syncer-'));
  [hub, member] = await Promise.all([startTestServer(), startTestServer({ serve: { simulateWorkloads: true } })]);
  h = apiClient(hub.baseURL, hub.caPem, hub.token);
  m = apiClient(member.baseURL, member.caPem, member.token);
  [computeId, tenantId] = await Promise.all([readyWorkspace(h, 'compute'), readyWorkspace(h, 'tenant')]);
  key = targetKey(computeId, 'edge');
  mapped = downstreamNamespace(key, tenantId, 'web');
  // What `kplane syncer-manifest` sets up on the hub: SyncTarget, ServiceAccount syncer-edge, its
  // RBAC and a token. The agent runs with that token (and finds its target from it).
  const installer = hubClient(hub.baseURL, { server: hub.url, caPem: hub.caPem, token: hub.token });
  const agentToken = await setUpHub(installer, { workspace: 'root:compute', target: 'edge' });
  await installer.close();
  kubeconfigFile(hubKubeconfig(), `${hub.baseURL}/clusters/root:compute`, hub.caPem, agentToken);
  kubeconfigFile(memberKubeconfig(), `${member.baseURL}/clusters/root`, member.caPem, member.token);
  await must(send(h, 'POST', T('/api/v1/namespaces'), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web', labels: { app: 'web', team: 'blue' } } }), 201);
  await must(send(h, 'POST', T(`/api/v1${WEB}/configmaps`), configMap('settings', { color: 'blue' })), 201);
  await must(send(h, 'POST', T(`/apis/apps/v1${WEB}/deployments`), deployment('web', 2)), 201);
  await must(send(h, 'POST', T(`/api/v1${WEB}/services`), { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }), 201);
  await must(send(h, 'POST', T(`${SYNC}/placements`), {
    apiVersion: 'sync.kplane.io/v1alpha1', kind: 'Placement', metadata: { name: 'web' },
    spec: { namespaceSelector: { matchLabels: { app: 'web' } }, location: { workspace: 'root:compute' }, conflictPolicy: 'Abort', deletionPolicy: 'Delete' },
  }), 201);
  await until(async () => (await hubCM('settings'))?.metadata?.labels?.[stateLabel(key)] === 'Sync', 'settings stamped');
  syncer = await startAgent();
}, 120_000);

afterAll(async () => {
  await syncer?.stop();
  await h?.close();
  await m?.close();
  await Promise.all([hub?.stop(), member?.stop()]);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('syncer agent', () => {
  it('maps the placed namespace onto the member with its locator', async () => {
    const ns = await until(() => getOr404(m, M(`/api/v1/namespaces/${mapped}`)), 'mapped namespace');
    expect(ns.metadata.labels).toMatchObject({ [MANAGED_BY_LABEL]: key, team: 'blue' });
    expect(JSON.parse(ns.metadata.annotations[NAMESPACE_LOCATOR_ANNOTATION])).toEqual({
      workspace: tenantId, namespace: 'web', syncTarget: { workspace: 'root:compute', name: 'edge', key },
    });
  });

  it('applies objects in the mapped namespace, labelled, annotated, and says so on the workspace object', async () => {
    const cm = await until(() => memberCM('settings'), 'settings on the member');
    expect(cm.data).toEqual({ color: 'blue' });
    expect(cm.metadata.labels[MANAGED_BY_LABEL]).toBe(key);
    expect(cm.metadata.labels[stateLabel(key)]).toBeUndefined();
    expect(cm.metadata.annotations[UPSTREAM_ANNOTATION]).toBe(`${tenantId}/web/settings`);
    expect(cm.metadata.annotations[SPEC_HASH_ANNOTATION]).toMatch(/^[\w-]{22}$/);
    expect(cm.metadata.managedFields.map((f: any) => f.manager)).toContain('kplane-syncer');
    const up = await until(async () => { const o = await hubCM('settings'); return condition(o)?.reason === 'Applied' && o; }, 'Applied condition');
    expect(condition(up)).toMatchObject({ type: 'Synced', status: 'True', reason: 'Applied' });
    const svc = await until(() => getOr404(m, M(`/api/v1/namespaces/${mapped}/services/web`)), 'service on the member');
    expect(svc.spec.ports[0].port).toBe(80);
  });

  it('copies Deployment status back, with the upstream generation as observedGeneration', async () => {
    const ready = (d: any): boolean => d?.status?.readyReplicas === d?.spec?.replicas && d?.status?.observedGeneration === d?.metadata?.generation;
    const up = await until(async () => { const d = await getOr404(h, T(`/apis/apps/v1${WEB}/deployments/web`)); return ready(d) && d; }, 'upstream deployment ready');
    expect(up.status.availableReplicas).toBe(2);
    // A spec change upstream: generation 2 there; applied, rolled out, reported as 2.
    await must(send(h, 'PATCH', T(`/apis/apps/v1${WEB}/deployments/web`), { spec: { replicas: 3 } }, MERGE));
    const after = await until(async () => { const d = await getOr404(h, T(`/apis/apps/v1${WEB}/deployments/web`)); return d.metadata.generation === 2 && ready(d) && d; }, 'upstream deployment rolled out at 3');
    expect(after.status.replicas).toBe(3);
    const down = await must(m.get(M(`/apis/apps/v1/namespaces/${mapped}/deployments/web`)));
    expect(down.spec.replicas).toBe(3);
    expect(down.metadata.annotations[UPSTREAM_GENERATION_ANNOTATION]).toBe('2');
  });

  it('lets kubectl rollout status and kubectl wait in the workspace report what runs on the member', async () => {
    const tenantKubeconfig = path.join(dir, 'tenant.kubeconfig');
    kubeconfigFile(tenantKubeconfig, `${hub.baseURL}/clusters/root:tenant`, hub.caPem, hub.token);
    const kubectl = kubectlFor(tenantKubeconfig, dir);
    const scaled = await kubectl(['-n', 'web', 'scale', 'deployment/web', '--replicas=4']);
    expect(scaled.code, scaled.stderr).toBe(0);
    const rollout = await kubectl(['-n', 'web', 'rollout', 'status', 'deployment/web', '--timeout=30s']);
    expect(rollout.code, rollout.stderr).toBe(0);
    expect(rollout.stdout).toContain('successfully rolled out');
    const wait = await kubectl(['-n', 'web', 'wait', '--for=condition=Available', 'deployment/web', '--timeout=30s']);
    expect(wait.code, wait.stderr).toBe(0);
    const got = await kubectl(['-n', 'web', 'get', 'deployment/web', '-o', 'jsonpath={.status.readyReplicas}/{.spec.replicas}']);
    expect(got.stdout).toBe('4/4');
    await must(send(h, 'PATCH', T(`/apis/apps/v1${WEB}/deployments/web`), { spec: { replicas: 3 } }, MERGE));
    await until(async () => { const d = await getOr404(h, T(`/apis/apps/v1${WEB}/deployments/web`)); return d.status?.readyReplicas === 3 && d.status.observedGeneration === d.metadata.generation && d; }, 'back at 3');
  });

  it('corrects drift on the member and keeps the workspace generation in status', async () => {
    await must(send(m, 'PATCH', M(`/api/v1/namespaces/${mapped}/configmaps/settings`), { data: { color: 'red' } }, MERGE));
    await until(async () => (await memberCM('settings'))?.data?.color === 'blue', 'configmap drift reverted');
    // Scaling on the member bumps its generation twice (drift, then the revert); upstream's stays.
    await must(send(m, 'PATCH', M(`/apis/apps/v1/namespaces/${mapped}/deployments/web`), { spec: { replicas: 1 } }, MERGE));
    const down = await until(async () => { const d = await getOr404(m, M(`/apis/apps/v1/namespaces/${mapped}/deployments/web`)); return d.spec.replicas === 3 && d.metadata.generation >= 6 && d; }, 'deployment drift reverted');
    const up = await until(async () => { const d = await getOr404(h, T(`/apis/apps/v1${WEB}/deployments/web`)); return d.status?.readyReplicas === 3 && d.status.observedGeneration === d.metadata.generation && d; }, 'upstream status after drift');
    expect(up.metadata.generation).toBe(4);
    expect(down.metadata.generation).toBeGreaterThan(up.metadata.generation);
    // A member object deleted behind the agent's back comes back.
    await must(send(m, 'DELETE', M(`/api/v1/namespaces/${mapped}/configmaps/settings`)));
    await until(async () => (await memberCM('settings'))?.data?.color === 'blue', 'deleted member copy recreated');
  });

  it('leaves the replicas of an autoscaled workload to the member\'s autoscaler', async () => {
    const hpa = {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 6 },
    };
    await must(send(h, 'POST', T(`/apis/autoscaling/v2${WEB}/horizontalpodautoscalers`), hpa), 201);
    const memberDeploy = M(`/apis/apps/v1/namespaces/${mapped}/deployments/web`);
    const owned = (d: any): boolean => d.metadata.managedFields.some((f: any) => f.manager === 'kplane-syncer' && JSON.stringify(f.fieldsV1 ?? {}).includes('f:replicas'));
    await until(async () => !owned(await must(m.get(memberDeploy))), 'replicas released to the autoscaler');
    await must(send(m, 'PATCH', memberDeploy, { spec: { replicas: 5 } }, MERGE));
    await new Promise((r) => setTimeout(r, 1000));
    expect((await must(m.get(memberDeploy))).spec.replicas).toBe(5);
    // Without the autoscaler, the workspace's count is the member's again.
    await must(send(h, 'DELETE', T(`/apis/autoscaling/v2${WEB}/horizontalpodautoscalers/web`)));
    await until(async () => { const d = await must(m.get(memberDeploy)); return d.spec.replicas === 3 && owned(d); }, 'replicas back from the workspace');
  });

  it('reports an existing member object that is not ours as a conflict and leaves it alone (Abort)', async () => {
    await must(send(m, 'POST', M(`/api/v1/namespaces/${mapped}/configmaps`), configMap('taken', { owner: 'someone-else' })), 201);
    await must(send(h, 'POST', T(`/api/v1${WEB}/configmaps`), configMap('taken', { owner: 'tenant' })), 201);
    const up = await until(async () => { const o = await hubCM('taken'); return condition(o)?.reason === 'Conflict' && o; }, 'Conflict condition');
    expect(condition(up)).toMatchObject({ status: 'False', reason: 'Conflict' });
    expect(condition(up).message).toMatch(/not managed by this syncer/);
    const cm = await memberCM('taken');
    expect(cm.data).toEqual({ owner: 'someone-else' });
    expect(cm.metadata.labels?.[MANAGED_BY_LABEL]).toBeUndefined();
    // Deleting the workspace object releases the finalizer without touching the member's object.
    await must(send(h, 'DELETE', T(`/api/v1${WEB}/configmaps/taken`)));
    await until(async () => !(await hubCM('taken')), 'conflicting object deleted upstream');
    expect((await memberCM('taken')).data).toEqual({ owner: 'someone-else' });
  });

  it('syncs a conflicting object once the member\'s own goes away', async () => {
    await must(send(m, 'POST', M(`/api/v1/namespaces/${mapped}/configmaps`), configMap('later', { owner: 'someone-else' })), 201);
    await must(send(h, 'POST', T(`/api/v1${WEB}/configmaps`), configMap('later', { owner: 'tenant' })), 201);
    await until(async () => condition(await hubCM('later'))?.reason === 'Conflict', 'Conflict condition');
    // Nothing tells the agent when the member's object goes (it watches only its own): it looks again.
    await must(send(m, 'DELETE', M(`/api/v1/namespaces/${mapped}/configmaps/later`)));
    await until(async () => (await memberCM('later'))?.data?.owner === 'tenant', 'our copy on the member');
    expect((await memberCM('later')).metadata.labels[MANAGED_BY_LABEL]).toBe(key);
    await until(async () => condition(await hubCM('later'))?.reason === 'Applied', 'Applied condition');
  });

  it('deletes the member copy before releasing the finalizer', async () => {
    await must(send(h, 'POST', T(`/api/v1${WEB}/configmaps`), configMap('doomed', { a: '1' })), 201);
    await until(() => memberCM('doomed'), 'doomed on the member');
    const before = await hubCM('doomed');
    expect(before.metadata.finalizers).toContain(syncerFinalizer(key));
    await must(send(h, 'DELETE', T(`/api/v1${WEB}/configmaps/doomed`)));
    await until(async () => !(await hubCM('doomed')), 'doomed gone upstream');
    expect(await memberCM('doomed')).toBeUndefined();
  });

  it('takes an existing member object over under Adopt, and leaves copies behind under Orphan', async () => {
    await must(send(h, 'POST', T('/api/v1/namespaces'), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'api', labels: { app: 'api' } } }), 201);
    await must(send(h, 'POST', T(`${SYNC}/placements`), {
      apiVersion: 'sync.kplane.io/v1alpha1', kind: 'Placement', metadata: { name: 'api' },
      spec: { namespaceSelector: { matchLabels: { app: 'api' } }, location: { workspace: 'root:compute' }, conflictPolicy: 'Adopt', deletionPolicy: 'Orphan' },
    }), 201);
    const apiNs = downstreamNamespace(key, tenantId, 'api');
    await until(() => getOr404(m, M(`/api/v1/namespaces/${apiNs}`)), 'api namespace mapped');
    await must(send(m, 'POST', M(`/api/v1/namespaces/${apiNs}/configmaps`), configMap('shared', { owner: 'member' })), 201);
    await must(send(h, 'POST', T('/api/v1/namespaces/api/configmaps'), configMap('shared', { owner: 'tenant' })), 201);
    const adopted = await until(async () => { const c = await getOr404(m, M(`/api/v1/namespaces/${apiNs}/configmaps/shared`)); return c?.metadata?.labels?.[MANAGED_BY_LABEL] === key && c; }, 'adopted');
    expect(adopted.data).toEqual({ owner: 'tenant' });
    await must(send(h, 'POST', T('/api/v1/namespaces/api/configmaps'), configMap('kept', { a: '1' })), 201);
    await until(() => getOr404(m, M(`/api/v1/namespaces/${apiNs}/configmaps/kept`)), 'kept on the member');
    await must(send(h, 'DELETE', T('/api/v1/namespaces/api/configmaps/kept')));
    await until(async () => !(await getOr404(h, T('/api/v1/namespaces/api/configmaps/kept'))), 'kept deleted upstream');
    const orphan = await must(m.get(M(`/api/v1/namespaces/${apiNs}/configmaps/kept`)));
    expect(orphan.data).toEqual({ a: '1' });
    expect(orphan.metadata.labels?.[MANAGED_BY_LABEL]).toBeUndefined();
  });

  it('deletes a deleted namespace on the member after its content, then releases it', async () => {
    await must(send(h, 'POST', T('/api/v1/namespaces'), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tmp', labels: { app: 'web' } } }), 201);
    await must(send(h, 'POST', T('/api/v1/namespaces/tmp/configmaps'), configMap('inside', { a: '1' })), 201);
    const tmpNs = downstreamNamespace(key, tenantId, 'tmp');
    await until(() => getOr404(m, M(`/api/v1/namespaces/${tmpNs}/configmaps/inside`)), 'tmp content on the member');
    const ns = await must(h.get(T('/api/v1/namespaces/tmp')));
    expect(ns.metadata.finalizers).toContain(syncerFinalizer(key));
    await must(send(h, 'DELETE', T('/api/v1/namespaces/tmp')));
    await until(async () => !(await getOr404(h, T('/api/v1/namespaces/tmp'))), 'tmp gone upstream', 30_000);
    expect(await getOr404(m, M(`/api/v1/namespaces/${tmpNs}`))).toBeUndefined();
  });

  it('syncs custom resources once their CRD is established on the member', async () => {
    await must(send(h, 'POST', T('/apis/apiextensions.k8s.io/v1/customresourcedefinitions'), crontabCRD()), 201);
    const crd = await until(async () => { const c = await getOr404(m, M('/apis/apiextensions.k8s.io/v1/customresourcedefinitions/crontabs.stable.example.com')); return c?.status?.conditions?.some((x: any) => x.type === 'Established' && x.status === 'True') && c; }, 'CRD established on the member');
    expect(crd.metadata.labels[MANAGED_BY_LABEL]).toBe(key);
    await until(async () => (await getOr404(h, T(`/apis/stable.example.com/v1${WEB}/crontabs`)))?.kind === 'CronTabList', 'CRD served upstream');
    await must(send(h, 'POST', T(`/apis/stable.example.com/v1${WEB}/crontabs`), { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'nightly' }, spec: { cronSpec: '0 3 * * *', image: 'backup:1' } }), 201);
    const ct = await until(() => getOr404(m, M(`/apis/stable.example.com/v1/namespaces/${mapped}/crontabs/nightly`)), 'crontab on the member');
    expect(ct.spec).toMatchObject({ cronSpec: '0 3 * * *', image: 'backup:1', replicas: 1 });
  });

  it('writes its part of the SyncTarget status and renews its Lease', async () => {
    const st = await until(async () => { const s = await must(h.get(C(`${SYNC}/synctargets/edge`))); return s.status?.lastAppliedRevision && s; }, 'SyncTarget status');
    expect(st.status.version.kubernetes).toMatch(/\+kplane/);
    expect(st.status.distribution).toBe('kplane');
    const kubeSystem = await must(m.get(M('/api/v1/namespaces/kube-system')));
    expect(st.status.clusterID).toBe(kubeSystem.metadata.uid);
    expect(st.status.syncedResources).toContainEqual({ group: 'apps', resource: 'deployments', versions: ['v1'], state: 'Accepted' });
    const types = st.status.conditions.map((c: any) => c.type);
    expect(types).toContain('ResourcesCompatible');
    const lease = await must(h.get(C('/apis/coordination.k8s.io/v1/namespaces/kplane-syncers/leases/edge')));
    expect(lease.spec.renewTime).toBeTruthy();
    await until(async () => { const s = await must(h.get(C(`${SYNC}/synctargets/edge`))); return s.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True') && s; }, 'hub says Ready');
  });

  it('catches up after being stopped, from its stored revisions', async () => {
    await syncer!.stop();
    syncer = undefined;
    const state = await must(m.get(M(`/api/v1/namespaces/kplane-syncer/configmaps/${stateConfigMapName(key)}`)));
    expect(JSON.parse(state.data.state).revisions['/configmaps']).toMatch(/^\d+$/);
    await must(send(h, 'POST', T(`/api/v1${WEB}/configmaps`), configMap('while-away', { a: '1' })), 201);
    await must(send(h, 'PATCH', T(`/api/v1${WEB}/configmaps/settings`), { data: { color: 'green' } }, MERGE));
    await must(send(h, 'POST', T(`/apis/stable.example.com/v1${WEB}/crontabs`), { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'hourly' }, spec: { cronSpec: '0 * * * *', image: 'backup:1' } }), 201);
    syncer = await startAgent();
    await until(() => getOr404(m, M(`/apis/stable.example.com/v1/namespaces/${mapped}/crontabs/hourly`)), 'custom resource created while away');
    await until(async () => (await memberCM('while-away'))?.data?.a === '1', 'object created while away');
    await until(async () => (await memberCM('settings'))?.data?.color === 'green', 'change made while away');
    expect(syncer.stats().relists).toBe(0);
  });

  it('relists after compaction without deleting what is still placed, and refuses a mass deletion', async () => {
    await syncer!.stop();
    syncer = undefined;
    await must(send(h, 'PATCH', T(`/api/v1${WEB}/configmaps/settings`), { data: { color: 'yellow' } }, MERGE));
    await hub.store.compact(hub.store.currentRevision());
    syncer = await startAgent();
    await until(async () => (await memberCM('settings'))?.data?.color === 'yellow', 'change made before compaction');
    expect(syncer.stats().relists).toBeGreaterThan(0);
    expect(await memberCM('while-away')).toBeTruthy();
    expect(syncer.stats().blocked).toEqual({});

    // The namespace is unplaced while the agent is away: its objects leave the view, and the
    // relist would delete every synced ConfigMap. That is refused; the namespace stays for them.
    await syncer.stop();
    syncer = undefined;
    await must(send(h, 'PATCH', T('/api/v1/namespaces/web'), { metadata: { labels: { app: 'elsewhere' } } }, MERGE));
    // Every ConfigMap unstamped before compaction: a relist that still saw some would delete the
    // rest through watch events, not the relist this checks.
    await until(async () => {
      const list = await must(h.get(T(`/api/v1${WEB}/configmaps`)));
      return list.items.every((cm: any) => !cm.metadata.labels?.[stateLabel(key)]);
    }, 'every ConfigMap unplaced');
    await hub.store.compact(hub.store.currentRevision());
    syncer = await startAgent();
    await until(async () => syncer!.stats().blocked['/configmaps'], 'mass deletion blocked');
    expect(await memberCM('settings')).toBeTruthy();
    expect(await memberCM('while-away')).toBeTruthy();
    await until(async () => { const s = await must(h.get(C(`${SYNC}/synctargets/edge`))); return s.status?.conditions?.some((c: any) => c.type === 'MassDeletionBlocked' && c.status === 'True'); }, 'MassDeletionBlocked reported');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await getOr404(m, M(`/api/v1/namespaces/${mapped}`))).toBeTruthy();
  });

  it('runs as `kplane syncer` and stops gracefully on SIGTERM', async () => {
    await syncer?.stop();
    syncer = undefined;
    const proc = spawn(process.execPath, [kplaneBin(), 'syncer', '--upstream-kubeconfig', hubKubeconfig(), '--downstream-kubeconfig', memberKubeconfig(), '--log-level', 'info'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout!.on('data', (d) => (out += d));
    proc.stderr!.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    await until(async () => out.includes('syncer ready'), 'the agent ready', 30_000);
    expect(out).toContain('"target":"edge"');
    proc.kill('SIGTERM');
    expect(await exited, out).toBe(0);
    expect(out).toContain('syncer stopped');
  });
});
