import { describe, expect, it } from 'vitest';
import { canonicalJson, cloneJson, deepEqual, setOwn } from './jsonEqual.js';

describe('deepEqual', () => {
  const cases: [a: unknown, b: unknown, equal: boolean][] = [
    [1, 1, true],
    [1, '1', false],
    [null, null, true],
    [null, {}, false],
    [[], {}, false],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, true],
    [{ a: 1 }, { a: 1, b: undefined }, true],
    [{ a: 1 }, { a: 1, b: null }, false],
    [[1, 2], [2, 1], false],
    [[{ x: [1, { y: 'z' }] }], [{ x: [1, { y: 'z' }] }], true],
    [{ metadata: { labels: { a: 'b' } } }, { metadata: { labels: { a: 'c' } } }, false],
    [{ a: {} }, { a: [] }, false],
    [true, false, false],
  ];
  it.each(cases)('%j vs %j → %s', (a, b, want) => {
    expect(deepEqual(a, b)).toBe(want);
    expect(deepEqual(b, a)).toBe(want);
    expect(canonicalJson(a) === canonicalJson(b)).toBe(want);
  });
});

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: [3, { d: 1, c: 2 }] }, '{"a":[3,{"c":2,"d":1}],"b":1}'],
    ['text', '"text"'],
    [null, 'null'],
    [{ u: undefined, n: null }, '{"n":null}'],
  ])('%j', (v, text) => expect(canonicalJson(v)).toBe(text));
});

describe('cloneJson and setOwn', () => {
  it('copies deeply', () => {
    const v = { a: [{ b: 1 }] };
    const c = cloneJson(v);
    c.a[0].b = 2;
    expect(v.a[0].b).toBe(1);
  });

  it('keeps "__proto__" as an ordinary key', () => {
    const parsed = JSON.parse('{"__proto__":{"x":1}}');
    const c = cloneJson(parsed) as Record<string, unknown>;
    expect(Object.keys(c)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(c)).toBe(Object.prototype);
    const o: Record<string, unknown> = {};
    setOwn(o, '__proto__', 5);
    expect(JSON.stringify(o)).toBe('{"__proto__":5}');
  });
});
