// Zero reads across workspaces: whoever asks (the admin included), a request addressed to one
// workspace never returns an object of another — in lists of every shape, in watches while the
// other workspace is being written, through continue tokens and resourceVersions taken from the
// other workspace, under colliding names, by id or by path, and through impersonation. A
// workspace that does not exist looks exactly like one the caller may not enter.

import { isDeepStrictEqual } from 'node:util';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_ANNOTATION, Fixture, Identity, PATH, Res, TENANT, Ws, objectsIn, startFixture } from './fixture.js';
import { openWatch, WatchEvent, WatchStream } from '../support/watch.js';

let f: Fixture;

beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f?.stop();
});

const ORGS: Ws[] = ['org-a', 'org-b'];
const other = (ws: Ws): Ws => (ws === 'org-a' ? 'org-b' : 'org-a');
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';
const PARTIAL = 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io';

/** Problems with objects that claim to be of `ws`: foreign cluster annotation, tenant or data. */
function foreign(ws: Ws, objs: any[]): string[] {
  const out: string[] = [];
  for (const o of objs) {
    const m = o?.metadata ?? {};
    const where = `${o?.kind ?? ''} ${m.namespace ?? ''}/${m.name}`;
    if (m.annotations?.[CLUSTER_ANNOTATION] !== f.id[ws]) out.push(`${where}: ${CLUSTER_ANNOTATION}=${m.annotations?.[CLUSTER_ANNOTATION]}`);
    if (m.labels?.tenant !== undefined && m.labels.tenant !== TENANT[ws]) out.push(`${where}: tenant ${m.labels.tenant}`);
    if (o?.data?.tenant !== undefined && o.data.tenant !== TENANT[ws]) out.push(`${where}: data.tenant ${o.data.tenant}`);
    for (const t of Object.values(TENANT)) {
      if (t !== TENANT[ws] && (m.name === `cm-${t}-1` || m.name === `cm-${t}-2` || m.name === `cm-${t}-only` || m.name === `only-${t}`)) out.push(`${where}: a name of tenant ${t}`);
    }
  }
  return out;
}

async function ok(r: Promise<Res>, code = 200): Promise<any> {
  const res = await r;
  expect(res.status, res.text).toBe(code);
  return res.json();
}

/** All pages of a list, following continue tokens. */
async function allPages(who: Identity, url: string, limit: number): Promise<any[]> {
  const items: any[] = [];
  let cont = '';
  for (let i = 0; i < 100; i++) {
    const sep = url.includes('?') ? '&' : '?';
    const page = await ok(f.req(who, 'GET', `${url}${sep}limit=${limit}${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`));
    items.push(...page.items);
    cont = page.metadata.continue ?? '';
    if (!cont) return items;
  }
  throw new Error('too many pages');
}

describe('lists', () => {
  const LISTS = [
    '/api/v1/configmaps',
    '/api/v1/namespaces/shared/configmaps',
    '/api/v1/configmaps?labelSelector=fixture%3Dyes',
    '/api/v1/configmaps?fieldSelector=metadata.name%3Dcommon',
    '/api/v1/secrets',
    '/api/v1/namespaces',
    '/api/v1/serviceaccounts',
    '/apis/apps/v1/deployments',
    '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
    '/apis/tenancy.kcp.io/v1alpha1/workspaces',
  ];

  it('return only the addressed workspace, in every format, whole or paged, for the admin', async () => {
    let checked = 0;
    for (const ws of ['root', ...ORGS] as Ws[]) {
      for (const p of LISTS) {
        const url = `/clusters/${PATH[ws]}${p}`;
        const whole = (await ok(f.req('admin', 'GET', url))).items;
        expect(foreign(ws, whole), url).toEqual([]);
        const paged = await allPages('admin', url, 1);
        expect(paged.map((o) => `${o.metadata.namespace}/${o.metadata.name}`), `${url} paged`).toEqual(whole.map((o: any) => `${o.metadata.namespace}/${o.metadata.name}`));
        expect(foreign(ws, paged), `${url} paged`).toEqual([]);
        const table = await ok(f.req('admin', 'GET', url, { headers: { accept: TABLE } }));
        expect(foreign(ws, table.rows.map((r: any) => r.object)), `${url} as Table`).toEqual([]);
        expect(table.rows.length).toBe(whole.length);
        const partial = await ok(f.req('admin', 'GET', url, { headers: { accept: PARTIAL } }));
        expect(foreign(ws, partial.items), `${url} as PartialObjectMetadataList`).toEqual([]);
        const yaml = await f.req('admin', 'GET', url, { headers: { accept: 'application/yaml' } });
        expect(yaml.status).toBe(200);
        for (const t of Object.values(TENANT)) if (t !== TENANT[ws]) expect(yaml.text, `${url} as YAML`).not.toMatch(new RegExp(`tenant: "?${t}"?$`, 'm'));
        checked += 5;
      }
    }
    expect(checked).toBe(3 * LISTS.length * 5);
  });

  it('return only the addressed workspace for the users bound there', async () => {
    for (const [who, ws] of [['wsadmin-a', 'org-a'], ['viewer-a', 'org-a'], ['sa-b', 'org-b']] as Array<[Identity, Ws]>) {
      for (const p of ['/api/v1/configmaps', '/api/v1/namespaces/shared/configmaps', '/apis/apps/v1/deployments']) {
        const items = (await ok(f.req(who, 'GET', `/clusters/${PATH[ws]}${p}`))).items;
        expect(items.length).toBeGreaterThan(0);
        expect(foreign(ws, items), `${who} ${p}`).toEqual([]);
      }
    }
  });

  it('a service account without /clusters/ in the URL reads its own workspace', async () => {
    const cm = await ok(f.req('sa-b', 'GET', '/api/v1/namespaces/shared/configmaps/common'));
    expect(cm.data.tenant).toBe('b');
    expect(cm.metadata.annotations[CLUSTER_ANNOTATION]).toBe(f.id['org-b']);
    const list = (await ok(f.req('sa-b', 'GET', '/api/v1/configmaps'))).items;
    expect(foreign('org-b', list)).toEqual([]);
    // A global user without /clusters/ is in root.
    const root = await ok(f.req('admin', 'GET', '/api/v1/namespaces/shared/configmaps/common'));
    expect(root.data.tenant).toBe('root');
  });
});

describe('colliding names', () => {
  it('are separate objects in each workspace', async () => {
    const got: Record<string, any> = {};
    for (const ws of ['root', ...ORGS] as Ws[]) got[ws] = await ok(f.ws('admin', ws, 'GET', '/api/v1/namespaces/shared/configmaps/common'));
    expect(new Set(Object.values(got).map((o) => o.metadata.uid)).size).toBe(3);
    for (const ws of ['root', ...ORGS] as Ws[]) expect(foreign(ws, [got[ws]])).toEqual([]);
  });

  it('an object created in one workspace does not exist in the other, and its name is free there', async () => {
    const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'twin-only-a', namespace: 'shared' }, data: { tenant: 'a' } };
    await ok(f.ws('admin', 'org-a', 'POST', '/api/v1/namespaces/shared/configmaps', { body }), 201);
    const missing = await f.ws('admin', 'org-b', 'GET', '/api/v1/namespaces/shared/configmaps/twin-only-a');
    expect(missing.status).toBe(404);
    expect(missing.json().message).toBe('configmaps "twin-only-a" not found');
    // Nor by any other route into org-b: by id, by field selector, by name in a watch.
    expect((await f.req('admin', 'GET', `/clusters/${f.id['org-b']}/api/v1/namespaces/shared/configmaps/twin-only-a`)).status).toBe(404);
    expect((await ok(f.ws('admin', 'org-b', 'GET', '/api/v1/configmaps?fieldSelector=metadata.name%3Dtwin-only-a'))).items).toEqual([]);
    const created = await ok(f.ws('admin', 'org-b', 'POST', '/api/v1/namespaces/shared/configmaps', { body: { ...body, data: { tenant: 'b' } } }), 201);
    expect(created.metadata.annotations[CLUSTER_ANNOTATION]).toBe(f.id['org-b']);
    expect((await ok(f.ws('admin', 'org-a', 'GET', '/api/v1/namespaces/shared/configmaps/twin-only-a'))).data.tenant).toBe('a');
  });

  it('deletecollection in one workspace leaves the same-labelled objects of the other alone', async () => {
    for (const ws of ORGS) {
      for (const n of ['sweep-1', 'sweep-2']) {
        await ok(f.ws('admin', ws, 'POST', '/api/v1/namespaces/shared/configmaps', { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n, labels: { sweep: 'yes', tenant: TENANT[ws] } } } }), 201);
      }
    }
    const deleted = await ok(f.ws('wsadmin-a', 'org-a', 'DELETE', '/api/v1/namespaces/shared/configmaps?labelSelector=sweep%3Dyes'));
    expect(deleted.items.map((o: any) => o.metadata.name).sort()).toEqual(['sweep-1', 'sweep-2']);
    expect(foreign('org-a', deleted.items)).toEqual([]);
    const left = await ok(f.ws('admin', 'org-b', 'GET', '/api/v1/namespaces/shared/configmaps?labelSelector=sweep%3Dyes'));
    expect(left.items.map((o: any) => o.metadata.name).sort()).toEqual(['sweep-1', 'sweep-2']);
  });

  it('deleting a namespace in one workspace leaves the namespace of that name in the other', async () => {
    for (const ws of ORGS) {
      await ok(f.ws('admin', ws, 'POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'twin' } } }), 201);
      await ok(f.ws('admin', ws, 'POST', '/api/v1/namespaces/twin/configmaps', { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'inside', labels: { tenant: TENANT[ws] } } } }), 201);
    }
    await ok(f.ws('admin', 'org-a', 'DELETE', '/api/v1/namespaces/twin'));
    const deadline = Date.now() + 15_000;
    while ((await f.ws('admin', 'org-a', 'GET', '/api/v1/namespaces/twin')).status !== 404) {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 50));
    }
    const ns = await ok(f.ws('admin', 'org-b', 'GET', '/api/v1/namespaces/twin'));
    expect(ns.status.phase).toBe('Active');
    expect(ns.metadata.deletionTimestamp).toBeUndefined();
    expect((await ok(f.ws('admin', 'org-b', 'GET', '/api/v1/namespaces/twin/configmaps/inside'))).metadata.labels.tenant).toBe('b');
  });
});

describe('watches', () => {
  interface W {
    name: string;
    ws: Ws;
    stream: WatchStream;
    /** The event that ends the collection: the marker write in this watch's workspace. */
    isMarker: (e: WatchEvent) => boolean;
  }

  function openWs(url: string, token: string): Promise<{ events: any[]; close(): void }> {
    const socket = new WebSocket(f.server.baseURL.replace('https:', 'wss:') + url, [], { ca: f.server.caPem, headers: { authorization: `Bearer ${token}` } });
    const events: any[] = [];
    socket.on('message', (m) => events.push(JSON.parse(m.toString())));
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve({ events, close: () => socket.close() }));
      socket.once('error', reject);
    });
  }

  it('on org-a see no event of writes to org-b (and the reverse), whatever the selector or starting point', async () => {
    const rv0 = (await ok(f.ws('admin', 'org-b', 'GET', '/api/v1/namespaces?limit=1'))).metadata.resourceVersion;
    const cmMarker = (ws: Ws) => (e: WatchEvent) => e.object?.metadata?.name === `marker-${TENANT[ws]}` && e.object?.kind === 'ConfigMap';
    const open = async (name: string, who: Identity, ws: Ws, url: string, isMarker: (e: WatchEvent) => boolean): Promise<W> => {
      const stream = await openWatch(f.agent, `${f.server.baseURL}${url}`, f.token[who]!);
      expect(stream.status, `${name}`).toBe(200);
      return { name, ws, stream, isMarker };
    };
    const A = PATH['org-a'];
    const watches: W[] = await Promise.all([
      open('namespaced', 'admin', 'org-a', `/clusters/${A}/api/v1/namespaces/shared/configmaps?watch=1`, cmMarker('org-a')),
      open('all namespaces', 'admin', 'org-a', `/clusters/${A}/api/v1/configmaps?watch=1`, cmMarker('org-a')),
      open('label selector', 'wsadmin-a', 'org-a', `/clusters/${A}/api/v1/configmaps?watch=1&labelSelector=wave%3Dyes`, cmMarker('org-a')),
      open('field selector', 'wsadmin-a', 'org-a', `/clusters/${A}/api/v1/namespaces/shared/configmaps?watch=1&fieldSelector=metadata.name%3Dmarker-a`, cmMarker('org-a')),
      open('resourceVersion 0, by id', 'viewer-a', 'org-a', `/clusters/${f.id['org-a']}/api/v1/configmaps?watch=1&resourceVersion=0`, cmMarker('org-a')),
      open('from an older revision', 'admin', 'org-a', `/clusters/${A}/api/v1/configmaps?watch=1&resourceVersion=${rv0}`, cmMarker('org-a')),
      open('legacy /watch/ path', 'viewer-a', 'org-a', `/clusters/${A}/api/v1/watch/namespaces/shared/configmaps`, cmMarker('org-a')),
      open('bookmarks', 'admin', 'org-a', `/clusters/${A}/api/v1/configmaps?watch=1&allowWatchBookmarks=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan`, cmMarker('org-a')),
      open('secrets', 'admin', 'org-a', `/clusters/${A}/api/v1/secrets?watch=1`, (e) => e.object?.metadata?.name === 'marker-a'),
      open('deployments', 'wsadmin-a', 'org-a', `/clusters/${A}/apis/apps/v1/deployments?watch=1`, (e) => e.object?.metadata?.annotations?.wave === 'a'),
      open('namespaces', 'admin', 'org-a', `/clusters/${A}/api/v1/namespaces?watch=1`, (e) => e.object?.metadata?.name === 'wave-a'),
      // The reverse direction, and proof that org-b's writes do produce events.
      open('org-b namespaced', 'sa-b', 'org-b', `/clusters/${PATH['org-b']}/api/v1/namespaces/shared/configmaps?watch=1`, cmMarker('org-b')),
      open('org-b all namespaces', 'admin', 'org-b', `/clusters/${PATH['org-b']}/api/v1/configmaps?watch=1`, cmMarker('org-b')),
    ]);
    const socket = await openWs(`/clusters/${A}/api/v1/configmaps?watch=true`, f.token.admin!);
    try {
      // The wave: one workspace's writes of every kind, with names and labels that would match
      // the other workspace's watches.
      const wave = async (ws: Ws) => {
        const t = TENANT[ws];
        const o = TENANT[other(ws)];
        const base = '/api/v1/namespaces/shared';
        const w = (m: string, p: string, body?: unknown, contentType?: string) => ok(f.ws('admin', ws, m, p, { body, contentType }), m === 'POST' ? 201 : 200);
        // Look-alikes of the other workspace's markers: a leaked event would even end its watch.
        await w('POST', `${base}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `marker-${o}`, labels: { wave: 'yes', tenant: t } }, data: { tenant: t } });
        await w('POST', `${base}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'wave-cm', labels: { wave: 'yes', tenant: t } }, data: { tenant: t } });
        await w('PATCH', `${base}/configmaps/common`, { metadata: { labels: { wave: 'yes' } } }, 'application/merge-patch+json');
        await w('PUT', `${base}/configmaps/wave-cm`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'wave-cm', namespace: 'shared', labels: { wave: 'yes', tenant: t } }, data: { tenant: t, v: '2' } });
        await w('PATCH', `${base}/configmaps/wave-cm`, [{ op: 'add', path: '/data/json', value: t }], 'application/json-patch+json');
        await w('PATCH', `${base}/configmaps/wave-cm?fieldManager=wave`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'wave-cm', namespace: 'shared' }, data: { applied: t } }, 'application/apply-patch+yaml');
        await w('DELETE', `${base}/configmaps/cm-${t}-2`);
        await w('DELETE', `${base}/configmaps?labelSelector=wave%3Dyes&fieldSelector=metadata.name%3Dwave-cm`);
        await w('POST', `${base}/secrets`, { apiVersion: 'v1', kind: 'Secret', metadata: { name: `marker-${o}`, labels: { tenant: t } } });
        await w('PATCH', '/apis/apps/v1/namespaces/shared/deployments/web/status', { status: { readyReplicas: 1, availableReplicas: 1 } }, 'application/merge-patch+json');
        await w('PATCH', '/apis/apps/v1/namespaces/shared/deployments/web', { metadata: { annotations: { wave: o } } }, 'application/merge-patch+json');
        await w('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `wave-${o}`, labels: { tenant: t } } });
      };
      // The markers: the last writes, one per watched kind, in each workspace.
      const markers = async (ws: Ws) => {
        const t = TENANT[ws];
        await ok(f.ws('admin', ws, 'POST', '/api/v1/namespaces/shared/secrets', { body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: `marker-${t}`, labels: { tenant: t } } } }), 201);
        await ok(f.ws('admin', ws, 'PATCH', '/apis/apps/v1/namespaces/shared/deployments/web', { body: { metadata: { annotations: { wave: t } } }, contentType: 'application/merge-patch+json' }));
        await ok(f.ws('admin', ws, 'POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `wave-${t}`, labels: { tenant: t } } } }), 201);
        await ok(f.ws('admin', ws, 'POST', '/api/v1/namespaces/shared/configmaps', { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `marker-${t}`, labels: { wave: 'yes', tenant: t } }, data: { tenant: t } } }), 201);
      };
      await wave('org-b');
      await markers('org-a');
      await wave('org-a');
      await markers('org-b');

      for (const w of watches) {
        const events = await w.stream.collect(w.isMarker, 5000);
        expect(events.some(w.isMarker), `${w.name}: marker event`).toBe(true);
        const objects = events.filter((e) => e.type !== 'BOOKMARK').map((e) => e.object);
        expect(events.filter((e) => e.type === 'ERROR'), w.name).toEqual([]);
        expect(foreign(w.ws, objects), `${w.name} on ${w.ws}`).toEqual([]);
        // Nothing of the other workspace trails the marker either.
        const late = (await w.stream.drain(150)).filter((e) => e.type !== 'BOOKMARK').map((e) => e.object);
        expect(foreign(w.ws, late), `${w.name} on ${w.ws}, after the marker`).toEqual([]);
      }
      // The org-b watches did see org-b's wave (the test is not vacuous).
      expect(socket.events.length).toBeGreaterThan(0);
      expect(foreign('org-a', socket.events.map((e) => e.object))).toEqual([]);
      expect(socket.events.some((e) => e.object?.metadata?.name === 'marker-a')).toBe(true);
    } finally {
      for (const w of watches) w.stream.close();
      socket.close();
    }
  });

  it('replayed from just before a write in org-b, a watch on org-a does not replay it', async () => {
    const before = (await ok(f.ws('admin', 'org-b', 'GET', '/api/v1/namespaces?limit=1'))).metadata.resourceVersion;
    const written = await ok(f.ws('admin', 'org-b', 'POST', '/api/v1/namespaces/shared/configmaps', { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'rv-trick', labels: { tenant: 'b' } } } }), 201);
    expect(Number(written.metadata.resourceVersion)).toBeGreaterThan(Number(before));
    await ok(f.ws('admin', 'org-a', 'POST', '/api/v1/namespaces/shared/configmaps', { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'rv-after', labels: { tenant: 'a' } } } }), 201);
    for (const rv of [before, written.metadata.resourceVersion]) {
      const s = await openWatch(f.agent, `${f.server.baseURL}/clusters/${PATH['org-a']}/api/v1/namespaces/shared/configmaps?watch=1&resourceVersion=${rv}`, f.token.admin!);
      try {
        expect(s.status).toBe(200);
        const events = await s.collect((e) => e.object?.metadata?.name === 'rv-after');
        expect(events.map((e) => e.object.metadata.name)).not.toContain('rv-trick');
        expect(foreign('org-a', events.map((e) => e.object))).toEqual([]);
      } finally {
        s.close();
      }
    }
  });
});

describe('resourceVersions and continue tokens from the other workspace', () => {
  it('a resourceVersion of an org-b object reads org-a objects only', async () => {
    const b = await ok(f.ws('admin', 'org-b', 'GET', '/api/v1/namespaces/shared/configmaps/common'));
    const rv = b.metadata.resourceVersion;
    const a = await ok(f.ws('admin', 'org-a', 'GET', `/api/v1/namespaces/shared/configmaps/common?resourceVersion=${rv}`));
    expect(a.metadata.uid).not.toBe(b.metadata.uid);
    expect(foreign('org-a', [a])).toEqual([]);
    for (const q of [`resourceVersion=${rv}&resourceVersionMatch=NotOlderThan`, `resourceVersion=${rv}`, 'resourceVersion=0']) {
      const list = await ok(f.ws('admin', 'org-a', 'GET', `/api/v1/configmaps?${q}`));
      expect(foreign('org-a', list.items), q).toEqual([]);
    }
    // Exact: either that revision's org-a state or 410 Expired, never org-b's objects.
    const exact = await f.ws('admin', 'org-a', 'GET', `/api/v1/configmaps?resourceVersion=${rv}&resourceVersionMatch=Exact`);
    expect([200, 410], exact.text).toContain(exact.status);
    if (exact.status === 200) expect(foreign('org-a', exact.json().items)).toEqual([]);
    // An org-b-only name stays unknown in org-a, whatever revision is asked for.
    expect((await f.ws('admin', 'org-a', 'GET', `/api/v1/namespaces/shared/configmaps/cm-b-1?resourceVersion=${rv}`)).status).toBe(404);
  });

  it('a continue token from org-b, used on org-a, yields org-a objects or a 400', async () => {
    const urlB = `/clusters/${PATH['org-b']}/api/v1/configmaps`;
    const tokens: string[] = [];
    let cont = '';
    do {
      const page = await ok(f.req('admin', 'GET', `${urlB}?limit=1${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`));
      cont = page.metadata.continue ?? '';
      if (cont) tokens.push(cont);
    } while (cont);
    expect(tokens.length).toBeGreaterThan(3);
    const aAll = (await ok(f.ws('admin', 'org-a', 'GET', '/api/v1/configmaps'))).items.map((o: any) => `${o.metadata.namespace}/${o.metadata.name}`);
    for (const who of ['admin', 'wsadmin-a', 'viewer-a'] as Identity[]) {
      for (const t of tokens) {
        for (const p of ['/api/v1/configmaps', '/api/v1/namespaces/shared/configmaps']) {
          const r = await f.ws(who, 'org-a', 'GET', `${p}?limit=2&continue=${encodeURIComponent(t)}`);
          expect([200, 400], r.text).toContain(r.status);
          if (r.status !== 200) continue;
          const items = r.json().items;
          expect(foreign('org-a', items), `${who} ${p}`).toEqual([]);
          for (const o of items) expect(aAll).toContain(`${o.metadata.namespace}/${o.metadata.name}`);
        }
      }
    }
    // And the other way round: the token does not open org-b to someone who may not enter it.
    const r = await f.ws('wsadmin-a', 'org-b', 'GET', `/api/v1/configmaps?limit=2&continue=${encodeURIComponent(tokens[0])}`);
    expect(r.status).toBe(403);
  });
});

describe('addressing', () => {
  /** Status and body, without what changes from one request to the next. */
  async function answer(who: Identity, method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> {
    const r = await f.req(who, method, url, { body });
    let b: any;
    try {
      b = r.json();
    } catch {
      b = r.text;
    }
    if (b && typeof b === 'object' && b.metadata && 'resourceVersion' in b.metadata && Array.isArray(b.items)) delete b.metadata.resourceVersion;
    return { status: r.status, body: b };
  }

  const SSAR = { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { namespace: 'shared', verb: 'get', resource: 'configmaps' } } };
  const PROBES: Array<[string, string, unknown?]> = [
    ['GET', '/api/v1/namespaces/shared/configmaps/common'],
    ['GET', '/api/v1/namespaces/shared/configmaps'],
    ['GET', '/api/v1/configmaps?labelSelector=fixture%3Dyes'],
    ['GET', '/api/v1/configmaps?fieldSelector=metadata.name%3Dcommon'],
    ['GET', '/api/v1/namespaces/shared'],
    ['GET', '/apis/apps/v1/namespaces/shared/deployments/web/status'],
    ['DELETE', '/api/v1/namespaces/shared/configmaps/nothing-here'],
    ['POST', '/api/v1/namespaces/shared/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'probe' } }],
    ['POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', SSAR],
    ['GET', '/api'],
    ['GET', '/apis/apps/v1'],
    ['GET', '/openapi/v3'],
    ['GET', '/openapi/v2'],
  ];

  it('/clusters/<id> and /clusters/<path> give the same answers, to everyone', async () => {
    let compared = 0;
    for (const ws of ORGS) {
      for (const who of ['admin', 'wsadmin-a', 'viewer-a', 'stranger', 'sa-b', 'anonymous'] as Identity[]) {
        for (const [m, p, body] of PROBES) {
          if (m !== 'GET' && m !== 'POST' && who === 'admin') continue; // the admin's DELETE would act
          if (m === 'POST' && p.includes('/configmaps')) continue; // a create that succeeds cannot be repeated
          const byPath = await answer(who, m, `/clusters/${PATH[ws]}${p}`, body);
          const byId = await answer(who, m, `/clusters/${f.id[ws]}${p}`, body);
          expect(byId, `${who} ${m} ${p} in ${ws}`).toEqual(byPath);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('an unknown workspace answers non-admins exactly as a workspace they may not enter', async () => {
    // Who may not enter which existing workspace.
    const shutOut: Array<[Identity, Ws]> = [['wsadmin-a', 'org-b'], ['viewer-a', 'org-b'], ['stranger', 'org-a'], ['sa-b', 'org-a']];
    // Another user's home workspace exists once that user has asked for it.
    const home = await f.req('wsadmin-a', 'GET', '/clusters/root/apis/tenancy.kcp.io/v1alpha1/workspaces/~');
    expect([200, 429]).toContain(home.status);
    const unknown = ['root:nope', 'root:org-a:nope', 'root:org-b:nope:deeper', 'zz0unknown0id0zz', 'user:nobody-at-all', 'user:wsadmin-a'];
    let compared = 0;
    for (const [who, ws] of shutOut) {
      for (const [m, p, body] of PROBES) {
        const forbidden = await answer(who, m, `/clusters/${PATH[ws]}${p}`, body);
        expect(forbidden.status, `${who} ${m} ${p} in ${ws}`).toBe(403);
        expect(forbidden.body.message).toMatch(/: access denied$/);
        for (const u of unknown) {
          if (who === 'wsadmin-a' && u === 'user:wsadmin-a') continue; // their own home
          const probe = await answer(who, m, `/clusters/${u}${p}`, body);
          expect(probe, `${who} ${m} ${p} in ${u}`).toEqual(forbidden);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(250);
    // The admin is told the truth.
    const r = await f.req('admin', 'GET', '/clusters/root:nope/api/v1/namespaces/shared/configmaps');
    expect(r.status).toBe(404);
    expect(r.json().reason).toBe('NotFound');
    // And nobody without a token learns anything: 401 before the workspace is looked at.
    expect((await f.req('anonymous', 'GET', '/clusters/root:nope/api')).status).toBe(401);
    expect((await f.req('anonymous', 'GET', `/clusters/${f.id['org-a']}/api`)).status).toBe(401);
  });

  it('an unknown workspace refuses a WebSocket watch exactly as a forbidden one', async () => {
    const errorEvent = (url: string, token: string): Promise<any> =>
      new Promise((resolve, reject) => {
        const socket = new WebSocket(f.server.baseURL.replace('https:', 'wss:') + url, [], { ca: f.server.caPem, headers: { authorization: `Bearer ${token}` } });
        socket.once('message', (m) => {
          resolve(JSON.parse(m.toString()));
          socket.close();
        });
        socket.once('error', reject);
      });
    const p = '/api/v1/namespaces/shared/configmaps?watch=true';
    const forbidden = await errorEvent(`/clusters/${PATH['org-a']}${p}`, f.token.stranger!);
    expect(forbidden.type).toBe('ERROR');
    expect(forbidden.object.code).toBe(403);
    expect(await errorEvent(`/clusters/root:nope${p}`, f.token.stranger!)).toEqual(forbidden);
    expect(await errorEvent(`/clusters/zz0unknown0id0zz${p}`, f.token.stranger!)).toEqual(forbidden);
  });
});

describe('impersonation', () => {
  it('does not carry a workspace admin into another workspace', async () => {
    for (const [user, extra] of [
      ['kplane-admin', {}],
      ['system:serviceaccount:shared:bot', {}],
      ['stranger', { 'impersonate-group': 'system:masters' }],
    ] as Array<[string, Record<string, string>]>) {
      const r = await f.ws('wsadmin-a', 'org-b', 'GET', '/api/v1/namespaces/shared/configmaps', { headers: { 'impersonate-user': user, ...extra } });
      expect(r.status, r.text).toBe(403);
      const sa = /^system:serviceaccount:([^:]+):(.+)$/.exec(user);
      const want = sa
        ? `serviceaccounts "${sa[2]}" is forbidden: User "wsadmin-a" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "${sa[1]}": access denied`
        : `users "${user}" is forbidden: User "wsadmin-a" cannot impersonate resource "users" in API group "" at the cluster scope: access denied`;
      expect(r.json()).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Forbidden', code: 403, message: want });
    }
  });

  it('inside its own workspace makes the impersonated identity one of that workspace', async () => {
    // wsadmin-a (cluster-admin in org-a) impersonates the name of org-b's service account: in
    // org-a that is org-a's service account shared/bot, which has no binding there.
    const asBot = await f.ws('wsadmin-a', 'org-a', 'GET', '/api/v1/namespaces/shared/configmaps', { headers: { 'impersonate-user': 'system:serviceaccount:shared:bot' } });
    expect(asBot.status).toBe(403);
    expect(asBot.json().message).toBe('configmaps is forbidden: User "system:serviceaccount:shared:bot" cannot list resource "configmaps" in API group "" in the namespace "shared"');
    // Impersonating system:masters in org-a reads org-a only.
    const masters = await ok(f.ws('wsadmin-a', 'org-a', 'GET', '/api/v1/configmaps', { headers: { 'impersonate-user': 'someone', 'impersonate-group': 'system:masters' } }));
    expect(foreign('org-a', masters.items)).toEqual([]);
    // The real org-b service account's token is refused in org-a whatever it asks to be.
    const r = await f.ws('sa-b', 'org-a', 'GET', '/api/v1/configmaps', { headers: { 'impersonate-user': 'wsadmin-a' } });
    expect(r.status).toBe(403);
  });
});
