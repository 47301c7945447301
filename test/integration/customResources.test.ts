// CustomResourceDefinitions over HTTP: a definition becomes a live API in its workspace
// (discovery, OpenAPI, REST with status and scale subresources, tables, field selectors), its
// objects are stored in the storage version and readable at every served version, and deleting
// the definition deletes its objects first.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, apiClient } from '../support/http.js';
import { WS, createNamespace, expectStatus, get, send } from '../support/kube.js';
import { openWatch } from '../support/watch.js';
import { startTestServer, TestServer } from '../support/server.js';
import { crontabCRD, waitEstablished } from '../support/crds.js';

const NS = 'crs';
const CRD = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
const CT = `/apis/stable.example.com/v1/namespaces/${NS}/crontabs`;
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';

function crontab(name: string, spec: Record<string, unknown> = {}, apiVersion = 'stable.example.com/v1'): object {
  return { apiVersion, kind: 'CronTab', metadata: { name }, spec: { cronSpec: '* * * * */5', image: 'my-cron-image', ...spec } };
}

describe('custom resources', () => {
  let server: TestServer;
  let c: ApiClient;
  let apisEtag: string;
  beforeAll(async () => {
    server = await startTestServer();
    c = apiClient(server.baseURL, server.caPem, server.token);
    await createNamespace(c, NS);
    apisEtag = String((await get(c, '/apis', { accept: AGGREGATED })).headers.etag);
    const r = await send(c, 'POST', CRD, crontabCRD());
    expect(r.status, r.text).toBe(201);
    await waitEstablished(c, 'crontabs.stable.example.com');
  });
  afterAll(async () => {
    await c?.close();
    await server?.stop();
  });

  it('a new definition is accepted and established, with its stored version recorded', async () => {
    const crd = (await get(c, `${CRD}/crontabs.stable.example.com`)).json();
    expect(crd.status.acceptedNames).toMatchObject({ plural: 'crontabs', singular: 'crontab', kind: 'CronTab', listKind: 'CronTabList', shortNames: ['ct'], categories: ['all'] });
    expect(crd.status.storedVersions).toEqual(['v1']);
    const types = Object.fromEntries(crd.status.conditions.map((x: any) => [x.type, [x.status, x.reason]]));
    expect(types).toEqual({ NamesAccepted: ['True', 'NoConflicts'], Established: ['True', 'InitialNamesAccepted'] });
    expect(crd.spec.conversion).toEqual({ strategy: 'None' });
  });

  it('appears in aggregated and legacy discovery, with a new ETag', async () => {
    const r = await get(c, '/apis', { accept: AGGREGATED });
    expect(String(r.headers.etag)).not.toBe(apisEtag);
    const group = r.json().items.find((g: any) => g.metadata.name === 'stable.example.com');
    expect(group.versions.map((v: any) => v.version)).toEqual(['v1', 'v1beta1']);
    const res = group.versions[0].resources[0];
    expect(res).toMatchObject({ resource: 'crontabs', singularResource: 'crontab', scope: 'Namespaced', shortNames: ['ct'], categories: ['all'], responseKind: { group: 'stable.example.com', version: 'v1', kind: 'CronTab' } });
    expect(res.subresources.map((s: any) => s.subresource)).toEqual(['scale', 'status']);
    const legacy = (await get(c, '/apis/stable.example.com/v1')).json();
    expect(legacy.resources.map((x: any) => x.name)).toEqual(['crontabs', 'crontabs/scale', 'crontabs/status']);
    expect((await get(c, '/apis/stable.example.com')).json().preferredVersion).toEqual({ groupVersion: 'stable.example.com/v1', version: 'v1' });
  });

  it('appears in OpenAPI v3 and v2', async () => {
    const index = (await get(c, '/openapi/v3')).json();
    const url: string = index.paths['apis/stable.example.com/v1'].serverRelativeURL;
    const doc = (await c.get(`/clusters/root${url}`)).json();
    const schema = doc.components.schemas['com.example.stable.v1.CronTab'];
    expect(schema.properties.spec.properties.replicas).toMatchObject({ type: 'integer', minimum: 1, maximum: 10 });
    expect(schema['x-kubernetes-group-version-kind']).toEqual([{ group: 'stable.example.com', kind: 'CronTab', version: 'v1' }]);
    expect(doc.paths[`/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}`].patch.requestBody.content['application/strategic-merge-patch+json']).toBeUndefined();
    const v2 = (await get(c, '/openapi/v2')).json();
    expect(v2.definitions['com.example.stable.v1.CronTab'].properties.spec.properties.cronSpec.type).toBe('string');
  });

  it('serves create, get, list and a table with the printer columns', async () => {
    const r = await send(c, 'POST', CT, crontab('first', { replicas: 2 }));
    expect(r.status, r.text).toBe(201);
    const obj = r.json();
    expect(obj).toMatchObject({ apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'first', namespace: NS, generation: 1 }, spec: { replicas: 2 } });
    expect(obj.metadata.annotations?.['kcp.io/cluster']).toBe('root');
    expect((await get(c, `${CT}/first`)).json()).toEqual(obj);
    const list = (await get(c, CT)).json();
    expect(list).toMatchObject({ kind: 'CronTabList', apiVersion: 'stable.example.com/v1' });
    expect(list.items.map((i: any) => i.metadata.name)).toEqual(['first']);
    const table = (await get(c, CT, { accept: TABLE })).json();
    expect(table.columnDefinitions.map((d: any) => [d.name, d.type, d.priority])).toEqual([
      ['Name', 'string', 0],
      ['Spec', 'string', 0],
      ['Replicas', 'integer', 0],
      ['Image', 'string', 1],
      ['Age', 'date', 0],
    ]);
    expect(table.rows[0].cells.slice(0, 4)).toEqual(['first', '* * * * */5', 2, 'my-cron-image']);
  });

  it('reads objects at every served version; they are stored in the storage version', async () => {
    const r = await send(c, 'POST', CT.replace('/v1/', '/v1beta1/'), crontab('beta', {}, 'stable.example.com/v1beta1'));
    expect(r.status, r.text).toBe(201);
    expect(r.json().apiVersion).toBe('stable.example.com/v1beta1');
    expect((await get(c, `${CT}/beta`)).json().apiVersion).toBe('stable.example.com/v1');
    const stored = await server.store.get({ cluster: 'root', resource: 'stable.example.com/crontabs', namespace: NS, name: 'beta' });
    expect(stored?.object.apiVersion).toBe('stable.example.com/v1');
    const warn = (await get(c, CT.replace('/v1/', '/v1beta1/'))).headers.warning;
    expect(String(warn)).toContain('stable.example.com/v1beta1 CronTab is deprecated; use stable.example.com/v1 CronTab');
  });

  it('refuses strategic merge patch with 415 and takes merge patches', async () => {
    const smp = await send(c, 'PATCH', `${CT}/first`, { spec: { replicas: 3 } }, { 'content-type': 'application/strategic-merge-patch+json' });
    expectStatus(smp, 415, 'UnsupportedMediaType');
    const merge = await send(c, 'PATCH', `${CT}/first`, { spec: { replicas: 3 } }, { 'content-type': 'application/merge-patch+json' });
    expect(merge.status, merge.text).toBe(200);
    expect(merge.json().spec.replicas).toBe(3);
    expect(merge.json().metadata.generation).toBe(2);
  });

  it('serves the status and scale subresources', async () => {
    const cur = (await get(c, `${CT}/first`)).json();
    const st = await send(c, 'PUT', `${CT}/first/status`, { ...cur, spec: { ...cur.spec, replicas: 9 }, status: { replicas: 3, labelSelector: 'app=cron' } });
    expect(st.status, st.text).toBe(200);
    expect(st.json().status).toEqual({ replicas: 3, labelSelector: 'app=cron' });
    expect(st.json().spec.replicas).toBe(3);
    const scale = (await get(c, `${CT}/first/scale`)).json();
    expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 3 }, status: { replicas: 3, selector: 'app=cron' } });
    const up = await send(c, 'PATCH', `${CT}/first/scale`, { spec: { replicas: 5 } }, { 'content-type': 'application/merge-patch+json' });
    expect(up.status, up.text).toBe(200);
    expect((await get(c, `${CT}/first`)).json().spec.replicas).toBe(5);
  });

  it('filters on selectable fields', async () => {
    const r = await get(c, `${CT}?fieldSelector=spec.image=my-cron-image`);
    expect(r.status, r.text).toBe(200);
    expect(r.json().items.map((i: any) => i.metadata.name).sort()).toEqual(['beta', 'first']);
    expect((await get(c, `${CT}?fieldSelector=spec.image=other`)).json().items).toEqual([]);
    expectStatus(await get(c, `${CT}?fieldSelector=spec.cronSpec=x`), 400, 'BadRequest');
  });

  it('is invisible in other workspaces', async () => {
    const ws = await send(c, 'POST', '/apis/tenancy.kcp.io/v1alpha1/workspaces', { apiVersion: 'tenancy.kcp.io/v1alpha1', kind: 'Workspace', metadata: { name: 'other' } });
    expect(ws.status, ws.text).toBe(201);
    for (let i = 0; i < 100; i++) {
      const w = (await get(c, '/apis/tenancy.kcp.io/v1alpha1/workspaces/other')).json();
      if (w.status?.phase === 'Ready') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const other = await c.get(`/clusters/root:other/apis/stable.example.com/v1/crontabs`);
    expect(other.status).toBe(404);
    const groups = (await c.get('/clusters/root:other/apis', { accept: AGGREGATED })).json().items.map((g: any) => g.metadata.name);
    expect(groups).not.toContain('stable.example.com');
  });

  it('deleting the definition deletes its objects first, then the definition', async () => {
    const d = await send(c, 'DELETE', `${CRD}/crontabs.stable.example.com`);
    expect(d.status, d.text).toBe(200);
    expect(d.json().metadata.finalizers).toEqual(['customresourcecleanup.apiextensions.k8s.io']);
    for (let i = 0; i < 100 && (await get(c, `${CRD}/crontabs.stable.example.com`)).status !== 404; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await get(c, `${CRD}/crontabs.stable.example.com`)).status).toBe(404);
    expect((await server.store.list({ cluster: 'root', resource: 'stable.example.com/crontabs' })).items).toEqual([]);
    expect((await get(c, CT)).status).toBe(404);
    const groups = (await get(c, '/apis', { accept: AGGREGATED })).json().items.map((g: any) => g.metadata.name);
    expect(groups).not.toContain('stable.example.com');
  });
});

const GADGET_SCHEMA = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        ports: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, port: { type: 'integer' } } },
        },
        hosts: { type: 'array', items: { type: 'string' } },
        owner: { type: 'string' },
      },
    },
  },
};

function gadgetCRD(name = 'gadgets.example.com', names: Record<string, unknown> = {}): object {
  const [plural, group] = [name.slice(0, name.indexOf('.')), name.slice(name.indexOf('.') + 1)];
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name },
    spec: {
      group,
      scope: 'Cluster',
      names: { plural, singular: plural.replace(/s$/, ''), kind: 'Gadget', shortNames: ['gd'], ...names },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: GADGET_SCHEMA } }],
    },
  };
}

const gadget = (name: string, spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): object => ({ apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name, ...meta }, spec });

describe('custom resources behave like built-in ones', () => {
  let server: TestServer;
  let c: ApiClient;
  const G = '/apis/example.com/v1/gadgets';
  beforeAll(async () => {
    server = await startTestServer();
    c = apiClient(server.baseURL, server.caPem, server.token);
    expect((await send(c, 'POST', CRD, gadgetCRD())).status).toBe(201);
    await waitEstablished(c, 'gadgets.example.com');
  });
  afterAll(async () => {
    await c?.close();
    await server?.stop();
  });

  it('refuses conflicting names: the second definition is not accepted and not served', async () => {
    expect((await send(c, 'POST', CRD, gadgetCRD('widgets.example.com', { shortNames: ['wd'] }))).status).toBe(201);
    let crd: any;
    for (let i = 0; i < 100; i++) {
      crd = (await get(c, `${CRD}/widgets.example.com`)).json();
      if (crd.status?.conditions?.length) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const cond = Object.fromEntries(crd.status.conditions.map((x: any) => [x.type, x]));
    // The last conflicting name is the one reported, as upstream checks them in order.
    expect(cond.NamesAccepted).toMatchObject({ status: 'False', reason: 'ListKindConflict', message: '"GadgetList" is already in use' });
    expect(cond.Established).toMatchObject({ status: 'False', reason: 'NotAccepted' });
    expect((await get(c, '/apis/example.com/v1/widgets')).status).toBe(404);
    // Fixing the kind gets it accepted.
    const fixed = { ...crd, spec: { ...crd.spec, names: { ...crd.spec.names, kind: 'Widget', listKind: 'WidgetList' } } };
    expect((await send(c, 'PUT', `${CRD}/widgets.example.com`, fixed)).status).toBe(200);
    await waitEstablished(c, 'widgets.example.com');
    expect((await get(c, '/apis/example.com/v1/widgets')).status).toBe(200);
  });

  it('a schema change changes the OpenAPI document and its hash', async () => {
    const url = async () => (await get(c, '/openapi/v3')).json().paths['apis/example.com/v1'].serverRelativeURL as string;
    const before = await url();
    const crd = (await get(c, `${CRD}/gadgets.example.com`)).json();
    crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.color = { type: 'string', description: 'The colour.' };
    expect((await send(c, 'PUT', `${CRD}/gadgets.example.com`, crd)).status).toBe(200);
    const after = await url();
    expect(after).not.toBe(before);
    const doc = (await c.get(`/clusters/root${after}`)).json();
    expect(doc.components.schemas['com.example.v1.Gadget'].properties.spec.properties.color).toEqual({ type: 'string', description: 'The colour.' });
  });

  it('server-side apply merges map lists per key and replaces atomic lists', async () => {
    const apply = (manager: string, body: object) =>
      send(c, 'PATCH', `${G}/ssa?fieldManager=${manager}`, body, { 'content-type': 'application/apply-patch+yaml' });
    expect((await apply('a', gadget('ssa', { ports: [{ name: 'http', port: 80 }], hosts: ['a.example.com'] }))).status).toBe(201);
    const r = await apply('b', gadget('ssa', { ports: [{ name: 'https', port: 443 }], hosts: ['b.example.com'] }));
    expect(r.status, r.text).toBe(409);
    expect(r.json().details.causes.map((x: any) => x.field)).toEqual(['.spec.hosts']);
    const forced = await send(c, 'PATCH', `${G}/ssa?fieldManager=b&force=true`, gadget('ssa', { ports: [{ name: 'https', port: 443 }], hosts: ['b.example.com'] }), { 'content-type': 'application/apply-patch+yaml' });
    expect(forced.status, forced.text).toBe(200);
    expect(forced.json().spec.ports).toEqual([{ name: 'http', port: 80 }, { name: 'https', port: 443 }]);
    expect(forced.json().spec.hosts).toEqual(['b.example.com']);
    const managed = forced.json().metadata.managedFields.map((m: any) => [m.manager, Object.keys(m.fieldsV1['f:spec'] ?? {})]);
    expect(managed).toEqual([
      ['a', ['f:ports']],
      ['b', ['f:hosts', 'f:ports']],
    ]);
    expect(forced.json().metadata.managedFields[0].fieldsV1['f:spec']['f:ports']).toEqual({ 'k:{"name":"http"}': { '.': {}, 'f:name': {}, 'f:port': {} } });
  });

  it('watches, label selectors and pages', async () => {
    for (const n of ['p1', 'p2', 'p3']) expect((await send(c, 'POST', G, gadget(n, {}, { labels: { tier: n === 'p2' ? 'back' : 'front' } }))).status).toBe(201);
    const sel = (await get(c, `${G}?labelSelector=tier%3Dfront`)).json();
    expect(sel.items.map((i: any) => i.metadata.name)).toEqual(['p1', 'p3']);
    const page1 = (await get(c, `${G}?limit=2`)).json();
    expect(page1.items).toHaveLength(2);
    const page2 = (await get(c, `${G}?limit=2&continue=${encodeURIComponent(page1.metadata.continue)}`)).json();
    expect([...page1.items, ...page2.items].map((i: any) => i.metadata.name)).toEqual(['p1', 'p2', 'p3', 'ssa']);
    const w = await openWatch(c.agent, `${server.baseURL}${WS}${G}?watch=true&resourceVersion=${page1.metadata.resourceVersion}&labelSelector=tier%3Dback`, server.token);
    expect((await send(c, 'PATCH', `${G}/p2`, { spec: { owner: 'me' } }, { 'content-type': 'application/merge-patch+json' })).status).toBe(200);
    const ev = await w.next();
    expect(ev).toMatchObject({ type: 'MODIFIED', object: { kind: 'Gadget', metadata: { name: 'p2' }, spec: { owner: 'me' } } });
    w.close();
  });

  it('dry run stores nothing; finalizers hold deletion; owner references collect dependents', async () => {
    expect((await send(c, 'POST', `${G}?dryRun=All`, gadget('dry'))).status).toBe(201);
    expect((await get(c, `${G}/dry`)).status).toBe(404);
    expect((await send(c, 'POST', G, gadget('held', {}, { finalizers: ['example.com/hold'] }))).status).toBe(201);
    const del = await send(c, 'DELETE', `${G}/held`);
    expect(del.json().metadata.deletionTimestamp).toBeTruthy();
    expect((await get(c, `${G}/held`)).status).toBe(200);
    expect((await send(c, 'PATCH', `${G}/held`, { metadata: { finalizers: null } }, { 'content-type': 'application/merge-patch+json' })).status).toBe(200);
    expect((await get(c, `${G}/held`)).status).toBe(404);

    const owner = (await send(c, 'POST', G, gadget('owner'))).json();
    await createNamespace(c, 'dep');
    const cm = await send(c, 'POST', '/api/v1/namespaces/dep/configmaps', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'child', ownerReferences: [{ apiVersion: 'example.com/v1', kind: 'Gadget', name: 'owner', uid: owner.metadata.uid }] },
    });
    expect(cm.status).toBe(201);
    expect((await send(c, 'DELETE', `${G}/owner`)).status).toBe(200);
    for (let i = 0; i < 100 && (await get(c, '/api/v1/namespaces/dep/configmaps/child')).status !== 404; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await get(c, '/api/v1/namespaces/dep/configmaps/child')).status).toBe(404);
  });

  it('deleting a definition waits for objects that have finalizers', async () => {
    expect((await send(c, 'POST', G, gadget('last', {}, { finalizers: ['example.com/hold'] }))).status).toBe(201);
    expect((await send(c, 'DELETE', `${CRD}/gadgets.example.com`)).status).toBe(200);
    let crd: any;
    for (let i = 0; i < 100; i++) {
      crd = (await get(c, `${CRD}/gadgets.example.com`)).json();
      if (crd.status.conditions.some((x: any) => x.type === 'Terminating' && x.reason === 'InstanceDeletionCheck')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(crd.status.conditions.find((x: any) => x.type === 'Terminating')).toMatchObject({ status: 'True', reason: 'InstanceDeletionCheck' });
    expectStatus(await send(c, 'POST', G, gadget('late')), 403, 'Forbidden');
    expect((await send(c, 'PATCH', `${G}/last`, { metadata: { finalizers: null } }, { 'content-type': 'application/merge-patch+json' })).status).toBe(200);
    for (let i = 0; i < 100 && (await get(c, `${CRD}/gadgets.example.com`)).status !== 404; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await get(c, `${CRD}/gadgets.example.com`)).status).toBe(404);
  });
});

describe('CEL validation rules on custom resources', () => {
  let server: TestServer;
  let c: ApiClient;
  const R = '/apis/rules.example.com/v1/scalers';
  const scaler = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'rules.example.com/v1', kind: 'Scaler', metadata: { name }, spec });
  beforeAll(async () => {
    server = await startTestServer();
    c = apiClient(server.baseURL, server.caPem, server.token);
    const schema = {
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          'x-kubernetes-validations': [
            { rule: 'self.minReplicas <= self.replicas', message: 'replicas must be at least minReplicas' },
            { rule: 'self.mode == oldSelf.mode', message: 'mode is immutable' },
            { rule: "!has(self.tier) || self.tier in ['gold', 'silver']", messageExpression: "'tier ' + self.tier + ' is not offered'", reason: 'FieldValueForbidden', fieldPath: '.tier' },
          ],
          properties: { replicas: { type: 'integer' }, minReplicas: { type: 'integer' }, mode: { type: 'string' }, tier: { type: 'string', maxLength: 10 } },
        },
      },
    };
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'scalers.rules.example.com' },
      spec: { group: 'rules.example.com', scope: 'Cluster', names: { plural: 'scalers', kind: 'Scaler' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }] },
    };
    const r = await send(c, 'POST', CRD, crd);
    expect(r.status, r.text).toBe(201);
    await waitEstablished(c, 'scalers.rules.example.com');
  });
  afterAll(async () => {
    await c?.close();
    await server?.stop();
  });

  it('refuses a definition whose rule does not compile', async () => {
    const bad = {
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'bads.rules.example.com' },
      spec: {
        group: 'rules.example.com', scope: 'Cluster', names: { plural: 'bads', kind: 'Bad' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', 'x-kubernetes-validations': [{ rule: 'self.nope > 1' }], properties: { size: { type: 'integer' } } } } } } }],
      },
    };
    const s = expectStatus(await send(c, 'POST', CRD, bad), 422, 'Invalid');
    expect(s.message).toContain('spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule: Invalid value:');
    expect(s.message).toContain("compilation failed: ERROR: <input>:1:5: undefined field 'nope'");
  });

  it('evaluates rules with messages, message expressions, reasons and field paths', async () => {
    expect((await send(c, 'POST', R, scaler('ok', { replicas: 3, minReplicas: 2, mode: 'fast' }))).status).toBe(201);
    const low = expectStatus(await send(c, 'POST', R, scaler('low', { replicas: 1, minReplicas: 2, mode: 'fast' })), 422, 'Invalid');
    expect(low.message).toBe('Scaler.rules.example.com "low" is invalid: spec: Invalid value: "object": replicas must be at least minReplicas');
    const tier = expectStatus(await send(c, 'POST', R, scaler('tier', { replicas: 1, minReplicas: 1, tier: 'bronze' })), 422, 'Invalid');
    expect(tier.message).toBe('Scaler.rules.example.com "tier" is invalid: spec.tier: Forbidden: tier bronze is not offered');
  });

  it('evaluates transition rules against the stored object', async () => {
    const r = await send(c, 'PATCH', `${R}/ok`, { spec: { mode: 'slow' } }, { 'content-type': 'application/merge-patch+json' });
    const s = expectStatus(r, 422, 'Invalid');
    expect(s.message).toContain('spec: Invalid value: "object": mode is immutable');
    expect((await send(c, 'PATCH', `${R}/ok`, { spec: { replicas: 5 } }, { 'content-type': 'application/merge-patch+json' })).status).toBe(200);
  });
});
