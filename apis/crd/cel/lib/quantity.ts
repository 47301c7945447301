// The Kubernetes quantity library (apiserver/pkg/cel/library/quantity.go): quantity('1.5Gi'),
// isQuantity, sign, comparisons, asInteger/asApproximateFloat/isInteger and add/sub. Values are
// exact to a nano unit, as our resource.Quantity parser keeps them.

import { celFunc, celMethod } from '@bufbuild/cel';
import { QUANTITY_REGEX_TEXT, formatQuantity, parseQuantity, type ParsedQuantity } from '../../../machinery/quantity.js';
import { BOOL, DOUBLE, INT, QUANTITY_T, STRING, libraryValue, textOf } from './libraryTypes.js';

const NANO = 1_000_000_000n;
const MAX_INT64 = 2n ** 63n - 1n;
const MIN_INT64 = -(2n ** 63n);

function parse(text: string): ParsedQuantity {
  const q = parseQuantity(text);
  if (q) return q;
  if (!new RegExp(QUANTITY_REGEX_TEXT).test(text.trim())) throw new Error(`quantities must match the regular expression '${QUANTITY_REGEX_TEXT}'`);
  throw new Error("unable to parse quantity's suffix");
}

/** The signed value of a quantity's text in nano units (the equality the library uses). */
export function quantityNanos(text: string): bigint {
  const q = parse(text);
  return q.negative ? -q.nanos : q.nanos;
}

const fromNanos = (nanos: bigint, like: ParsedQuantity) =>
  libraryValue(QUANTITY_T, formatQuantity({ negative: nanos < 0n, nanos: nanos < 0n ? -nanos : nanos, format: like.format }));

const compare = (a: unknown, b: unknown): bigint => {
  const d = quantityNanos(textOf(a)) - quantityNanos(textOf(b));
  return d < 0n ? -1n : d > 0n ? 1n : 0n;
};

function asInteger(v: unknown): bigint | undefined {
  const n = quantityNanos(textOf(v));
  if (n % NANO !== 0n) return undefined;
  const i = n / NANO;
  return i > MAX_INT64 || i < MIN_INT64 ? undefined : i;
}

function plus(v: unknown, delta: bigint) {
  const q = parse(textOf(v));
  return fromNanos((q.negative ? -q.nanos : q.nanos) + delta, q);
}

const Q = QUANTITY_T.cel;

export const quantityFunctions = [
  celFunc('quantity', [STRING], Q, (s) => (parse(s), libraryValue(QUANTITY_T, s))),
  celFunc('isQuantity', [STRING], BOOL, (s) => parseQuantity(s) !== undefined),
  celFunc('sign', [Q], INT, function (q) {
    const n = quantityNanos(textOf(q));
    return n < 0n ? -1n : n > 0n ? 1n : 0n;
  }),
  celMethod('isGreaterThan', Q, [Q], BOOL, function (o) {
    return compare(this, o) === 1n;
  }),
  celMethod('isLessThan', Q, [Q], BOOL, function (o) {
    return compare(this, o) === -1n;
  }),
  celMethod('compareTo', Q, [Q], INT, function (o) {
    return compare(this, o);
  }),
  celMethod('asApproximateFloat', Q, [], DOUBLE, function () {
    return Number(quantityNanos(textOf(this))) / 1e9;
  }),
  celMethod('asInteger', Q, [], INT, function () {
    const i = asInteger(this);
    if (i === undefined) throw new Error('cannot convert value to integer');
    return i;
  }),
  celMethod('isInteger', Q, [], BOOL, function () {
    return asInteger(this) !== undefined;
  }),
  celMethod('add', Q, [Q], Q, function (o) {
    return plus(this, quantityNanos(textOf(o)));
  }),
  celMethod('add', Q, [INT], Q, function (i) {
    return plus(this, i * NANO);
  }),
  celMethod('sub', Q, [Q], Q, function (o) {
    return plus(this, -quantityNanos(textOf(o)));
  }),
  celMethod('sub', Q, [INT], Q, function (i) {
    return plus(this, -i * NANO);
  }),
];
