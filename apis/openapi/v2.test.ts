import { describe, expect, it } from 'vitest';
import { Catalogue, builtinCatalogue } from '../catalogue.js';
import { BUILTIN_RESOURCES } from '../resources/index.js';
import { customResourceDefs } from '../crd/served.js';
import { typeRegistry } from '../types/index.js';
import { OPENAPI_V2_PROTOBUF_TYPE, buildSwaggerDoc, openapiV2, openapiV2Format, v2Schema } from './v2.js';

type Json = Record<string, any>;

const DEPLOYMENT = '/apis/apps/v1/namespaces/{namespace}/deployments/{name}';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** Every "$ref" string in a document (a property named "$ref" is not one). */
function refs(o: unknown, out: string[] = []): string[] {
  if (Array.isArray(o)) for (const x of o) refs(x, out);
  else if (o && typeof o === 'object') {
    for (const [k, v] of Object.entries(o)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else if (k === 'properties' && v && typeof v === 'object') for (const p of Object.values(v)) refs(p, out);
      else refs(v, out);
    }
  }
  return out;
}

/**
 * What kubectl ≤1.28 does with every definition (kube-openapi's proto.NewOpenAPIData): one failing
 * definition makes the whole document unusable, so each must parse as a reference to a known
 * model, a kind, a map, an array of exactly one item schema, a primitive or an arbitrary value.
 */
function parseProblems(defs: Json): string[] {
  const problems: string[] = [];
  const visit = (s: Json, path: string): void => {
    if (s.$ref) {
      const name = String(s.$ref).replace(/^#\/definitions\//, '');
      if (!(name in defs)) problems.push(`${path}: unknown model in reference ${s.$ref}`);
      return;
    }
    const types: string[] = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
    if (types.length > 1) return void problems.push(`${path}: definitions with multiple types aren't supported`);
    const t = types[0];
    if (t === undefined || t === 'object') {
      if (s.properties) for (const [n, p] of Object.entries(s.properties)) visit(p as Json, `${path}.${n}`);
      else if (t === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') visit(s.additionalProperties, `${path}[*]`);
      return;
    }
    if (t === 'array') {
      if (!s.items || Array.isArray(s.items)) return void problems.push(`${path}: array should have exactly one sub-item`);
      return visit(s.items, `${path}[]`);
    }
    if (!['string', 'number', 'integer', 'boolean'].includes(t)) problems.push(`${path}: unknown primitive type ${t}`);
  };
  for (const [name, s] of Object.entries(defs)) visit(s as Json, name);
  return problems;
}

describe('OpenAPI v2 document', () => {
  const doc = openapiV2(builtinCatalogue()).document();

  it('is one Swagger 2.0 document for every group-version, with bearer token security', () => {
    expect(doc.swagger).toBe('2.0');
    expect(doc.info).toMatchObject({ title: 'Kubernetes', version: expect.stringMatching(/^v1\./) });
    const prefixes = new Set(Object.keys(doc.paths).map((p) => p.split('/').slice(0, p.startsWith('/api/') ? 3 : 4).join('/')));
    for (const g of builtinCatalogue().groups()) {
      for (const v of g.versions) expect(prefixes).toContain(g.name ? `/apis/${g.name}/${v.version}` : `/api/${v.version}`);
    }
    expect(doc.securityDefinitions.BearerToken).toEqual({ description: 'Bearer Token authentication', type: 'apiKey', name: 'authorization', in: 'header' });
    expect(doc.security).toEqual([{ BearerToken: [] }]);
    expect(Object.keys(doc.paths)).toEqual([...Object.keys(doc.paths)].sort());
    expect(Object.keys(doc.definitions)).toEqual([...Object.keys(doc.definitions)].sort());
  });

  it('the Deployment PATCH carries its GVK, fieldValidation/dryRun/fieldManager/force, the body and every patch type in consumes', () => {
    const item = doc.paths[DEPLOYMENT];
    const patch = item.patch;
    expect(patch['x-kubernetes-action']).toBe('patch');
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(patch.operationId).toBe('patchAppsV1NamespacedDeployment');
    expect(patch.consumes).toEqual([
      'application/apply-patch+yaml',
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/strategic-merge-patch+json',
    ]);
    expect(patch.produces).toEqual(expect.arrayContaining(['application/json', 'application/yaml']));
    const params = patch.parameters as Json[];
    expect(params[0]).toEqual({ name: 'body', in: 'body', required: true, schema: { $ref: `#/definitions/${META}.Patch` } });
    for (const name of ['dryRun', 'fieldManager', 'fieldValidation']) {
      expect(params).toContainEqual(expect.objectContaining({ name, in: 'query', type: 'string', uniqueItems: true }));
    }
    expect(params).toContainEqual(expect.objectContaining({ name: 'force', in: 'query', type: 'boolean' }));
    // No v3 leftovers: no schema wrapper on non-body parameters, no requestBody, no content.
    for (const p of params.filter((x) => x.in !== 'body')) expect(p.schema).toBeUndefined();
    expect(patch.requestBody).toBeUndefined();
    expect(patch.responses['200']).toEqual({ description: 'OK', schema: { $ref: '#/definitions/io.k8s.api.apps.v1.Deployment' } });
    // Path-level parameters: name, namespace, pretty.
    expect(item.parameters.map((p: Json) => `${p.in}:${p.name}`)).toEqual(['path:name', 'path:namespace', 'query:pretty']);
    expect(item.parameters[0]).toMatchObject({ required: true, type: 'string' });
  });

  it('other operations mirror v3: POST and PUT take the object as body, GET lists, and every operation is https', () => {
    const coll = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments'];
    expect(coll.post.consumes).toEqual(['*/*']);
    expect(coll.post.parameters[0]).toEqual({ name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/io.k8s.api.apps.v1.Deployment' } });
    expect(coll.post.parameters).toContainEqual(expect.objectContaining({ name: 'fieldValidation', in: 'query' }));
    expect(coll.get['x-kubernetes-action']).toBe('list');
    expect(coll.get.responses['200'].schema).toEqual({ $ref: '#/definitions/io.k8s.api.apps.v1.DeploymentList' });
    expect(doc.paths[DEPLOYMENT].put.parameters).toContainEqual(expect.objectContaining({ name: 'fieldValidation', in: 'query' }));
    const scale = doc.paths[`${DEPLOYMENT}/scale`];
    expect(scale.patch['x-kubernetes-group-version-kind']).toEqual({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
    for (const item of Object.values(doc.paths) as Json[]) {
      for (const op of ['get', 'put', 'post', 'delete', 'patch'].map((m) => item[m]).filter(Boolean)) {
        expect(op.schemes).toEqual(['https']);
        expect(op['x-kubernetes-group-version-kind']).toBeDefined();
      }
    }
  });

  it('definitions carry kind and list GVKs and the strategic merge extensions', () => {
    const defs = doc.definitions as Json;
    const deployment = defs['io.k8s.api.apps.v1.Deployment'];
    expect(deployment['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    expect(deployment.properties.metadata).toMatchObject({ $ref: `#/definitions/${META}.ObjectMeta` });
    expect(deployment.properties.metadata.allOf).toBeUndefined();
    expect(defs['io.k8s.api.apps.v1.DeploymentList']['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'DeploymentList', version: 'v1' }]);
    const containers = defs['io.k8s.api.core.v1.PodSpec'].properties.containers;
    expect(containers).toMatchObject({ type: 'array', 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge' });
    expect(containers.items).toEqual({ $ref: '#/definitions/io.k8s.api.core.v1.Container' });
    expect(defs['io.k8s.api.apps.v1.DeploymentSpec'].properties.strategy).toMatchObject({ 'x-kubernetes-patch-strategy': 'retainKeys' });
    // Shared meta kinds name every group-version, as kube-apiserver's document does.
    const deleteGVKs = defs[`${META}.DeleteOptions`]['x-kubernetes-group-version-kind'];
    expect(deleteGVKs).toContainEqual({ group: '', kind: 'DeleteOptions', version: 'v1' });
    expect(deleteGVKs).toContainEqual({ group: 'apps', kind: 'DeleteOptions', version: 'v1' });
    // Swagger 2.0 has no oneOf: IntOrString and Quantity are strings, as upstream publishes them.
    expect(defs['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({ type: 'string', format: 'int-or-string' });
    expect(defs['io.k8s.apimachinery.pkg.api.resource.Quantity']).toMatchObject({ type: 'string' });
    expect(defs['io.k8s.apimachinery.pkg.util.intstr.IntOrString'].oneOf).toBeUndefined();
  });

  it('every reference resolves and every definition parses the way kubectl 1.27 parses them', () => {
    const names = new Set(Object.keys(doc.definitions));
    const unresolved = refs(doc).filter((r) => !names.has(r.replace(/^#\/definitions\//, '')));
    expect(unresolved).toEqual([]);
    expect(parseProblems(doc.definitions)).toEqual([]);
  });

  it('custom resources do not advertise strategic merge patch', () => {
    const custom = new Catalogue(
      [
        ...BUILTIN_RESOURCES,
        ...customResourceDefs({
          metadata: { name: 'crontabs.stable.example.com' },
          spec: {
            group: 'stable.example.com', scope: 'Namespaced',
            names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', listKind: 'CronTabList' },
            versions: [{
              name: 'v1', served: true, storage: true,
              schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', nullable: true, properties: { cronSpec: { type: 'string', default: '* * * * */5' } } }, status: { type: 'object', properties: { port: { 'x-kubernetes-int-or-string': true } } } } } },
            }],
          },
          status: { acceptedNames: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', listKind: 'CronTabList' }, conditions: [{ type: 'Established', status: 'True' }] },
        }),
      ],
      typeRegistry(),
    );
    const d = buildSwaggerDoc(custom);
    const patch = d.paths['/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}'].patch;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'stable.example.com', version: 'v1', kind: 'CronTab' });
    expect(patch.consumes).toEqual(['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json']);
    expect(patch.parameters).toContainEqual(expect.objectContaining({ name: 'fieldValidation', in: 'query' }));
    expect(d.paths[DEPLOYMENT].patch.consumes).toContain('application/strategic-merge-patch+json');
    // The definition comes from the schema in its v2 form: a nullable node is untyped, junctors and defaults are gone.
    const crontab = d.definitions['com.example.stable.v1.CronTab'];
    expect(crontab['x-kubernetes-group-version-kind']).toEqual([{ group: 'stable.example.com', kind: 'CronTab', version: 'v1' }]);
    expect(crontab.properties.spec).toEqual({});
    expect(crontab.properties.status.properties.port).toEqual({ 'x-kubernetes-int-or-string': true });
    expect(crontab.properties.metadata).toMatchObject({ $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' });
    expect(d.definitions['com.example.stable.v1.CronTabList'].properties.items.items).toEqual({ $ref: '#/definitions/com.example.stable.v1.CronTab' });
    expect(d.paths['/apis/stable.example.com/v1/namespaces/{namespace}/crontabs'].get.responses['200'].schema).toEqual({ $ref: '#/definitions/com.example.stable.v1.CronTabList' });
    // Built-in definitions are the shared document's.
    expect(d.definitions['io.k8s.api.apps.v1.Deployment']).toBe(openapiV2(builtinCatalogue()).document().definitions['io.k8s.api.apps.v1.Deployment']);
  });

  it('v2Schema rewrites v3 references and unwraps allOf', () => {
    expect(v2Schema({ description: 'd', allOf: [{ $ref: '#/components/schemas/a.B' }], default: {} })).toEqual({ description: 'd', default: {}, $ref: '#/definitions/a.B' });
    expect(v2Schema({ type: 'array', items: { $ref: '#/components/schemas/a.B' } })).toEqual({ type: 'array', items: { $ref: '#/definitions/a.B' } });
    expect(v2Schema({ properties: { $ref: { type: 'string' }, oneOf: { type: 'array', items: { type: 'object' } } } })).toEqual({
      properties: { $ref: { type: 'string' }, oneOf: { type: 'array', items: { type: 'object' } } },
    });
  });
});

describe('OpenAPI v2 serving', () => {
  it('negotiates kubectl’s protobuf Accept, JSON, and nothing else', () => {
    expect(openapiV2Format('application/com.github.proto-openapi.spec.v2@v1.0+protobuf')).toBe('protobuf');
    expect(openapiV2Format('application/com.github.proto-openapi.spec.v2.v1.0+protobuf')).toBe('protobuf');
    expect(openapiV2Format('application/json')).toBe('json');
    expect(openapiV2Format('application/json, */*')).toBe('json');
    expect(openapiV2Format(undefined)).toBe('json');
    expect(openapiV2Format('*/*')).toBe('json');
    expect(openapiV2Format('application/json;q=0.5, application/com.github.proto-openapi.spec.v2@v1.0+protobuf')).toBe('protobuf');
    expect(openapiV2Format('application/yaml')).toBeUndefined();
    expect(openapiV2Format('application/vnd.kubernetes.protobuf')).toBeUndefined();
    expect(openapiV2Format('application/json;q=0')).toBeUndefined();
  });

  it('caches per catalogue; the representations have their own strong ETags', () => {
    const docs = openapiV2(builtinCatalogue());
    expect(openapiV2(builtinCatalogue())).toBe(docs);
    const json = docs.representation('json');
    const pb = docs.representation('protobuf');
    expect(docs.representation('protobuf')).toBe(pb);
    expect(json.contentType).toBe('application/json');
    expect(pb.contentType).toBe(OPENAPI_V2_PROTOBUF_TYPE);
    expect(pb.contentType).toBe('application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
    expect(json.etag).toMatch(/^"[0-9A-F]{128}"$/);
    expect(pb.etag).toMatch(/^"[0-9A-F]{128}"$/);
    expect(pb.etag).not.toBe(json.etag);
    expect(JSON.parse(json.body.toString())).toEqual(docs.document());
    expect(pb.gzip().length).toBeLessThan(pb.body.length);
  });
});
