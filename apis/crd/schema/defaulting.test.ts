import { describe, expect, it } from 'vitest';
import { compileSchema } from './compile.js';
import type { JSONSchemaProps } from './jsonSchema.js';

/** Prune then default a copy of `obj`, as the decoder does. */
function decode(schema: JSONSchemaProps, obj: Record<string, unknown>) {
  const c = compileSchema(schema);
  const out = structuredClone(obj);
  c.prune(out);
  c.applyDefaults(out);
  return out;
}

describe('applyDefaults', () => {
  const schema = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        default: {},
        properties: {
          replicas: { type: 'integer', default: 1 },
          strategy: { type: 'object', default: { type: 'Rolling' }, properties: { type: { type: 'string' }, maxSurge: { type: 'integer', default: 25 } } },
          note: { type: 'string', nullable: true, default: 'none' },
          ports: { type: 'array', items: { type: 'object', default: { port: 80 }, properties: { port: { type: 'integer' }, protocol: { type: 'string', default: 'TCP' } } } },
          limits: { type: 'object', additionalProperties: { type: 'string', default: '1' } },
        },
      },
    },
  };

  it('fills absent fields, and defaults inside defaults', () => {
    expect(decode(schema, {})).toEqual({ spec: { replicas: 1, strategy: { type: 'Rolling', maxSurge: 25 }, note: 'none' } });
  });

  it('keeps values that are set, null for nullable fields included', () => {
    expect(decode(schema, { spec: { replicas: 5, note: null, strategy: { type: 'Recreate', maxSurge: 1 } } })).toEqual({
      spec: { replicas: 5, note: null, strategy: { type: 'Recreate', maxSurge: 1 } },
    });
  });

  it('replaces nulls of non-nullable fields with their default', () => {
    expect(decode(schema, { spec: { replicas: null, strategy: null } })).toEqual({ spec: { replicas: 1, strategy: { type: 'Rolling', maxSurge: 25 }, note: 'none' } });
  });

  it('defaults inside array items and additionalProperties values, null ones too', () => {
    expect(decode(schema, { spec: { ports: [{ port: 443 }, null], limits: { cpu: null, memory: '2Gi' } } })).toEqual({
      spec: {
        replicas: 1,
        strategy: { type: 'Rolling', maxSurge: 25 },
        note: 'none',
        ports: [{ port: 443, protocol: 'TCP' }, { port: 80, protocol: 'TCP' }],
        limits: { cpu: '1', memory: '2Gi' },
      },
    });
  });

  it('gives every object its own copy of a default', () => {
    const c = compileSchema(schema);
    const a: Record<string, unknown> = {};
    const b: Record<string, unknown> = {};
    c.applyDefaults(a);
    c.applyDefaults(b);
    (a.spec as Record<string, Record<string, unknown>>).strategy.type = 'changed';
    expect((b.spec as Record<string, Record<string, unknown>>).strategy.type).toBe('Rolling');
    expect(schema.properties.spec.properties.strategy.default).toEqual({ type: 'Rolling' });
  });

  it('applies pruned defaults: compiling prunes them like objects, embedded ObjectMeta included', () => {
    const s = {
      type: 'object',
      properties: {
        settings: { type: 'object', properties: { a: { type: 'string' } }, default: { a: 'x', b: 'unknown' } },
        template: {
          type: 'object',
          'x-kubernetes-embedded-resource': true,
          properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          default: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', unspecified: 'bar' }, spec: { kept: true } },
        },
      },
    };
    expect(decode(s, {})).toEqual({ settings: { a: 'x' }, template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { kept: true } } });
    expect(s.properties.template.default.metadata).toEqual({ name: 'p', unspecified: 'bar' });
  });
});
