import { describe, expect, it } from 'vitest';
import { validFieldPath } from './fieldPath.js';
import { JSONSchema } from './schema.js';

const schema: JSONSchema = {
  type: 'object',
  properties: {
    spec: { type: 'object', properties: { replicas: { type: 'integer' }, labels: { type: 'object', additionalProperties: { type: 'object', properties: { v: { type: 'string' } } } } } },
    'a.b': { type: 'string' },
  },
};

describe('fieldPath', () => {
  it('normalizes paths of fields and map keys', () => {
    expect(validFieldPath('.spec.replicas', schema)).toEqual({ ok: true, path: 'spec.replicas' });
    expect(validFieldPath(".spec.labels['app.kubernetes.io/name'].v", schema)).toEqual({ ok: true, path: 'spec.labels[app.kubernetes.io/name].v' });
    expect(validFieldPath("['a.b']", schema)).toEqual({ ok: true, path: 'a.b' });
    expect(validFieldPath(".spec.labels['it\\'s']", schema)).toEqual({ ok: true, path: "spec.labels[it's]" });
  });

  it('rejects paths that do not lead into the schema', () => {
    expect(validFieldPath('.spec.nope', schema)).toEqual({ ok: false, error: 'does not refer to a valid field' });
    expect(validFieldPath('spec', schema)).toEqual({ ok: false, error: 'expected [ or . but got: spec' });
    expect(validFieldPath('.spec[replicas]', schema)).toEqual({ ok: false, error: 'expected single quoted string but got replicas' });
    expect(validFieldPath('.spec.', schema)).toEqual({ ok: false, error: 'unexpected end of JSON path' });
    expect(validFieldPath('.spec.replicas.x', schema)).toEqual({ ok: false, error: 'does not refer to a valid field' });
  });
});
