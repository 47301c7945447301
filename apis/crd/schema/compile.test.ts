import { describe, expect, it } from 'vitest';
import { compileSchema } from './compile.js';
import { goFloatV, marshalJson } from './goValues.js';
import { ratchetingOptions } from './ratcheting.js';
import { NonStructuralError } from './structural.js';
import { texts } from './testing.js';
import { validateStructuralSchema } from './validateStructuralSchema.js';

describe('compileSchema', () => {
  it('refuses non-structural and too deep schemas', () => {
    expect(() => compileSchema({ type: 'object', properties: { a: { $ref: '#/x' } } })).toThrow(NonStructuralError);
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 150; i++) deep = { type: 'object', properties: { a: deep } };
    expect(() => compileSchema(deep)).toThrow('schema nested more than 100 levels deep');
  });

  it('keeps the patterns of different schemas apart (ajv shares matchers by their text)', () => {
    const a = compileSchema({ type: 'object', properties: { s: { type: 'string', pattern: '^a$' } } });
    const b = compileSchema({ type: 'object', properties: { s: { type: 'string', pattern: '^b$' } } });
    expect(texts(a.validate({ s: 'a' }))).toEqual([]);
    expect(texts(b.validate({ s: 'b' }))).toEqual([]);
    expect(texts(b.validate({ s: 'a' }))).toEqual(["s: Invalid value: \"a\": s in body should match '^b$'"]);
  });

  it('validates a /status write against properties.status, paths under status', () => {
    const c = compileSchema({
      type: 'object',
      properties: {
        spec: { type: 'object', properties: { num: { type: 'integer', maximum: 10 } } },
        status: { type: 'object', properties: { num: { type: 'integer', maximum: 10 }, tags: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } } } },
      },
    });
    expect(texts(c.validateStatus({ spec: { num: 15 }, status: { num: 15, tags: ['a', 'a'] } }))).toEqual([
      'status.num: Invalid value: 15: num in body should be less than or equal to 10',
      'status.tags[1]: Duplicate value: "a"',
    ]);
    expect(texts(c.validateStatus({ spec: { num: 15 } }))).toEqual([]);
  });
});

describe('ratchetingOptions', () => {
  it('does not tighten rules the stored schemas already break', () => {
    const stored = {
      type: 'object',
      properties: {
        odd: { type: 'foo' },
        set: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'object', properties: { a: { type: 'string' } } } },
      },
    };
    const unpruned = { type: 'object', properties: { u: { type: 'object', properties: { a: { type: 'string' } }, default: { a: 'x', b: 1 } } } };
    expect(ratchetingOptions([stored])).toEqual({ requireValidPropertyType: false, requirePrunedDefaults: true, requireAtomicSetType: false, requireMapListKeysMapSetValidation: true });
    expect(ratchetingOptions([stored, unpruned]).requirePrunedDefaults).toBe(false);
    expect(validateStructuralSchema(stored, 'x', ratchetingOptions([stored]))).toEqual([]);
    expect(validateStructuralSchema(unpruned, 'x', ratchetingOptions([unpruned]))).toEqual([]);
    expect(ratchetingOptions([])).toEqual({ requireValidPropertyType: true, requirePrunedDefaults: true, requireAtomicSetType: true, requireMapListKeysMapSetValidation: true });
  });
});

describe('Go renderings', () => {
  it('marshals like encoding/json, however deep', () => {
    expect(marshalJson({ b: [1, 'x<y', null], a: true })).toBe('{"a":true,"b":[1,"x\\u003cy",null]}');
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(marshalJson(deep)).toHaveLength(200_001);
  });

  it('prints float64 with %v', () => {
    expect([1e6, 123456, 0.5, 1e-5, 10].map(goFloatV)).toEqual(['1e+06', '123456', '0.5', '1e-05', '10']);
  });
});
