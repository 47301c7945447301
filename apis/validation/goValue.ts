// The Go spelling of typed values inside field errors. field.Error prints a bad value with %q for
// strings, %v for numbers and booleans, String() for types that have one (IntOrString, Quantity,
// LabelSelector) and %#v for everything else (maps, slices, structs). JSON-decoded values lose
// their Go type, so validators wrap such values in a GoValue that carries the exact text.

import { goQuote } from '../machinery/goFormat.js';
import { canonicalQuantity } from '../machinery/quantity.js';
import { isObject, list, str } from './field.js';

/** A bad value whose message text is fixed: errors.ts prints goString() verbatim. */
export class GoValue {
  constructor(readonly text: string) {}
  goString(): string {
    return this.text;
  }
  toJSON(): string {
    return this.text;
  }
}

export const goValue = (text: string): GoValue => new GoValue(text);

/** %#v of a map[string]string (keys sorted as fmt prints them); nil when absent. */
export function goStringMapText(m: unknown, type = 'map[string]string'): string {
  if (!isObject(m)) return `${type}(nil)`;
  const entries = Object.keys(m).sort().map((k) => `${goQuote(k)}:${goQuote(str(m[k]))}`);
  return `${type}{${entries.join(', ')}}`;
}

export const goStringMap = (m: unknown, type?: string): GoValue => goValue(goStringMapText(m, type));

/** %#v of a []string (or a named string slice type); nil when absent. */
export function goStringSliceText(v: unknown, type = '[]string'): string {
  if (!Array.isArray(v)) return `${type}(nil)`;
  return `${type}{${v.map((s) => goQuote(str(s))).join(', ')}}`;
}

export const goStringSlice = (v: unknown, type?: string): GoValue => goValue(goStringSliceText(v, type));

/** %#v of a nil or non-nil slice of structs, without its elements' content (used for empty lists). */
export const goNilSlice = (type: string): GoValue => goValue(`${type}(nil)`);

/** intstr.IntOrString.String(): the number or the string, unquoted. */
export const intOrString = (v: unknown): GoValue => goValue(typeof v === 'number' ? String(Math.trunc(v)) : str(v));

/** resource.Quantity.String(): the canonical form, unquoted. */
export const quantityValue = (v: unknown): GoValue => goValue(canonicalQuantity(str(v)) ?? str(v));

/** The canonical text of a quantity (as quantity.String() returns it, for %q renderings). */
export const quantityString = (v: unknown): string => canonicalQuantity(str(v)) ?? str(v);

/**
 * (*metav1.LabelSelector).String(), the generated protobuf form that field errors print for a
 * selector: `&LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]...{},}`.
 */
export function labelSelectorText(sel: unknown): string {
  if (!isObject(sel)) return 'nil';
  const labels = isObject(sel.matchLabels) ? sel.matchLabels : {};
  const labelText = Object.keys(labels).sort().map((k) => `${k}: ${str(labels[k])},`).join('');
  const exprText = list(sel.matchExpressions)
    .map((e) => {
      const x = isObject(e) ? e : {};
      const values = list(x.values).map(str).join(' ');
      return `LabelSelectorRequirement{Key:${str(x.key)},Operator:${str(x.operator)},Values:[${values}],},`;
    })
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labelText}},MatchExpressions:[]LabelSelectorRequirement{${exprText}},}`;
}

/** A selector as a field error prints it; "null" when the selector is absent. */
export const labelSelectorValue = (sel: unknown): unknown => (isObject(sel) ? goValue(labelSelectorText(sel)) : null);

/** %#v of a Go struct whose fields are strings, in declaration order: T{A:"x", B:"y"}. */
export function goStructText(type: string, fields: [string, string][]): string {
  return `${type}{${fields.map(([k, v]) => `${k}:${goQuote(v)}`).join(', ')}}`;
}
