// Discovery as kubectl and client-go read it: aggregated v2 / v2beta1 chosen by Accept, legacy
// documents otherwise, ETag + 304 for the HTTP cache, and the per-group-version lists.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, apiClient } from '../support/http.js';
import { expectStatus, get } from '../support/kube.js';
import { startTestServer, TestServer } from '../support/server.js';

const ACCEPT_130 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
const ACCEPT_127 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
const V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const V2BETA1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

describe('discovery', () => {
  let server: TestServer;
  let c: ApiClient;
  let h2: ApiClient;
  beforeAll(async () => {
    server = await startTestServer();
    c = apiClient(server.baseURL, server.caPem, server.token);
    h2 = apiClient(server.baseURL, server.caPem, server.token, { http2: true });
  });
  afterAll(async () => {
    await c?.close();
    await h2?.close();
    await server?.stop();
  });

  it('/api answers aggregated v2 to kubectl 1.30+ (over HTTP/2 too)', async () => {
    for (const client of [c, h2]) {
      const r = await get(client, '/api', { accept: ACCEPT_130 });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe(V2);
      expect(r.headers.vary).toMatch(/Accept/);
      expect(r.headers.etag).toMatch(/^".+"$/);
      const doc = r.json();
      expect(doc).toMatchObject({ kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2' });
      expect(doc.items).toHaveLength(1);
      expect(doc.items[0].metadata.name).toBe('');
      const v1 = doc.items[0].versions[0];
      expect(v1).toMatchObject({ version: 'v1', freshness: 'Current' });
      const cm = v1.resources.find((x: any) => x.resource === 'configmaps');
      expect(cm).toEqual({
        resource: 'configmaps',
        responseKind: { group: '', version: 'v1', kind: 'ConfigMap' },
        scope: 'Namespaced',
        singularResource: 'configmap',
        verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
        shortNames: ['cm'],
      });
      const ns = v1.resources.find((x: any) => x.resource === 'namespaces');
      expect(ns.scope).toBe('Cluster');
      expect(ns.subresources.map((s: any) => s.subresource)).toEqual(expect.arrayContaining(['status', 'finalize']));
    }
  });

  it('/apis answers aggregated v2 with every group, deployments with scale (autoscaling/v1 Scale) and status', async () => {
    const r = await get(c, '/apis', { accept: ACCEPT_130 });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe(V2);
    const doc = r.json();
    const names = doc.items.map((g: any) => g.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['apps', 'batch', 'rbac.authorization.k8s.io', 'apiextensions.k8s.io', 'autoscaling']));
    expect(names).not.toContain('');
    const apps = doc.items.find((g: any) => g.metadata.name === 'apps');
    const deploy = apps.versions[0].resources.find((x: any) => x.resource === 'deployments');
    expect(deploy).toMatchObject({
      responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' },
      scope: 'Namespaced',
      singularResource: 'deployment',
      shortNames: ['deploy'],
      categories: ['all'],
    });
    expect(deploy.subresources).toEqual([
      { subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] },
      { subresource: 'status', responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' }, verbs: ['get', 'patch', 'update'] },
    ]);
    // Versions are listed preferred first: autoscaling v2 before v1.
    const autoscaling = doc.items.find((g: any) => g.metadata.name === 'autoscaling');
    expect(autoscaling.versions.map((v: any) => v.version)).toEqual(['v2', 'v1']);
  });

  it('answers aggregated v2beta1 to kubectl 1.27–1.29', async () => {
    for (const path of ['/api', '/apis']) {
      const r = await get(c, path, { accept: ACCEPT_127 });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe(V2BETA1);
      expect(r.json()).toMatchObject({ kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2beta1' });
    }
  });

  it('answers legacy APIVersions and APIGroupList to plain JSON clients', async () => {
    for (const accept of ['application/json, */*', 'application/json', undefined]) {
      const api = await get(c, '/api', accept ? { accept } : {});
      expect(api.status).toBe(200);
      expect(api.headers['content-type']).toBe('application/json');
      expect(api.json()).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
      expect(api.json().serverAddressByClientCIDRs[0].clientCIDR).toBe('0.0.0.0/0');
      const apis = await get(c, '/apis', accept ? { accept } : {});
      expect(apis.headers['content-type']).toBe('application/json');
      const list = apis.json();
      expect(list).toMatchObject({ kind: 'APIGroupList', apiVersion: 'v1' });
      expect(list.groups.find((g: any) => g.name === 'apps')).toEqual({
        name: 'apps',
        versions: [{ groupVersion: 'apps/v1', version: 'v1' }],
        preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
      });
    }
  });

  it('sends an ETag per representation and 304 on If-None-Match, with Vary: Accept', async () => {
    const first = await get(c, '/apis', { accept: ACCEPT_130 });
    const etag = first.headers.etag as string;
    const again = await get(c, '/apis', { accept: ACCEPT_130, 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect(again.headers.vary).toMatch(/Accept/);
    // The legacy document is another representation, with its own ETag.
    const legacy = await get(c, '/apis', { accept: 'application/json', 'if-none-match': etag });
    expect(legacy.status).toBe(200);
    expect(legacy.headers.etag).not.toBe(etag);
    const stale = await get(c, '/api', { accept: ACCEPT_130, 'if-none-match': '"nope"' });
    expect(stale.status).toBe(200);
  });

  it('/api/v1 lists core resources with subresources', async () => {
    const r = await get(c, '/api/v1', { accept: 'application/json, */*' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers.etag).toBeDefined();
    const list = r.json();
    expect(list).toMatchObject({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'v1' });
    const byName = new Map(list.resources.map((x: any) => [x.name, x]));
    expect(byName.get('configmaps')).toEqual({
      name: 'configmaps',
      singularName: 'configmap',
      namespaced: true,
      kind: 'ConfigMap',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['cm'],
    });
    expect(byName.get('namespaces')).toMatchObject({ namespaced: false, kind: 'Namespace', shortNames: ['ns'] });
    expect(byName.get('namespaces/status')).toMatchObject({ singularName: '', namespaced: false, kind: 'Namespace', verbs: ['get', 'patch', 'update'] });
    expect(byName.get('namespaces/finalize')).toMatchObject({ kind: 'Namespace', verbs: ['update'] });
  });

  it('/apis/apps/v1 lists deployments, deployments/scale (group autoscaling) and deployments/status', async () => {
    const r = await get(c, '/apis/apps/v1', { accept: 'application/json, */*' });
    expect(r.status).toBe(200);
    const list = r.json();
    expect(list).toMatchObject({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'apps/v1' });
    const byName = new Map(list.resources.map((x: any) => [x.name, x]));
    expect(byName.get('deployments')).toEqual({
      name: 'deployments',
      singularName: 'deployment',
      namespaced: true,
      kind: 'Deployment',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['deploy'],
      categories: ['all'],
    });
    expect(byName.get('deployments/scale')).toEqual({
      name: 'deployments/scale',
      singularName: '',
      namespaced: true,
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: ['get', 'patch', 'update'],
    });
    expect(byName.get('deployments/status')).toEqual({
      name: 'deployments/status',
      singularName: '',
      namespaced: true,
      kind: 'Deployment',
      verbs: ['get', 'patch', 'update'],
    });
  });

  it('/apis/apps is the APIGroup', async () => {
    const r = await get(c, '/apis/apps');
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({
      kind: 'APIGroup',
      apiVersion: 'v1',
      name: 'apps',
      versions: [{ groupVersion: 'apps/v1', version: 'v1' }],
      preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
    });
  });

  it('an unknown group or version is a 404 Status', async () => {
    for (const path of ['/apis/nope.example.com', '/apis/nope.example.com/v1', '/apis/apps/v9', '/api/v2']) {
      const s = expectStatus(await get(c, path), 404, 'NotFound');
      expect(s.message).toBe('the server could not find the requested resource');
    }
  });
});
