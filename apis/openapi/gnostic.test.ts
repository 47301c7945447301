import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from '../catalogue.js';
import { decodeDocument, encodeDocument, gnosticType } from './gnostic.js';
import { openapiV2 } from './v2.js';

type Json = Record<string, any>;

const yaml = (a: Json | undefined): unknown => (a ? JSON.parse(a.yaml) : undefined);

/** The decoded vendor extensions as an object (the YAML is JSON text). */
function ext(list: Json[] | undefined): Json {
  return Object.fromEntries((list ?? []).map((e) => [e.name, yaml(e.value)]));
}

/** A decoded gnostic Schema back to JSON, to compare with what was encoded. */
function schemaJson(m: Json): Json {
  const o: Json = {};
  if (m._ref) o.$ref = m._ref;
  for (const [from, to] of [
    ['format', 'format'],
    ['title', 'title'],
    ['description', 'description'],
    ['pattern', 'pattern'],
    ['max_length', 'maxLength'],
    ['min_length', 'minLength'],
    ['maximum', 'maximum'],
    ['minimum', 'minimum'],
    ['unique_items', 'uniqueItems'],
    ['read_only', 'readOnly'],
  ]) {
    if (m[from] !== undefined) o[to] = m[from];
  }
  if (m.default) o.default = yaml(m.default);
  if (m.required) o.required = m.required;
  if (m.enum) o.enum = m.enum.map(yaml);
  if (m.type) o.type = m.type.value.length === 1 ? m.type.value[0] : m.type.value;
  if (m.items) o.items = m.items.schema.length === 1 ? schemaJson(m.items.schema[0]) : m.items.schema.map(schemaJson);
  if (m.additional_properties) o.additionalProperties = m.additional_properties.schema ? schemaJson(m.additional_properties.schema) : m.additional_properties.boolean;
  if (m.all_of) o.allOf = m.all_of.map(schemaJson);
  if (m.properties) o.properties = Object.fromEntries(m.properties.additional_properties.map((p: Json) => [p.name, schemaJson(p.value)]));
  if (m.example) o.example = yaml(m.example);
  Object.assign(o, ext(m.vendor_extension));
  return o;
}

/** A decoded ParametersItem back to JSON. */
function parameterJson(p: Json): Json {
  if (p.json_reference) return { $ref: p.json_reference._ref };
  const body = p.parameter.body_parameter;
  if (body) {
    const { schema, vendor_extension, ...rest } = body;
    return { ...rest, ...(schema ? { schema: schemaJson(schema) } : {}), ...ext(vendor_extension) };
  }
  const nb = p.parameter.non_body_parameter;
  const sub = nb.query_parameter_sub_schema ?? nb.path_parameter_sub_schema ?? nb.header_parameter_sub_schema ?? nb.form_data_parameter_sub_schema;
  const { unique_items, vendor_extension, default: def, enum: en, ...rest } = sub;
  return {
    ...rest,
    ...(unique_items !== undefined ? { uniqueItems: unique_items } : {}),
    ...(def ? { default: yaml(def) } : {}),
    ...(en ? { enum: en.map(yaml) } : {}),
    ...ext(vendor_extension),
  };
}

function operationJson(op: Json): Json {
  const o: Json = {};
  for (const k of ['description', 'consumes', 'produces', 'schemes', 'tags']) if (op[k] !== undefined) o[k] = op[k];
  if (op.operation_id) o.operationId = op.operation_id;
  if (op.parameters) o.parameters = op.parameters.map(parameterJson);
  o.responses = Object.fromEntries(
    op.responses.response_code.map((r: Json) => [r.name, { description: r.value.response.description ?? '', ...(r.value.response.schema ? { schema: schemaJson(r.value.response.schema.schema) } : {}) }]),
  );
  Object.assign(o, ext(op.vendor_extension));
  return o;
}

describe('gnostic openapi.v2 encoding', () => {
  const sample: Json = {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: 'v1.34.0', contact: { name: 'kplane' }, 'x-origin': 'test' },
    paths: {
      '/apis/apps/v1/namespaces/{namespace}/deployments/{name}': {
        parameters: [
          { name: 'name', in: 'path', required: true, type: 'string', uniqueItems: true },
          { name: 'pretty', in: 'query', type: 'string', uniqueItems: true },
        ],
        patch: {
          consumes: ['application/merge-patch+json', 'application/strategic-merge-patch+json'],
          operationId: 'patchAppsV1NamespacedDeployment',
          parameters: [
            { name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/Patch' } },
            { name: 'fieldValidation', in: 'query', type: 'string', uniqueItems: true, enum: ['Ignore', 'Strict'], default: 'Strict' },
            { name: 'X-Trace', in: 'header', type: 'string' },
            { $ref: '#/parameters/shared' },
          ],
          responses: { '200': { description: 'OK', schema: { $ref: '#/definitions/Deployment' } }, '401': { description: 'Unauthorized' } },
          'x-kubernetes-action': 'patch',
          'x-kubernetes-group-version-kind': { group: 'apps', version: 'v1', kind: 'Deployment' },
        },
      },
    },
    definitions: {
      Deployment: {
        type: 'object',
        required: ['spec'],
        properties: {
          containers: { type: 'array', items: { $ref: '#/definitions/Container' }, 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge' },
          labels: { type: 'object', additionalProperties: { type: 'string', default: '' } },
          closed: { type: 'object', additionalProperties: false },
          mode: { type: 'string', enum: ['A', 'B'], default: 'A' },
          replicas: { type: 'integer', format: 'int32', minimum: 0, maxLength: 5 },
          both: { type: ['string', 'null'] },
          meta: { description: 'siblings of $ref are kept', $ref: '#/definitions/Meta' },
          wrapped: { allOf: [{ $ref: '#/definitions/Meta' }], default: {} },
        },
        'x-kubernetes-group-version-kind': [{ group: 'apps', kind: 'Deployment', version: 'v1' }],
      },
    },
    securityDefinitions: { BearerToken: { type: 'apiKey', name: 'authorization', in: 'header', description: 'Bearer' } },
    security: [{ BearerToken: [] }],
  };

  it('encodes to bytes the descriptor decodes, with maps as ordered Named* lists', () => {
    const bytes = encodeDocument(sample);
    const d = decodeDocument(bytes);
    expect(d.swagger).toBe('2.0');
    expect(d.info).toEqual({ title: 'Kubernetes', version: 'v1.34.0', contact: { name: 'kplane' }, vendor_extension: [{ name: 'x-origin', value: { yaml: '"test"' } }] });
    expect(d.paths.path.map((p: Json) => p.name)).toEqual(['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']);
    const item = d.paths.path[0].value;
    expect(item.parameters[0].parameter.non_body_parameter.path_parameter_sub_schema).toEqual({ name: 'name', in: 'path', required: true, type: 'string', unique_items: true });
    const patch = item.patch;
    expect(patch.consumes).toEqual(['application/merge-patch+json', 'application/strategic-merge-patch+json']);
    expect(patch.parameters[0].parameter.body_parameter).toEqual({ name: 'body', in: 'body', required: true, schema: { _ref: '#/definitions/Patch' } });
    const fv = patch.parameters[1].parameter.non_body_parameter.query_parameter_sub_schema;
    expect(fv).toMatchObject({ name: 'fieldValidation', in: 'query', type: 'string', unique_items: true, default: { yaml: '"Strict"' } });
    expect(fv.enum).toEqual([{ yaml: '"Ignore"' }, { yaml: '"Strict"' }]);
    expect(patch.parameters[2].parameter.non_body_parameter.header_parameter_sub_schema).toEqual({ name: 'X-Trace', in: 'header', type: 'string' });
    expect(patch.parameters[3]).toEqual({ json_reference: { _ref: '#/parameters/shared' } });
    expect(patch.responses.response_code.map((r: Json) => r.name)).toEqual(['200', '401']);
    expect(patch.responses.response_code[0].value.response.schema.schema).toEqual({ _ref: '#/definitions/Deployment' });
    expect(ext(patch.vendor_extension)).toEqual({ 'x-kubernetes-action': 'patch', 'x-kubernetes-group-version-kind': { group: 'apps', version: 'v1', kind: 'Deployment' } });

    const dep = d.definitions.additional_properties[0];
    expect(dep.name).toBe('Deployment');
    const props = Object.fromEntries(dep.value.properties.additional_properties.map((p: Json) => [p.name, p.value]));
    expect(props.containers.type).toEqual({ value: ['array'] });
    expect(props.containers.items).toEqual({ schema: [{ _ref: '#/definitions/Container' }] });
    expect(props.labels.additional_properties).toEqual({ schema: { type: { value: ['string'] }, default: { yaml: '""' } } });
    expect(props.closed.additional_properties).toEqual({ boolean: false });
    expect(props.replicas).toMatchObject({ format: 'int32', minimum: 0, max_length: 5 });
    expect(props.both.type).toEqual({ value: ['string', 'null'] });
    expect(props.meta).toEqual({ _ref: '#/definitions/Meta', description: 'siblings of $ref are kept' });
    expect(props.wrapped.all_of).toEqual([{ _ref: '#/definitions/Meta' }]);
    expect(ext(dep.value.vendor_extension)).toEqual({ 'x-kubernetes-group-version-kind': [{ group: 'apps', kind: 'Deployment', version: 'v1' }] });

    expect(d.security_definitions.additional_properties).toEqual([
      { name: 'BearerToken', value: { api_key_security: { type: 'apiKey', name: 'authorization', in: 'header', description: 'Bearer' } } },
    ]);
    expect(d.security).toEqual([{ additional_properties: [{ name: 'BearerToken', value: {} }] }]);
  });

  it('puts the Document fields on the wire under their gnostic numbers', () => {
    const bytes = encodeDocument(sample);
    const r = protobuf.Reader.create(bytes);
    const tags: number[] = [];
    while (r.pos < r.len) {
      const tag = r.uint32();
      tags.push(tag >>> 3);
      expect(tag & 7).toBe(2); // strings and messages: length-delimited
      r.skipType(tag & 7);
    }
    // swagger=1, info=2, paths=8, definitions=9, security=12, security_definitions=13
    expect(tags).toEqual([1, 2, 8, 9, 12, 13]);
    // Schema: _ref=1, type=22, items=23, additional_properties=21, vendor_extension=31.
    const schema = gnosticType('Schema');
    expect(schema.fields._ref.id).toBe(1);
    expect(schema.fields.type.id).toBe(22);
    expect(schema.fields.items.id).toBe(23);
    expect(schema.fields.vendor_extension.id).toBe(31);
    expect(gnosticType('AdditionalPropertiesItem').oneofs.oneof.oneof).toEqual(['schema', 'boolean']);
  });

  it('round-trips the served document: every definition and operation decodes back to its JSON', () => {
    const docs = openapiV2(builtinCatalogue());
    const doc = docs.document();
    const d = decodeDocument(docs.representation('protobuf').body);
    expect(d.swagger).toBe('2.0');
    expect(d.definitions.additional_properties.map((n: Json) => n.name)).toEqual(Object.keys(doc.definitions));
    for (const n of d.definitions.additional_properties) expect(schemaJson(n.value), n.name).toEqual(doc.definitions[n.name]);
    expect(d.paths.path.map((p: Json) => p.name)).toEqual(Object.keys(doc.paths));
    for (const p of d.paths.path) {
      const want = doc.paths[p.name];
      for (const m of ['get', 'put', 'post', 'delete', 'patch']) {
        expect(Boolean(p.value[m]), `${p.name} ${m}`).toBe(Boolean(want[m]));
        if (want[m]) expect(operationJson(p.value[m]), `${m} ${p.name}`).toEqual(want[m]);
      }
      expect((p.value.parameters ?? []).map(parameterJson)).toEqual(want.parameters ?? []);
    }
  });
});
