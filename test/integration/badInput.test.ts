// Bad input never corrupts or loses data: each malformed, oversized or hostile request gets the
// upstream 4xx Status in bounded time, the server keeps serving, and a canary object written
// before is read back unchanged after every test.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { builtinCatalogue } from '../../apis/catalogue.js';
import { encodeEnvelope, protobufType } from '../../apis/codec/protobuf.js';
import { ApiClient, HttpResponse, apiClient } from '../support/http.js';
import { WS, configMap, createConfigMap, createNamespace, expectStatus, get, send } from '../support/kube.js';
import { startTestServer, TestServer } from '../support/server.js';

const NS = 'bad';
const CM = `/api/v1/namespaces/${NS}/configmaps`;
const CANARY = `${CM}/canary`;
const BOUND_MS = 5000;
const MERGE = { 'content-type': 'application/merge-patch+json' };
const SMP = { 'content-type': 'application/strategic-merge-patch+json' };
const JSON_PATCH = { 'content-type': 'application/json-patch+json' };
const PROTOBUF = { 'content-type': 'application/vnd.kubernetes.protobuf' };

describe('bad input', () => {
  let server: TestServer;
  let c: ApiClient;
  let h2: ApiClient;
  let canary: any;

  /** Sends a request and checks it was answered within BOUND_MS. */
  const timed = async (p: Promise<HttpResponse>): Promise<HttpResponse> => {
    const started = Date.now();
    const r = await p;
    expect(Date.now() - started).toBeLessThan(BOUND_MS);
    return r;
  };
  /** A request whose path goes out byte for byte (no URL normalisation of "..", "%2F"). */
  const raw = async (method: string, path: string, token: string | null = server.token): Promise<HttpResponse> => {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const res = await c.agent.request({ origin: server.baseURL, path, method: method as 'GET', headers });
    const text = await res.body.text();
    return { status: res.statusCode, headers: res.headers as HttpResponse['headers'], text, json: () => JSON.parse(text) };
  };

  beforeAll(async () => {
    server = await startTestServer();
    c = apiClient(server.baseURL, server.caPem, server.token);
    h2 = apiClient(server.baseURL, server.caPem, server.token, { http2: true });
    await createNamespace(c, NS);
    canary = await createConfigMap(c, NS, 'canary', { labels: { role: 'canary' }, data: { precious: 'data' } });
  });
  afterEach(async () => {
    // Still serving, and the canary is exactly as written.
    for (const client of [c, h2]) {
      const r = await get(client, CANARY);
      expect(r.status).toBe(200);
      expect(r.json()).toEqual(canary);
    }
    expect((await c.get('/readyz')).status).toBe(200);
  });
  afterAll(async () => {
    await c?.close();
    await h2?.close();
    await server?.stop();
  });

  describe('bodies that do not decode', () => {
    it('malformed and truncated JSON → 400', async () => {
      const full = JSON.stringify(configMap('canary', { data: { precious: 'overwritten' } }));
      for (const body of ['{"metadata":', full.slice(0, full.length - 3), '{"metadata":{"name":"x"}}}', 'null x', '\u0000\u0001']) {
        const s = expectStatus(await timed(send(c, 'POST', CM, body)), 400, 'BadRequest');
        expect(s.message.length).toBeGreaterThan(0);
        expectStatus(await timed(send(c, 'PUT', CANARY, body)), 400, 'BadRequest');
      }
      const s = expectStatus(await send(c, 'POST', CM, '{"metadata":'), 400, 'BadRequest');
      expect(s.message).toMatch(/^couldn't get version\/kind; json parse error: /);
      expectStatus(await timed(send(c, 'POST', CM, '')), 400, 'BadRequest');
    });

    it('malformed YAML → 400', async () => {
      for (const body of ['metadata:\n  name: [x\n', 'a: 1\na: 2\n', 'metadata: {name: canary\n', '\tbad: indent\n']) {
        const s = expectStatus(await timed(send(c, 'POST', CM, body, { 'content-type': 'application/yaml' })), 400, 'BadRequest');
        expect(s.message).toMatch(/^error converting YAML to JSON: /);
        expectStatus(await timed(send(c, 'PUT', CANARY, body, { 'content-type': 'application/yaml' })), 400, 'BadRequest');
      }
    });

    it('a YAML alias bomb ("billion laughs") → 400, quickly', async () => {
      let bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
      let prev = 'a';
      for (const k of 'bcdefghi') {
        bomb += `${k}: &${k} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
        prev = k;
      }
      bomb += 'metadata:\n  name: bomb\ndata:\n  x: *i\n';
      const s = expectStatus(await timed(send(h2, 'POST', CM, bomb, { 'content-type': 'application/yaml' })), 400, 'BadRequest');
      expect(s.message).toMatch(/^error converting YAML to JSON: /);
      expectStatus(await get(c, `${CM}/bomb`), 404, 'NotFound');
    });

    it('deeply nested YAML (flow and block) → 400, and again (no lasting harm)', async () => {
      const shapes = ['['.repeat(200_000) + ']'.repeat(200_000), '{a: '.repeat(50_000) + '1' + '}'.repeat(50_000), `data:\n  x:\n    ${'- '.repeat(100_000)}y\n`];
      for (let round = 0; round < 2; round++) {
        for (const body of shapes) {
          for (const client of [c, h2]) {
            const s = expectStatus(await timed(send(client, 'POST', CM, body, { 'content-type': 'application/yaml' })), 400, 'BadRequest');
            expect(s.message).toMatch(/^error converting YAML to JSON: yaml: .*exceeded max depth/);
          }
        }
      }
      // Depth that real objects (CRD schemas included) reach still decodes.
      const nested = `metadata:\n  name: nested-yaml\ndata:\n  x: "1"\nextra:\n${Array.from({ length: 250 }, (_, i) => `${'  '.repeat(i + 1)}k:\n`).join('')}${'  '.repeat(251)}v\n`;
      const ok = await timed(send(c, 'POST', `${CM}?fieldValidation=Ignore`, nested, { 'content-type': 'application/yaml' }));
      expect(ok.status, ok.text).toBe(201);
      expect(ok.json().data).toEqual({ x: '1' });
    });

    it('200,000-deep JSON → 400', async () => {
      for (const body of ['['.repeat(200_000) + ']'.repeat(200_000), `{"metadata":{"name":"deep"},"data":${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}}`]) {
        const s = expectStatus(await timed(send(h2, 'POST', CM, body)), 400, 'BadRequest');
        expect(s.message).toMatch(/exceeded max depth/);
      }
    });

    it('merge and strategic merge patches nested 9,000 deep (within the 10,000 limit) → 4xx, not 500', async () => {
      const deep = `${'{"a":'.repeat(9_000)}1${'}'.repeat(9_000)}`;
      for (const headers of [MERGE, SMP]) {
        const r = await timed(send(c, 'PATCH', CANARY, `{"data":{"precious":${deep}}}`, headers));
        expect(r.status, r.text).toBeGreaterThanOrEqual(400);
        expect(r.status, r.text).toBeLessThan(500);
        expect(r.json().kind).toBe('Status');
      }
    });

    it('malformed and truncated protobuf → 400', async () => {
      const types = builtinCatalogue().types;
      const t = protobufType(types, 'core/v1:ConfigMap');
      const good = encodeEnvelope(types, 'v1', 'ConfigMap', t.encode(t.fromObject({ metadata: { name: 'canary' }, data: { precious: 'overwritten' } })).finish());
      const bodies = [
        Buffer.from('{"kind":"ConfigMap"}'), // no k8s\0 magic
        Buffer.from([0x6b, 0x38, 0x73]), // magic cut short
        good.subarray(0, good.length - 7), // truncated message
        Buffer.concat([good.subarray(0, 4), Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01])]), // garbage after the magic
        encodeEnvelope(types, 'v1', 'NoSuchKind', Buffer.from([0x0a, 0x02, 0x08, 0x01])), // unknown kind
        encodeEnvelope(types, 'v1', 'ConfigMap', Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x7f])), // length past the end
      ];
      for (const body of bodies) {
        expectStatus(await timed(c.request('POST', `${WS}${CM}`, { body, headers: PROTOBUF })), 400, 'BadRequest');
        expectStatus(await timed(h2.request('PUT', `${WS}${CANARY}`, { body, headers: PROTOBUF })), 400, 'BadRequest');
      }
    });

    it('a body over 3 MiB → 413 RequestEntityTooLarge', async () => {
      const big = JSON.stringify(configMap('canary', { data: { precious: 'x'.repeat(3 * 1024 * 1024) } }));
      for (const [client, method, path] of [[c, 'POST', CM], [h2, 'POST', CM], [c, 'PUT', CANARY], [h2, 'PATCH', CANARY]] as const) {
        const headers = method === 'PATCH' ? MERGE : {};
        const s = expectStatus(await timed(send(client, method, path, big, headers)), 413, 'RequestEntityTooLarge');
        expect(s.message).toBe('Request entity too large: limit is 3145728');
      }
    });

    it('an unknown Content-Type → 415 UnsupportedMediaType', async () => {
      for (const ct of ['text/plain', 'application/xml', 'application/cbor']) {
        const s = expectStatus(await timed(send(c, 'POST', CM, JSON.stringify(configMap('x')), { 'content-type': ct })), 415, 'UnsupportedMediaType');
        expect(s.message).toBe('the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf');
      }
      const s = expectStatus(await timed(send(c, 'PATCH', CANARY, { data: { precious: 'x' } }, { 'content-type': 'application/json' })), 415, 'UnsupportedMediaType');
      expect(s.message).toMatch(/^the body of the request was in an unknown format - accepted media types include: .*application\/strategic-merge-patch\+json/);
    });
  });

  describe('objects that do not validate', () => {
    it('invalid names → 422 Invalid with a metadata.name cause', async () => {
      for (const name of ['Upper', 'a'.repeat(254), '..', 'a/b', 'a_b', '-lead', 'trail.']) {
        const s = expectStatus(await timed(send(c, 'POST', CM, configMap(name))), 422, 'Invalid');
        expect(s.message).toMatch(new RegExp(`^ConfigMap ".*" is invalid: metadata\\.name: Invalid value: `));
        expect(s.details).toMatchObject({ kind: 'ConfigMap' });
        expect(s.details.causes[0]).toMatchObject({ reason: 'FieldValueInvalid', field: 'metadata.name' });
      }
      // Namespaces are DNS labels: 64 characters is one too many.
      const ns = expectStatus(await send(c, 'POST', '/api/v1/namespaces', { metadata: { name: 'n'.repeat(64) } }), 422, 'Invalid');
      expect(ns.details.causes.map((x: any) => x.field)).toContain('metadata.name');
      expect(ns.message).toMatch(/must be no more than 63 characters/);
    });

    it('invalid label values and keys → 422 with causes', async () => {
      const cases: Array<[Record<string, string>, RegExp]> = [
        [{ app: '-bad-' }, /Invalid value: "-bad-": a valid label must be an empty string or consist of alphanumeric characters/],
        [{ app: 'v'.repeat(64) }, /must be no more than 63 characters/],
        [{ '-bad': 'x' }, /Invalid value: "-bad": name part must consist of alphanumeric characters/],
        [{ 'a/b/c': 'x' }, /a qualified name must consist of alphanumeric characters/],
        [{ 'Example.COM/x': 'y' }, /prefix part a lowercase RFC 1123 subdomain/],
      ];
      for (const [labels, message] of cases) {
        const s = expectStatus(await timed(send(c, 'POST', CM, configMap('labelled', { labels }))), 422, 'Invalid');
        expect(s.message).toMatch(message);
        expect(s.details.causes.length).toBeGreaterThan(0);
        for (const cause of s.details.causes) expect(cause).toMatchObject({ reason: 'FieldValueInvalid', field: 'metadata.labels' });
        // The same labels on an update are refused the same way.
        expectStatus(await timed(send(c, 'PATCH', CANARY, { metadata: { labels } }, MERGE)), 422, 'Invalid');
      }
    });

    it('a stale resourceVersion → 409 Conflict', async () => {
      const s = expectStatus(await timed(send(c, 'PUT', CANARY, { ...canary, metadata: { ...canary.metadata, resourceVersion: '1' }, data: { precious: 'lost' } })), 409, 'Conflict');
      expect(s.message).toBe('Operation cannot be fulfilled on configmaps "canary": the object has been modified; please apply your changes to the latest version and try again');
      expectStatus(await timed(send(c, 'PATCH', CANARY, { metadata: { resourceVersion: '1' }, data: { precious: 'lost' } }, MERGE)), 409, 'Conflict');
    });

    it('a kind or apiVersion that does not fit the URL → 400', async () => {
      const bodies = [
        { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'canary' }, data: {} },
        { apiVersion: 'apps/v1', kind: 'ConfigMap', metadata: { name: 'canary' } },
        { apiVersion: 'v2', kind: 'ConfigMap', metadata: { name: 'canary' } },
      ];
      for (const body of bodies) {
        expectStatus(await timed(send(c, 'POST', CM, body)), 400, 'BadRequest');
        expectStatus(await timed(send(c, 'PUT', CANARY, { ...body, metadata: canary.metadata })), 400, 'BadRequest');
      }
      const s = expectStatus(await send(c, 'PUT', CANARY, { ...canary, metadata: { ...canary.metadata, name: 'other' } }), 400, 'BadRequest');
      expect(s.message).toBe('the name of the object (other) does not match the name on the URL (canary)');
    });
  });

  describe('paths and queries', () => {
    it('path tricks stay inside the workspace and the namespace: 404 or 400, never another object', async () => {
      const token = server.token;
      for (const path of [
        `${WS}/api/v1/namespaces/../../x`,
        `${WS}/api/v1/namespaces/${NS}/configmaps/../../default/configmaps/canary`,
        `${WS}/api/v1/namespaces/default%2F..%2F${NS}/configmaps/canary`,
        '/clusters/nope/api/v1/namespaces',
        '/clusters/root%2F..%2Fnope/api/v1/namespaces',
        `${WS}/api/v1/namespaces/${NS}/configmaps/canary/status/extra`,
      ]) {
        const r = await timed(raw('GET', path, token));
        expect([400, 404], `${path}: ${r.text}`).toContain(r.status);
        expect(r.json()).toMatchObject({ kind: 'Status', status: 'Failure' });
      }
      // An encoded slash is a slash, as in Go's URL.Path: it cannot put "/" into a namespace or
      // name, and a fully encoded path names exactly the object its plain form does.
      expectStatus(await raw('GET', `${WS}/api/v1/namespaces/${NS}%2Fx/configmaps`), 404, 'NotFound');
      expect((await raw('GET', `${WS}/api/v1/namespaces/${NS}%2Fconfigmaps%2Fcanary`)).json()).toEqual(canary);
      // Names that cannot be path segments never reach storage.
      const dots = expectStatus(await raw('GET', `${WS}${CM}/%2E%2E`), 400, 'BadRequest');
      expect(dots.message).toBe(`Name parameter invalid: "..": may not be '..'`);
      const pct = expectStatus(await raw('DELETE', `${WS}${CM}/a%25b`), 400, 'BadRequest');
      expect(pct.message).toBe(`Name parameter invalid: "a%b": may not contain '%'`);
      expectStatus(await raw('GET', '/clusters/nope/api/v1/namespaces/default'), 404, 'NotFound');
    });

    it('a huge label selector is answered, in bounded time, over HTTP/1.1 and HTTP/2', async () => {
      const many = Array.from({ length: 10_000 }, (_, i) => `key-${i}`).join(',');
      const r1 = await timed(get(c, `${CM}?labelSelector=${encodeURIComponent(`role=canary,${many}`)}`));
      expect(r1.status, r1.text.slice(0, 200)).toBe(200);
      expect(r1.json().items).toEqual([]);
      const values = Array.from({ length: 3000 }, (_, i) => `v${i}`).join(',');
      const r2 = await timed(get(h2, `${CM}?labelSelector=${encodeURIComponent(`role in (${values},canary)`)}`));
      expect(r2.status, r2.text.slice(0, 200)).toBe(200);
      expect(r2.json().items.map((i: any) => i.metadata.name)).toEqual(['canary']);
      expectStatus(await timed(get(c, `${CM}?labelSelector=${encodeURIComponent(`${many},(`)}`)), 400, 'BadRequest');
    });
  });

  describe('patches', () => {
    it('a JSON patch with 10001 operations → 413', async () => {
      const ops = Array.from({ length: 10_001 }, () => ({ op: 'test', path: '/kind', value: 'ConfigMap' }));
      const s = expectStatus(await timed(send(c, 'PATCH', CANARY, ops, JSON_PATCH)), 413, 'RequestEntityTooLarge');
      expect(s.message).toBe('Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001');
    });

    it('a JSON patch whose test fails, or whose path is missing → 422', async () => {
      for (const ops of [
        [{ op: 'test', path: '/data/precious', value: 'other' }, { op: 'replace', path: '/data/precious', value: 'lost' }],
        [{ op: 'replace', path: '/data/precious', value: 'lost' }, { op: 'remove', path: '/data/missing' }],
      ]) {
        const s = expectStatus(await timed(send(c, 'PATCH', CANARY, ops, JSON_PATCH)), 422, 'Invalid');
        expect(s.message).toBe('the server rejected our request due to an error in our request');
      }
      expectStatus(await timed(send(c, 'PATCH', CANARY, { op: 'replace' }, JSON_PATCH)), 400, 'BadRequest');
    });

    it('strategic merge patch with bad directives → the upstream error, nothing applied', async () => {
      const retain = expectStatus(await timed(send(c, 'PATCH', CANARY, { data: { precious: 'lost', $retainKeys: 'not-a-list' } }, SMP)), 400, 'BadRequest');
      expect(retain.message).toBe('invalid patch format of retainKeys');
      // An unknown $patch value is an error upstream does not classify: 500 without a reason.
      const unknown = expectStatus(await timed(send(c, 'PATCH', CANARY, { data: { precious: 'lost', $patch: 'explode' } }, SMP)), 500, undefined);
      expect(unknown.message).toMatch(/^unknown patch type: explode in map: /);
      expectStatus(await timed(send(c, 'PATCH', CANARY, ['not', 'an', 'object'], SMP)), 400, 'BadRequest');
      expectStatus(await timed(send(c, 'PATCH', CANARY, '{"data":', SMP)), 400, 'BadRequest');
    });
  });

  describe('authentication', () => {
    it('no token, a wrong token, or another scheme → 401 Unauthorized', async () => {
      for (const token of [null, 'wrong-token', `${server.token}x`]) {
        for (const path of [`${WS}${CANARY}`, `${WS}/api`, `${WS}/openapi/v3`]) {
          const s = expectStatus(await timed(c.request('GET', path, { token })), 401, 'Unauthorized');
          expect(s.message).toBe('Unauthorized');
        }
        expectStatus(await timed(c.request('DELETE', `${WS}${CANARY}`, { token })), 401, 'Unauthorized');
        expectStatus(await timed(h2.request('PUT', `${WS}${CANARY}`, { token, body: JSON.stringify(configMap('canary')), headers: { 'content-type': 'application/json' } })), 401, 'Unauthorized');
      }
      const basic = await c.request('GET', `${WS}${CANARY}`, { token: null, headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` } });
      expectStatus(basic, 401, 'Unauthorized');
    });
  });
});
