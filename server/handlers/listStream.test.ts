// Large JSON lists are streamed a page at a time: the body must be the same list a single read
// gives (every object once, in order, one resourceVersion), over HTTP/1.1 and HTTP/2; and a
// store that moves between pages must cut the response off, never send a mixed list.

import Fastify from 'fastify';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scope } from '../../apis/registry/scope.js';
import type { ListOptions, ListResult, Store, StoredObject } from '../../storage/store.js';
import { ApiClient, apiClient } from '../../test/support/http.js';
import { postMany } from '../../test/bench/target.js';
import { startTestServer, TestServer } from '../../test/support/server.js';
import { LIST_STREAM_PAGE, sendJsonListStreamed } from './listStream.js';

const COUNT = LIST_STREAM_PAGE * 2 + 321;

describe('streamed JSON lists (real server)', () => {
  let server: TestServer;
  let h1: ApiClient;
  let h2: ApiClient;
  const path = '/clusters/root/api/v1/namespaces/big/configmaps';

  beforeAll(async () => {
    server = await startTestServer();
    h1 = apiClient(server.baseURL, server.caPem, server.token);
    h2 = apiClient(server.baseURL, server.caPem, server.token, { http2: true });
    const ns = await h1.request('POST', '/clusters/root/api/v1/namespaces', { body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'big' } }), headers: { 'content-type': 'application/json' } });
    expect(ns.status, ns.text).toBe(201);
    const target = { origin: server.baseURL, caPem: server.caPem, token: server.token };
    await postMany(target, path, COUNT, 20, (i) =>
      JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${String(i).padStart(5, '0')}` }, data: { i: String(i), text: i % 7 ? 'plain' : 'ünïcödé ✓ 😀' } }),
    );
  });
  afterAll(async () => {
    await h1?.close();
    await h2?.close();
    await server?.stop();
  });

  it.each([
    ['HTTP/1.1', () => h1],
    ['HTTP/2', () => h2],
  ])('over %s: every object once, in name order, with the list metadata of a single read', async (_, client) => {
    const r = await client().get(path, { accept: 'application/json' });
    expect(r.status).toBe(200);
    expect(String(r.headers['content-type'])).toBe('application/json');
    expect(r.headers['audit-id']).toBeTruthy();
    expect(r.headers['cache-control']).toBe('no-cache, private');
    const list = r.json();
    expect(list.kind).toBe('ConfigMapList');
    expect(list.apiVersion).toBe('v1');
    expect(Object.keys(list.metadata)).toEqual(['resourceVersion']);
    expect(list.items).toHaveLength(COUNT);
    expect(list.items.map((o: any) => o.data.i)).toEqual(Array.from({ length: COUNT }, (_, i) => String(i)));
    expect(list.items[7].data.text).toBe('ünïcödé ✓ 😀');
    // The same objects as the paged reads a client-go informer makes.
    const paged: any[] = [];
    let cont = '';
    do {
      const p = (await client().get(`${path}?limit=500${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`)).json();
      paged.push(...p.items);
      cont = p.metadata.continue ?? '';
    } while (cont);
    expect(list.items).toEqual(paged);
  });

  it('keeps small lists and selector lists in one body', async () => {
    const small = await h1.get('/clusters/root/api/v1/namespaces', { accept: 'application/json' });
    expect(small.status).toBe(200);
    expect(small.headers['content-length']).toBe(String(Buffer.byteLength(small.text)));
    const selected = await h1.get(`${path}?fieldSelector=${encodeURIComponent('metadata.name=cm-00003')}`);
    expect(selected.json().items.map((o: any) => o.metadata.name)).toEqual(['cm-00003']);
  });
});

describe('streamed JSON lists (store moving between pages)', () => {
  const app = Fastify();
  let origin = '';
  const scope = { cluster: 'root', r: { listKind: 'ThingList', apiVersion: 'v1', storageKey: '/things', namespaced: false }, namespace: '' } as unknown as Scope;

  /** A store of `n` objects whose revision moves by one after each page when `moving`. */
  function fakeStore(n: number, moving: boolean): Store {
    let rv = 100;
    const all: StoredObject[] = Array.from({ length: n }, (_, i) => {
      const name = `t-${String(i).padStart(5, '0')}`;
      const json = JSON.stringify({ metadata: { name } });
      return { key: { cluster: 'root', resource: '/things', namespace: '', name }, rv: 1, json, object: JSON.parse(json) };
    });
    return {
      async list(o: ListOptions): Promise<ListResult> {
        const start = o.after ? all.findIndex((x) => x.key.name > o.after!.name) : 0;
        const items = all.slice(start, start + (o.limit ?? n));
        const last = items[items.length - 1];
        const res: ListResult = { items, rv, continueAfter: start + items.length < n && last ? { namespace: '', name: last.key.name } : undefined };
        if (moving) rv++;
        return res;
      },
    } as unknown as Store;
  }

  beforeAll(async () => {
    app.get('/steady', (_req, reply) => sendJsonListStreamed(fakeStore(LIST_STREAM_PAGE + 5, false), scope, reply));
    app.get('/moving', (_req, reply) => sendJsonListStreamed(fakeStore(LIST_STREAM_PAGE + 5, true), scope, reply));
    app.get('/exact', (_req, reply) => sendJsonListStreamed(fakeStore(LIST_STREAM_PAGE, true), scope, reply));
    await app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  });
  afterAll(() => app.close());

  const fetch = async (path: string) => {
    const pool = new Pool(origin);
    try {
      const res = await pool.request({ method: 'GET', path });
      return { status: res.statusCode, text: await res.body.text() };
    } finally {
      await pool.destroy();
    }
  };

  it('sends a consistent list when the revision holds', async () => {
    const r = await fetch('/steady');
    const list = JSON.parse(r.text);
    expect(list.metadata.resourceVersion).toBe('100');
    expect(list.items).toHaveLength(LIST_STREAM_PAGE + 5);
  });

  it('cuts the response off when the revision moves between pages', async () => {
    await expect(fetch('/moving')).rejects.toThrow();
  });

  it('a list of exactly one page needs no second read', async () => {
    const list = JSON.parse((await fetch('/exact')).text);
    expect(list.items).toHaveLength(LIST_STREAM_PAGE);
  });
});
