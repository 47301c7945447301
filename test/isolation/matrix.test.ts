// The authorization matrix: every endpoint kind × every identity × every workspace, with the
// outcome RBAC and kcp's workspace access gate imply, written out below (not derived from the
// server). Each identity has, per workspace, one profile:
//   all            everything (admin everywhere: system:masters; wsadmin-a in org-a: cluster-admin)
//   view           upstream's view role (viewer-a in org-a): reads except secrets, no writes
//   edit           upstream's edit role (the org-b service account in org-b; it skips the gate as
//                  a service account of its own workspace)
//   authenticated  what root grants every authenticated user (kcp's
//                  system:kcp:tenancy:authenticated): enter root, read workspaces, plus the
//                  bootstrap discovery / basic-user roles. A foreign service account counts here
//                  too: kcp sees it as system:anonymous in group system:authenticated.
//   denied         the workspace access gate fails: 403 on everything, reason "access denied"
//   anonymous      no token: 401 on everything
// A 403 must be upstream's Status, message and details included (responsewriters.Forbidden).

import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_ANNOTATION, Fixture, Identity, IDENTITIES, PATH, Res, TENANT, USERNAME, WEB_STATUS, Ws, WORKSPACES, objectsIn, startFixture, watchOnce } from './fixture.js';

type Profile = 'all' | 'view' | 'edit' | 'authenticated' | 'denied' | 'anonymous';
type Granted = 'all' | 'view' | 'edit' | 'authenticated';

const PROFILE: Record<Identity, Record<Ws, Profile>> = {
  admin: { root: 'all', 'org-a': 'all', 'org-b': 'all' },
  'wsadmin-a': { root: 'authenticated', 'org-a': 'all', 'org-b': 'denied' },
  'viewer-a': { root: 'authenticated', 'org-a': 'view', 'org-b': 'denied' },
  stranger: { root: 'authenticated', 'org-a': 'denied', 'org-b': 'denied' },
  'sa-b': { root: 'authenticated', 'org-a': 'denied', 'org-b': 'edit' },
  anonymous: { root: 'anonymous', 'org-a': 'anonymous', 'org-b': 'anonymous' },
};

/** What a 403 names: a resource request or a non-resource path. */
type Attr = { verb: string; group: string; resource: string; subresource?: string; namespace?: string; name?: string } | { verb: string; path: string };

interface Cell {
  who: Identity;
  ws: Ws;
  profile: Profile;
  /** Whether this op is expected to succeed in this cell. */
  ok: boolean;
  /** The object a write works on: the identity's own when allowed, else the shared fixture. */
  target: string;
  owner: string;
}

interface Outcome {
  status: number;
  text: string;
  body?: any;
  events?: any[];
}

interface Op {
  name: string;
  kind: string;
  expect: Record<Granted, number>;
  attr(c: Cell): Attr;
  run(f: Fixture, c: Cell): Promise<Outcome>;
  /** Extra checks of a successful answer; returns problems. */
  check?(f: Fixture, c: Cell, o: Outcome): string[];
}

const NS = '/api/v1/namespaces/shared';
const CM = `${NS}/configmaps`;
const DEPLOY = '/apis/apps/v1/namespaces/shared/deployments/web';
const R = (verb: string, resource: string, more: Partial<{ group: string; subresource: string; namespace: string; name: string }> = {}): Attr => ({ verb, group: '', resource, ...more });
const P = (path: string): Attr => ({ verb: 'get', path });

const READ_ALL = { all: 200, view: 200, edit: 200, authenticated: 403 };
const READ_SECRET = { all: 200, view: 403, edit: 200, authenticated: 403 };
const WRITE = { all: 200, view: 403, edit: 200, authenticated: 403 };
const CREATE = { all: 201, view: 403, edit: 201, authenticated: 403 };
const ANYONE_IN = { all: 200, view: 200, edit: 200, authenticated: 200 };
const REVIEW = { all: 201, view: 201, edit: 201, authenticated: 201 };
const ADMIN_ONLY = { all: 200, view: 403, edit: 403, authenticated: 403 };

async function call(f: Fixture, c: Cell, method: string, p: string, opts: { body?: unknown; contentType?: string } = {}): Promise<Outcome> {
  const r: Res = await f.ws(c.who, c.ws, method, p, opts);
  let body: any;
  try {
    body = JSON.parse(r.text);
  } catch {
    body = undefined;
  }
  return { status: r.status, text: r.text, body };
}

async function watch(f: Fixture, c: Cell, p: string): Promise<Outcome> {
  const w = await watchOnce(f, c.who, `/clusters/${PATH[c.ws]}${p}`, { events: 1 });
  let body: any;
  try {
    body = w.text ? JSON.parse(w.text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: w.status, text: w.text, body, events: w.events };
}

/** Every returned object belongs to the addressed workspace and, when labelled, to its tenant. */
function ownObjects(f: Fixture, c: Cell, objs: any[]): string[] {
  const out: string[] = [];
  for (const o of objs) {
    const ann = o?.metadata?.annotations?.[CLUSTER_ANNOTATION];
    if (ann !== f.id[c.ws]) out.push(`${o?.kind} ${o?.metadata?.namespace ?? ''}/${o?.metadata?.name}: ${CLUSTER_ANNOTATION}=${ann}, want ${f.id[c.ws]}`);
    const tenant = o?.metadata?.labels?.tenant;
    if (tenant !== undefined && tenant !== TENANT[c.ws]) out.push(`${o?.kind} ${o?.metadata?.name}: tenant ${tenant} in ${c.ws}`);
    if (o?.data?.tenant !== undefined && o.data.tenant !== TENANT[c.ws]) out.push(`${o?.kind} ${o?.metadata?.name}: data.tenant ${o.data.tenant} in ${c.ws}`);
  }
  return out;
}

const objectsCheck = (f: Fixture, c: Cell, o: Outcome): string[] => ownObjects(f, c, objectsIn(o.body));
const eventsCheck = (f: Fixture, c: Cell, o: Outcome): string[] => {
  if (!o.events?.length) return ['no watch event arrived'];
  const bad = o.events.filter((e) => !['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK'].includes(e.type)).map((e) => `event ${e.type}: ${JSON.stringify(e.object).slice(0, 200)}`);
  return [...bad, ...ownObjects(f, c, o.events.filter((e) => e.type !== 'BOOKMARK').map((e) => e.object))];
};
const expectKind = (kind: string) => (_f: Fixture, _c: Cell, o: Outcome): string[] => (o.body?.kind === kind ? [] : [`kind ${o.body?.kind}, want ${kind}`]);

const apply = (c: Cell) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: c.target, namespace: 'shared', labels: { owner: c.owner } }, data: { applied: '1' } });

const OPS: Op[] = [
  // Reads.
  {
    name: 'get configmap',
    kind: 'get',
    expect: READ_ALL,
    attr: () => R('get', 'configmaps', { namespace: 'shared', name: 'common' }),
    run: (f, c) => call(f, c, 'GET', `${CM}/common`),
    check: (f, c, o) => [...objectsCheck(f, c, o), ...(o.body?.data?.tenant === TENANT[c.ws] ? [] : [`common holds ${JSON.stringify(o.body?.data)}`])],
  },
  {
    name: 'list configmaps in a namespace',
    kind: 'list',
    expect: READ_ALL,
    attr: () => R('list', 'configmaps', { namespace: 'shared' }),
    run: (f, c) => call(f, c, 'GET', CM),
    check: (f, c, o) => {
      const names = objectsIn(o.body).map((x) => x.metadata.name);
      const want = ['common', `cm-${TENANT[c.ws]}-1`, `cm-${TENANT[c.ws]}-2`];
      return [...objectsCheck(f, c, o), ...want.filter((n) => !names.includes(n)).map((n) => `missing ${n}`)];
    },
  },
  {
    name: 'list configmaps in all namespaces',
    kind: 'list',
    expect: READ_ALL,
    attr: () => R('list', 'configmaps'),
    run: (f, c) => call(f, c, 'GET', '/api/v1/configmaps'),
    check: (f, c, o) => [...objectsCheck(f, c, o), ...(objectsIn(o.body).some((x) => x.metadata.name === `cm-${TENANT[c.ws]}-only`) ? [] : ['missing the only-namespace configmap'])],
  },
  {
    name: 'list configmaps, paged, label selector',
    kind: 'list',
    expect: READ_ALL,
    attr: () => R('list', 'configmaps'),
    run: (f, c) => call(f, c, 'GET', '/api/v1/configmaps?limit=2&labelSelector=fixture%3Dyes'),
    check: (f, c, o) => [...objectsCheck(f, c, o), ...(o.body?.items?.length === 2 && o.body.metadata.continue ? [] : ['want 2 items and a continue token'])],
  },
  {
    name: 'watch configmaps in a namespace',
    kind: 'watch',
    expect: READ_ALL,
    attr: () => R('watch', 'configmaps', { namespace: 'shared' }),
    run: (f, c) => watch(f, c, `${CM}?watch=1`),
    check: eventsCheck,
  },
  {
    name: 'watch configmaps in all namespaces',
    kind: 'watch',
    expect: READ_ALL,
    attr: () => R('watch', 'configmaps'),
    run: (f, c) => watch(f, c, '/api/v1/configmaps?watch=1'),
    check: eventsCheck,
  },
  {
    name: 'watch configmaps with a label selector',
    kind: 'watch',
    expect: READ_ALL,
    attr: () => R('watch', 'configmaps'),
    run: (f, c) => watch(f, c, `/api/v1/configmaps?watch=1&labelSelector=tenant%3D${TENANT[c.ws]}`),
    check: eventsCheck,
  },
  {
    name: 'watch configmaps with a field selector',
    kind: 'watch',
    expect: READ_ALL,
    // Upstream takes the name of a list or watch from an exact metadata.name field selector.
    attr: () => R('watch', 'configmaps', { namespace: 'shared', name: 'common' }),
    run: (f, c) => watch(f, c, `${CM}?watch=1&fieldSelector=metadata.name%3Dcommon`),
    check: (f, c, o) => [...eventsCheck(f, c, o), ...(o.events?.every((e) => e.object?.metadata?.name === 'common') ? [] : ['field selector not honoured'])],
  },
  {
    name: 'watch configmaps from resourceVersion 0',
    kind: 'watch',
    expect: READ_ALL,
    attr: () => R('watch', 'configmaps'),
    run: (f, c) => watch(f, c, '/api/v1/configmaps?watch=1&resourceVersion=0'),
    check: eventsCheck,
  },
  {
    name: 'watch configmaps from an old revision',
    kind: 'watch',
    expect: READ_ALL,
    attr: () => R('watch', 'configmaps'),
    run: (f, c) => watch(f, c, `/api/v1/configmaps?watch=1&resourceVersion=${f.rvBeforeContent}`),
    check: eventsCheck,
  },
  {
    name: 'watch configmaps on the legacy /watch/ path',
    kind: 'watch',
    expect: READ_ALL,
    attr: () => R('watch', 'configmaps', { namespace: 'shared' }),
    run: (f, c) => watch(f, c, '/api/v1/watch/namespaces/shared/configmaps'),
    check: eventsCheck,
  },
  {
    name: 'get secret',
    kind: 'get',
    expect: READ_SECRET,
    attr: () => R('get', 'secrets', { namespace: 'shared', name: 'creds' }),
    run: (f, c) => call(f, c, 'GET', `${NS}/secrets/creds`),
    check: (f, c, o) => [
      ...objectsCheck(f, c, o),
      ...(Buffer.from(o.body?.data?.password ?? '', 'base64').toString() === `secret-of-${TENANT[c.ws]}` ? [] : ['wrong secret']),
    ],
  },
  {
    name: 'list secrets in a namespace',
    kind: 'list',
    expect: READ_SECRET,
    attr: () => R('list', 'secrets', { namespace: 'shared' }),
    run: (f, c) => call(f, c, 'GET', `${NS}/secrets`),
    check: objectsCheck,
  },
  {
    name: 'list secrets in all namespaces',
    kind: 'list',
    expect: READ_SECRET,
    attr: () => R('list', 'secrets'),
    run: (f, c) => call(f, c, 'GET', '/api/v1/secrets'),
    check: objectsCheck,
  },
  {
    name: 'watch secrets',
    kind: 'watch',
    expect: READ_SECRET,
    attr: () => R('watch', 'secrets', { namespace: 'shared' }),
    run: (f, c) => watch(f, c, `${NS}/secrets?watch=1`),
    check: eventsCheck,
  },
  {
    name: 'get namespace',
    kind: 'get',
    expect: READ_ALL,
    // Upstream's RequestInfo puts a namespace's own name in the namespace attribute too.
    attr: () => R('get', 'namespaces', { namespace: 'shared', name: 'shared' }),
    run: (f, c) => call(f, c, 'GET', NS),
    check: objectsCheck,
  },
  {
    name: 'list namespaces',
    kind: 'list',
    expect: READ_ALL,
    attr: () => R('list', 'namespaces'),
    run: (f, c) => call(f, c, 'GET', '/api/v1/namespaces'),
    check: (f, c, o) => [...objectsCheck(f, c, o), ...(objectsIn(o.body).some((n) => n.metadata.name === `only-${TENANT[c.ws]}`) ? [] : ['missing own namespace'])],
  },
  {
    name: 'get deployment',
    kind: 'get',
    expect: READ_ALL,
    attr: () => R('get', 'deployments', { group: 'apps', namespace: 'shared', name: 'web' }),
    run: (f, c) => call(f, c, 'GET', DEPLOY),
    check: objectsCheck,
  },
  {
    name: 'list workspaces',
    kind: 'list',
    expect: ANYONE_IN,
    attr: () => R('list', 'workspaces', { group: 'tenancy.kcp.io' }),
    run: (f, c) => call(f, c, 'GET', '/apis/tenancy.kcp.io/v1alpha1/workspaces'),
    check: (f, c, o) => {
      const names = objectsIn(o.body).map((w) => w.metadata.name).sort();
      const want = c.ws === 'root' ? ['org-a', 'org-b'] : [];
      return [...objectsCheck(f, c, o), ...(JSON.stringify(names) === JSON.stringify(want) ? [] : [`workspaces ${names}, want ${want}`])];
    },
  },
  // Subresource reads.
  {
    name: 'get deployments/status',
    kind: 'subresource',
    expect: READ_ALL,
    attr: () => R('get', 'deployments', { group: 'apps', subresource: 'status', namespace: 'shared', name: 'web' }),
    run: (f, c) => call(f, c, 'GET', `${DEPLOY}/status`),
    check: (f, c, o) => [...objectsCheck(f, c, o), ...(o.body?.status?.readyReplicas === 1 ? [] : ['status missing'])],
  },
  {
    name: 'get deployments/scale',
    kind: 'subresource',
    expect: READ_ALL,
    attr: () => R('get', 'deployments', { group: 'apps', subresource: 'scale', namespace: 'shared', name: 'web' }),
    run: (f, c) => call(f, c, 'GET', `${DEPLOY}/scale`),
    check: (_f, _c, o) => (o.body?.kind === 'Scale' && o.body.spec?.replicas === 1 ? [] : [`scale ${o.text.slice(0, 200)}`]),
  },
  // Writes: on the identity's own object when allowed, on the shared fixture when not.
  {
    name: 'create configmap',
    kind: 'create',
    expect: CREATE,
    attr: () => R('create', 'configmaps', { namespace: 'shared' }),
    run: (f, c) => call(f, c, 'POST', CM, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: c.target, labels: { owner: c.owner } }, data: { v: '1' } } }),
    check: objectsCheck,
  },
  {
    name: 'update configmap (PUT)',
    kind: 'update',
    expect: WRITE,
    attr: (c) => R('update', 'configmaps', { namespace: 'shared', name: c.target }),
    run: (f, c) => call(f, c, 'PUT', `${CM}/${c.target}`, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: c.target, namespace: 'shared', labels: { owner: c.owner } }, data: { v: '2' } } }),
    check: objectsCheck,
  },
  {
    name: 'patch configmap (merge)',
    kind: 'patch',
    expect: WRITE,
    attr: (c) => R('patch', 'configmaps', { namespace: 'shared', name: c.target }),
    run: (f, c) => call(f, c, 'PATCH', `${CM}/${c.target}`, { body: { data: { merge: '1' } }, contentType: 'application/merge-patch+json' }),
    check: objectsCheck,
  },
  {
    name: 'patch configmap (json)',
    kind: 'patch',
    expect: WRITE,
    attr: (c) => R('patch', 'configmaps', { namespace: 'shared', name: c.target }),
    run: (f, c) => call(f, c, 'PATCH', `${CM}/${c.target}`, { body: [{ op: 'add', path: '/data/json', value: '1' }], contentType: 'application/json-patch+json' }),
    check: objectsCheck,
  },
  {
    name: 'patch configmap (strategic)',
    kind: 'patch',
    expect: WRITE,
    attr: (c) => R('patch', 'configmaps', { namespace: 'shared', name: c.target }),
    run: (f, c) => call(f, c, 'PATCH', `${CM}/${c.target}`, { body: { data: { smp: '1' } }, contentType: 'application/strategic-merge-patch+json' }),
    check: (f, c, o) => [...objectsCheck(f, c, o), ...(o.body?.data?.merge === '1' && o.body.data.json === '1' && o.body.data.smp === '1' ? [] : [`patched data ${JSON.stringify(o.body?.data)}`])],
  },
  {
    name: 'delete configmap',
    kind: 'delete',
    expect: WRITE,
    attr: (c) => R('delete', 'configmaps', { namespace: 'shared', name: c.target }),
    run: (f, c) => call(f, c, 'DELETE', `${CM}/${c.target}`),
  },
  {
    name: 'patch configmap (apply, creating it again)',
    kind: 'patch',
    expect: CREATE,
    attr: (c) => R('patch', 'configmaps', { namespace: 'shared', name: c.target }),
    run: (f, c) => call(f, c, 'PATCH', `${CM}/${c.target}?fieldManager=isolation`, { body: apply(c), contentType: 'application/apply-patch+yaml' }),
    check: objectsCheck,
  },
  {
    name: 'deletecollection configmaps',
    kind: 'deletecollection',
    expect: WRITE,
    attr: () => R('deletecollection', 'configmaps', { namespace: 'shared' }),
    run: (f, c) => call(f, c, 'DELETE', `${CM}?labelSelector=${c.ok ? `owner%3D${c.owner}` : 'fixture%3Dyes'}`),
    check: (f, c, o) => [...objectsCheck(f, c, o), ...(objectsIn(o.body).map((x) => x.metadata.name).join() === c.target ? [] : [`deleted ${o.text.slice(0, 300)}`])],
  },
  {
    name: 'create secret',
    kind: 'create',
    expect: CREATE,
    attr: () => R('create', 'secrets', { namespace: 'shared' }),
    run: (f, c) => call(f, c, 'POST', `${NS}/secrets`, { body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: `s-${c.owner}` }, stringData: { k: 'v' } } }),
    check: objectsCheck,
  },
  {
    name: 'create namespace',
    kind: 'create',
    expect: { all: 201, view: 403, edit: 403, authenticated: 403 },
    attr: () => R('create', 'namespaces'),
    run: (f, c) => call(f, c, 'POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `ns-${c.owner}` } } }),
    check: objectsCheck,
  },
  // Subresource writes: status is not part of edit; scale is.
  {
    name: 'update deployments/status (PUT)',
    kind: 'subresource',
    expect: ADMIN_ONLY,
    attr: () => R('update', 'deployments', { group: 'apps', subresource: 'status', namespace: 'shared', name: 'web' }),
    run: (f, c) =>
      call(f, c, 'PUT', `${DEPLOY}/status`, {
        body: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace: 'shared', labels: { fixture: 'yes', tenant: TENANT[c.ws] } },
          spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
          status: WEB_STATUS,
        },
      }),
    check: objectsCheck,
  },
  {
    name: 'patch deployments/status (merge)',
    kind: 'subresource',
    expect: ADMIN_ONLY,
    attr: () => R('patch', 'deployments', { group: 'apps', subresource: 'status', namespace: 'shared', name: 'web' }),
    run: (f, c) => call(f, c, 'PATCH', `${DEPLOY}/status`, { body: { status: { readyReplicas: 1 } }, contentType: 'application/merge-patch+json' }),
    check: objectsCheck,
  },
  {
    name: 'update deployments/scale (PUT)',
    kind: 'subresource',
    expect: WRITE,
    attr: () => R('update', 'deployments', { group: 'apps', subresource: 'scale', namespace: 'shared', name: 'web' }),
    run: (f, c) => call(f, c, 'PUT', `${DEPLOY}/scale`, { body: { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web', namespace: 'shared' }, spec: { replicas: 1 } } }),
    check: expectKind('Scale'),
  },
  {
    name: 'patch deployments/scale (merge)',
    kind: 'subresource',
    expect: WRITE,
    attr: () => R('patch', 'deployments', { group: 'apps', subresource: 'scale', namespace: 'shared', name: 'web' }),
    run: (f, c) => call(f, c, 'PATCH', `${DEPLOY}/scale`, { body: { spec: { replicas: 1 } }, contentType: 'application/merge-patch+json' }),
    check: expectKind('Scale'),
  },
  // Discovery and OpenAPI: the bootstrap system:discovery role, behind the workspace gate.
  { name: 'discovery /api', kind: 'discovery', expect: ANYONE_IN, attr: () => P('/api'), run: (f, c) => call(f, c, 'GET', '/api'), check: expectKind('APIVersions') },
  { name: 'discovery /apis', kind: 'discovery', expect: ANYONE_IN, attr: () => P('/apis'), run: (f, c) => call(f, c, 'GET', '/apis'), check: expectKind('APIGroupList') },
  { name: 'discovery /api/v1', kind: 'discovery', expect: ANYONE_IN, attr: () => P('/api/v1'), run: (f, c) => call(f, c, 'GET', '/api/v1'), check: expectKind('APIResourceList') },
  { name: 'discovery /apis/apps/v1', kind: 'discovery', expect: ANYONE_IN, attr: () => P('/apis/apps/v1'), run: (f, c) => call(f, c, 'GET', '/apis/apps/v1'), check: expectKind('APIResourceList') },
  {
    name: 'openapi /openapi/v3',
    kind: 'openapi',
    expect: ANYONE_IN,
    attr: () => P('/openapi/v3'),
    run: (f, c) => call(f, c, 'GET', '/openapi/v3'),
    check: (_f, _c, o) => (o.body?.paths?.['api/v1'] ? [] : ['no api/v1 in the index']),
  },
  {
    name: 'openapi /openapi/v3/api/v1',
    kind: 'openapi',
    expect: ANYONE_IN,
    attr: () => P('/openapi/v3/api/v1'),
    run: (f, c) => call(f, c, 'GET', '/openapi/v3/api/v1'),
    check: (_f, _c, o) => (String(o.body?.openapi).startsWith('3.') ? [] : ['not an OpenAPI v3 document']),
  },
  {
    name: 'openapi /openapi/v2',
    kind: 'openapi',
    expect: ANYONE_IN,
    attr: () => P('/openapi/v2'),
    run: (f, c) => call(f, c, 'GET', '/openapi/v2'),
    check: (_f, _c, o) => (o.body?.swagger === '2.0' ? [] : ['not a swagger 2.0 document']),
  },
  // Reviews: system:basic-user for every authenticated identity that passes the gate.
  {
    name: 'selfsubjectaccessreview (get secrets)',
    kind: 'review',
    expect: REVIEW,
    attr: () => R('create', 'selfsubjectaccessreviews', { group: 'authorization.k8s.io' }),
    run: (f, c) =>
      call(f, c, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
        body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { namespace: 'shared', verb: 'get', resource: 'secrets' } } },
      }),
    check: (_f, c, o) => {
      const want = { all: true, view: false, edit: true, authenticated: false }[c.profile as Granted];
      return o.body?.status?.allowed === want ? [] : [`allowed=${o.body?.status?.allowed}, want ${want}`];
    },
  },
  {
    name: 'selfsubjectaccessreview (create configmaps)',
    kind: 'review',
    expect: REVIEW,
    attr: () => R('create', 'selfsubjectaccessreviews', { group: 'authorization.k8s.io' }),
    run: (f, c) =>
      call(f, c, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
        body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { namespace: 'shared', verb: 'create', resource: 'configmaps' } } },
      }),
    check: (_f, c, o) => {
      const want = { all: true, view: false, edit: true, authenticated: false }[c.profile as Granted];
      return o.body?.status?.allowed === want ? [] : [`allowed=${o.body?.status?.allowed}, want ${want}`];
    },
  },
  {
    name: 'selfsubjectrulesreview',
    kind: 'review',
    expect: REVIEW,
    attr: () => R('create', 'selfsubjectrulesreviews', { group: 'authorization.k8s.io' }),
    run: (f, c) => call(f, c, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', { body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'shared' } } }),
    check: (_f, c, o) => {
      const rules: Array<{ verbs: string[]; resources: string[] }> = o.body?.status?.resourceRules ?? [];
      const grants = (res: string, verb: string) => rules.some((r) => (r.resources.includes(res) || r.resources.includes('*')) && (r.verbs.includes(verb) || r.verbs.includes('*')));
      const want: Record<Granted, Record<string, boolean>> = {
        all: { 'get secrets': true, 'create configmaps': true, 'list workspaces': true },
        view: { 'get secrets': false, 'create configmaps': false, 'get configmaps': true, 'list workspaces': true },
        edit: { 'get secrets': true, 'create configmaps': true, 'create namespaces': false, 'list workspaces': true },
        authenticated: { 'get secrets': false, 'get configmaps': false, 'list workspaces': true },
      };
      return Object.entries(want[c.profile as Granted])
        .filter(([k, v]) => grants(k.split(' ')[1], k.split(' ')[0]) !== v)
        .map(([k, v]) => `rules ${v ? 'lack' : 'grant'} ${k}`);
    },
  },
  {
    name: 'selfsubjectreview',
    kind: 'review',
    expect: REVIEW,
    attr: () => R('create', 'selfsubjectreviews', { group: 'authentication.k8s.io' }),
    run: (f, c) => call(f, c, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } }),
    check: (_f, c, o) => (o.body?.status?.userInfo?.username === USERNAME[c.who] ? [] : [`whoami ${JSON.stringify(o.body?.status?.userInfo)}`]),
  },
];

/** Upstream's 403 Status (responsewriters.ForbiddenStatusError + apierrors.NewForbidden). */
function forbiddenStatus(user: string, a: Attr, reason: string): object {
  const why = reason ? `: ${reason}` : '';
  if ('path' in a) {
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `forbidden: User "${user}" cannot ${a.verb} path "${a.path}"${why}`, reason: 'Forbidden', details: {}, code: 403 };
  }
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const qualified = a.group ? `${a.resource}.${a.group}` : a.resource;
  const what = a.name ? `${qualified} "${a.name}"` : qualified;
  const where = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  const details: Record<string, string> = {};
  if (a.name) details.name = a.name;
  if (a.group) details.group = a.group;
  details.kind = a.resource;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `${what} is forbidden: User "${user}" cannot ${a.verb} resource "${resource}" in API group "${a.group}" ${where}${why}`,
    reason: 'Forbidden',
    details,
    code: 403,
  };
}

const UNAUTHORIZED = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 };

function expectedCode(op: Op, profile: Profile): number {
  if (profile === 'anonymous') return 401;
  if (profile === 'denied') return 403;
  return op.expect[profile];
}

/** Runs every op in order in one cell; returns the mismatches. */
async function runCell(f: Fixture, who: Identity, ws: Ws): Promise<{ problems: string[]; checked: number }> {
  const profile = PROFILE[who][ws];
  const problems: string[] = [];
  let checked = 0;
  for (const op of OPS) {
    const code = expectedCode(op, profile);
    const ok = code < 300;
    const c: Cell = { who, ws, profile, ok, target: ok ? `w-${who}` : 'common', owner: who };
    const o = await op.run(f, c);
    checked++;
    const where = `${op.name}`;
    if (o.status !== code) {
      problems.push(`${where}: ${o.status}, want ${code}: ${o.text.slice(0, 300)}`);
      continue;
    }
    if (code === 401) {
      if (!isDeepStrictEqual(o.body, UNAUTHORIZED)) problems.push(`${where}: 401 body ${o.text}`);
    } else if (code === 403) {
      const want = forbiddenStatus(USERNAME[who], op.attr(c), profile === 'denied' ? 'access denied' : '');
      if (!isDeepStrictEqual(o.body, want)) problems.push(`${where}: 403 body\n     got ${o.text.trim()}\n    want ${JSON.stringify(want)}`);
    } else if (op.check) {
      for (const p of op.check(f, c, o)) problems.push(`${where}: ${p}`);
    }
  }
  return { problems, checked };
}

let f: Fixture;
const tally = { requests: 0 };

beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f?.stop();
});

describe('authorization matrix', () => {
  for (const who of IDENTITIES) {
    for (const ws of WORKSPACES) {
      it.concurrent(`${who} in ${ws} (${PROFILE[who][ws]})`, async ({ expect }) => {
        const { problems, checked } = await runCell(f, who, ws);
        tally.requests += checked;
        expect(problems).toEqual([]);
      });
    }
  }
});

describe('after the matrix', () => {
  it('covered every endpoint kind for every identity in every workspace', () => {
    const kinds = new Set(OPS.map((o) => o.kind));
    expect([...kinds].sort()).toEqual(['create', 'delete', 'deletecollection', 'discovery', 'get', 'list', 'openapi', 'patch', 'review', 'subresource', 'update', 'watch']);
    expect(tally.requests).toBe(OPS.length * IDENTITIES.length * WORKSPACES.length);
  });

  it('left every fixture object untouched by the refused writes', async () => {
    for (const ws of WORKSPACES) {
      const cms = (await f.ws('admin', ws, 'GET', '/api/v1/namespaces/shared/configmaps?labelSelector=fixture%3Dyes')).json();
      for (const cm of cms.items) expect(`${ws} ${cm.metadata.name} ${cm.metadata.resourceVersion}`).toBe(`${ws} ${cm.metadata.name} ${f.fixtureRVs[ws][`ConfigMap/${cm.metadata.name}`]}`);
      expect(cms.items.map((x: any) => x.metadata.name).sort()).toEqual(['cm-' + TENANT[ws] + '-1', 'cm-' + TENANT[ws] + '-2', 'common'].sort());
      const secret = (await f.ws('admin', ws, 'GET', '/api/v1/namespaces/shared/secrets/creds')).json();
      expect(secret.metadata.resourceVersion).toBe(f.fixtureRVs[ws]['Secret/creds']);
    }
  });

  it('authorizes a namespace by its own name and a list or watch by its metadata.name field selector, as upstream', async () => {
    // In root the stranger passes the gate but holds nothing; a Role in only-root grants reading
    // that namespace object and the configmap "common" in shared, by name only.
    const rbac = '/apis/rbac.authorization.k8s.io/v1';
    const role = (ns: string, name: string, rules: object[]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace: ns }, rules });
    const bind = (ns: string, name: string) => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name, namespace: ns },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'stranger' }],
    });
    const must = async (p: Promise<Res>, code: number) => {
      const r = await p;
      expect(r.status, r.text).toBe(code);
      return r;
    };
    await must(f.ws('admin', 'root', 'POST', `${rbac}/namespaces/only-root/roles`, { body: role('only-root', 'see-ns', [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get'] }]) }), 201);
    await must(f.ws('admin', 'root', 'POST', `${rbac}/namespaces/only-root/rolebindings`, { body: bind('only-root', 'see-ns') }), 201);
    await must(f.ws('admin', 'root', 'POST', `${rbac}/namespaces/shared/roles`, { body: role('shared', 'see-common', [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['common'], verbs: ['get', 'list', 'watch'] }]) }), 201);
    await must(f.ws('admin', 'root', 'POST', `${rbac}/namespaces/shared/rolebindings`, { body: bind('shared', 'see-common') }), 201);

    await must(f.ws('stranger', 'root', 'GET', '/api/v1/namespaces/only-root'), 200);
    const other = await must(f.ws('stranger', 'root', 'GET', '/api/v1/namespaces/shared'), 403);
    expect(other.json().message).toBe('namespaces "shared" is forbidden: User "stranger" cannot get resource "namespaces" in API group "" in the namespace "shared"');
    const one = await must(f.ws('stranger', 'root', 'GET', '/api/v1/namespaces/shared/configmaps?fieldSelector=metadata.name%3Dcommon'), 200);
    expect(one.json().items.map((o: any) => o.metadata.name)).toEqual(['common']);
    const w = await watchOnce(f, 'stranger', '/clusters/root/api/v1/namespaces/shared/configmaps?watch=1&fieldSelector=metadata.name%3Dcommon');
    expect(w.status).toBe(200);
    expect(w.events.map((e) => e.object.metadata.name)).toEqual(['common']);
    await must(f.ws('stranger', 'root', 'GET', '/api/v1/namespaces/shared/configmaps'), 403);
    await must(f.ws('stranger', 'root', 'GET', '/api/v1/namespaces/shared/configmaps?fieldSelector=metadata.name%3Dcm-root-1'), 403);
    // The deprecated /watch/ path takes no name from a selector (upstream RequestInfoFactory).
    const legacy = await watchOnce(f, 'stranger', '/clusters/root/api/v1/watch/namespaces/shared/configmaps?fieldSelector=metadata.name%3Dcommon');
    expect(legacy.status).toBe(403);
    // None of it reaches another workspace: the same requests in org-a fail at the gate.
    const gate = await must(f.ws('stranger', 'org-a', 'GET', '/api/v1/namespaces/shared/configmaps?fieldSelector=metadata.name%3Dcommon'), 403);
    expect(gate.json().message).toBe('configmaps "common" is forbidden: User "stranger" cannot list resource "configmaps" in API group "" in the namespace "shared": access denied');
  });

  it('lets anyone without a token reach only the health endpoints and /version', async () => {
    for (const p of ['/healthz', '/livez', '/readyz', '/version']) {
      const r = await f.req('anonymous', 'GET', p);
      expect(r.status, `${p}: ${r.text}`).toBe(200);
    }
    for (const p of ['/api', '/apis', '/openapi/v2', '/openapi/v3', '/api/v1/namespaces', '/clusters/root:nowhere/api/v1/namespaces', '/metrics']) {
      const r = await f.req('anonymous', 'GET', p);
      expect(r.status, p).toBe(401);
      expect(r.json()).toEqual(UNAUTHORIZED);
    }
    // A token nobody issued is no better than none.
    const bad = await f.req('anonymous', 'GET', '/clusters/root:org-a/api/v1/configmaps', { headers: { authorization: 'Bearer not-a-real-token' } });
    expect(bad.status).toBe(401);
    expect(bad.json()).toEqual(UNAUTHORIZED);
  });
});
