// How upstream prints JSON-decoded values (interface{} holding int64, float64, string, bool, nil,
// map[string]interface{} or []interface{}) inside field errors and messages. JSON parsing loses
// the int64/float64 distinction: an integral number is taken to be an int64, as the apiserver's
// JSON decoder would have made it (except when written with a ".0" fraction).

import { goSprintV } from '../../machinery/goFormat.js';
import { goValue } from '../../validation/goValue.js';

/** An int64 as upstream's decoder produces for an integral JSON number. */
export const isInt64 = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 2 ** 63;

/** Go's %v of a number: int64 in decimal, float64 in strconv's shortest 'g' form ("1e+06"). */
export const goNumberV = (n: number): string => goSprintV(n);

/** Go's %v of a float64, also when it is integral (1e6 prints as "1e+06", 10 as "10"). */
export function goFloatV(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mantissa, expText] = n.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

const HTML_UNSAFE = /[<>&\u2028\u2029]/g;
const escapeHtml = (s: string) => s.replace(HTML_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const quoteJson = (s: string) => escapeHtml(JSON.stringify(s));

/**
 * Go's json.Marshal of a JSON value: object keys sorted, HTML-safe escapes, no whitespace.
 * Iterative, so a pathologically deep value cannot overflow the stack.
 */
export function marshalJson(root: unknown): string {
  const out: string[] = [];
  // Work items: a value to encode, or literal text to emit.
  const stack: ({ v: unknown } | { t: string })[] = [{ v: root }];
  while (stack.length) {
    const item = stack.pop()!;
    if ('t' in item) {
      out.push(item.t);
      continue;
    }
    const v = item.v;
    if (v === null || v === undefined) out.push('null');
    else if (typeof v === 'string') out.push(quoteJson(v));
    else if (typeof v === 'number') out.push(Number.isFinite(v) ? JSON.stringify(v) : 'null');
    else if (typeof v === 'boolean') out.push(String(v));
    else if (Array.isArray(v)) {
      const parts: ({ v: unknown } | { t: string })[] = [{ t: '[' }];
      v.forEach((x, i) => parts.push(...(i ? [{ t: ',' }] : []), { v: x }));
      parts.push({ t: ']' });
      for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]);
    } else if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
      const parts: ({ v: unknown } | { t: string })[] = [{ t: '{' }];
      keys.forEach((k, i) => parts.push({ t: `${i ? ',' : ''}${quoteJson(k)}:` }, { v: o[k] }));
      parts.push({ t: '}' });
      for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]);
    } else out.push('null');
  }
  return out.join('');
}

/**
 * The bad value of a field error as field.Error.ErrorBody prints it (apimachinery 1.34): int64,
 * float64 and bool with %v, strings with %q, nil and everything else (maps, slices) as JSON.
 */
export function errValue(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return isInt64(v) ? v : goValue(goNumberV(v));
  return goValue(marshalJson(v));
}

/** Go's %v of a []interface{} of schema values (enum lists in go-openapi messages). */
export const goSliceV = (values: unknown[]): string => goSprintV(values);

/** Go's sort.Strings: byte-wise order of the UTF-8 encodings. */
export function sortGoStrings(list: string[]): string[] {
  return list.sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
}
