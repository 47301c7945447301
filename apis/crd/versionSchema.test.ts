import { describe, expect, it } from 'vitest';
import { fieldErrorText } from '../errors.js';
import { versionSchema } from './versionSchema.js';

const SCHEMA = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        name: { type: 'string', maxLength: 5 },
        replicas: { type: 'integer', maximum: 10, default: 1 },
        ports: { type: 'array', items: { type: 'object', properties: { port: { type: 'integer', minimum: 1 } } } },
      },
      'x-kubernetes-validations': [{ rule: 'self.replicas >= 1', message: 'need a replica' }],
    },
  },
};

describe('versionSchema', () => {
  it('prunes, defaults and validates a custom object', () => {
    const vs = versionSchema(SCHEMA);
    const obj: any = { apiVersion: 'x.io/v1', kind: 'X', metadata: { name: 'a' }, spec: { name: 'abc', extra: true } };
    expect(vs.decode(obj)).toEqual(['spec.extra']);
    expect(obj.spec).toEqual({ name: 'abc', replicas: 1 });
    expect(vs.validate(obj, undefined)).toEqual([]);
    obj.spec.replicas = 0;
    expect(vs.validate(obj, undefined).map(fieldErrorText)).toEqual(['spec: Invalid value: "object": need a replica']);
  });

  it('is shared between definitions with the same schema', () => {
    expect(versionSchema(structuredClone(SCHEMA))).toBe(versionSchema(SCHEMA));
  });

  it('ratchets: an update may keep a value that is invalid under the current schema, but not change into one', () => {
    const vs = versionSchema(SCHEMA);
    const old = { spec: { name: 'too-long', replicas: 3, ports: [{ port: 0 }] } };
    const same = structuredClone(old);
    expect(vs.validate(same, old)).toEqual([]);
    const changed = { spec: { name: 'longer!', replicas: 3, ports: [{ port: -1 }] } };
    expect(vs.validate(changed, old).map(fieldErrorText)).toEqual([
      'spec.name: Too long: may not be more than 5 bytes',
      'spec.ports[0].port: Invalid value: -1: spec.ports[0].port in body should be greater than or equal to 1',
    ]);
    expect(vs.validate(same, undefined)).toHaveLength(2);
  });
});
