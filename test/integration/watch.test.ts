// WATCH as reflectors and `kubectl get -w` rely on it, read incrementally: ordered events from a
// list's revision, resume without gaps or duplicates under concurrent writes, sendInitialEvents
// with its end bookmark, timeoutSeconds, selector transitions, Table events, and 410 after
// compaction.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, apiClient } from '../support/http.js';
import { WS, configMap, createConfigMap, createNamespace, deployment, expectStatus, get, send } from '../support/kube.js';
import { startTestServer, TestServer } from '../support/server.js';
import { WatchEvent, WatchStream, openWatch } from '../support/watch.js';

const MERGE = { 'content-type': 'application/merge-patch+json' };
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

describe('watch', () => {
  let server: TestServer;
  let c: ApiClient;
  let h2: ApiClient;
  const open: WatchStream[] = [];
  beforeAll(async () => {
    server = await startTestServer();
    c = apiClient(server.baseURL, server.caPem, server.token);
    h2 = apiClient(server.baseURL, server.caPem, server.token, { http2: true });
  });
  afterAll(async () => {
    for (const w of open) w.close();
    await c?.close();
    await h2?.close();
    await server?.stop();
  });

  const watch = async (path: string, headers?: Record<string, string>, client: ApiClient = c): Promise<WatchStream> => {
    const w = await openWatch(client.agent, `${server.baseURL}${WS}${path}`, server.token, headers);
    open.push(w);
    return w;
  };
  const listRV = async (path: string): Promise<string> => (await get(c, path)).json().metadata.resourceVersion;
  const summary = (events: WatchEvent[]) => events.map((e) => `${e.type} ${e.object.metadata.name}`);

  it('streams events after a list revision, in order, each object with kind and apiVersion (HTTP/1.1 and HTTP/2)', async () => {
    for (const [ns, client] of [['w-order-1', c], ['w-order-2', h2]] as const) {
      await createNamespace(c, ns);
      const cms = `/api/v1/namespaces/${ns}/configmaps`;
      await createConfigMap(c, ns, 'before');
      const rv = await listRV(cms);
      const w = await watch(`${cms}?watch=true&resourceVersion=${rv}`, {}, client);
      expect(w.status).toBe(200);
      expect(w.headers['content-type']).toBe('application/json');
      await createConfigMap(c, ns, 'a');
      await send(c, 'PATCH', `${cms}/a`, { data: { k: 'changed' } }, MERGE);
      await createConfigMap(c, ns, 'b');
      await send(c, 'DELETE', `${cms}/a`);
      const events = await w.collect((e) => e.type === 'DELETED');
      expect(summary(events)).toEqual(['ADDED a', 'MODIFIED a', 'ADDED b', 'DELETED a']);
      const rvs = events.map((e) => Number(e.object.metadata.resourceVersion));
      expect(rvs[0]).toBeGreaterThan(Number(rv));
      for (let i = 1; i < rvs.length; i++) expect(rvs[i]).toBeGreaterThan(rvs[i - 1]);
      for (const e of events) expect(e.object).toMatchObject({ kind: 'ConfigMap', apiVersion: 'v1' });
      expect(events[1].object.data).toEqual({ k: 'changed' });
      w.close();
    }
  });

  it('without a resourceVersion, starts with ADDED for the current objects, then live events', async () => {
    await createNamespace(c, 'w-initial');
    const deploys = '/apis/apps/v1/namespaces/w-initial/deployments';
    expect((await send(c, 'POST', deploys, deployment('one'))).status).toBe(201);
    const w = await watch(`${deploys}?watch=1`);
    const first = await w.next();
    expect(first).toMatchObject({ type: 'ADDED', object: { kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'one' } } });
    expect((await send(c, 'POST', deploys, deployment('two'))).status).toBe(201);
    expect(await w.next()).toMatchObject({ type: 'ADDED', object: { kind: 'Deployment', metadata: { name: 'two' } } });
  });

  it('resuming from an older revision replays later events exactly once, with no gap, while writes continue', async () => {
    await createNamespace(c, 'w-resume');
    const cms = '/api/v1/namespaces/w-resume/configmaps';
    const start = await listRV(cms);
    const total = 100;
    let written = 0;
    const writer = (async () => {
      for (let i = 0; i < total; i++) {
        const r = await send(c, 'POST', cms, configMap(`obj-${String(i).padStart(2, '0')}`));
        expect(r.status).toBe(201);
        written++;
      }
    })();
    await expect.poll(() => written, { timeout: 10_000, interval: 5 }).toBeGreaterThanOrEqual(20);
    // Opened mid-stream: the first part is replayed from the log, the rest arrives live.
    const w = await watch(`${cms}?watch=true&resourceVersion=${start}`, {}, h2);
    expect(written).toBeLessThan(total);
    let seen = 0;
    const events = await w.collect(() => ++seen === total, 10_000);
    await writer;
    expect(events.map((e) => e.type)).toEqual(Array(total).fill('ADDED'));
    expect(events.map((e) => e.object.metadata.name)).toEqual(Array.from({ length: total }, (_, i) => `obj-${String(i).padStart(2, '0')}`));
    const rvs = events.map((e) => Number(e.object.metadata.resourceVersion));
    for (let i = 1; i < rvs.length; i++) expect(rvs[i]).toBeGreaterThan(rvs[i - 1]);
    // Nothing more follows: no duplicates.
    expect(await w.drain(300)).toEqual([]);

    // From the middle of that history: only what came after.
    const mid = events[39].object.metadata.resourceVersion;
    const w2 = await watch(`${cms}?watch=true&resourceVersion=${mid}`);
    let n = 0;
    const later = await w2.collect(() => ++n === total - 40);
    expect(later.map((e) => e.object.metadata.name)).toEqual(events.slice(40).map((e) => e.object.metadata.name));
    expect(await w2.drain(200)).toEqual([]);
  });

  it('sendInitialEvents sends ADDED for the current state, then a BOOKMARK marked k8s.io/initial-events-end', async () => {
    await createNamespace(c, 'w-list');
    const cms = '/api/v1/namespaces/w-list/configmaps';
    for (const n of ['x', 'y', 'z']) await createConfigMap(c, 'w-list', n);
    const w = await watch(`${cms}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&resourceVersion=`);
    expect(w.status).toBe(200);
    const events = await w.collect((e) => e.type === 'BOOKMARK');
    expect(summary(events.slice(0, 3))).toEqual(['ADDED x', 'ADDED y', 'ADDED z']);
    const bookmark = events[3];
    expect(bookmark.type).toBe('BOOKMARK');
    expect(bookmark.object).toMatchObject({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { annotations: { 'k8s.io/initial-events-end': 'true' } } });
    const rvs = events.slice(0, 3).map((e) => Number(e.object.metadata.resourceVersion));
    expect(Number(bookmark.object.metadata.resourceVersion)).toBeGreaterThanOrEqual(Math.max(...rvs));
    // Then live events.
    await createConfigMap(c, 'w-list', 'live');
    expect(await w.next()).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'live' } } });
  });

  it('sendInitialEvents without resourceVersionMatch=NotOlderThan is 422 Invalid', async () => {
    for (const query of ['sendInitialEvents=true&allowWatchBookmarks=true', 'sendInitialEvents=false', 'sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=Exact&resourceVersion=1']) {
      const r = await get(c, `/api/v1/namespaces/default/configmaps?watch=true&${query}`);
      const s = expectStatus(r, 422, 'Invalid');
      expect(s.message).toMatch(/^ListOptions\.meta\.k8s\.io "" is invalid: /);
      expect(s.message).toMatch(/resourceVersionMatch/);
      expect(s.details).toMatchObject({ group: 'meta.k8s.io', kind: 'ListOptions' });
    }
    const s = expectStatus(await get(c, '/api/v1/namespaces/default/configmaps?watch=true&resourceVersionMatch=NotOlderThan&resourceVersion=1'), 422, 'Invalid');
    expect(s.message).toMatch(/resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided/);
  });

  it('timeoutSeconds=1 ends the stream cleanly', async () => {
    const started = Date.now();
    const w = await watch(`/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1&resourceVersion=${await listRV('/api/v1/namespaces')}`);
    expect(w.status).toBe(200);
    await w.ended;
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(5000);
    expect(await w.next()).toBeUndefined();
  });

  it('a label-selector watch turns "stops matching" into DELETED and "starts matching" into ADDED', async () => {
    await createNamespace(c, 'w-labels');
    const cms = '/api/v1/namespaces/w-labels/configmaps';
    const rv = await listRV(cms);
    const w = await watch(`${cms}?watch=true&resourceVersion=${rv}&labelSelector=${encodeURIComponent('app=web')}`);
    await createConfigMap(c, 'w-labels', 'm', { labels: { app: 'web' } });
    await send(c, 'PATCH', `${cms}/m`, { data: { k: 'still-web' } }, MERGE);
    const leave = await send(c, 'PATCH', `${cms}/m`, { metadata: { labels: { app: 'db' } } }, MERGE);
    await send(c, 'PATCH', `${cms}/m`, { data: { k: 'unseen' } }, MERGE);
    await createConfigMap(c, 'w-labels', 'other', { labels: { app: 'db' } });
    const enter = await send(c, 'PATCH', `${cms}/m`, { metadata: { labels: { app: 'web' } } }, MERGE);
    await send(c, 'DELETE', `${cms}/m`);
    const events = await w.collect((e) => e.type === 'DELETED' && e.object.metadata.resourceVersion !== leave.json().metadata.resourceVersion);
    expect(summary(events)).toEqual(['ADDED m', 'MODIFIED m', 'DELETED m', 'ADDED m', 'DELETED m']);
    // The DELETED for "stops matching" carries that change's revision; ADDED carries the new state.
    expect(events[2].object.metadata.resourceVersion).toBe(leave.json().metadata.resourceVersion);
    expect(events[3].object.metadata.labels).toEqual({ app: 'web' });
    expect(events[3].object.metadata.resourceVersion).toBe(enter.json().metadata.resourceVersion);
    expect(events[3].object.data).toEqual({ k: 'unseen' });
  });

  it('a fieldSelector metadata.name watch sees only that object (also via the /watch/ path)', async () => {
    await createNamespace(c, 'w-fields');
    const cms = '/api/v1/namespaces/w-fields/configmaps';
    const rv = await listRV(cms);
    const w = await watch(`${cms}?watch=true&resourceVersion=${rv}&fieldSelector=${encodeURIComponent('metadata.name=target')}&allowWatchBookmarks=true&timeoutSeconds=300`);
    const legacy = await watch(`/api/v1/watch/namespaces/w-fields/configmaps/target?resourceVersion=${rv}`);
    await createConfigMap(c, 'w-fields', 'decoy');
    await createConfigMap(c, 'w-fields', 'target');
    await send(c, 'PATCH', `${cms}/decoy`, { data: { k: '2' } }, MERGE);
    await send(c, 'DELETE', `${cms}/target`);
    for (const stream of [w, legacy]) {
      const events = await stream.collect((e) => e.type === 'DELETED');
      expect(summary(events)).toEqual(['ADDED target', 'DELETED target']);
    }
  });

  it('a Table watch carries Table objects, column definitions in the first event only', async () => {
    await createNamespace(c, 'w-table');
    const cms = '/api/v1/namespaces/w-table/configmaps';
    const rv = await listRV(cms);
    const w = await watch(`${cms}?watch=true&resourceVersion=${rv}`, { accept: TABLE }, h2);
    expect(w.status).toBe(200);
    await createConfigMap(c, 'w-table', 't1', { data: { a: '1' } });
    await createConfigMap(c, 'w-table', 't2', { data: { a: '1', b: '2' } });
    const [e1, e2] = [await w.next(), await w.next()];
    for (const e of [e1, e2]) {
      expect(e?.type).toBe('ADDED');
      expect(e?.object).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
      expect(e?.object.rows).toHaveLength(1);
      expect(e?.object.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { namespace: 'w-table' } });
    }
    expect(e1?.object.columnDefinitions.map((d: any) => d.name)).toEqual(['Name', 'Data', 'Age']);
    expect(e2?.object.columnDefinitions ?? []).toEqual([]);
    expect(e1?.object.rows[0].cells.slice(0, 2)).toEqual(['t1', 1]);
    expect(e2?.object.rows[0].cells.slice(0, 2)).toEqual(['t2', 2]);
  });

  // Compaction drops history the other tests use: this one runs last.
  it('a watch from a compacted revision gets HTTP 200 and one ERROR event with a 410 Expired Status', async () => {
    await createNamespace(c, 'w-compact');
    const cms = '/api/v1/namespaces/w-compact/configmaps';
    const old = await listRV(cms);
    for (const n of ['c1', 'c2', 'c3']) await createConfigMap(c, 'w-compact', n);
    const now = Number(await listRV(cms));
    await server.store.compact(now);
    const w = await watch(`${cms}?watch=true&resourceVersion=${old}`);
    expect(w.status).toBe(200);
    const events = await w.collect(() => false);
    expect(events).toHaveLength(1);
    expect(events[0].type).toBe('ERROR');
    expect(events[0].object).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Expired', code: 410 });
    expect(events[0].object.message).toMatch(new RegExp(`^too old resource version: ${old} \\(\\d+\\)$`));
    await w.ended;
    // A relist and a watch from its revision work again.
    const w2 = await watch(`${cms}?watch=true&resourceVersion=${now}`);
    await createConfigMap(c, 'w-compact', 'c4');
    expect(await w2.next()).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'c4' } } });
  });
});
