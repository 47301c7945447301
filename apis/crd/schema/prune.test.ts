import { describe, expect, it } from 'vitest';
import { SchemaCoercionError, compileSchema } from './compile.js';
import type { JSONSchemaProps } from './jsonSchema.js';
import { prune } from './prune.js';
import { toStructural } from './structural.js';
import { texts } from './testing.js';

/** Prunes a copy of `json` (not a resource root) and returns it with the removed paths. */
function pruned(schema: JSONSchemaProps | undefined, json: unknown, isResourceRoot = false) {
  const obj = structuredClone(json);
  const paths = prune(obj, schema && toStructural(schema), isResourceRoot);
  return { obj, paths };
}

describe('prune', () => {
  it('removes object fields the schema does not specify, also in array items', () => {
    const s = { type: 'array', items: { type: 'object', properties: { a: { type: 'integer' }, c: { type: 'integer' } } } };
    expect(pruned(s, [{ a: 1 }, { b: 1 }, { a: 1, b: 2, c: 3 }])).toEqual({ obj: [{ a: 1 }, {}, { a: 1, c: 3 }], paths: ['[1].b', '[2].b'] });
  });

  it('removes every object field where there is no schema, keeping scalars', () => {
    expect(pruned(undefined, [{ a: 1 }, { b: 1 }, 4])).toEqual({ obj: [{}, {}, 4], paths: ['[0].a', '[1].b'] });
  });

  it('reports paths sorted, with [i] for items and .key for map keys', () => {
    const s = {
      type: 'object',
      properties: {
        array: { type: 'array', items: { type: 'object', properties: { a: { type: 'integer' } } } },
        specified: { type: 'object', properties: { a: { type: 'integer' } } },
        map: { type: 'object', additionalProperties: { type: 'object', properties: { keep: { type: 'string' } } } },
      },
    };
    const json = { array: [{ a: 1, b: 1 }], unspecified: { a: 1 }, specified: { a: 1, b: 2 }, map: { 'x.y': { keep: 'k', drop: 1 } } };
    expect(pruned(s, json)).toEqual({
      obj: { array: [{ a: 1 }], specified: { a: 1 }, map: { 'x.y': { keep: 'k' } } },
      paths: ['array[0].b', 'map.x.y.drop', 'specified.b', 'unspecified'],
    });
  });

  it('keeps unknown fields under x-kubernetes-preserve-unknown-fields, but still prunes declared subtrees', () => {
    const s = {
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
      properties: {
        pruning: { type: 'object', properties: { preserving: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } },
        preservingMap: {
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
          // not inherited by the additionalProperties schema
          additionalProperties: { type: 'object', properties: { specified: { type: 'object' } } },
        },
      },
    };
    const json = {
      unspecified: 'bar',
      pruning: { unspecified: 'bar', apiVersion: 'unknown', preserving: { unspecified: 'bar' } },
      preservingMap: { foo: { specified: { unspecified: 'bar' }, unspecified: 'bar' } },
    };
    expect(pruned(s, json)).toEqual({
      obj: { unspecified: 'bar', pruning: { preserving: { unspecified: 'bar' } }, preservingMap: { foo: { specified: {} } } },
      paths: ['preservingMap.foo.specified.unspecified', 'preservingMap.foo.unspecified', 'pruning.apiVersion', 'pruning.unspecified'],
    });
  });

  it('treats additionalProperties: true and false as "any key, no schema below"', () => {
    const s = { type: 'object', properties: { a: { type: 'integer' }, c: { type: 'object', additionalProperties: false } } };
    expect(pruned(s, { a: 1, b: 1, c: { a: 1, b: 2, c: { a: 1, apiVersion: 'x' } } })).toEqual({
      obj: { a: 1, c: { a: 1, b: 2, c: {} } },
      paths: ['b', 'c.c.a', 'c.c.apiVersion'],
    });
  });

  it('leaves apiVersion, kind and metadata of resource roots and embedded resources', () => {
    const s = {
      type: 'object',
      properties: { embedded: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object' } } } },
    };
    const json = { apiVersion: 'v1', kind: 'K', metadata: { name: 'n' }, embedded: { apiVersion: 'v1', kind: 'E', metadata: {}, spec: { x: 1 }, other: 1 }, other: 1 };
    expect(pruned(s, json, true)).toEqual({
      obj: { apiVersion: 'v1', kind: 'K', metadata: { name: 'n' }, embedded: { apiVersion: 'v1', kind: 'E', metadata: {}, spec: {} } },
      paths: ['embedded.other', 'embedded.spec.x', 'other'],
    });
  });

  it('handles data nested far deeper than any schema without recursion', () => {
    let deep: unknown = { leaf: 1 };
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const obj: Record<string, unknown> = { any: deep };
    expect(prune(obj, toStructural({ type: 'object', properties: { any: { type: 'array', items: {} } } }), false)).toHaveLength(1);
  });
});

describe('CompiledSchema.prune', () => {
  const schema = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties: {
          replicas: { type: 'integer' },
          note: { type: 'string', nullable: true },
          size: { type: 'integer', default: 3 },
          template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
          templates: { type: 'object', additionalProperties: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true } },
        },
      },
    },
  };

  it('drops nulls the schema neither allows nor defaults, leaving the others for defaulting', () => {
    const obj: Record<string, unknown> = { spec: { replicas: null, note: null, size: null } };
    expect(compileSchema(schema).prune(obj)).toEqual([]);
    expect(obj).toEqual({ spec: { note: null, size: null } });
  });

  it('coerces embedded ObjectMeta, reporting its unknown fields with field paths', () => {
    const obj: Record<string, unknown> = {
      metadata: { name: 'x', bogus: 1 },
      spec: {
        template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: {}, creationTimestamp: null, unknownField: true, ownerReferences: [{ name: 'o', extra: 1 }] }, spec: { anything: true } },
        templates: { a: { apiVersion: 'v1', kind: 'Pod', metadata: { foo: 1 } } },
      },
    };
    expect(compileSchema(schema).prune(obj)).toEqual([
      'spec.template.metadata.ownerReferences[0].extra',
      'spec.template.metadata.unknownField',
      'spec.templates[a].metadata.foo',
    ]);
    expect(obj).toEqual({
      metadata: { name: 'x', bogus: 1 },
      spec: {
        template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ownerReferences: [{ apiVersion: '', kind: '', name: 'o', uid: '' }] }, spec: { anything: true } },
        templates: { a: { apiVersion: 'v1', kind: 'Pod', metadata: {} } },
      },
    });
  });

  it('decodes the root metadata too when asked, as upstream decoding does', () => {
    const obj: Record<string, unknown> = { metadata: { name: 'x', bogus: 1, generation: 0 }, spec: { other: 1 } };
    expect(compileSchema(schema).prune(obj, { rootMetadata: true })).toEqual(['metadata.bogus', 'spec.other']);
    expect(obj).toEqual({ metadata: { name: 'x' }, spec: {} });
  });

  it('copes with metadata nested far deeper than ObjectMeta', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = { x: deep };
    const obj = { spec: { template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'n', deep } } } };
    expect(compileSchema(schema).prune(obj)).toEqual(['spec.template.metadata.deep']);
    expect(texts(compileSchema(schema).validate({ spec: { template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'n', deep } } } }))).toEqual([]);
  });

  it('fails decoding on malformed embedded TypeMeta or ObjectMeta', () => {
    const attempt = (template: unknown) => () => compileSchema(schema).prune({ spec: { template } });
    expect(attempt({ apiVersion: 5, kind: 'Pod' })).toThrow(SchemaCoercionError);
    expect(attempt({ apiVersion: 5, kind: 'Pod' })).toThrow('spec.template.apiVersion: Invalid value: 5: must be a string');
    expect(attempt({ apiVersion: 'v1', kind: 'Pod', metadata: { labels: { a: 1 } } })).toThrow(
      'spec.template.metadata: Invalid value: {"labels":{"a":1}}: json: cannot unmarshal number into Go struct field ObjectMeta.labels of type string',
    );
    expect(() => compileSchema(schema).prune({ metadata: 'x' }, { rootMetadata: true })).toThrow('json: cannot unmarshal string into Go value of type v1.ObjectMeta');
  });
});
