// Watch over WebSocket, as browsers and JavaScript clients use it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { apiClient, ApiClient } from '../support/http.js';
import { startTestServer, TestServer } from '../support/server.js';
import { createConfigMap, createNamespace, send } from '../support/kube.js';

let server: TestServer;
let c: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  c = apiClient(server.baseURL, server.caPem, server.token);
  await createNamespace(c, 'ws');
});
afterAll(async () => {
  await c?.close();
  await server?.stop();
});

function open(path: string, opts: { header?: boolean; protocols?: string[] } = {}): { ws: WebSocket; messages: string[]; next(n: number): Promise<string[]> } {
  const wsURL = server.baseURL.replace('https:', 'wss:') + path;
  const headers = opts.header === false ? {} : { authorization: `Bearer ${server.token}` };
  const ws = new WebSocket(wsURL, opts.protocols ?? [], { ca: server.caPem, headers });
  const messages: string[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (m) => {
    messages.push(m.toString());
    for (const w of waiters.splice(0)) w();
  });
  return {
    ws,
    messages,
    async next(n) {
      const deadline = Date.now() + 5000;
      while (messages.length < n && Date.now() < deadline) await new Promise<void>((r) => { waiters.push(r); setTimeout(r, 100); });
      return messages.slice(0, n);
    },
  };
}

describe('watch over WebSocket', () => {
  it('sends one JSON event per message, authenticated with the Authorization header', async () => {
    await createConfigMap(c, 'ws', 'before');
    const w = open('/clusters/root/api/v1/namespaces/ws/configmaps?watch=true');
    await new Promise((r) => w.ws.once('open', r));
    const first = JSON.parse((await w.next(1))[0]);
    expect(first).toMatchObject({ type: 'ADDED', object: { kind: 'ConfigMap', metadata: { name: 'before' } } });
    await createConfigMap(c, 'ws', 'after');
    await send(c, 'DELETE', '/api/v1/namespaces/ws/configmaps/before');
    const events = (await w.next(3)).map((m) => JSON.parse(m));
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED before', 'ADDED after', 'DELETED before']);
    w.ws.close();
  });

  it('takes the token from the bearer subprotocol, and base64-encodes frames when asked', async () => {
    const token = `base64url.bearer.authorization.k8s.io.${Buffer.from(server.token).toString('base64url')}`;
    const w = open('/clusters/root/api/v1/namespaces/ws/configmaps?watch=true&fieldSelector=metadata.name%3Db64', { header: false, protocols: ['base64.binary.k8s.io', token] });
    await new Promise((r) => w.ws.once('open', r));
    expect(w.ws.protocol).toBe('base64.binary.k8s.io');
    await createConfigMap(c, 'ws', 'b64');
    const [m] = await w.next(1);
    expect(JSON.parse(Buffer.from(m, 'base64').toString('utf8'))).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'b64' } } });
    w.ws.close();
  });

  it('answers an unauthenticated or non-watch upgrade with an ERROR event and closes', async () => {
    const anon = open('/clusters/root/api/v1/namespaces/ws/configmaps?watch=true', { header: false });
    const [m] = await anon.next(1);
    expect(JSON.parse(m)).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 401, reason: 'Unauthorized' } });
    const get = open('/clusters/root/api/v1/namespaces/ws/configmaps/after');
    const [g] = await get.next(1);
    expect(JSON.parse(g)).toMatchObject({ type: 'ERROR', object: { code: 400 } });
  });
});
