// Deletion semantics a controller author relies on: ownerReferences and the garbage collector,
// propagationPolicy Background / Foreground / Orphan, across kinds.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, ApiClient } from '../support/http.js';
import { startTestServer, TestServer } from '../support/server.js';
import { createConfigMap, createNamespace, get, send } from '../support/kube.js';

let server: TestServer;
let c: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  c = apiClient(server.baseURL, server.caPem, server.token);
  await createNamespace(c, 'gc');
});
afterAll(async () => {
  await c?.close();
  await server?.stop();
});

async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function dependent(name: string, owner: any, extra: Record<string, unknown> = {}): Promise<void> {
  const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: owner.metadata.name, uid: owner.metadata.uid, ...extra };
  const r = await send(c, 'POST', '/api/v1/namespaces/gc/secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name, ownerReferences: [ref] }, stringData: { k: 'v' } });
  expect(r.status, r.text).toBe(201);
}

const status = async (path: string): Promise<number> => (await get(c, path)).status;

describe('garbage collection of dependents', () => {
  it('deletes dependents in the background once their only owner is gone', async () => {
    const owner = await createConfigMap(c, 'gc', 'bg-owner');
    await dependent('bg-dep', owner);
    const r = await send(c, 'DELETE', '/api/v1/namespaces/gc/configmaps/bg-owner', { propagationPolicy: 'Background' });
    expect(r.status).toBe(200);
    expect(await eventually(() => status('/api/v1/namespaces/gc/secrets/bg-dep'), (s) => s === 404)).toBe(404);
  });

  it('keeps a dependent that still has another owner, dropping the dangling reference', async () => {
    const a = await createConfigMap(c, 'gc', 'two-a');
    const b = await createConfigMap(c, 'gc', 'two-b');
    const refs = [a, b].map((o) => ({ apiVersion: 'v1', kind: 'ConfigMap', name: o.metadata.name, uid: o.metadata.uid }));
    await send(c, 'POST', '/api/v1/namespaces/gc/secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'two-dep', ownerReferences: refs } });
    await send(c, 'DELETE', '/api/v1/namespaces/gc/configmaps/two-a');
    const left = await eventually(async () => (await get(c, '/api/v1/namespaces/gc/secrets/two-dep')).json(), (o) => o.metadata?.ownerReferences?.length === 1);
    expect(left.metadata.ownerReferences.map((r: any) => r.name)).toEqual(['two-b']);
  });

  it('deletes an object created with an owner that does not exist', async () => {
    await send(c, 'POST', '/api/v1/namespaces/gc/secrets', {
      apiVersion: 'v1', kind: 'Secret', metadata: { name: 'ghost-dep', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'never', uid: '00000000-0000-0000-0000-000000000000' }] },
    });
    expect(await eventually(() => status('/api/v1/namespaces/gc/secrets/ghost-dep'), (s) => s === 404)).toBe(404);
  });

  it('with Foreground, keeps the owner (with deletionTimestamp and the foregroundDeletion finalizer) until its dependents are gone', async () => {
    const owner = await createConfigMap(c, 'gc', 'fg-owner');
    await dependent('fg-dep', owner, { blockOwnerDeletion: true });
    // A finalizer on the dependent holds it, so the owner must wait.
    await send(c, 'PATCH', '/api/v1/namespaces/gc/secrets/fg-dep', { metadata: { finalizers: ['example.com/hold'] } }, { 'content-type': 'application/merge-patch+json' });
    const r = await send(c, 'DELETE', '/api/v1/namespaces/gc/configmaps/fg-owner', { propagationPolicy: 'Foreground' });
    expect(r.status).toBe(200);
    expect(r.json().metadata.finalizers).toContain('foregroundDeletion');
    const dep = await eventually(async () => (await get(c, '/api/v1/namespaces/gc/secrets/fg-dep')).json(), (o) => !!o.metadata?.deletionTimestamp);
    expect(dep.metadata.deletionTimestamp).toBeTruthy();
    expect(await status('/api/v1/namespaces/gc/configmaps/fg-owner')).toBe(200);
    await send(c, 'PATCH', '/api/v1/namespaces/gc/secrets/fg-dep', { metadata: { finalizers: null } }, { 'content-type': 'application/merge-patch+json' });
    expect(await eventually(() => status('/api/v1/namespaces/gc/configmaps/fg-owner'), (s) => s === 404)).toBe(404);
    expect(await status('/api/v1/namespaces/gc/secrets/fg-dep')).toBe(404);
  });

  it('with Orphan, deletes the owner and leaves the dependents without the reference', async () => {
    const owner = await createConfigMap(c, 'gc', 'orphan-owner');
    await dependent('orphan-dep', owner);
    const r = await send(c, 'DELETE', '/api/v1/namespaces/gc/configmaps/orphan-owner', { propagationPolicy: 'Orphan' });
    expect(r.status).toBe(200);
    expect(await eventually(() => status('/api/v1/namespaces/gc/configmaps/orphan-owner'), (s) => s === 404)).toBe(404);
    const dep = (await get(c, '/api/v1/namespaces/gc/secrets/orphan-dep')).json();
    expect(dep.metadata.name).toBe('orphan-dep');
    expect(dep.metadata.ownerReferences).toBeUndefined();
  });

  it('collects across kinds: a Deployment owning a ConfigMap', async () => {
    const d = await send(c, 'POST', '/apis/apps/v1/namespaces/gc/deployments', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'app' },
      spec: { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    const uid = d.json().metadata.uid;
    await send(c, 'POST', '/api/v1/namespaces/gc/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'app', uid }] } });
    await send(c, 'DELETE', '/apis/apps/v1/namespaces/gc/deployments/app');
    expect(await eventually(() => status('/api/v1/namespaces/gc/configmaps/app-config'), (s) => s === 404)).toBe(404);
  });
});

describe('the scale subresource', () => {
  it('reads and writes replicas through autoscaling/v1 Scale', async () => {
    await send(c, 'POST', '/apis/apps/v1/namespaces/gc/deployments', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'scaled' },
      spec: { replicas: 2, selector: { matchLabels: { app: 's' } }, template: { metadata: { labels: { app: 's' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    const scale = (await get(c, '/apis/apps/v1/namespaces/gc/deployments/scaled/scale')).json();
    expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 2 }, status: { replicas: 0, selector: 'app=s' } });
    const patched: any = await send(c, 'PATCH', '/apis/apps/v1/namespaces/gc/deployments/scaled/scale', { spec: { replicas: 4 } }, { 'content-type': 'application/merge-patch+json' });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.json().spec.replicas).toBe(4);
    const put = await send(c, 'PUT', '/apis/apps/v1/namespaces/gc/deployments/scaled/scale', { ...(patched.json() as object), spec: { replicas: 1 } });
    expect(put.status, put.text).toBe(200);
    const d = (await get(c, '/apis/apps/v1/namespaces/gc/deployments/scaled')).json();
    expect(d.spec.replicas).toBe(1);
    expect(d.metadata.generation).toBe(3);
    const stale = await send(c, 'PUT', '/apis/apps/v1/namespaces/gc/deployments/scaled/scale', { ...scale, spec: { replicas: 9 } });
    expect(stale.status).toBe(409);
    const negative = await send(c, 'PATCH', '/apis/apps/v1/namespaces/gc/deployments/scaled/scale', { spec: { replicas: -1 } }, { 'content-type': 'application/merge-patch+json' });
    expect(negative.status).toBe(422);
  });
});

describe('namespace termination', () => {
  it('reports what holds a terminating namespace in its conditions, then removes it', async () => {
    await createNamespace(c, 'held');
    await createConfigMap(c, 'held', 'kept', { finalizers: ['example.com/hold'] });
    await createConfigMap(c, 'held', 'plain');
    const del = await send(c, 'DELETE', '/api/v1/namespaces/held');
    expect(del.json().status.phase).toBe('Terminating');
    const ns = await eventually(async () => (await get(c, '/api/v1/namespaces/held')).json(), (o) => (o.status?.conditions ?? []).some((x: any) => x.type === 'NamespaceFinalizersRemaining' && x.status === 'True'));
    const byType = Object.fromEntries(ns.status.conditions.map((x: any) => [x.type, x]));
    expect(byType.NamespaceContentRemaining).toMatchObject({ status: 'True', reason: 'SomeResourcesRemain', message: 'Some resources are remaining: configmaps has 1 resource instances' });
    expect(byType.NamespaceFinalizersRemaining).toMatchObject({ status: 'True', reason: 'SomeFinalizersRemain', message: 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances' });
    expect(await status('/api/v1/namespaces/held/configmaps/plain')).toBe(404);
    await send(c, 'PATCH', '/api/v1/namespaces/held/configmaps/kept', { metadata: { finalizers: null } }, { 'content-type': 'application/merge-patch+json' });
    expect(await eventually(() => status('/api/v1/namespaces/held'), (s) => s === 404)).toBe(404);
  });
});
