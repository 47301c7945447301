// /openapi/v2 as kubectl 1.27/1.28 fetch it: gnostic protobuf with the dotted Content-Type for
// their Accept, JSON otherwise, ETag and 304, 406 for anything else, gzip when asked, and the
// legacy /swagger-2.0.0.pb-v1 path.

import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeDocument } from '../../apis/openapi/gnostic.js';
import { ApiClient, apiClient } from '../support/http.js';
import { WS, expectStatus, get } from '../support/kube.js';
import { startTestServer, TestServer } from '../support/server.js';

const KUBECTL_ACCEPT = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
const PROTOBUF_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

describe('OpenAPI v2', () => {
  let server: TestServer;
  let c: ApiClient;
  beforeAll(async () => {
    server = await startTestServer();
    c = apiClient(server.baseURL, server.caPem, server.token, { http2: true });
  });
  afterAll(async () => {
    await c?.close();
    await server?.stop();
  });

  async function raw(path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, any>; body: Buffer }> {
    const res = await request(`${server.baseURL}${WS}${path}`, { headers: { authorization: `Bearer ${server.token}`, ...headers }, dispatcher: c.agent });
    return { status: res.statusCode, headers: res.headers, body: Buffer.from(await res.body.arrayBuffer()) };
  }

  it('answers kubectl’s Accept with gnostic protobuf under the dotted media type', async () => {
    const r = await raw('/openapi/v2?timeout=32s', { accept: KUBECTL_ACCEPT });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe(PROTOBUF_TYPE);
    expect(r.headers.etag).toMatch(/^"[0-9A-F]+"$/);
    const doc = decodeDocument(r.body);
    expect(doc.swagger).toBe('2.0');
    const deployment = doc.paths.path.find((p: any) => p.name === '/apis/apps/v1/namespaces/{namespace}/deployments/{name}');
    const params = deployment.value.patch.parameters.map((p: any) => p.parameter?.non_body_parameter?.query_parameter_sub_schema?.name).filter(Boolean);
    expect(params).toContain('fieldValidation');
    expect(deployment.value.patch.consumes).toContain('application/strategic-merge-patch+json');
  });

  it('serves JSON to JSON clients, with its own ETag, and 304 for a matching If-None-Match', async () => {
    const json = await get(c, '/openapi/v2', { accept: 'application/json' });
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toBe('application/json');
    expect(json.json().swagger).toBe('2.0');
    const pb = await raw('/openapi/v2', { accept: KUBECTL_ACCEPT });
    expect(json.headers.etag).not.toBe(pb.headers.etag);
    const again = await raw('/openapi/v2', { accept: KUBECTL_ACCEPT, 'if-none-match': pb.headers.etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await get(c, '/openapi/v2', { accept: 'application/json', 'if-none-match': String(json.headers.etag) })).status).toBe(304);
  });

  it('406 for media types it cannot produce', async () => {
    expectStatus(await get(c, '/openapi/v2', { accept: 'application/yaml' }), 406, 'NotAcceptable');
  });

  it('gzips when asked, and serves the legacy protobuf path', async () => {
    const gz = await raw('/openapi/v2', { accept: KUBECTL_ACCEPT, 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await raw('/openapi/v2', { accept: KUBECTL_ACCEPT });
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    const legacy = await raw('/swagger-2.0.0.pb-v1', {});
    expect(legacy.status).toBe(200);
    expect(legacy.headers['content-type']).toBe(PROTOBUF_TYPE);
    expect(legacy.body.equals(plain.body)).toBe(true);
  });

  it('needs authentication like every workspace path', async () => {
    const r = await request(`${server.baseURL}${WS}/openapi/v2`, { headers: { accept: KUBECTL_ACCEPT }, dispatcher: c.agent });
    await r.body.dump();
    expect(r.statusCode).toBe(401);
  });
});
