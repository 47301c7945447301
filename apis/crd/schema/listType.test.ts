import { describe, expect, it } from 'vitest';
import { validateListSetsAndMaps } from './listType.js';
import { toStructural } from './structural.js';
import { texts } from './testing.js';

const check = (field: Record<string, unknown>, value: unknown) => texts(validateListSetsAndMaps('', toStructural({ type: 'object', properties: { field } }), { field: value }));

describe('x-kubernetes-list-type: set', () => {
  const set = (items: Record<string, unknown>) => ({ type: 'array', 'x-kubernetes-list-type': 'set', items });

  it('reports the first repetition of each value once', () => {
    expect(check(set({ type: 'string' }), ['a', 'b', 'a', 'a', 'b'])).toEqual(['field[2]: Duplicate value: "a"', 'field[4]: Duplicate value: "b"']);
    expect(check(set({ type: 'integer' }), [1, 2, 1])).toEqual(['field[2]: Duplicate value: 1']);
  });

  it('tells values of different types apart and compares objects by content', () => {
    expect(check(set({ 'x-kubernetes-int-or-string': true }), [1, '1', true, 'true'])).toEqual([]);
    expect(check(set({ type: 'object', 'x-kubernetes-map-type': 'atomic', 'x-kubernetes-preserve-unknown-fields': true }), [{ a: 1, b: 2 }, { b: 2, a: 1 }])).toEqual([
      'field[1]: Duplicate value: {"a":1,"b":2}',
    ]);
  });
});

describe('x-kubernetes-list-type: map', () => {
  const map = (keys: string[]) => ({
    type: 'array',
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-list-map-keys': keys,
    items: { type: 'object', properties: { name: { type: 'string' }, protocol: { type: 'string' }, port: { type: 'integer' } } },
  });

  it('reports repeated keys with the key as the value', () => {
    expect(check(map(['name']), [{ name: 'a', port: 1 }, { name: 'a', port: 2 }])).toEqual(['field[1]: Duplicate value: {"name":"a"}']);
    expect(check(map(['name']), [{ port: 1 }, { port: 2 }])).toEqual(['field[1]: Duplicate value: {}']);
    expect(check(map(['port', 'protocol']), [{ port: 80, protocol: 'TCP' }, { port: 80, protocol: 'UDP' }, { protocol: 'TCP', port: 80 }])).toEqual([
      'field[2]: Duplicate value: {"port":80,"protocol":"TCP"}',
    ]);
  });

  it('wants objects (or null) as items', () => {
    expect(check(map(['name']), [{ name: 'a' }, 'b', 3])).toEqual(['field[1]: Invalid value: "b": must be an object for an array of list-type map']);
  });

  it('descends into items and map values (map keys as [key])', () => {
    const s = toStructural({
      type: 'object',
      properties: { m: { type: 'object', additionalProperties: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } } } },
    });
    expect(texts(validateListSetsAndMaps('', s, { m: { k: ['x', 'x'] } }))).toEqual(['m[k][1]: Duplicate value: "x"']);
  });
});
