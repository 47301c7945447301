// The hub side of the syncer over HTTPS: a SyncTarget's view of every workspace (lists and
// watches of exactly the objects placed on it, each carrying kcp.io/cluster; status writes; the
// release of its own finalizer and nothing else), its authorization by verb `sync` on the target,
// and the SyncTarget's heartbeat conditions from its Lease.
//
// Placement stamps come from real Placements: the placement controller removes stamps no Placement
// wants, so stamping syncable objects by hand does not last. Leases are never stamped (not
// syncable), so the watch mechanics are tested on leases labelled by hand, independent of it.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNCER_NAMESPACE, stateLabel, syncConditionAnnotation, syncerFinalizer, targetKey } from '../../apis/sync/contract.js';
import { ApiClient, HttpResponse, apiClient } from '../support/http.js';
import { crontabCRD, waitEstablished } from '../support/crds.js';
import { deployment, expectStatus } from '../support/kube.js';
import { startTestServer, TestServer } from '../support/server.js';
import { WatchEvent, openWatch } from '../support/watch.js';

const STRANGER_TOKEN = 'stranger-token-0b7d1e9c42';
const JSON_CT = 'application/json';
const MERGE = 'application/merge-patch+json';
const JSONPATCH = 'application/json-patch+json';
const CRONTABS_CRD = 'crontabs.stable.example.com';

let server: TestServer;
let admin: ApiClient;
let dir: string;
const id: Record<'compute' | 't1' | 't2', string> = { compute: '', t1: '', t2: '' };
let key: string;
let label: Record<string, string>;
let fin: string;

async function call(method: string, url: string, body?: unknown, contentType = JSON_CT, token?: string | null): Promise<HttpResponse> {
  return admin.request(method, url, { body: body === undefined ? undefined : JSON.stringify(body), headers: body === undefined ? {} : { 'content-type': contentType }, token });
}

async function must(method: string, url: string, body: unknown, code: number, contentType = JSON_CT): Promise<any> {
  const r = await call(method, url, body, contentType);
  expect(r.status, `${method} ${url}: ${r.text}`).toBe(code);
  return r.json();
}

/** A URL of the view of target `target` (default edge) into `cluster` (default every workspace). */
function view(apiPath: string, cluster = '*', target = 'edge'): string {
  return `/services/syncer/root:compute/${target}/clusters/${cluster}${apiPath}`;
}

function cm(name: string): object {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { k: 'v' } };
}

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not in time`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const names = (list: any): string[] => list.items.map((i: any) => `${i.metadata.annotations?.['kcp.io/cluster']}/${i.metadata.namespace ?? ''}/${i.metadata.name}`).sort();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kplane-syncer-view-'));
  const tokenFile = path.join(dir, 'tokens.csv');
  fs.writeFileSync(tokenFile, `${STRANGER_TOKEN},stranger,stranger-uid\n`);
  server = await startTestServer({ serve: { authentication: { tokenAuthFile: tokenFile } } });
  admin = apiClient(server.baseURL, server.caPem, server.token);
  for (const name of ['compute', 't1', 't2'] as const) {
    await must('POST', '/clusters/root/apis/tenancy.kcp.io/v1alpha1/workspaces', { apiVersion: 'tenancy.kcp.io/v1alpha1', kind: 'Workspace', metadata: { name } }, 201);
  }
  for (const name of ['compute', 't1', 't2'] as const) {
    id[name] = await eventually(async () => {
      const w = (await call('GET', `/clusters/root/apis/tenancy.kcp.io/v1alpha1/workspaces/${name}`)).json();
      return w.status?.phase === 'Ready' ? (w.spec.cluster as string) : undefined;
    }, `workspace ${name} Ready`);
  }
  const ST = '/clusters/root:compute/apis/sync.kplane.io/v1alpha1/synctargets';
  for (const name of ['edge', 'other']) await must('POST', ST, { apiVersion: 'sync.kplane.io/v1alpha1', kind: 'SyncTarget', metadata: { name, labels: { site: name } } }, 201);
  key = targetKey(id.compute, 'edge');
  label = { [stateLabel(key)]: 'Sync' };
  fin = syncerFinalizer(key);

  const placement = (name: string, select: string, site: string) => ({
    apiVersion: 'sync.kplane.io/v1alpha1', kind: 'Placement', metadata: { name },
    spec: { namespaceSelector: { matchLabels: { placed: select } }, location: { workspace: 'root:compute', selector: { matchLabels: { site } } } },
  });
  const ns = (ws: string, name: string, placed?: string) =>
    must('POST', `/clusters/${ws}/api/v1/namespaces`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: placed ? { placed } : undefined } }, 201);
  const lease = (ws: string, namespace: string, name: string, labels?: Record<string, string>) =>
    must('POST', `/clusters/${ws}/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases`, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, labels }, spec: { holderIdentity: 'a' } }, 201);

  // t1: namespace placed (on edge) with a config map, a custom resource definition and object, and
  // hand-labelled leases; namespace plain (not placed) with the same.
  await ns('root:t1', 'placed', 'yes');
  await ns('root:t1', 'plain');
  await must('POST', '/clusters/root:t1/api/v1/namespaces/placed/configmaps', cm('cm-a'), 201);
  await must('POST', '/clusters/root:t1/api/v1/namespaces/plain/configmaps', cm('cm-plain'), 201);
  await must('POST', '/clusters/root:t1/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crontabCRD(), 201);
  await waitEstablished(admin, CRONTABS_CRD, '/clusters/root:t1');
  for (const namespace of ['placed', 'plain']) {
    await must('POST', `/clusters/root:t1/apis/stable.example.com/v1/namespaces/${namespace}/crontabs`, { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: `ct-${namespace}` }, spec: { cronSpec: '* * * * */5' } }, 201);
  }
  await lease('root:t1', 'placed', 'l-a', label);
  await lease('root:t1', 'placed', 'l-b');
  await lease('root:t1', 'plain', 'l-plain');
  await must('POST', '/clusters/root:t1/apis/sync.kplane.io/v1alpha1/placements', placement('p', 'yes', 'edge'), 201);
  // t2: namespace placed (on edge) with a config map and a deployment; namespace elsewhere placed
  // on the other target only.
  await ns('root:t2', 'placed', 'yes');
  await ns('root:t2', 'elsewhere', 'other');
  await must('POST', '/clusters/root:t2/api/v1/namespaces/placed/configmaps', cm('cm-x'), 201);
  await must('POST', '/clusters/root:t2/apis/apps/v1/namespaces/placed/deployments', deployment('web'), 201);
  await must('POST', '/clusters/root:t2/api/v1/namespaces/elsewhere/configmaps', cm('cm-other'), 201);
  await lease('root:t2', 'placed', 'l-x', label);
  await must('POST', '/clusters/root:t2/apis/sync.kplane.io/v1alpha1/placements', placement('p', 'yes', 'edge'), 201);
  await must('POST', '/clusters/root:t2/apis/sync.kplane.io/v1alpha1/placements', placement('p-other', 'other', 'other'), 201);
  // The placement controller has stamped everything.
  await eventually(async () => {
    const cms = names(await must('GET', view('/api/v1/configmaps'), undefined, 200));
    const cts = names(await must('GET', view('/apis/stable.example.com/v1/crontabs'), undefined, 200).catch(() => ({ items: [] })));
    const other = (await call('GET', '/clusters/root:t2/api/v1/namespaces/elsewhere/configmaps/cm-other')).json();
    return cms.length === 2 && cts.length === 1 && other.metadata.finalizers?.length ? true : undefined;
  }, 'placement stamps');
}, 60_000);

afterAll(async () => {
  await admin?.close();
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('syncer view: lists and watches', () => {
  it('lists exactly the placed objects of every workspace, each with kcp.io/cluster', async () => {
    const list = await must('GET', view('/api/v1/configmaps'), undefined, 200);
    expect(list).toMatchObject({ kind: 'ConfigMapList', apiVersion: 'v1' });
    expect(list.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(names(list)).toEqual([`${id.t1}/placed/cm-a`, `${id.t2}/placed/cm-x`].sort());
    expect(list.items[0].metadata.labels).toMatchObject(label);
    expect(names(await must('GET', view('/apis/apps/v1/deployments'), undefined, 200))).toEqual([`${id.t2}/placed/web`]);
    expect(names(await must('GET', view('/api/v1/namespaces'), undefined, 200))).toEqual([`${id.t1}//placed`, `${id.t2}//placed`].sort());
    expect(names(await must('GET', view('/api/v1/namespaces/placed/configmaps'), undefined, 200))).toHaveLength(2);
    // Labels alone decide, whoever set them (leases are never stamped by placement).
    expect(names(await must('GET', view('/apis/coordination.k8s.io/v1/leases'), undefined, 200))).toEqual([`${id.t1}/placed/l-a`, `${id.t2}/placed/l-x`].sort());
    // One workspace only.
    expect(names(await must('GET', view('/api/v1/configmaps', id.t2), undefined, 200))).toEqual([`${id.t2}/placed/cm-x`]);
    // The request's own selectors narrow further.
    expect(names(await must('GET', view('/api/v1/configmaps?fieldSelector=metadata.name%3Dcm-x'), undefined, 200))).toEqual([`${id.t2}/placed/cm-x`]);
    // The other target sees its own.
    expect(names(await must('GET', view('/api/v1/configmaps', '*', 'other'), undefined, 200))).toEqual([`${id.t2}/elsewhere/cm-other`]);
  });

  it('lists definitions and custom resources, served at the requested version', async () => {
    const crds = await must('GET', view('/apis/apiextensions.k8s.io/v1/customresourcedefinitions'), undefined, 200);
    expect(crds.kind).toBe('CustomResourceDefinitionList');
    expect(names(crds)).toEqual([`${id.t1}//${CRONTABS_CRD}`]);
    const cts = await must('GET', view('/apis/stable.example.com/v1beta1/crontabs'), undefined, 200);
    expect(cts).toMatchObject({ kind: 'CronTabList', apiVersion: 'stable.example.com/v1beta1' });
    expect(names(cts)).toEqual([`${id.t1}/placed/ct-placed`]);
    expect(cts.items[0].apiVersion).toBe('stable.example.com/v1beta1');
    // A resource no placed workspace serves.
    expectStatus(await call('GET', view('/apis/nothing.example.com/v1/things')), 404, 'NotFound');
  });

  it('a watch without resourceVersion starts with the placed objects as ADDED', async () => {
    const w = await openWatch(admin.agent, `${server.baseURL}${view('/api/v1/configmaps?watch=1&timeoutSeconds=1')}`, server.token);
    expect(w.status).toBe(200);
    const events = await w.collect(() => false);
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`).sort()).toEqual(['ADDED cm-a', 'ADDED cm-x']);
  });

  it('a watch from the list revision follows the label: ADDED, MODIFIED, DELETED when unlabelled or deleted', async () => {
    const LEASES = '/apis/coordination.k8s.io/v1';
    const rv = (await must('GET', view(`${LEASES}/leases`), undefined, 200)).metadata.resourceVersion;
    const w = await openWatch(admin.agent, `${server.baseURL}${view(`${LEASES}/leases?watch=1&resourceVersion=${rv}&allowWatchBookmarks=true`)}`, server.token);
    expect(w.status).toBe(200);
    const B = `/clusters/root:t1${LEASES}/namespaces/placed/leases/l-b`;
    await must('PATCH', B, { metadata: { labels: label } }, 200, MERGE);
    await must('PATCH', B, { spec: { holderIdentity: 'b' } }, 200, MERGE);
    await must('PATCH', `/clusters/root:t1${LEASES}/namespaces/plain/leases/l-plain`, { spec: { holderIdentity: 'unseen' } }, 200, MERGE);
    await must('PATCH', B, { metadata: { labels: { [stateLabel(key)]: null } } }, 200, MERGE);
    await must('POST', `/clusters/root:t2${LEASES}/namespaces/placed/leases`, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'l-d', labels: label }, spec: { holderIdentity: 'd' } }, 201);
    await must('DELETE', `/clusters/root:t2${LEASES}/namespaces/placed/leases/l-d`, undefined, 200);
    const events: WatchEvent[] = await w.collect((e) => e.type === 'DELETED' && e.object.metadata.name === 'l-d');
    w.close();
    const seen = events.filter((e) => e.type !== 'BOOKMARK').map((e) => `${e.type} ${e.object.metadata.name} ${e.object.spec.holderIdentity}`);
    expect(seen).toEqual(['ADDED l-b a', 'MODIFIED l-b b', 'DELETED l-b b', 'ADDED l-d d', 'DELETED l-d d']);
    // The object that left the view is sent as it was, label included, at the revision it left.
    const left = events.find((e) => e.type === 'DELETED' && e.object.metadata.name === 'l-b')!;
    expect(left.object.metadata.labels).toEqual(label);
    expect(left.object.metadata.annotations['kcp.io/cluster']).toBe(id.t1);
  });

  it('placing and unplacing a namespace comes as ADDED and DELETED', async () => {
    const rv = (await must('GET', view('/api/v1/configmaps'), undefined, 200)).metadata.resourceVersion;
    const w = await openWatch(admin.agent, `${server.baseURL}${view(`/api/v1/configmaps?watch=1&resourceVersion=${rv}`)}`, server.token);
    await must('PATCH', '/clusters/root:t1/api/v1/namespaces/plain', { metadata: { labels: { placed: 'yes' } } }, 200, MERGE);
    const added = await w.collect((e) => e.object.metadata.name === 'cm-plain', 10_000);
    expect(added.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED cm-plain']);
    expect(names(await must('GET', view('/api/v1/configmaps'), undefined, 200))).toContain(`${id.t1}/plain/cm-plain`);
    await must('PATCH', '/clusters/root:t1/api/v1/namespaces/plain', { metadata: { labels: { placed: null } } }, 200, MERGE);
    const deleted = await w.collect((e) => e.object.metadata.name === 'cm-plain', 10_000);
    w.close();
    expect(deleted.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['DELETED cm-plain']);
    expect(names(await must('GET', view('/api/v1/configmaps'), undefined, 200))).not.toContain(`${id.t1}/plain/cm-plain`);
  });

  it('sendInitialEvents ends the initial objects with a bookmark', async () => {
    const w = await openWatch(admin.agent, `${server.baseURL}${view('/apis/apps/v1/deployments?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true')}`, server.token);
    const events = await w.collect((e) => e.type === 'BOOKMARK');
    w.close();
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'BOOKMARK']);
    expect(events[1].object).toMatchObject({ kind: 'Deployment', apiVersion: 'apps/v1', metadata: { annotations: { 'k8s.io/initial-events-end': 'true' } } });
  });
});

describe('syncer view: one object', () => {
  const DEP = '/apis/apps/v1/namespaces/placed/deployments/web';

  it('GET serves placed objects only', async () => {
    const web = await must('GET', view(DEP, id.t2), undefined, 200);
    expect(web.metadata.annotations['kcp.io/cluster']).toBe(id.t2);
    expect((await must('GET', view(`${DEP}/status`, id.t2), undefined, 200)).metadata.name).toBe('web');
    expectStatus(await call('GET', view('/api/v1/namespaces/plain/configmaps/cm-plain', id.t1)), 404, 'NotFound');
    expectStatus(await call('GET', view('/apis/coordination.k8s.io/v1/namespaces/placed/leases/l-b', id.t1)), 404, 'NotFound');
    expectStatus(await call('GET', view('/api/v1/namespaces/elsewhere/configmaps/cm-other', id.t2)), 404, 'NotFound');
    expectStatus(await call('GET', view('/api/v1/namespaces/placed/configmaps/missing', id.t2)), 404, 'NotFound');
    expectStatus(await call('GET', view('/api/v1/namespaces/placed/configmaps/cm-x', 'no-such-workspace')), 404, 'NotFound');
    // Not across workspaces; no create or delete (only upsynced ReplicaSets, syncerUpsync.test.ts).
    expectStatus(await call('GET', view('/api/v1/namespaces/placed/configmaps/cm-x')), 405, 'MethodNotAllowed');
    expectStatus(await call('DELETE', view('/api/v1/namespaces/placed/configmaps/cm-x', id.t2)), 403, 'Forbidden');
    expectStatus(await call('POST', view('/api/v1/namespaces/placed/configmaps', id.t2), cm('new')), 403, 'Forbidden');
  });

  it('writes status with PUT, merge patch and JSON patch', async () => {
    const web = await must('GET', view(`${DEP}/status`, id.t2), undefined, 200);
    const put = await must('PUT', view(`${DEP}/status`, id.t2), { ...web, status: { replicas: 1, readyReplicas: 1 } }, 200);
    expect(put.status).toMatchObject({ replicas: 1, readyReplicas: 1 });
    await must('PATCH', view(`${DEP}/status`, id.t2), { status: { availableReplicas: 1 } }, 200, MERGE);
    await must('PATCH', view(`${DEP}/status`, id.t2), [{ op: 'add', path: '/status/updatedReplicas', value: 1 }], 200, JSONPATCH);
    const stored = await must('GET', `/clusters/root:t2${DEP}`, undefined, 200);
    expect(stored.status).toMatchObject({ replicas: 1, readyReplicas: 1, availableReplicas: 1, updatedReplicas: 1 });
    expect(stored.metadata.generation).toBe(web.metadata.generation);
    // A status write through the view touches nothing else.
    await must('PATCH', view(`${DEP}/status`, id.t2), { spec: { replicas: 5 }, status: { observedGeneration: 1 } }, 200, MERGE);
    expect((await must('GET', `/clusters/root:t2${DEP}`, undefined, 200)).spec.replicas).toBe(1);
    // Custom resources too; unplaced objects have no status to write here.
    await must('PATCH', view('/apis/stable.example.com/v1/namespaces/placed/crontabs/ct-placed/status', id.t1), { status: { replicas: 2 } }, 200, MERGE);
    expectStatus(await call('PATCH', view('/apis/stable.example.com/v1/namespaces/plain/crontabs/ct-plain/status', id.t1), { status: { replicas: 1 } }, MERGE), 404, 'NotFound');
  });

  it('sets its condition annotation, and changes nothing else of the object', async () => {
    const X = view('/api/v1/namespaces/placed/configmaps/cm-x', id.t2);
    const cond = syncConditionAnnotation(key);
    const synced = JSON.stringify({ type: 'Synced', status: 'True', reason: 'Applied' });
    const annotated = await must('PATCH', X, { metadata: { annotations: { [cond]: synced } } }, 200, MERGE);
    expect(annotated.metadata.annotations[cond]).toBe(synced);
    const refused = [
      [{ data: { k: 'changed' } }, /refused changes: data$/],
      [{ metadata: { labels: { extra: 'x' } } }, /metadata\.labels/],
      [{ metadata: { annotations: { other: 'x' } } }, /metadata\.annotations\[other\]/],
      [{ metadata: { finalizers: [fin, 'example.com/more'] } }, /metadata\.finalizers/],
    ] as const;
    for (const [patch, message] of refused) {
      const s = expectStatus(await call('PATCH', X, patch, MERGE), 403, 'Forbidden');
      expect(s.message).toMatch(message);
    }
    const current = await must('GET', X, undefined, 200);
    expectStatus(await call('PUT', X, { ...current, data: { k: 'put' } }), 403, 'Forbidden');
    // A PUT that changes only the condition annotation is fine.
    const failed = JSON.stringify({ type: 'Synced', status: 'False', reason: 'Conflict' });
    const put = await must('PUT', X, { ...current, metadata: { ...current.metadata, annotations: { ...current.metadata.annotations, [cond]: failed } } }, 200);
    expect(put.metadata.annotations[cond]).toBe(failed);
    const stored = await must('GET', '/clusters/root:t2/api/v1/namespaces/placed/configmaps/cm-x', undefined, 200);
    expect(stored.data).toEqual({ k: 'v' });
    expect(stored.metadata.labels).toMatchObject(label);
    expect(stored.metadata.finalizers).toEqual([fin]);
  });

  it('releasing its finalizer of a deleted object lets it go; the watch says MODIFIED, then DELETED', async () => {
    const rv = (await must('GET', view('/api/v1/configmaps'), undefined, 200)).metadata.resourceVersion;
    const w = await openWatch(admin.agent, `${server.baseURL}${view(`/api/v1/configmaps?watch=1&resourceVersion=${rv}`)}`, server.token);
    const A = '/api/v1/namespaces/placed/configmaps/cm-a';
    await must('DELETE', `/clusters/root:t1${A}`, undefined, 200);
    const deleting = await must('GET', view(A, id.t1), undefined, 200);
    expect(deleting.metadata.finalizers).toEqual([fin]);
    await must('PATCH', view(A, id.t1), [{ op: 'remove', path: '/metadata/finalizers/0' }], 200, JSONPATCH);
    expectStatus(await call('GET', `/clusters/root:t1${A}`), 404, 'NotFound');
    const events = await w.collect((e) => e.type === 'DELETED');
    w.close();
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['MODIFIED cm-a', 'DELETED cm-a']);
    expect(events[0].object.metadata.deletionTimestamp).toBeTruthy();
  });
});

describe('syncer view: authorization', () => {
  it('refuses callers without sync on the target, and hides unknown targets and workspaces from them', async () => {
    const s = expectStatus(await call('GET', view('/api/v1/configmaps'), undefined, JSON_CT, STRANGER_TOKEN), 403, 'Forbidden');
    expect(s.message).toContain('cannot sync resource "synctargets" in API group "sync.kplane.io"');
    expectStatus(await call('GET', view('/api/v1/configmaps', '*', 'nope'), undefined, JSON_CT, STRANGER_TOKEN), 403, 'Forbidden');
    expectStatus(await call('GET', '/services/syncer/root:nope/edge/clusters/*/api/v1/configmaps', undefined, JSON_CT, STRANGER_TOKEN), 403, 'Forbidden');
    expectStatus(await call('GET', view('/api/v1/configmaps', '*', 'nope')), 404, 'NotFound');
    expectStatus(await call('GET', '/services/syncer/root:nope/edge/clusters/*/api/v1/configmaps'), 404, 'NotFound');
    expectStatus(await call('GET', view('/api/v1/configmaps'), undefined, JSON_CT, null), 401, 'Unauthorized');
  });

  it('a ServiceAccount bound to sync on synctargets/edge reads and writes edge, not other', async () => {
    const C = '/clusters/root:compute';
    await must('POST', `${C}/api/v1/namespaces`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: SYNCER_NAMESPACE } }, 201);
    await must('POST', `${C}/api/v1/namespaces/${SYNCER_NAMESPACE}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'syncer-edge' } }, 201);
    const rbac = '/apis/rbac.authorization.k8s.io/v1';
    await must('POST', `${C}${rbac}/clusterroles`, {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'syncer-edge' },
      rules: [{ apiGroups: ['sync.kplane.io'], resources: ['synctargets'], resourceNames: ['edge'], verbs: ['sync'] }],
    }, 201);
    await must('POST', `${C}${rbac}/clusterrolebindings`, {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'syncer-edge' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'syncer-edge' },
      subjects: [{ kind: 'ServiceAccount', name: 'syncer-edge', namespace: SYNCER_NAMESPACE }],
    }, 201);
    const tr = await must('POST', `${C}/api/v1/namespaces/${SYNCER_NAMESPACE}/serviceaccounts/syncer-edge/token`, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} }, 201);
    const token = tr.status.token as string;
    const list = await call('GET', view('/apis/apps/v1/deployments'), undefined, JSON_CT, token);
    expect(list.status, list.text).toBe(200);
    expect(names(list.json())).toEqual([`${id.t2}/placed/web`]);
    const patched = await call('PATCH', view('/apis/apps/v1/namespaces/placed/deployments/web/status', id.t2), { status: { observedGeneration: 1 } }, MERGE, token);
    expect(patched.status, patched.text).toBe(200);
    // Its writes are its own in the workspace's records.
    const web = await must('GET', '/clusters/root:t2/apis/apps/v1/namespaces/placed/deployments/web', undefined, 200);
    expect(web.metadata.managedFields.map((m: any) => m.subresource)).toContain('status');
    expectStatus(await call('GET', view('/apis/apps/v1/deployments', '*', 'other'), undefined, JSON_CT, token), 403, 'Forbidden');
    // The view is its only way in: the tenant workspace itself stays closed to it.
    expectStatus(await call('GET', '/clusters/root:t2/apis/apps/v1/namespaces/placed/deployments/web', undefined, JSON_CT, token), 403, 'Forbidden');
  });
});

describe('SyncTarget health', () => {
  const C = '/clusters/root:compute';
  const LEASES = `${C}/apis/coordination.k8s.io/v1/namespaces/${SYNCER_NAMESPACE}/leases`;
  const target = (name: string) => must('GET', `${C}/apis/sync.kplane.io/v1alpha1/synctargets/${name}`, undefined, 200);
  const cond = (t: any, type: string) => t.status?.conditions?.find((c: any) => c.type === type);
  const microNow = () => new Date().toISOString().replace('Z', '000Z');

  it('AgentNotConnected before a lease; Ready while the lease is renewed; HeartbeatMissed after three missed renewals', async () => {
    await must('POST', `${C}/apis/sync.kplane.io/v1alpha1/synctargets`, { apiVersion: 'sync.kplane.io/v1alpha1', kind: 'SyncTarget', metadata: { name: 'beat' }, spec: { leaseDurationSeconds: 1 } }, 201);
    const waiting = await eventually(async () => {
      const t = await target('beat');
      return cond(t, 'Ready') ? t : undefined;
    }, 'Ready reported');
    expect(waiting.status.targetKey).toBe(targetKey(id.compute, 'beat'));
    expect(cond(waiting, 'Ready')).toMatchObject({ status: 'Unknown', reason: 'AgentNotConnected' });
    expect(cond(waiting, 'HeartbeatHealthy')).toMatchObject({ status: 'Unknown', reason: 'AgentNotConnected' });

    // The namespace exists when the authorization test ran first; create it otherwise.
    await call('POST', `${C}/api/v1/namespaces`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: SYNCER_NAMESPACE } });
    await must('POST', LEASES, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'beat' }, spec: { holderIdentity: 'agent-1', leaseDurationSeconds: 1, renewTime: microNow() } }, 201);
    // The agent's own status fields are left alone.
    await must('PATCH', `${C}/apis/sync.kplane.io/v1alpha1/synctargets/beat/status`, { status: { distribution: 'k3s', version: { agent: 'v0.1.0' } } }, 200, MERGE);
    let renewing = true;
    const renewals = (async () => {
      while (renewing) {
        await must('PATCH', `${LEASES}/beat`, { spec: { renewTime: microNow() } }, 200, MERGE);
        await new Promise((r) => setTimeout(r, 300));
      }
    })();
    const ready = await eventually(async () => {
      const t = await target('beat');
      return cond(t, 'Ready')?.status === 'True' ? t : undefined;
    }, 'Ready True');
    expect(cond(ready, 'Ready')).toMatchObject({ reason: 'Ready' });
    expect(cond(ready, 'HeartbeatHealthy')).toMatchObject({ status: 'True', reason: 'HeartbeatReceived' });
    expect(ready.status).toMatchObject({ distribution: 'k3s', version: { agent: 'v0.1.0' } });
    expect(ready.status.lastHeartbeatTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // Still Ready a while later; the transition time stays where it was.
    await new Promise((r) => setTimeout(r, 1500));
    const still = await target('beat');
    expect(cond(still, 'Ready')).toMatchObject({ status: 'True', lastTransitionTime: cond(ready, 'Ready').lastTransitionTime });

    renewing = false;
    await renewals;
    const stoppedAt = Date.now();
    const missed = await eventually(async () => {
      const t = await target('beat');
      return cond(t, 'Ready')?.status === 'Unknown' ? t : undefined;
    }, 'Ready Unknown', 8_000);
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    expect(cond(missed, 'Ready')).toMatchObject({ reason: 'HeartbeatMissed' });
    expect(cond(missed, 'HeartbeatHealthy')).toMatchObject({ status: 'Unknown', reason: 'HeartbeatMissed' });
    expect(cond(missed, 'Ready').message).toContain(missed.status.lastHeartbeatTime);
    expect(missed.status).toMatchObject({ distribution: 'k3s', version: { agent: 'v0.1.0' } });
  }, 30_000);
});

describe('syncer view: compaction', () => {
  // Compaction drops history the other tests use: this one runs last.
  it('a watch from a compacted revision gets one ERROR event with a 410 Expired Status', async () => {
    const old = (await must('GET', view('/api/v1/configmaps'), undefined, 200)).metadata.resourceVersion;
    await must('POST', '/clusters/root:t2/api/v1/namespaces/placed/configmaps', cm('cm-late'), 201);
    await server.store.compact(server.store.currentRevision());
    const w = await openWatch(admin.agent, `${server.baseURL}${view(`/api/v1/configmaps?watch=1&resourceVersion=${old}`)}`, server.token);
    expect(w.status).toBe(200);
    const events = await w.collect(() => false);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'ERROR', object: { kind: 'Status', status: 'Failure', reason: 'Expired', code: 410 } });
    // A relist has everything and its revision can be watched from.
    const relist = await must('GET', view('/api/v1/configmaps'), undefined, 200);
    expect(names(relist)).toContain(`${id.t2}/placed/cm-late`);
    const w2 = await openWatch(admin.agent, `${server.baseURL}${view(`/api/v1/configmaps?watch=1&resourceVersion=${relist.metadata.resourceVersion}`)}`, server.token);
    await must('PATCH', '/clusters/root:t2/api/v1/namespaces/placed/configmaps/cm-late', { data: { k: 'again' } }, 200, MERGE);
    expect(await w2.next()).toMatchObject({ type: 'MODIFIED', object: { metadata: { name: 'cm-late' } } });
    w2.close();
  });
});
