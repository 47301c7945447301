// The Kubernetes lists library (apiserver/pkg/cel/library/lists.go) and CEL's sets extension:
// isSorted, sum, min, max, indexOf, lastIndexOf; sets.contains, sets.equivalent, sets.intersects.
// Element comparisons use the schema-aware equality of equality.ts.

import { CelScalar, celFunc, celMethod, celUint, isCelUint, listType, type CelList, type CelValue } from '@bufbuild/cel';
import { create } from '@bufbuild/protobuf';
import { DurationSchema } from '@bufbuild/protobuf/wkt';
import { charge } from '../runtime/costMeter.js';
import { celCompare, celEquals } from './equality.js';

const LIST = listType(CelScalar.DYN);
const { BOOL, INT, DYN, UINT, DOUBLE } = CelScalar;
const MAX_INT64 = 2n ** 63n - 1n;
const MIN_INT64 = -(2n ** 63n);
const MAX_UINT64 = 2n ** 64n - 1n;

function extreme(list: CelList, name: string, prefer: number): CelValue {
  if (list.size === 0) throw new Error(`${name} called on empty list`);
  let best: CelValue = list.get(0)!;
  for (const v of list) if (celCompare(best, v) === prefer) best = v;
  return best;
}

type Duration = { message: { seconds: bigint; nanos: number } };
const isDuration = (v: CelValue): v is CelValue & Duration => typeof v === 'object' && v !== null && (v as { desc?: { typeName?: string } }).desc?.typeName === 'google.protobuf.Duration';

/** Sums a list of one summable type; `zero` is the result for an empty list. */
function sum(list: CelList, zero: CelValue): CelValue {
  if (list.size === 0) return zero;
  const first = list.get(0)!;
  if (typeof first === 'number') return [...list].reduce<number>((a, v) => a + (v as number), 0);
  if (isCelUint(first)) {
    const total = [...list].reduce<bigint>((a, v) => a + (isCelUint(v) ? v.value : 0n), 0n);
    if (total > MAX_UINT64) throw new Error('unsigned integer overflow');
    return celUint(total);
  }
  if (isDuration(first)) {
    const nanos = [...list].reduce<bigint>((a, v) => a + (isDuration(v) ? v.message.seconds * 1_000_000_000n + BigInt(v.message.nanos) : 0n), 0n);
    if (nanos > MAX_INT64 || nanos < MIN_INT64) throw new Error('integer overflow');
    const seconds = nanos / 1_000_000_000n;
    return create(DurationSchema, { seconds, nanos: Number(nanos - seconds * 1_000_000_000n) }) as never;
  }
  let total = 0n;
  for (const v of list) {
    total += v as bigint;
    if (total > MAX_INT64 || total < MIN_INT64) throw new Error('integer overflow');
  }
  return total;
}

const index = (list: CelList, item: CelValue, fromEnd: boolean): bigint => {
  for (let k = 0; k < list.size; k++) {
    const i = fromEnd ? list.size - 1 - k : k;
    if (celEquals(list.get(i)!, item)) return BigInt(i);
  }
  return -1n;
};

/** Every element of b is in a; charged |a| * |b| as cel-go's sets extension tracks it. */
function containsAll(a: CelList, b: CelList): boolean {
  charge(a.size * b.size);
  const as = [...a];
  return [...b].every((x) => as.some((y) => celEquals(x, y)));
}

function intersects(a: CelList, b: CelList): boolean {
  charge(a.size * b.size);
  const bs = [...b];
  return [...a].some((x) => bs.some((y) => celEquals(x, y)));
}

export const listFunctions = [
  celMethod('isSorted', LIST, [], BOOL, function () {
    let prev: CelValue | undefined;
    for (const v of this) {
      if (prev !== undefined && celCompare(prev, v) === 1) return false;
      prev = v;
    }
    return true;
  }),
  celMethod('sum', LIST, [], DYN, function () {
    return sum(this, 0n);
  }),
  // Typed sums for an empty list, chosen by the checker's overload (see rewrite.ts).
  celFunc('@list_uint_sum_uint', [LIST], UINT, (l) => sum(l, celUint(0n)) as never),
  celFunc('@list_double_sum_double', [LIST], DOUBLE, (l) => sum(l, 0) as never),
  celFunc('@list_duration_sum_duration', [LIST], DYN, (l) => sum(l, create(DurationSchema, {}) as never)),
  celMethod('max', LIST, [], DYN, function () {
    return extreme(this, 'max', -1);
  }),
  celMethod('min', LIST, [], DYN, function () {
    return extreme(this, 'min', 1);
  }),
  celMethod('indexOf', LIST, [DYN], INT, function (item) {
    return index(this, item, false);
  }),
  celMethod('lastIndexOf', LIST, [DYN], INT, function (item) {
    return index(this, item, true);
  }),
  celFunc('sets.contains', [LIST, LIST], BOOL, (a, b) => containsAll(a, b)),
  celFunc('sets.equivalent', [LIST, LIST], BOOL, (a, b) => containsAll(a, b) && containsAll(b, a)),
  celFunc('sets.intersects', [LIST, LIST], BOOL, (a, b) => intersects(a, b)),
];
