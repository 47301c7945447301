// Create, read, update, patch and delete as clients rely on them: server-set metadata, optimistic
// concurrency, status subresources, namespace lifecycle, finalizers, preconditions, dry run,
// field validation, and the request/response encodings (protobuf, YAML, Table).

import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinCatalogue } from '../../apis/catalogue.js';
import { encodeEnvelope, protobufType } from '../../apis/codec/protobuf.js';
import { ApiClient, apiClient } from '../support/http.js';
import { WS, configMap, createConfigMap, createNamespace, currentRV, deployment, expectStatus, get, send } from '../support/kube.js';
import { startTestServer, TestServer } from '../support/server.js';
import { openWatch } from '../support/watch.js';

const NS = 'crud';
const CM = `/api/v1/namespaces/${NS}/configmaps`;
const DEPLOY = `/apis/apps/v1/namespaces/${NS}/deployments`;
const MERGE = { 'content-type': 'application/merge-patch+json' };
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

describe('create, get, update, patch, delete', () => {
  let server: TestServer;
  let c: ApiClient;
  let h2: ApiClient;
  beforeAll(async () => {
    server = await startTestServer();
    c = apiClient(server.baseURL, server.caPem, server.token);
    h2 = apiClient(server.baseURL, server.caPem, server.token, { http2: true });
    await createNamespace(c, NS);
  });
  afterAll(async () => {
    await c?.close();
    await h2?.close();
    await server?.stop();
  });

  const watchFrom = (rv: string, path = CM) => openWatch(c.agent, `${server.baseURL}${WS}${path}?watch=true&resourceVersion=${rv}`, server.token);

  describe('create and get', () => {
    it('create answers 201 with uid, creationTimestamp and resourceVersion; get returns the same object', async () => {
      const r = await send(h2, 'POST', CM, configMap('created', { data: { a: '1' } }));
      expect(r.status).toBe(201);
      const cm = r.json();
      expect(cm).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'created', namespace: NS }, data: { a: '1' } });
      expect(cm.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
      expect(cm.metadata.creationTimestamp).toMatch(RFC3339);
      expect(cm.metadata.resourceVersion).toMatch(/^\d+$/);
      expect(cm.metadata.generation).toBeUndefined();
      const g = await get(h2, `${CM}/created`);
      expect(g.status).toBe(200);
      expect(g.json()).toEqual(cm);
    });

    it('deployments start at generation 1 and get their defaults', async () => {
      const r = await send(c, 'POST', DEPLOY, deployment('gen'));
      expect(r.status).toBe(201);
      const d = r.json();
      expect(d.metadata.generation).toBe(1);
      expect(d.spec.strategy.type).toBe('RollingUpdate');
      expect(d.spec.template.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
    });

    it('generateName gets a random suffix', async () => {
      const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'gen-' } };
      const a = (await send(c, 'POST', CM, body)).json();
      const b = (await send(c, 'POST', CM, body)).json();
      expect(a.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
      expect(a.metadata.generateName).toBe('gen-');
      expect(b.metadata.name).not.toBe(a.metadata.name);
    });

    it('a second create is 409 AlreadyExists; a missing object is 404 NotFound with details', async () => {
      const dup = expectStatus(await send(c, 'POST', CM, configMap('created')), 409, 'AlreadyExists');
      expect(dup.message).toBe('configmaps "created" already exists');
      expect(dup.details).toEqual({ name: 'created', kind: 'configmaps' });
      const missing = expectStatus(await get(c, `${CM}/nope`), 404, 'NotFound');
      expect(missing.message).toBe('configmaps "nope" not found');
      const missingDeploy = expectStatus(await get(c, `${DEPLOY}/nope`), 404, 'NotFound');
      expect(missingDeploy.message).toBe('deployments.apps "nope" not found');
      expect(missingDeploy.details).toEqual({ name: 'nope', group: 'apps', kind: 'deployments' });
    });

    it('the namespace must exist', async () => {
      const s = expectStatus(await send(c, 'POST', '/api/v1/namespaces/ghost/configmaps', configMap('x')), 404, 'NotFound');
      expect(s.message).toBe('namespaces "ghost" not found');
      expect(s.details).toEqual({ name: 'ghost', kind: 'namespaces' });
    });

    it('a body naming another namespace than the URL is 400', async () => {
      const s = expectStatus(await send(c, 'POST', CM, configMap('elsewhere', { namespace: 'default' })), 400, 'BadRequest');
      expect(s.message).toBe('the namespace of the provided object does not match the namespace sent on the request');
    });
  });

  describe('update', () => {
    it('a stale resourceVersion is 409 Conflict with the upstream message', async () => {
      const cm = await createConfigMap(c, NS, 'stale');
      const ok = await send(c, 'PUT', `${CM}/stale`, { ...cm, data: { k: 'v2' } });
      expect(ok.status).toBe(200);
      expect(Number(ok.json().metadata.resourceVersion)).toBeGreaterThan(Number(cm.metadata.resourceVersion));
      const s = expectStatus(await send(c, 'PUT', `${CM}/stale`, { ...cm, data: { k: 'v3' } }), 409, 'Conflict');
      expect(s.message).toBe('Operation cannot be fulfilled on configmaps "stale": the object has been modified; please apply your changes to the latest version and try again');
      expect(s.details).toEqual({ name: 'stale', kind: 'configmaps' });
      expect((await get(c, `${CM}/stale`)).json().data).toEqual({ k: 'v2' });
    });

    it('an update without resourceVersion is unconditional', async () => {
      await createConfigMap(c, NS, 'uncond');
      const r = await send(c, 'PUT', `${CM}/uncond`, configMap('uncond', { data: { k: 'forced' } }));
      expect(r.status).toBe(200);
      expect(r.json().data).toEqual({ k: 'forced' });
    });

    it('a no-op update or patch does not bump resourceVersion', async () => {
      const cm = await createConfigMap(c, NS, 'noop', { labels: { a: 'b' } });
      const put = await send(c, 'PUT', `${CM}/noop`, cm);
      expect(put.status).toBe(200);
      expect(put.json().metadata.resourceVersion).toBe(cm.metadata.resourceVersion);
      const patch = await send(c, 'PATCH', `${CM}/noop`, { metadata: { labels: { a: 'b' } } }, MERGE);
      expect(patch.status).toBe(200);
      expect(patch.json().metadata.resourceVersion).toBe(cm.metadata.resourceVersion);
      const empty = await send(c, 'PATCH', `${CM}/noop`, {}, { 'content-type': 'application/strategic-merge-patch+json' });
      expect(empty.json().metadata.resourceVersion).toBe(cm.metadata.resourceVersion);
      expect((await get(c, `${CM}/noop`)).json()).toEqual(cm);
    });

    it('a patch carrying an old resourceVersion is a precondition: 409', async () => {
      const cm = await createConfigMap(c, NS, 'patchrv');
      await send(c, 'PATCH', `${CM}/patchrv`, { data: { k: 'new' } }, MERGE);
      const s = expectStatus(await send(c, 'PATCH', `${CM}/patchrv`, { metadata: { resourceVersion: cm.metadata.resourceVersion }, data: { k: 'x' } }, MERGE), 409, 'Conflict');
      expect(s.message).toMatch(/the object has been modified/);
    });

    it('main-resource writes ignore status and /status writes ignore spec (deployments)', async () => {
      const created = (await send(c, 'POST', DEPLOY, { ...deployment('sub'), status: { replicas: 9 } })).json();
      expect(created.status?.replicas).toBeUndefined();

      // The main resource: spec changes bump generation, status is kept from storage.
      const main = await send(c, 'PUT', `${DEPLOY}/sub`, { ...created, spec: { ...created.spec, replicas: 3 }, status: { replicas: 7 } });
      expect(main.status).toBe(200);
      const afterMain = main.json();
      expect(afterMain.spec.replicas).toBe(3);
      expect(afterMain.status?.replicas).toBeUndefined();
      expect(afterMain.metadata.generation).toBe(2);

      // /status: status changes, spec changes are dropped, generation stays.
      const st = await send(c, 'PUT', `${DEPLOY}/sub/status`, { ...afterMain, spec: { ...afterMain.spec, replicas: 5 }, status: { replicas: 3, observedGeneration: 2 } });
      expect(st.status).toBe(200);
      const afterStatus = st.json();
      expect(afterStatus.spec.replicas).toBe(3);
      expect(afterStatus.status).toMatchObject({ replicas: 3, observedGeneration: 2 });
      expect(afterStatus.metadata.generation).toBe(2);

      const sp = await send(c, 'PATCH', `${DEPLOY}/sub/status`, { spec: { replicas: 1 }, status: { readyReplicas: 2 } }, MERGE);
      expect(sp.status).toBe(200);
      expect(sp.json().spec.replicas).toBe(3);
      expect(sp.json().status).toMatchObject({ replicas: 3, readyReplicas: 2 });

      const mp = await send(c, 'PATCH', `${DEPLOY}/sub`, { status: { replicas: 0 }, metadata: { labels: { x: 'y' } } }, MERGE);
      expect(mp.json().status.replicas).toBe(3);
      expect(mp.json().metadata.labels.x).toBe('y');
      expect(mp.json().metadata.generation).toBe(2);
    });
  });

  describe('namespaces and finalizers', () => {
    it('DELETE of an object with a finalizer sets deletionTimestamp; removing the finalizer deletes it', async () => {
      const cm = await createConfigMap(c, NS, 'held', { finalizers: ['example.com/hold'] });
      const w = await watchFrom(cm.metadata.resourceVersion);
      try {
        const del = await send(c, 'DELETE', `${CM}/held`, { propagationPolicy: 'Background' });
        expect(del.status).toBe(200);
        const pending = del.json();
        expect(pending.kind).toBe('ConfigMap');
        expect(pending.metadata.deletionTimestamp).toMatch(RFC3339);
        expect(pending.metadata.finalizers).toEqual(['example.com/hold']);
        expect((await get(c, `${CM}/held`)).status).toBe(200);
        // A second delete leaves it as it is.
        const again = await send(c, 'DELETE', `${CM}/held`);
        expect(again.status).toBe(200);
        expect(again.json().metadata.resourceVersion).toBe(pending.metadata.resourceVersion);

        const mod = await w.next();
        expect(mod?.type).toBe('MODIFIED');
        expect(mod?.object.metadata.deletionTimestamp).toBeDefined();

        const release = await send(c, 'PATCH', `${CM}/held`, { metadata: { finalizers: null } }, MERGE);
        expect(release.status).toBe(200);
        expectStatus(await get(c, `${CM}/held`), 404, 'NotFound');
        const gone = await w.next();
        expect(gone?.type).toBe('DELETED');
        expect(gone?.object.metadata.name).toBe('held');
        expect(gone?.object.metadata.uid).toBe(cm.metadata.uid);
      } finally {
        w.close();
      }
    });

    it('a terminating namespace refuses new content with 403 NamespaceTerminating, then goes away', async () => {
      await createNamespace(c, 'doomed');
      await createConfigMap(c, 'doomed', 'pin', { finalizers: ['example.com/hold'] });
      const del = await send(c, 'DELETE', '/api/v1/namespaces/doomed');
      expect(del.status).toBe(200);
      expect(del.json()).toMatchObject({ kind: 'Namespace', status: { phase: 'Terminating' } });
      expect(del.json().metadata.deletionTimestamp).toBeDefined();

      const s = expectStatus(await send(c, 'POST', '/api/v1/namespaces/doomed/configmaps', configMap('late')), 403, 'Forbidden');
      expect(s.message).toBe('configmaps "late" is forbidden: unable to create new content in namespace doomed because it is being terminated');
      expect(s.details.causes).toEqual([{ reason: 'NamespaceTerminating', message: 'namespace doomed is being terminated', field: 'metadata.namespace' }]);

      // The namespace controller deletes the content; the finalizer holds it until released.
      await expect.poll(async () => (await get(c, '/api/v1/namespaces/doomed/configmaps/pin')).json().metadata?.deletionTimestamp, { timeout: 5000 }).toBeDefined();
      await send(c, 'PATCH', '/api/v1/namespaces/doomed/configmaps/pin', { metadata: { finalizers: null } }, MERGE);
      await expect.poll(async () => (await get(c, '/api/v1/namespaces/doomed')).status, { timeout: 10_000, interval: 200 }).toBe(404);
    });

    it('delete preconditions: a uid or resourceVersion mismatch is 409; a match deletes', async () => {
      const cm = await createConfigMap(c, NS, 'precond');
      const uid = expectStatus(await send(c, 'DELETE', `${CM}/precond`, { preconditions: { uid: 'not-the-uid' } }), 409, 'Conflict');
      expect(uid.message).toBe(`Operation cannot be fulfilled on configmaps "precond": Precondition failed: UID in precondition: not-the-uid, UID in object meta: ${cm.metadata.uid}`);
      const rv = expectStatus(await send(c, 'DELETE', `${CM}/precond`, { preconditions: { resourceVersion: '1' } }), 409, 'Conflict');
      expect(rv.message).toMatch(/Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in object meta: \d+/);
      expect((await get(c, `${CM}/precond`)).status).toBe(200);

      const ok = await send(c, 'DELETE', `${CM}/precond`, { preconditions: { uid: cm.metadata.uid, resourceVersion: cm.metadata.resourceVersion } });
      expect(ok.status).toBe(200);
      expect(ok.json()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: 'precond', group: '', kind: 'configmaps', uid: cm.metadata.uid } });
      expectStatus(await get(c, `${CM}/precond`), 404, 'NotFound');
    });

    it('deletecollection deletes only what the label selector matches', async () => {
      await createNamespace(c, 'sweep');
      for (const [name, tier] of [['a', 'web'], ['b', 'web'], ['c', 'db']]) await createConfigMap(c, 'sweep', name, { labels: { tier } });
      const r = await send(c, 'DELETE', '/api/v1/namespaces/sweep/configmaps?labelSelector=tier%3Dweb');
      expect(r.status).toBe(200);
      const left = (await get(c, '/api/v1/namespaces/sweep/configmaps')).json().items.map((i: any) => i.metadata.name);
      expect(left).toEqual(['c']);
    });
  });

  describe('dry run', () => {
    it('dryRun=All on create, update, patch and delete stores nothing and emits no watch event', async () => {
      const cm = await createConfigMap(c, NS, 'dry', { data: { k: 'orig' } });
      const w = await watchFrom(await currentRV(c));
      try {
        const cr = await send(c, 'POST', `${CM}?dryRun=All`, configMap('dry-new'));
        expect(cr.status).toBe(201);
        expect(cr.json().metadata.name).toBe('dry-new');
        expect(cr.json().metadata.uid).toBeDefined();
        expect(cr.json().metadata.creationTimestamp).toBeDefined();
        expectStatus(await get(c, `${CM}/dry-new`), 404, 'NotFound');

        const up = await send(c, 'PUT', `${CM}/dry?dryRun=All`, { ...cm, data: { k: 'put' } });
        expect(up.status).toBe(200);
        expect(up.json().data).toEqual({ k: 'put' });
        const pa = await send(c, 'PATCH', `${CM}/dry?dryRun=All`, { data: { k: 'patched' } }, MERGE);
        expect(pa.status).toBe(200);
        expect(pa.json().data).toEqual({ k: 'patched' });
        const de = await send(c, 'DELETE', `${CM}/dry`, { propagationPolicy: 'Background', dryRun: ['All'] });
        expect(de.status).toBe(200);
        expect(de.json()).toMatchObject({ kind: 'Status', status: 'Success' });
        expect((await get(c, `${CM}/dry`)).json()).toEqual(cm);

        // Invalid dry-run values are rejected.
        expectStatus(await send(c, 'POST', `${CM}?dryRun=Yes`, configMap('dry-bad')), 400, 'BadRequest');

        // The first event the watch sees is the real write that follows.
        await send(c, 'PATCH', `${CM}/dry`, { data: { k: 'real' } }, MERGE);
        const ev = await w.next();
        expect(ev?.type).toBe('MODIFIED');
        expect(ev?.object.data).toEqual({ k: 'real' });
      } finally {
        w.close();
      }
    });
  });

  describe('field validation', () => {
    const body = { ...configMap('fv'), spec: { replicas: 1 } };

    it('Strict rejects unknown fields with 400 and the strict decoding error', async () => {
      const s = expectStatus(await send(c, 'POST', `${CM}?fieldValidation=Strict`, body), 400, 'BadRequest');
      expect(s.message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "spec"');
      expectStatus(await get(c, `${CM}/fv`), 404, 'NotFound');
    });

    it('Warn accepts, drops the field and sends a Warning: 299 header (also the default)', async () => {
      for (const [name, q] of [['fv-warn', '?fieldValidation=Warn'], ['fv-default', '']]) {
        const r = await send(c, 'POST', `${CM}${q}`, { ...body, metadata: { name } });
        expect(r.status).toBe(201);
        expect(r.headers.warning).toBe('299 - "unknown field \\"spec\\""');
        expect(r.json().spec).toBeUndefined();
      }
    });

    it('Ignore accepts silently', async () => {
      const r = await send(c, 'POST', `${CM}?fieldValidation=Ignore`, { ...body, metadata: { name: 'fv-ignore' } });
      expect(r.status).toBe(201);
      expect(r.headers.warning).toBeUndefined();
      expect(r.json().spec).toBeUndefined();
    });

    it('Strict applies to update too, and an unknown fieldValidation value is 400', async () => {
      const cm = (await get(c, `${CM}/fv-ignore`)).json();
      const s = expectStatus(await send(c, 'PUT', `${CM}/fv-ignore?fieldValidation=Strict`, { ...cm, bogus: true }), 400, 'BadRequest');
      expect(s.message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "bogus"');
      expectStatus(await send(c, 'POST', `${CM}?fieldValidation=Loud`, configMap('fv-x')), 400, 'BadRequest');
    });
  });

  describe('encodings', () => {
    it('a protobuf request body creates a ConfigMap (kubectl 1.32+ typed clients)', async () => {
      const types = builtinCatalogue().types;
      const t = protobufType(types, 'core/v1:ConfigMap');
      const raw = t.encode(t.fromObject({ metadata: { name: 'from-proto', namespace: '', labels: { via: 'protobuf' } }, data: { key: 'value' } })).finish();
      const body = encodeEnvelope(types, 'v1', 'ConfigMap', raw);
      const r = await h2.request('POST', `${WS}${CM}?fieldManager=kubectl-create&fieldValidation=Strict`, {
        body,
        headers: { 'content-type': 'application/vnd.kubernetes.protobuf', accept: 'application/vnd.kubernetes.protobuf,application/json' },
      });
      expect(r.status, r.text).toBe(201);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.json()).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'from-proto', namespace: NS, labels: { via: 'protobuf' } }, data: { key: 'value' } });
    });

    it('YAML request bodies are decoded', async () => {
      const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  enabled: "true"\n  port: "8080"\n';
      const r = await send(c, 'POST', CM, yaml, { 'content-type': 'application/yaml' });
      expect(r.status, r.text).toBe(201);
      expect(r.json().data).toEqual({ enabled: 'true', port: '8080' });
    });

    it('YAML responses for Accept: application/yaml', async () => {
      const json = (await get(c, `${CM}/from-yaml`)).json();
      const r = await get(c, `${CM}/from-yaml`, { accept: 'application/yaml' });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/yaml');
      expect(YAML.parse(r.text)).toEqual(json);
      const list = await get(c, CM, { accept: 'application/yaml' });
      expect(YAML.parse(list.text)).toMatchObject({ kind: 'ConfigMapList', apiVersion: 'v1' });
    });

    it('Table responses: column definitions, rows, and row objects per includeObject', async () => {
      await createConfigMap(c, NS, 'tbl', { labels: { shown: 'yes' }, data: { a: '1', b: '2' } });
      const r = await get(h2, `${CM}?labelSelector=shown%3Dyes`, { accept: TABLE });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/json;as=Table;v=v1;g=meta.k8s.io');
      const table = r.json();
      expect(table).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
      expect(table.metadata.resourceVersion).toMatch(/^\d+$/);
      expect(table.columnDefinitions.map((d: any) => d.name)).toEqual(['Name', 'Data', 'Age']);
      expect(table.columnDefinitions[0]).toMatchObject({ type: 'string', format: 'name', priority: 0 });
      expect(table.rows).toHaveLength(1);
      expect(table.rows[0].cells.slice(0, 2)).toEqual(['tbl', 2]);
      expect(table.rows[0].cells[2]).toMatch(/^\d+s$/);
      expect(table.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'tbl', namespace: NS, labels: { shown: 'yes' } } });

      const full = (await get(c, `${CM}?labelSelector=shown%3Dyes&includeObject=Object`, { accept: TABLE })).json();
      expect(full.rows[0].object).toMatchObject({ kind: 'ConfigMap', apiVersion: 'v1', data: { a: '1', b: '2' } });
      const none = (await get(c, `${CM}?labelSelector=shown%3Dyes&includeObject=None`, { accept: TABLE })).json();
      expect(none.rows[0].object).toBeUndefined();

      // A single object as a Table, and a Deployment's own columns.
      const one = (await get(c, `${CM}/tbl`, { accept: TABLE })).json();
      expect(one.rows.map((x: any) => x.cells[0])).toEqual(['tbl']);
      const deploys = (await get(c, DEPLOY, { accept: TABLE })).json();
      expect(deploys.columnDefinitions.map((d: any) => d.name)).toEqual(expect.arrayContaining(['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']));
      expect(deploys.columnDefinitions.find((d: any) => d.name === 'Containers').priority).toBe(1);
    });
  });
});
