// Field selectors: `?fieldSelector=metadata.name=web,status.phase!=Running` (apimachinery
// pkg/fields, 1.34). Terms are joined by ",", each `field=value`, `field==value` or
// `field!=value`; "\", "," and "=" inside a value are escaped with a backslash. A missing field
// reads as "". Errors are SelectorError (400 BadRequest) with upstream's text.

import { SelectorError } from './errors.js';
import { goQuote } from './goFormat.js';

export type FieldOperator = '=' | '!=';

export interface FieldRequirement {
  readonly field: string;
  readonly operator: FieldOperator;
  readonly value: string;
}

/** Reads a field of the object being matched; undefined counts as "". */
export type FieldGetter = (field: string) => string | undefined;

/** EscapeValue: prefixes "\", "," and "=" with a backslash. */
export function escapeFieldValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** UnescapeValue; throws SelectorError on a bad escape or an unescaped "," or "=". */
export function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c === '\\' || c === ',' || c === '=') out += c;
      else throw new SelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') throw new SelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (inSlash) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** Splits on commas that are not escaped; the escapes stay in the terms. */
function splitTerms(selector: string): string[] {
  if (selector.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

const TERM_OPERATORS = ['!=', '==', '='] as const;

/** The first operator in the term splits it; the field part has no escaping. */
function splitTerm(term: string): { lhs: string; op: string; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of TERM_OPERATORS) {
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

/** A parsed field selector: all requirements must hold. */
export class FieldSelector {
  constructor(readonly requirements: readonly FieldRequirement[]) {}

  static readonly EVERYTHING = new FieldSelector([]);

  matches(get: FieldGetter): boolean {
    return this.requirements.every((r) => ((get(r.field) ?? '') === r.value) === (r.operator === '='));
  }

  isEmpty(): boolean {
    return this.requirements.length === 0;
  }

  /** "f=v,g!=w" with values escaped, in the parsed (sorted) order. */
  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator}${escapeFieldValue(r.value)}`).join(',');
  }

  /** RequiresExactMatch: the value an `=` requirement demands of `field`. */
  requiresExactMatch(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.operator === '=')?.value;
  }

  /**
   * Transform: rewrites each requirement (field label conversion); a requirement whose field
   * and value both become "" is dropped.
   */
  transform(fn: (field: string, value: string) => { field: string; value: string }): FieldSelector {
    const next: FieldRequirement[] = [];
    for (const r of this.requirements) {
      const t = fn(r.field, r.value);
      if (t.field === '' && t.value === '') continue;
      next.push({ field: t.field, operator: r.operator, value: t.value });
    }
    return new FieldSelector(next);
  }
}

/**
 * Parses a field selector (fields.ParseSelector). The empty string selects everything; terms are
 * sorted as upstream does. Throws SelectorError.
 */
export function parseFieldSelector(selector: string): FieldSelector {
  const parts = splitTerms(selector).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const reqs: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const t = splitTerm(part);
    if (!t) throw new SelectorError(`invalid selector: '${selector}'; can't understand '${part}'`);
    const value = unescapeFieldValue(t.rhs);
    reqs.push({ field: t.lhs, operator: t.op === '!=' ? '!=' : '=', value });
  }
  return new FieldSelector(reqs);
}

/** Fields every resource can be selected by. */
export const DEFAULT_SELECTABLE_FIELDS: readonly string[] = ['metadata.name', 'metadata.namespace'];

/**
 * Checks every field of the selector against what the resource supports, as the apiserver's
 * field label conversion does. `extraFields` are the resource's own selectable fields (pods:
 * spec.nodeName, status.phase, ...); metadata.name and metadata.namespace are always allowed.
 *
 * Messages: a resource with its own conversion function (extraFields given, even empty) answers
 * `field label not supported: <field>`; one without answers upstream's default
 * `"<field>" is not a known field selector: only "metadata.name", "metadata.namespace"`.
 */
export function checkSelectableFields(sel: FieldSelector, extraFields?: readonly string[]): void {
  for (const r of sel.requirements) {
    if (DEFAULT_SELECTABLE_FIELDS.includes(r.field)) continue;
    if (extraFields?.includes(r.field)) continue;
    if (extraFields) throw new SelectorError(`field label not supported: ${r.field}`);
    throw new SelectorError(`${goQuote(r.field)} is not a known field selector: only "metadata.name", "metadata.namespace"`);
  }
}

/**
 * The exact metadata.name / metadata.namespace a selector demands, for the storage fast path
 * (a point read or a single-namespace range instead of a scan). Conflicting demands (two `=`
 * with different values) mean nothing can match: `none` is then true.
 */
export function exactMetadataMatch(sel: FieldSelector): { name?: string; namespace?: string; none: boolean } {
  const out: { name?: string; namespace?: string; none: boolean } = { none: false };
  for (const r of sel.requirements) {
    if (r.operator !== '=') continue;
    const key = r.field === 'metadata.name' ? 'name' : r.field === 'metadata.namespace' ? 'namespace' : undefined;
    if (!key) continue;
    if (out[key] !== undefined && out[key] !== r.value) out.none = true;
    else out[key] = r.value;
  }
  return out;
}

/** The fields every object offers for selection (upstream's DefaultMetaV1 field set). */
export function objectMetaFields(obj: { metadata?: { name?: string; namespace?: string } } | null | undefined): Record<string, string> {
  return { 'metadata.name': obj?.metadata?.name ?? '', 'metadata.namespace': obj?.metadata?.namespace ?? '' };
}
