import { describe, expect, it } from 'vitest';
import { goJsonMarshal, goQuote, goSprintS, goSprintV, goTypeName } from './goFormat.js';

describe('goSprintV (fmt %v of decoded JSON)', () => {
  it.each([
    [null, '<nil>'],
    ['text', 'text'],
    [80, '80'],
    [1.5, '1.5'],
    [0.00001, '1e-05'],
    [1234567.5, '1.2345675e+06'],
    [true, 'true'],
    [['a', 1], '[a 1]'],
    [{ name: 'x', image: 'nginx' }, 'map[image:nginx name:x]'],
    [{ b: { d: [1] }, a: null }, 'map[a:<nil> b:map[d:[1]]]'],
  ])('%j → %s', (v, s) => expect(goSprintV(v)).toBe(s));
});

describe('goSprintS (fmt %s)', () => {
  it.each([
    ['merge', 'merge'],
    [5, '%!s(int64=5)'],
    [null, '%!s(<nil>)'],
    [true, '%!s(bool=true)'],
  ])('%j → %s', (v, s) => expect(goSprintS(v)).toBe(s));
});

describe('goTypeName', () => {
  it.each([
    [null, '<nil>'],
    [{}, 'map[string]interface {}'],
    [[], '[]interface {}'],
    ['', 'string'],
    [3, 'int64'],
    [3.5, 'float64'],
    [false, 'bool'],
  ])('%j → %s', (v, s) => expect(goTypeName(v)).toBe(s));
});

describe('goQuote (strconv.Quote)', () => {
  it.each([
    ['plain', '"plain"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['tab\there', '"tab\\there"'],
    ['\x00\x7f', '"\\x00\\x7f"'],
    ['café ☃', '"café ☃"'],
    ['\u00a0', '"\\u00a0"'],
  ])('%j → %s', (v, s) => expect(goQuote(v)).toBe(s));
});

describe('goJsonMarshal', () => {
  it.each([
    [['a', 'b'], '["a","b"]'],
    [null, 'null'],
    [{ b: 1, a: '<&>' }, '{"a":"\\u003c\\u0026\\u003e","b":1}'],
  ])('%j → %s', (v, s) => expect(goJsonMarshal(v)).toBe(s));
});
