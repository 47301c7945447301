// Cost and size ranges as cel-go's checker computes them (uint64 arithmetic that saturates at
// MaxUint64), kept in JS numbers: estimates are compared with limits around 1e7-1e8, far inside
// the range where doubles are exact enough.

export const MAX_U64 = 18446744073709551615;

/** cel-go common/cost.go */
export const COST = {
  selectAndIdent: 1,
  const: 0,
  listCreateBase: 10,
  mapCreateBase: 30,
  structCreateBase: 40,
  stringTraversalFactor: 0.1,
  regexStringLengthFactor: 0.25,
};

export interface Range {
  min: number;
  max: number;
}

export const fixed = (n: number): Range => ({ min: n, max: n });
export const UNKNOWN: Range = { min: 0, max: MAX_U64 };

export const addU = (x: number, y: number): number => (y > 0 && x > MAX_U64 - y ? MAX_U64 : x + y);
export const mulU = (x: number, y: number): number => (y !== 0 && x > MAX_U64 / y ? MAX_U64 : x * y);

export function mulFactor(x: number, f: number): number {
  if (x > 0 && f > 0 && x > MAX_U64 / f) return MAX_U64;
  const c = Math.ceil(x * f);
  return c >= MAX_U64 ? MAX_U64 : c;
}

export const add = (a: Range, b: Range): Range => ({ min: addU(a.min, b.min), max: addU(a.max, b.max) });
export const mul = (a: Range, b: Range): Range => ({ min: mulU(a.min, b.min), max: mulU(a.max, b.max) });
export const factor = (a: Range, f: number): Range => ({ min: mulFactor(a.min, f), max: mulFactor(a.max, f) });
export const union = (a: Range, b: Range): Range => ({ min: Math.min(a.min, b.min), max: Math.max(a.max, b.max) });
export const sum = (rs: Range[]): Range => rs.reduce(add, fixed(0));
