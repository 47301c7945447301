import { describe, expect, it } from 'vitest';
import { fnv32a, safeEncode, templateHash } from './templateHash.js';

describe('templateHash', () => {
  it('spells decimal digits in the safe alphabet, as rand.SafeEncodeString does', () => {
    // '0'..'9' are bytes 48..57; modulo 27 they land on "4 5 6 7 8 9 b c d f".
    expect(safeEncode('0123456789')).toBe('456789bcdf');
  });

  it('is FNV-1a 32', () => {
    expect(fnv32a('')).toBe(0x811c9dc5);
    expect(fnv32a('a')).toBe(0xe40c292c);
    expect(fnv32a('foobar')).toBe(0xbf9cf968);
  });

  it('depends on the template only, not on key order, and changes with the collision count', () => {
    const a = templateHash({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } });
    const b = templateHash({ spec: { containers: [{ image: 'nginx', name: 'web' }] }, metadata: { labels: { app: 'web' } } });
    expect(a).toBe(b);
    expect(a).toMatch(/^[456789bcdf]{6,10}$/);
    expect(templateHash({ spec: { containers: [{ name: 'web', image: 'nginx:2' }] } })).not.toBe(a);
    expect(templateHash({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } }, 1)).not.toBe(a);
  });
});
