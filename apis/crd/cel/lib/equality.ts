// Equality and ordering of runtime values, replacing @bufbuild/cel's `==` so that values follow
// the schema as upstream's unstructured values do: lists with x-kubernetes-list-type "set" compare
// as sets and "map" lists compare entry by key, both ignoring order; library values compare by
// meaning (quantity('1Gi') == quantity('1024Mi')).

import { isCelList, isCelMap, isCelType, isCelUint, type CelList, type CelValue } from '@bufbuild/cel';
import { equals as messageEquals, type Message } from '@bufbuild/protobuf';
import type { ReflectMessage } from '@bufbuild/protobuf/reflect';
import { libraryTypeName, textOf } from './libraryTypes.js';
import { charge } from '../runtime/costMeter.js';
import { quantityNanos } from './quantity.js';

/** How a list from the object compares: by position (atomic), as a set, or by map keys. */
export type ListSemantics = { kind: 'set' } | { kind: 'map'; keys: string[] };

const semantics = new WeakMap<object, ListSemantics>();

export function setListSemantics(list: CelList, s: ListSemantics): CelList {
  semantics.set(list, s);
  return list;
}

export const listSemanticsOf = (list: CelList): ListSemantics | undefined => semantics.get(list);

const isReflectMessage = (v: unknown): v is ReflectMessage =>
  typeof v === 'object' && v !== null && 'desc' in v && 'message' in v && typeof (v as { desc: { typeName?: unknown } }).desc?.typeName === 'string';

function libraryEquals(name: string, a: ReflectMessage, b: ReflectMessage): boolean {
  if (name === 'kubernetes.Quantity') return quantityNanos(textOf(a)) === quantityNanos(textOf(b));
  return textOf(a) === textOf(b);
}

const isScalar = (v: CelValue): boolean => ['number', 'bigint', 'string', 'boolean'].includes(typeof v) || isCelUint(v);

/** A comparable text for a scalar: numbers of any CEL type compare by value. */
function scalarKey(v: CelValue): string {
  const x = isCelUint(v) ? v.value : v;
  if (typeof x === 'number' || typeof x === 'bigint') return `n:${x}`;
  return `${typeof x}:${String(x)}`;
}

/** A map-list entry's key as a comparable string; undefined when the entry lacks a key. */
export function mapListKey(entry: CelValue, keys: string[]): string | undefined {
  if (!isCelMap(entry)) return undefined;
  const parts: string[] = [];
  for (const k of keys) {
    const v = entry.get(k);
    if (v === undefined) return undefined;
    parts.push(scalarKey(v));
  }
  return parts.join('\u0000');
}

function listEquals(a: CelList, b: CelList): boolean {
  if (a.size !== b.size) return false;
  visit(a.size);
  const s = semantics.get(a) ?? semantics.get(b);
  if (s?.kind === 'set') {
    const as = [...a];
    const bs = [...b];
    // Set items are normally scalars, which compare by key; anything else pairwise.
    if (as.every(isScalar) && bs.every(isScalar)) {
      const keys = new Set(bs.map(scalarKey));
      return as.every((x) => keys.has(scalarKey(x)));
    }
    visit(a.size * b.size);
    return as.every((x) => bs.some((y) => celEquals(x, y)));
  }
  if (s?.kind === 'map') {
    const byKey = new Map<string, CelValue>();
    for (const x of a) {
      const k = mapListKey(x, s.keys);
      if (k === undefined) return orderedEquals(a, b);
      if (!byKey.has(k)) byKey.set(k, x);
    }
    for (const y of b) {
      const k = mapListKey(y, s.keys);
      const x = k === undefined ? undefined : byKey.get(k);
      if (x === undefined || !celEquals(x, y)) return false;
    }
    return true;
  }
  return orderedEquals(a, b);
}

function orderedEquals(a: CelList, b: CelList): boolean {
  for (let i = 0; i < a.size; i++) if (!celEquals(a.get(i)!, b.get(i)!)) return false;
  return true;
}

// Comparing nested data costs what it visits, so `self == oldSelf` on a large object inside a
// loop cannot run unmetered (cel-go charges such a comparison 1).
const visit = (n: number): void => charge(n);

/** CEL equality: numbers across int, uint and double; aggregates element-wise; false across types. */
export function celEquals(a: CelValue, b: CelValue): boolean {
  if (a === b) return true;
  const x = isCelUint(a) ? a.value : a;
  const y = isCelUint(b) ? b.value : b;
  if ((typeof x === 'number' || typeof x === 'bigint') && (typeof y === 'number' || typeof y === 'bigint')) return x == y;
  if (x instanceof Uint8Array) return y instanceof Uint8Array && x.length === y.length && x.every((v, i) => v === y[i]);
  if (isCelList(x)) return isCelList(y) && listEquals(x, y);
  if (isCelMap(x)) {
    if (!isCelMap(y) || x.size !== y.size) return false;
    visit(x.size);
    for (const [k, v] of x) {
      const w = y.get(k);
      if (w === undefined || !celEquals(v, w)) return false;
    }
    return true;
  }
  if (isCelType(x)) return isCelType(y) && x.kind === y.kind && x.name === y.name;
  if (isReflectMessage(x) && isReflectMessage(y)) {
    if (x.desc.typeName !== y.desc.typeName) return false;
    const lib = libraryTypeName(x);
    if (lib) return libraryEquals(lib, x, y);
    return messageEquals(x.desc, x.message as Message, y.message as Message);
  }
  return false;
}

/** -1, 0 or 1 for two values of one ordered type (int, uint, double, bool, string, bytes, timestamp, duration). */
export function celCompare(a: CelValue, b: CelValue): number {
  const x = isCelUint(a) ? a.value : a;
  const y = isCelUint(b) ? b.value : b;
  if ((typeof x === 'number' || typeof x === 'bigint') && (typeof y === 'number' || typeof y === 'bigint')) return x < y ? -1 : x > y ? 1 : 0;
  if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : x > y ? 1 : 0;
  if (typeof x === 'boolean' && typeof y === 'boolean') return Number(x) - Number(y);
  if (x instanceof Uint8Array && y instanceof Uint8Array) {
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
    return Math.sign(x.length - y.length);
  }
  if (isReflectMessage(x) && isReflectMessage(y)) {
    const m = x.message as unknown as { seconds: bigint; nanos: number };
    const n = y.message as unknown as { seconds: bigint; nanos: number };
    if (m.seconds !== n.seconds) return m.seconds < n.seconds ? -1 : 1;
    return Math.sign(m.nanos - n.nanos);
  }
  throw new Error(`no such overload`);
}

