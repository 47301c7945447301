// Estimated costs from upstream's TestCostEstimation (apiextensions-apiserver
// pkg/apiserver/schema/cel/compilation_test.go): each schema once without bounds ("calc") and once
// with maxItems/maxProperties/maxLength set ("set"). `has()` is free in Kubernetes
// (PresenceTestHasCost(false)), so a presence test costs its operand: 1.

import { describe, expect, it } from 'vitest';
import { declTypeOf } from './declType.js';
import { compileRule } from './ruleCompiler.js';
import { JSONSchema } from './schema.js';

type Gen = (max?: number) => JSONSchema;

const scalar = (t: string): JSONSchema => {
  if (t === 'duration' || t === 'date' || t === 'date-time') return { type: 'string', format: t };
  if (t === 'int-or-string') return { 'x-kubernetes-int-or-string': true };
  return { type: t };
};
const rule = (s: JSONSchema, r: string): JSONSchema => ({ ...s, 'x-kubernetes-validations': [{ rule: r }] });
const arrayOf = (t: string, r: string): Gen => (max) => rule({ type: 'array', items: scalar(t), maxItems: max }, r);
const arrayOfArrays = (t: string, r: string): Gen => (max) => rule({ type: 'array', items: { type: 'array', items: { type: t } }, maxItems: max }, r);
const reqOpt = (): JSONSchema => ({ type: 'object', required: ['required'], properties: { required: { type: 'string' }, optional: { type: 'string' } } });
const objectArray = (r: string): Gen => (max) => rule({ type: 'array', items: reqOpt(), maxItems: max }, r);
const mapArray = (t: string, r: string): Gen => (max) => rule({ type: 'array', items: { type: 'object', additionalProperties: { type: t } }, maxItems: max }, r);
const mapOf = (t: string, r: string): Gen => (max) => rule({ type: 'object', additionalProperties: scalar(t), maxProperties: max }, r);
const mapOfItem = (item: JSONSchema, r: string): Gen => (max) => rule({ type: 'object', additionalProperties: item, maxProperties: max }, r);
const str = (r: string): Gen => (max) => rule({ type: 'string', maxLength: max }, r);
const bytes = (r: string): Gen => (max) => rule({ type: 'string', format: 'byte', maxLength: max }, r);
const nestedSpec = (r: string): Gen => (max) => rule({ type: 'object', additionalProperties: { type: 'string', maxLength: max }, maxProperties: max }, r);
const allMaxNested = (r: string): Gen => (max) =>
  rule({ type: 'array', maxItems: max, items: { type: 'object', maxProperties: max, additionalProperties: { ...reqOpt(), maxProperties: max } } }, r);
const oneMaxNested = (r: string): Gen => (max) => rule({ type: 'array', items: { type: 'object', maxProperties: max, additionalProperties: reqOpt() } }, r);
const strArray = (r: string): Gen => (max) => rule({ type: 'array', maxItems: max, items: { type: 'string', maxLength: max } }, r);

const CASES: [name: string, gen: Gen, calc: number, setMax: number, set: number][] = [
  ['number array with all', arrayOf('number', 'self.all(x, true)'), 4718591, 10, 32],
  ['string array with all', arrayOf('string', 'self.all(x, true)'), 3145727, 20, 62],
  ['boolean array with all', arrayOf('boolean', 'self.all(x, true)'), 1887437, 5, 17],
  ['array of number arrays with all', arrayOfArrays('number', 'self.all(x, true)'), 3145727, 100, 302],
  ['array of objects with all', objectArray('self.all(x, true)'), 555128, 50, 152],
  ['map of numbers with all', mapOf('number', 'self.all(x, true)'), 1348169, 10, 32],
  ['map of numbers with has', mapOf('number', 'has(self.x)'), 0, 100, 0],
  ['string with endsWith', str("self.endsWith('test')"), 2, 30, 2],
  ['map of strings with all', mapOf('string', 'self.all(x, true)'), 1179647, 3, 11],
  ['map of booleans with all', mapOf('boolean', 'self.all(x, true)'), 943718, 100, 302],
  ['string with contains', str("self.contains('test')"), 314574, 10, 5],
  ['string with startsWith', str("self.startsWith('test')"), 2, 15, 2],
  ['concat string', str('size(self + "hello") > size("hello")'), 314578, 4, 7],
  ['index of array with numbers', arrayOf('number', 'self[1] == 0.0'), 2, 5000, 2],
  ['index of array with strings', arrayOf('string', 'self[1] == self[1]'), 314577, 8, 314577],
  ['O(n^2) loop with numbers', arrayOf('number', 'self.all(x, self.all(y, true))'), -1, 10, 352],
  ['O(n^3) loop with numbers', arrayOf('number', 'self.all(x, self.all(y, self.all(z, true)))'), -1, 10, 3552],
  ['regex matches simple', str('self.matches("x")'), 314574, 50, 22],
  ['regex matches empty string', str('"".matches("(((((((((())))))))))[0-9]")'), 7, 10, 7],
  ['regex matches empty regex', str('self.matches("")'), 1, 100, 1],
  ['map of strings with value length', nestedSpec('self.all(x, x.contains(self[x]))'), 2752507, 10, 72],
  ['set array maxLength to zero', arrayOf('number', 'self[3] == 0.0'), 2, 0, 2],
  ['set map maxLength to zero', mapOf('number', 'self["x"] == 0.0'), 2, 0, 2],
  ['set string maxLength to zero', str('self == "x"'), 2, 0, 1],
  ['set bytes maxLength to zero', bytes('self == b"x"'), 2, 0, 1],
  ['set maxLength greater than estimated maxLength', arrayOf('number', 'self.all(x, x == 0.0)'), 6291454, 3 * 1024 * 2048, 25165826],
  ['nested types with root rule with all supporting maxLength', allMaxNested('self.all(x, x["y"].required == "z")'), 7340027, 10, 72],
  ['nested types with root rule with one supporting maxLength', oneMaxNested('self.all(x, x["y"].required == "z")'), 7340027, 10, 7340027],
  ['int-or-string array with all', arrayOf('int-or-string', 'self.all(x, true)'), 4718591, 10, 32],
  ['index of array with int-or-strings', arrayOf('int-or-string', 'self[0] == 5'), 3, 10, 3],
  ['index of array of objects', objectArray('self[0] == null'), 2, 422, 2],
  ['index of array of array of numbers', arrayOfArrays('number', 'self[0][0] == -1.0'), 3, 51, 3],
  ['array of number maps with all', mapArray('number', 'self.all(x, x.y == 25.2)'), 6291452, 12, 74],
  ['index of array of number maps', mapArray('number', 'self[0].x > 2.0'), 4, 3000, 4],
  ['duration array with all', arrayOf('duration', 'self.all(x, true)'), 2359295, 5, 17],
  ['index of duration array', arrayOf('duration', 'self[0].getHours() == 2'), 4, 525, 4],
  ['date array with all', arrayOf('date', 'self.all(x, true)'), 725936, 15, 47],
  ['date-time array with all', arrayOf('date-time', 'self.all(x, true)'), 428963, 25, 77],
  ['map of int-or-strings with all', mapOf('int-or-string', 'self.all(x, true)'), 1348169, 15, 47],
  ['map of objects with all', mapOfItem(reqOpt(), 'self.all(x, true)'), 428963, 20, 62],
  ['map of number maps with all', mapOfItem({ type: 'object', additionalProperties: { type: 'number' } }, 'self.all(x, true)'), 1179647, 10, 32],
  ['map of number arrays with all', mapOfItem({ type: 'array', items: { type: 'number' } }, 'self.all(x, true)'), 1179647, 25, 77],
  ['map of durations with all', mapOf('duration', 'self.all(x, true)'), 1048577, 5, 17],
  ['map of dates with all', mapOf('date', 'self.all(x, true)'), 524288, 10, 32],
  ['map of date-times with all', mapOf('date-time', 'self.all(x, true)'), 349526, 25, 77],
  ['extended library regex find', str("self.find('[0-9]+') == ''"), 629147, 10, 11],
  ['extended library join', strArray("self.join(' ') == 'aa bb'"), 329853068905, 10, 43],
  ['extended library isSorted', strArray('self.isSorted() == true'), 329854432052, 10, 52],
  [
    'extended library replace',
    (max) => rule({ type: 'object', properties: { str: { type: 'string', maxLength: max }, before: { type: 'string', maxLength: 2 }, after: { type: 'string', maxLength: 4 } } }, "self.str.replace(self.before, self.after) == 'does not matter'"),
    629154,
    4,
    12,
  ],
  [
    'extended library split',
    (max) => rule({ type: 'object', properties: { str: { type: 'string', maxLength: max }, separator: { type: 'string', maxLength: max } } }, 'self.str.split(self.separator) == []'),
    629160,
    10,
    22,
  ],
  ['extended library lowerAscii', str("self.lowerAscii() == 'lower!'"), 314575, 10, 6],
  ['check cost of size call', mapOf('integer', 'oldSelf.size() == self.size()'), 5, 10, 5],
  ['check cost of timestamp comparison', mapOf('date-time', 'self["a"] == self["b"]'), 8, 7, 8],
  ['check cost of duration comparison', mapOf('duration', 'self["c"] == self["d"]'), 8, 42, 8],
  ['enums with maxLength equals to the longest possible value', (max) => ({ ...str("self.contains('A')")(max), enum: ['A', 'B', 'C', 'LongValue'] }), 2, 1000, 401],
  ['sets.contains is quadratic (ext/sets.go estimator)', (max) => rule({ type: 'object', properties: { a: { type: 'array', maxItems: max, items: { type: 'integer' } }, b: { type: 'array', maxItems: max, items: { type: 'integer' } } } }, 'sets.contains(self.a, self.b)'), 0, 100, 10005],
  ['IntOrString type with quantity rule', (max) => rule({ 'x-kubernetes-int-or-string': true, maxLength: max }, 'isQuantity(self)'), 314574, 20, 9],
];

function maxCost(schema: JSONSchema): number {
  const decl = declTypeOf(schema, false)!;
  const c = compileRule(schema['x-kubernetes-validations']![0], decl, schema);
  expect(c.error).toBeUndefined();
  return c.maxCost;
}

describe('static cost estimates match upstream', () => {
  for (const [name, gen, calc, setMax, set] of CASES) {
    it(name, () => {
      // As upstream, 0 means "not checked" and -1 "exceeds the per-expression limit".
      if (calc > 0) expect(maxCost(gen())).toBe(calc);
      if (calc < 0) expect(maxCost(gen())).toBeGreaterThan(10_000_000);
      if (set > 0) expect(maxCost(gen(setMax))).toBe(set);
    });
  }
});
