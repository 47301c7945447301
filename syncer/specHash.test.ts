import { describe, expect, it } from 'vitest';
import { hashJson, stableStringify } from './specHash.js';

describe('spec hash', () => {
  it('does not depend on key order, and does on values', () => {
    expect(stableStringify({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
    expect(hashJson({ a: 1, b: { c: 2 } })).toBe(hashJson({ b: { c: 2 }, a: 1 }));
    expect(hashJson({ a: 1 })).not.toBe(hashJson({ a: 2 }));
    expect(hashJson({ a: 1, u: undefined })).toBe(hashJson({ a: 1 }));
    expect(hashJson({})).toHaveLength(22);
  });
});
