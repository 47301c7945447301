// The placement controller after a restart: a server stopped between unstamping a namespace and
// unstamping its objects (simulated by editing the store while no server runs) finds the stamped
// objects when it starts again and cleans them up; placed namespaces are swept once and settle.
// Root is both the compute and the tenant workspace here.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateLabel, syncerFinalizer, targetKey } from '../../apis/sync/contract.js';
import { openSqliteStore } from '../../storage/sqlite/index.js';
import { DELETE, UNCHANGED } from '../../storage/store.js';
import { ApiClient, apiClient } from '../support/http.js';
import { createConfigMap, createNamespace, get, send } from '../support/kube.js';
import { startTestServer, TestServer } from '../support/server.js';

const SYNC = '/apis/sync.kplane.io/v1alpha1';
const KEY = targetKey('root', 't1');
let dataDir: string;
let server: TestServer | undefined;
let c: ApiClient | undefined;

async function start(): Promise<void> {
  server = await startTestServer({ dataDir });
  c = apiClient(server.baseURL, server.caPem, server.token);
}

async function stop(): Promise<void> {
  await c?.close();
  await server?.stop();
  c = server = undefined;
}

async function until(probe: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const labelled = async (p: string): Promise<boolean> => (await get(c!, p)).json().metadata.labels?.[stateLabel(KEY)] === 'Sync';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kplane-placement-restart-'));
  await start();
  const r = await send(c!, 'POST', `${SYNC}/synctargets`, { apiVersion: 'sync.kplane.io/v1alpha1', kind: 'SyncTarget', metadata: { name: 't1' }, spec: {} });
  expect(r.status, r.text).toBe(201);
  await createNamespace(c!, 'apps');
  await createConfigMap(c!, 'apps', 'c1');
  const p = await send(c!, 'POST', `${SYNC}/placements`, {
    apiVersion: 'sync.kplane.io/v1alpha1', kind: 'Placement', metadata: { name: 'p' },
    spec: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'apps' } }, location: { workspace: 'root' } },
  });
  expect(p.status, p.text).toBe(201);
  await until(() => labelled('/api/v1/namespaces/apps/configmaps/c1'), 'configmap stamped');
}, 30_000);

afterAll(async () => {
  await stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('placement after a restart', () => {
  it('sweeps placed namespaces once and writes nothing when all is in place', async () => {
    await stop();
    await start();
    const before = (await get(c!, '/api/v1/namespaces/apps/configmaps/c1')).json().metadata.resourceVersion;
    await new Promise((r) => setTimeout(r, 1000));
    expect((await get(c!, '/api/v1/namespaces/apps/configmaps/c1')).json().metadata.resourceVersion).toBe(before);
    expect(await labelled('/api/v1/namespaces/apps')).toBe(true);
  });

  it('cleans up objects left stamped by a stop between the namespace and its objects', async () => {
    await stop();
    // What a crash right after unstamping the namespace leaves: no placement, a clean namespace,
    // stamped objects.
    const store = openSqliteStore({ path: path.join(dataDir, 'kplane.db'), logger: pino({ level: 'silent' }) });
    await store.mutate({ key: { cluster: 'root', resource: 'sync.kplane.io/placements', namespace: '', name: 'p' }, apply: (cur) => (cur ? DELETE : UNCHANGED) });
    await store.mutate({
      key: { cluster: 'root', resource: '/namespaces', namespace: '', name: 'apps' },
      apply(cur) {
        if (!cur) return UNCHANGED;
        const ns = structuredClone(cur.object);
        delete ns.metadata.labels[stateLabel(KEY)];
        ns.metadata.finalizers = (ns.metadata.finalizers ?? []).filter((f: string) => f !== syncerFinalizer(KEY));
        return ns;
      },
    });
    await store.close();

    await start();
    await until(async () => !(await labelled('/api/v1/namespaces/apps/configmaps/c1')), 'configmap unstamped');
    const cm = (await get(c!, '/api/v1/namespaces/apps/configmaps/c1')).json();
    expect(cm.metadata.finalizers).toBeUndefined();
  });
});
