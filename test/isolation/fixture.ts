// The isolation fixture: one server with two sibling workspaces root:org-a and root:org-b (and
// root itself), each holding the same kinds of content under colliding and distinctive names,
// and six identities:
//   admin       the server's admin token (system:masters)
//   wsadmin-a   token-file user, ClusterRoleBinding to cluster-admin in root:org-a only
//   viewer-a    token-file user, ClusterRoleBinding to view in root:org-a only
//   stranger    token-file user without any binding anywhere
//   sa-b        ServiceAccount shared/bot of root:org-b, token from TokenRequest, bound to edit there
//   anonymous   no token at all
// Everything goes over real HTTPS with undici; the fixture is built with the admin token only.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agent, request } from 'undici';
import { expect } from 'vitest';
import { startTestServer, TestServer } from '../support/server.js';

export type Identity = 'admin' | 'wsadmin-a' | 'viewer-a' | 'stranger' | 'sa-b' | 'anonymous';
export type Ws = 'root' | 'org-a' | 'org-b';

export const IDENTITIES: Identity[] = ['admin', 'wsadmin-a', 'viewer-a', 'stranger', 'sa-b', 'anonymous'];
export const WORKSPACES: Ws[] = ['root', 'org-a', 'org-b'];

/** The workspace path of each workspace. */
export const PATH: Record<Ws, string> = { root: 'root', 'org-a': 'root:org-a', 'org-b': 'root:org-b' };

/** The tenant label value of each workspace's content. */
export const TENANT: Record<Ws, string> = { root: 'root', 'org-a': 'a', 'org-b': 'b' };

/** The user name each identity authenticates as. */
export const USERNAME: Record<Identity, string> = {
  admin: 'kplane-admin',
  'wsadmin-a': 'wsadmin-a',
  'viewer-a': 'viewer-a',
  stranger: 'stranger',
  'sa-b': 'system:serviceaccount:shared:bot',
  anonymous: 'system:anonymous',
};

const FILE_TOKENS = {
  'wsadmin-a': 'wsadmin-a-token-6c0f4b1e2d',
  'viewer-a': 'viewer-a-token-93ab7e5c10',
  stranger: 'stranger-token-51d2f08a7c',
};

export const CLUSTER_ANNOTATION = 'kcp.io/cluster';

export interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): any;
}

export interface Fixture {
  server: TestServer;
  /** Logical cluster id of each workspace. */
  id: Record<Ws, string>;
  token: Record<Identity, string | undefined>;
  /** A revision taken after the workspaces were Ready and before any content was written. */
  rvBeforeContent: string;
  /** metadata.resourceVersion of the fixture objects, to prove nobody changed them. */
  fixtureRVs: Record<Ws, Record<string, string>>;
  /** Sends a request as `who` to `url` (a full path, "/clusters/..."). */
  req(who: Identity, method: string, url: string, opts?: { body?: unknown; contentType?: string; headers?: Record<string, string> }): Promise<Res>;
  /** Same, addressed to /clusters/<ws>. */
  ws(who: Identity, ws: Ws, method: string, p: string, opts?: { body?: unknown; contentType?: string; headers?: Record<string, string> }): Promise<Res>;
  agent: Agent;
  stop(): Promise<void>;
}

/** Objects each workspace holds; names collide across workspaces except the tenant-suffixed ones. */
export function fixtureObjects(ws: Ws): Array<{ path: string; body: any }> {
  const t = TENANT[ws];
  const labels = { fixture: 'yes', tenant: t };
  const cm = (ns: string, name: string, extra: Record<string, string> = {}) => ({
    path: `/api/v1/namespaces/${ns}/configmaps`,
    body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns, labels: { ...labels, ...extra } }, data: { tenant: t } },
  });
  return [
    { path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shared', labels } } },
    { path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `only-${t}`, labels } } },
    cm('shared', 'common'),
    cm('shared', `cm-${t}-1`, { team: 'x' }),
    cm('shared', `cm-${t}-2`, { team: 'x' }),
    cm(`only-${t}`, `cm-${t}-only`),
    {
      path: '/api/v1/namespaces/shared/secrets',
      body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'shared', labels }, stringData: { password: `secret-of-${t}` } },
    },
    {
      path: '/apis/apps/v1/namespaces/shared/deployments',
      body: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'shared', labels },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'web' } },
          template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
        },
      },
    },
  ];
}

/** The status every fixture deployment carries. */
export const WEB_STATUS = { observedGeneration: 1, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 };

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not in time`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startFixture(): Promise<Fixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kplane-isolation-'));
  const tokenFile = path.join(dir, 'tokens.csv');
  fs.writeFileSync(tokenFile, Object.entries(FILE_TOKENS).map(([user, tok]) => `${tok},${user},${user}-uid`).join('\n') + '\n');
  const server = await startTestServer({ serve: { authentication: { tokenAuthFile: tokenFile } } });
  const agent = new Agent({ connect: { ca: server.caPem }, connections: 64 });
  const token: Record<Identity, string | undefined> = { admin: server.token, ...FILE_TOKENS, 'sa-b': undefined, anonymous: undefined };

  const req: Fixture['req'] = async (who, method, url, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    const tok = token[who];
    if (tok) headers.authorization = `Bearer ${tok}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      headers['content-type'] = opts.contentType ?? 'application/json';
    }
    const res = await request(`${server.baseURL}${url}`, { method: method as any, headers, body, dispatcher: agent });
    const text = await res.body.text();
    return { status: res.statusCode, headers: res.headers as Res['headers'], text, json: () => JSON.parse(text) };
  };
  const ws: Fixture['ws'] = (who, w, method, p, opts) => req(who, method, `/clusters/${PATH[w]}${p}`, opts);
  const must = async (r: Promise<Res>, code: number): Promise<any> => {
    const res = await r;
    expect(res.status, res.text).toBe(code);
    return res.json();
  };

  // The workspaces.
  const id: Record<Ws, string> = { root: 'root', 'org-a': '', 'org-b': '' };
  for (const name of ['org-a', 'org-b'] as const) {
    await must(ws('admin', 'root', 'POST', '/apis/tenancy.kcp.io/v1alpha1/workspaces', { body: { apiVersion: 'tenancy.kcp.io/v1alpha1', kind: 'Workspace', metadata: { name } } }), 201);
  }
  for (const name of ['org-a', 'org-b'] as const) {
    id[name] = await eventually(async () => {
      const w = (await ws('admin', 'root', 'GET', `/apis/tenancy.kcp.io/v1alpha1/workspaces/${name}`)).json();
      return w.status?.phase === 'Ready' ? (w.spec.cluster as string) : undefined;
    }, `workspace ${name} Ready`);
  }
  const rvBeforeContent = (await must(ws('admin', 'root', 'GET', '/api/v1/namespaces?limit=1'), 200)).metadata.resourceVersion;

  // Content, the same shape in all three workspaces.
  const fixtureRVs: Record<Ws, Record<string, string>> = { root: {}, 'org-a': {}, 'org-b': {} };
  await Promise.all(
    WORKSPACES.map(async (w) => {
      for (const o of fixtureObjects(w)) {
        const created = await must(ws('admin', w, 'POST', o.path, { body: o.body }), 201);
        fixtureRVs[w][`${o.body.kind}/${o.body.metadata.name}`] = created.metadata.resourceVersion;
      }
      const web = await must(ws('admin', w, 'GET', '/apis/apps/v1/namespaces/shared/deployments/web'), 200);
      await must(ws('admin', w, 'PUT', '/apis/apps/v1/namespaces/shared/deployments/web/status', { body: { ...web, status: WEB_STATUS } }), 200);
    }),
  );

  // Bindings in org-a.
  const crb = (name: string, role: string, subject: object) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: [subject],
  });
  const CRBS = '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings';
  await must(ws('admin', 'org-a', 'POST', CRBS, { body: crb('wsadmin-a', 'cluster-admin', { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'wsadmin-a' }) }), 201);
  await must(ws('admin', 'org-a', 'POST', CRBS, { body: crb('viewer-a', 'view', { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'viewer-a' }) }), 201);

  // The service account of org-b, bound to edit there, and its token.
  await must(ws('admin', 'org-b', 'POST', '/api/v1/namespaces/shared/serviceaccounts', { body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'bot', namespace: 'shared' } } }), 201);
  await must(ws('admin', 'org-b', 'POST', CRBS, { body: crb('bot-edit', 'edit', { kind: 'ServiceAccount', name: 'bot', namespace: 'shared' }) }), 201);
  const tr = await must(
    ws('admin', 'org-b', 'POST', '/api/v1/namespaces/shared/serviceaccounts/bot/token', { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} } }),
    201,
  );
  token['sa-b'] = tr.status.token;

  return {
    server,
    id,
    token,
    rvBeforeContent,
    fixtureRVs,
    req,
    ws,
    agent,
    async stop() {
      await agent.close();
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a watch as `who`; the first `events` events (or whatever arrives within `ms`) are returned
 * and the stream is closed. A non-200 answer is returned with its body.
 */
export async function watchOnce(f: Fixture, who: Identity, url: string, opts: { events?: number; ms?: number } = {}): Promise<{ status: number; events: any[]; text: string }> {
  const ac = new AbortController();
  const headers: Record<string, string> = {};
  const tok = f.token[who];
  if (tok) headers.authorization = `Bearer ${tok}`;
  const res = await request(`${f.server.baseURL}${url}`, { method: 'GET', headers, dispatcher: f.agent, signal: ac.signal, headersTimeout: 10_000, bodyTimeout: 0 });
  if (res.statusCode !== 200) return { status: res.statusCode, events: [], text: await res.body.text() };
  const want = opts.events ?? 1;
  const events: any[] = [];
  let buf = '';
  const timer = setTimeout(() => ac.abort(), opts.ms ?? 3000);
  try {
    for await (const chunk of res.body) {
      buf += chunk.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line) events.push(JSON.parse(line));
      }
      if (events.length >= want) break;
    }
  } catch (e) {
    if (!ac.signal.aborted) throw e;
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
  return { status: 200, events, text: '' };
}

/** Every object in a response body (the object, a list's items, a watch event's object). */
export function objectsIn(body: any): any[] {
  if (!body || typeof body !== 'object') return [];
  if (Array.isArray(body.items)) return body.items;
  if (body.metadata) return [body];
  return [];
}
