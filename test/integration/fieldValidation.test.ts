// fieldValidation=Strict|Warn|Ignore for duplicate keys, which JSON parsers would silently merge.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, ApiClient } from '../support/http.js';
import { startTestServer, TestServer } from '../support/server.js';
import { expectStatus, get, send } from '../support/kube.js';

let server: TestServer;
let c: ApiClient;
beforeAll(async () => {
  server = await startTestServer();
  c = apiClient(server.baseURL, server.caPem, server.token);
});
afterAll(async () => {
  await c?.close();
  await server?.stop();
});

const body = (name: string): string => `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"${name}"},"data":{"a":"1","a":"2"},"bogus":true}`;

describe('duplicate fields', () => {
  it('are refused under Strict, listed before unknown fields', async () => {
    const r = await send(c, 'POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Strict', body('strict'));
    const s = expectStatus(r, 400, 'BadRequest');
    expect(s.message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: duplicate field "data.a", unknown field "bogus"');
    expect((await get(c, '/api/v1/namespaces/default/configmaps/strict')).status).toBe(404);
  });

  it('are warned about under Warn (the default) and the last value wins', async () => {
    const r = await send(c, 'POST', '/api/v1/namespaces/default/configmaps', body('warn'));
    expect(r.status, r.text).toBe(201);
    expect(r.headers.warning).toEqual(['299 - "duplicate field \\"data.a\\""', '299 - "unknown field \\"bogus\\""']);
    expect(r.json().data).toEqual({ a: '2' });
  });

  it('pass silently under Ignore', async () => {
    const r = await send(c, 'POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Ignore', body('ignore'));
    expect(r.status).toBe(201);
    expect(r.headers.warning).toBeUndefined();
  });
});
