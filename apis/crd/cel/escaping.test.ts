import { describe, expect, it } from 'vitest';
import { escapeName, unescapeName } from './escaping.js';

describe('property name escaping', () => {
  it('escapes as apiserver/pkg/cel/escaping.go does', () => {
    expect(escapeName('replicas')).toBe('replicas');
    expect(escapeName('namespace')).toBe('__namespace__');
    expect(escapeName('x-y')).toBe('x__dash__y');
    expect(escapeName('a.b/c')).toBe('a__dot__b__slash__c');
    expect(escapeName('a__b')).toBe('a__underscores__b');
    expect(escapeName('a_b')).toBe('a_b');
    expect(escapeName('1x')).toBeUndefined();
    expect(escapeName('a b')).toBeUndefined();
    expect(escapeName('')).toBeUndefined();
  });

  it('unescapes back', () => {
    for (const name of ['replicas', 'namespace', 'x-y', 'a.b/c', 'a__b', 'a___b']) expect(unescapeName(escapeName(name)!)).toBe(name);
    expect(unescapeName('__bogus__')).toBeUndefined();
    expect(unescapeName('x__namespace__')).toBeUndefined();
  });
});
