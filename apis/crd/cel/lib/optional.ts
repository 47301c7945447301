// Optional values at runtime. @bufbuild/cel has no optional type (its parser rejects `.?` and
// `[?]`), so an optional is a list of zero or one element; the checker keeps the two apart. This
// serves oldSelf under optionalOldSelf, format.named()/validate(), and the optional.* and
// hasValue/value/orValue/or functions. Field selection and indexing on an optional are rewritten to
// the @opt_* functions below before planning.

import { CelScalar, celFunc, celList, celMethod, isCelList, isCelMap, listType, type CelList, type CelValue } from '@bufbuild/cel';

const LIST = listType(CelScalar.DYN);
const { DYN, BOOL, STRING } = CelScalar;

export const optionalNone = (): CelList => celList([]);
export const optionalOf = (v: CelValue): CelList => celList([v]);

const hasValue = (o: CelList): boolean => o.size > 0;

function isZero(v: CelValue): boolean {
  if (v === null || v === false || v === '' || v === 0 || v === 0n) return true;
  if (v instanceof Uint8Array) return v.length === 0;
  if (isCelList(v) || isCelMap(v)) return v.size === 0;
  return false;
}

/** Reads field `f` of an optional's value (optional chaining). */
function select(o: CelList, f: string): CelList {
  if (!hasValue(o)) return o;
  const v = o.get(0)!;
  if (!isCelMap(v)) throw new Error(`no such overload`);
  const x = v.get(f);
  return x === undefined ? optionalNone() : optionalOf(x);
}

export const optionalFunctions = [
  celFunc('optional.of', [DYN], LIST, (v) => optionalOf(v)),
  celFunc('optional.ofNonZeroValue', [DYN], LIST, (v) => (isZero(v) ? optionalNone() : optionalOf(v))),
  celFunc('optional.none', [], LIST, () => optionalNone()),
  celMethod('hasValue', LIST, [], BOOL, function () {
    return hasValue(this);
  }),
  celMethod('value', LIST, [], DYN, function () {
    if (!hasValue(this)) throw new Error('optional.none() dereference');
    return this.get(0)!;
  }),
  celMethod('orValue', LIST, [DYN], DYN, function (d) {
    return hasValue(this) ? this.get(0)! : d;
  }),
  celMethod('or', LIST, [LIST], LIST, function (other) {
    return hasValue(this) ? this : other;
  }),
  celFunc('@opt_select', [LIST, STRING], LIST, (o, f) => select(o, f)),
  celFunc('@opt_has', [LIST, STRING], BOOL, (o, f) => {
    const v = hasValue(o) ? o.get(0) : undefined;
    return isCelMap(v) && v.has(f);
  }),
  celFunc('@opt_index', [LIST, DYN], LIST, (o, i) => {
    if (!hasValue(o)) return o;
    const v = o.get(0)!;
    if (isCelList(v) && (typeof i === 'bigint' || typeof i === 'number')) {
      const n = Number(i);
      return n >= 0 && n < v.size ? optionalOf(v.get(n)!) : optionalNone();
    }
    if (isCelMap(v)) {
      const x = v.get(i as never);
      return x === undefined ? optionalNone() : optionalOf(x);
    }
    throw new Error('no such overload');
  }),
];
