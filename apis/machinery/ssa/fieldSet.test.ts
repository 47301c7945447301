import { describe, expect, it } from 'vitest';
import { FieldSet } from './fieldSet.js';
import { Path, keyElement, path, pathString } from './pathElement.js';

const p = (s: string): Path => path(...s.split('.'));
const set = (...paths: string[]): FieldSet => FieldSet.of(...paths.map(p));
const list = (s: FieldSet): string[] => s.paths().map(pathString);

describe('FieldSet operations', () => {
  const cases: [string, (a: FieldSet, b: FieldSet) => FieldSet, string[], string[], string[]][] = [
    ['union', (a, b) => a.union(b), ['a', 'b.c'], ['b.d', 'e'], ['.a', '.e', '.b.c', '.b.d']],
    ['intersection', (a, b) => a.intersection(b), ['a', 'b.c', 'b.d'], ['b.d', 'a.x'], ['.b.d']],
    ['intersection keeps no empty parents', (a, b) => a.intersection(b), ['b.c'], ['b.d'], []],
    ['difference of leaves', (a, b) => a.difference(b), ['a', 'b.c', 'b.d'], ['b.c'], ['.a', '.b.d']],
    ['difference: parent minus child is the parent', (a, b) => a.difference(b), ['b', 'b.c'], ['b.c'], ['.b']],
    ['difference: child minus parent is the child', (a, b) => a.difference(b), ['b.c'], ['b'], ['.b.c']],
    ['recursive difference removes everything below', (a, b) => a.recursiveDifference(b), ['b.c', 'b.d.e', 'f'], ['b'], ['.f']],
    ['recursive difference of deeper members', (a, b) => a.recursiveDifference(b), ['b.c.x', 'b.d'], ['b.c'], ['.b.d']],
    ['restrictTo keeps what lies under the prefixes', (a, b) => a.restrictTo(b), ['status.phase', 'spec.x', 'status'], ['status'], ['.status', '.status.phase']],
    ['restrictTo a deeper prefix', (a, b) => a.restrictTo(b), ['metadata.labels.a', 'metadata.annotations.b'], ['metadata.labels'], ['.metadata.labels.a']],
  ];
  it.each(cases)('%s', (_, op, a, b, want) => {
    expect(list(op(set(...a), set(...b)))).toEqual(want);
  });

  it('iterates members of a level before its children, in element order', () => {
    const s = set('spec.template.x', 'spec.replicas', 'data.b', 'data.a');
    expect(list(s)).toEqual(['.data.a', '.data.b', '.spec.replicas', '.spec.template.x']);
  });

  it('answers has, withPrefix, size and equals', () => {
    const k = keyElement({ name: 'a' });
    const s = FieldSet.of(path('c', k), path('c', k, 'image'));
    expect(s.has(path('c', k))).toBe(true);
    expect(s.has(path('c'))).toBe(false);
    expect(s.has([])).toBe(false);
    expect(list(s.withPrefix(path('c')[0]))).toEqual(['[name="a"]', '[name="a"].image']);
    expect(s.size()).toBe(2);
    expect(s.equals(FieldSet.of(path('c', k, 'image'), path('c', keyElement({ name: 'a' }))))).toBe(true);
    expect(s.equals(FieldSet.of(path('c', k)))).toBe(false);
  });
});
