// Path elements of server-side apply field paths (structured-merge-diff's fieldpath.PathElement):
// a struct field or map key ("f:name"), an associative list item by its key fields
// ("k:{\"name\":\"nginx\"}"), a set member ("v:\"a\"") or a list index ("i:0"). This file gives
// them a total order (the order FieldsV1 is written in), the FieldsV1 key text in both
// directions, and the human-readable form conflicts are reported with
// (`.spec.containers[name="nginx"].image`).

import { isJsonObject } from '../jsonEqual.js';
import { goQuote } from '../goFormat.js';

export interface KeyField {
  readonly name: string;
  readonly value: unknown;
}

export type PathElement =
  | { readonly kind: 'field'; readonly name: string }
  /** Key fields sorted by name. */
  | { readonly kind: 'key'; readonly fields: readonly KeyField[] }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'index'; readonly index: number };

export type Path = readonly PathElement[];

export function fieldElement(name: string): PathElement {
  return { kind: 'field', name };
}

/** A key element; the fields are sorted by name as upstream keeps them. */
export function keyElement(fields: readonly KeyField[] | Record<string, unknown>): PathElement {
  const list = Array.isArray(fields)
    ? [...(fields as readonly KeyField[])]
    : Object.entries(fields as Record<string, unknown>).map(([name, value]) => ({ name, value }));
  list.sort((a, b) => compareStrings(a.name, b.name));
  return { kind: 'key', fields: list };
}

export function valueElement(value: unknown): PathElement {
  return { kind: 'value', value };
}

export function indexElement(index: number): PathElement {
  return { kind: 'index', index };
}

/** Builds a path from field names (strings) and other elements: path('spec', 'replicas'). */
export function path(...parts: (string | PathElement)[]): PathElement[] {
  return parts.map((p) => (typeof p === 'string' ? fieldElement(p) : p));
}

// ---------------------------------------------------------------------------------------------
// Ordering

/** Go's strings.Compare on UTF-8 bytes, which is code point order. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort after every BMP character in code point order.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

function typeRank(v: unknown): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  if (Array.isArray(v)) return 3;
  if (isJsonObject(v)) return 4;
  return 5; // null (and undefined)
}

/**
 * The total order of JSON values upstream sorts set members and key values by (value.Compare):
 * numbers, then strings, booleans, lists, maps and null last.
 */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 0:
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 1:
      return compareStrings(a as string, b as string);
    case 2:
      return a === b ? 0 : a ? 1 : -1;
    case 3: {
      const x = a as unknown[];
      const y = b as unknown[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareValues(x[i], y[i]);
        if (c) return c;
      }
      return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
    }
    case 4: {
      // Keys zipped in lexical order; the map that runs out of keys first is smaller, a key
      // only the left map lacks makes it larger.
      const x = a as Record<string, unknown>;
      const y = b as Record<string, unknown>;
      const xk = Object.keys(x).filter((k) => x[k] !== undefined);
      const yk = Object.keys(y).filter((k) => y[k] !== undefined);
      if (!xk.length && !yk.length) return 0;
      const keys = [...new Set([...xk, ...yk])].sort(compareStrings);
      let i = 0;
      for (const k of keys) {
        let c: number;
        if (i === xk.length) c = -1;
        else if (i === yk.length) c = 1;
        else if (!(k in x) || x[k] === undefined) c = 1;
        else if (!(k in y) || y[k] === undefined) c = -1;
        else c = compareValues(x[k], y[k]);
        i++;
        if (c) return c;
      }
      return 0;
    }
    default:
      return 0;
  }
}

const KIND_RANK = { field: 0, key: 1, value: 2, index: 3 } as const;

/** PathElement.Compare: field names < keys < values < indexes, then by content. */
export function compareElements(a: PathElement, b: PathElement): number {
  if (a.kind !== b.kind) return KIND_RANK[a.kind] < KIND_RANK[b.kind] ? -1 : 1;
  switch (a.kind) {
    case 'field':
      return compareStrings(a.name, (b as typeof a).name);
    case 'key': {
      const x = a.fields;
      const y = (b as typeof a).fields;
      for (let i = 0; ; i++) {
        if (i >= x.length && i >= y.length) return 0;
        if (i >= x.length) return -1;
        if (i >= y.length) return 1;
        const c = compareStrings(x[i].name, y[i].name) || compareValues(x[i].value, y[i].value);
        if (c) return c;
      }
    }
    case 'value':
      return compareValues(a.value, (b as typeof a).value);
    case 'index': {
      const y = (b as typeof a).index;
      return a.index < y ? -1 : a.index > y ? 1 : 0;
    }
  }
}

export function comparePaths(a: Path, b: Path): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareElements(a[i], b[i]);
    if (c) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

// ---------------------------------------------------------------------------------------------
// FieldsV1 keys

/**
 * JSON text as Go's encoder (json-iterator, standard-library compatible) writes it inside
 * FieldsV1 keys: object keys sorted, no spaces, and <, >, &, U+2028 and U+2029 escaped.
 */
export function goJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map((x) => goJson(x)).join(',')}]`;
  if (isJsonObject(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined).sort(compareStrings);
    return `{${keys.map((k) => `${goJsonString(k)}:${goJson(v[k])}`).join(',')}}`;
  }
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  return JSON.stringify(v);
}

function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The FieldsV1 key of an element: "f:name", "k:{...}", "v:<json>", "i:<n>". */
export function serializeElement(pe: PathElement): string {
  switch (pe.kind) {
    case 'field':
      return `f:${pe.name}`;
    case 'key':
      return `k:{${pe.fields.map((f) => `${goJsonString(f.name)}:${goJson(f.value)}`).join(',')}}`;
    case 'value':
      return `v:${goJson(pe.value)}`;
    case 'index':
      return `i:${pe.index}`;
  }
}

/** An identity string: two elements are equal exactly when their identities are. */
export function elementId(pe: PathElement): string {
  return serializeElement(pe);
}

export class PathElementError extends Error {}

/**
 * Parses a FieldsV1 key. Returns undefined for an unknown element type (upstream drops those:
 * a later version may know them) and throws PathElementError for a malformed key.
 */
export function parseElement(s: string): PathElement | undefined {
  if (s.length < 2) throw new PathElementError('key must be 2 characters long:');
  if (s[1] !== ':') throw new PathElementError(`missing colon: ${s}`);
  const body = s.slice(2);
  switch (s[0]) {
    case 'f':
      return fieldElement(body);
    case 'v':
      return valueElement(parseJson(body));
    case 'k': {
      const v = parseJson(body);
      if (!isJsonObject(v)) throw new PathElementError(`key element must be a JSON object: ${s}`);
      return keyElement(v);
    }
    case 'i': {
      if (!/^[+-]?\d+$/.test(body)) throw new PathElementError(`strconv.Atoi: parsing ${JSON.stringify(body)}: invalid syntax`);
      return indexElement(Number(body));
    }
    default:
      return undefined;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new PathElementError(`invalid JSON in path element: ${(e as Error).message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Human-readable form

/** Go's %q (strconv.Quote) for the strings conflict messages quote: one implementation, in goFormat. */
export { goQuote };

/** value.ToString: how key values and set members appear in rendered paths. */
export function valueToString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => valueToString(x)).join(',')}]`;
  const o = v as Record<string, unknown>;
  return Object.keys(o)
    .sort(compareStrings)
    .map((k) => `${k}=${valueToString(o[k])}`)
    .join('');
}

/** PathElement.String(): ".name", "[name=\"nginx\"]", "[=\"a\"]", "[0]". */
export function elementString(pe: PathElement): string {
  switch (pe.kind) {
    case 'field':
      return `.${pe.name}`;
    case 'key':
      return `[${pe.fields.map((f) => `${f.name}=${valueToString(f.value)}`).join(',')}]`;
    case 'value':
      return `[=${valueToString(pe.value)}]`;
    case 'index':
      return `[${pe.index}]`;
  }
}

/** Path.String(): the concatenated element strings, e.g. `.spec.containers[name="nginx"].image`. */
export function pathString(p: Path): string {
  return p.map(elementString).join('');
}
