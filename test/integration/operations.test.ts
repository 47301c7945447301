// What operators rely on: Prometheus metrics in apiserver names, health endpoints, the audit log.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, ApiClient } from '../support/http.js';
import { startTestServer, TestServer } from '../support/server.js';
import { createConfigMap, get } from '../support/kube.js';

let server: TestServer;
let c: ApiClient;
beforeAll(async () => {
  server = await startTestServer();
  c = apiClient(server.baseURL, server.caPem, server.token);
  await createConfigMap(c, 'default', 'observed');
  await get(c, '/api/v1/namespaces/default/configmaps');
  await get(c, '/api/v1/namespaces/default/configmaps/missing');
});
afterAll(async () => {
  await c?.close();
  await server?.stop();
});

describe('metrics', () => {
  it('counts requests by verb, resource, scope and code without workspace labels', async () => {
    const r = await c.get('/metrics');
    expect(r.status).toBe(200);
    expect(String(r.headers['content-type'])).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(r.text).toMatch(/apiserver_request_total\{verb="POST",dry_run="",group="",version="v1",resource="configmaps",subresource="",scope="namespace",component="apiserver",code="201"\} 1/);
    expect(r.text).toMatch(/apiserver_request_total\{verb="LIST",.*resource="configmaps".*code="200"\} 1/);
    expect(r.text).toMatch(/apiserver_request_total\{verb="GET",.*resource="configmaps",subresource="",scope="resource",.*code="404"\} 1/);
    expect(r.text).toMatch(/apiserver_request_duration_seconds_bucket\{/);
    expect(r.text).toMatch(/kplane_storage_revision \d+/);
    expect(r.text).not.toMatch(/workspace|cluster="root"/);
  });

  it('requires a token', async () => {
    expect((await c.request('GET', '/metrics', { token: null })).status).toBe(401);
  });
});

describe('health endpoints', () => {
  it('answer without a token, verbosely when asked, per check, with exclusions', async () => {
    for (const p of ['/livez', '/readyz', '/healthz', '/clusters/root/readyz']) {
      const r = await c.request('GET', p, { token: null });
      expect(r.status, p).toBe(200);
      expect(r.text).toBe('ok');
    }
    const verbose = await c.request('GET', '/readyz?verbose', { token: null });
    expect(verbose.text).toBe('[+]ping ok\n[+]log ok\n[+]sqlite ok\n[+]bootstrap ok\n[+]shutdown ok\nreadyz check passed\n');
    expect((await c.request('GET', '/readyz/sqlite', { token: null })).text).toBe('ok');
    expect((await c.request('GET', '/readyz?verbose&exclude=shutdown', { token: null })).text).toContain('[+]shutdown excluded: ok');
  });
});

describe('audit log', () => {
  it('records who did what, where, with which result, as audit.k8s.io/v1 events', async () => {
    const file = path.join(server.dataDir, 'audit.log');
    let events: any[] = [];
    for (let i = 0; i < 50 && !events.some((e) => e.objectRef?.name === 'missing'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      events = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : [];
    }
    const create = events.find((e) => e.verb === 'post' && e.objectRef?.name === undefined && e.objectRef?.resource === 'configmaps');
    expect(create).toMatchObject({
      kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', stage: 'ResponseComplete',
      user: { username: 'kplane-admin' }, objectRef: { resource: 'configmaps', namespace: 'default', apiVersion: 'v1' },
      responseStatus: { code: 201 }, annotations: { 'kplane.io/workspace': 'root' },
    });
    expect(events.find((e) => e.objectRef?.name === 'missing')).toMatchObject({ verb: 'get', responseStatus: { code: 404 } });
    expect(create.sourceIPs[0]).toMatch(/127\.0\.0\.1/);
  });
});
