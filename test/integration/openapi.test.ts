// OpenAPI v3 as kubectl reads it: the index with hash URLs, immutable per-group-version documents,
// the PATCH operation that advertises fieldValidation and strategic merge, and the schemas that
// drive client-side apply.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, apiClient } from '../support/http.js';
import { WS, expectStatus, get } from '../support/kube.js';
import { startTestServer, TestServer } from '../support/server.js';

describe('OpenAPI v3', () => {
  let server: TestServer;
  let c: ApiClient;
  let index: Record<string, { serverRelativeURL: string }>;
  let apps: any;
  beforeAll(async () => {
    server = await startTestServer();
    c = apiClient(server.baseURL, server.caPem, server.token, { http2: true });
    const r = await get(c, '/openapi/v3?timeout=32s', { accept: 'application/json, */*' });
    expect(r.status).toBe(200);
    index = r.json().paths;
    const doc = await c.get(`${WS}${index['apis/apps/v1'].serverRelativeURL}`, { accept: 'application/json' });
    expect(doc.status).toBe(200);
    apps = doc.json();
  });
  afterAll(async () => {
    await c?.close();
    await server?.stop();
  });

  it('the index lists api/v1 and apis/apps/v1 with hash-stamped relative URLs', () => {
    expect(index['api/v1'].serverRelativeURL).toMatch(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]+$/);
    expect(index['apis/apps/v1'].serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]+$/);
    expect(index['apis/autoscaling/v1']).toBeDefined();
  });

  it('a document fetched with its hash is immutable and public; its ETag is the hash', async () => {
    const url = index['api/v1'].serverRelativeURL;
    const hash = url.split('hash=')[1];
    const r = await c.get(`${WS}${url}`, { accept: 'application/json' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers['cache-control']).toMatch(/^public, immutable/);
    expect(r.headers.etag).toBe(`"${hash}"`);
    expect(r.json().openapi).toMatch(/^3\./);
    // Without a hash the same document may change: it is not cached for good.
    const plain = await get(c, '/openapi/v3/api/v1');
    expect(plain.status).toBe(200);
    expect(plain.headers['cache-control']).not.toMatch(/immutable/);
  });

  it('a wrong hash redirects to the current one', async () => {
    const r = await get(c, '/openapi/v3/apis/apps/v1?hash=0123456789ABCDEF');
    expect(r.status).toBe(301);
    const location = String(r.headers.location);
    expect(location).toMatch(/\/openapi\/v3\/apis\/apps\/v1\?hash=/);
    expect(location.split('hash=')[1]).toBe(index['apis/apps/v1'].serverRelativeURL.split('hash=')[1]);
  });

  it('an unknown group-version is a 404 Status', async () => {
    expectStatus(await get(c, '/openapi/v3/apis/nope.example.com/v1'), 404, 'NotFound');
  });

  it('the Deployment PATCH operation carries its GVK, the fieldValidation parameter and strategic merge', () => {
    const patch = apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(patch['x-kubernetes-action']).toBe('patch');
    expect(patch.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'fieldValidation', in: 'query' })]));
    expect(Object.keys(patch.requestBody.content)).toEqual(
      expect.arrayContaining(['application/strategic-merge-patch+json', 'application/merge-patch+json', 'application/json-patch+json', 'application/apply-patch+yaml']),
    );
  });

  it('components.schemas holds the Deployment schema by GVK, and PodSpec.containers merges by name', () => {
    const schemas = apps.components.schemas as Record<string, any>;
    const hasGVK = (s: any): boolean =>
      (s['x-kubernetes-group-version-kind'] ?? []).some((g: any) => g.group === 'apps' && g.version === 'v1' && g.kind === 'Deployment');
    const deployments = Object.entries(schemas).filter(([, s]) => hasGVK(s));
    expect(deployments.map(([name]) => name)).toEqual(['io.k8s.api.apps.v1.Deployment']);
    const [, deployment] = deployments[0];
    expect(Object.keys(deployment.properties)).toEqual(expect.arrayContaining(['apiVersion', 'kind', 'metadata', 'spec', 'status']));
    const containers = schemas['io.k8s.api.core.v1.PodSpec'].properties.containers;
    expect(containers['x-kubernetes-patch-merge-key']).toBe('name');
    expect(containers['x-kubernetes-patch-strategy']).toBe('merge');
    // Every $ref resolves inside the document.
    const refs = new Set<string>();
    JSON.stringify(apps, (k, v) => {
      if (k === '$ref') refs.add(v);
      return v;
    });
    for (const ref of refs) expect(schemas[ref.replace('#/components/schemas/', '')], ref).toBeDefined();
  });
});
