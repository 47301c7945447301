// Label selectors: the string syntax of `?labelSelector=` and `kubectl -l` (apimachinery
// pkg/labels), metav1.LabelSelector conversion and printing (pkg/apis/meta/v1/helpers.go).
// Behaviour and error texts follow apimachinery 1.34; errors are SelectorError (400 BadRequest).
//
// Grammar:
//   selector    ::= requirement ( "," requirement )*
//   requirement ::= [ "!" ] KEY [ ( "in" | "notin" ) "(" VALUES ")" | ( "=" | "==" | "!=" | ">" | "<" ) VALUE ]
// KEY is a qualified name (optional DNS subdomain prefix and '/'), VALUE a label value (may be
// empty). Whitespace (space, tab, CR, LF) separates tokens.

import { SelectorError } from './errors.js';
import { goJsonMarshal, goQuote } from './goFormat.js';
import { isQualifiedName, isValidLabelValue } from './validation.js';

/** Operators as apimachinery's selection package spells them. */
export type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'gt' | 'lt' | 'exists' | '!';

const BINARY_OPERATORS: Operator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const VALID_OPERATORS: Operator[] = [...BINARY_OPERATORS, 'exists', '!'];

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  /** Values as given (the parser passes them sorted and without duplicates). */
  readonly values: readonly string[];
}

export type Labels = Readonly<Record<string, string>> | null | undefined;

// ---- field errors, printed like Go's field.Error / utilerrors.Aggregate -------------------------

function renderBadValue(v: unknown): string {
  if (typeof v === 'string') return goQuote(v);
  return goJsonMarshal(v);
}

function invalid(path: string, value: unknown, detail: string): string {
  return `${path}: Invalid value: ${renderBadValue(value)}: ${detail}`;
}

function aggregate(messages: string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

/** Go's field.Path rendering: no path prints as "<nil>", children join with ".". */
const childPath = (path: string | undefined, name: string) => (path ? `${path}.${name}` : name);

function labelKeyError(key: string, path: string): string | undefined {
  const errs = isQualifiedName(key);
  return errs.length ? invalid(path, key, errs.join('; ')) : undefined;
}

function isInt64(s: string): boolean {
  if (!/^[+-]?[0-9]+$/.test(s)) return false;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n;
}

/**
 * labels.NewRequirement: validates key, operator and values. `path` is the field path errors
 * are reported under (none by default, as the apiserver's parser uses).
 */
export function newRequirement(key: string, operator: Operator, values: readonly string[] | null, path?: string): Requirement {
  const errs: string[] = [];
  const keyErr = labelKeyError(key, childPath(path, 'key'));
  if (keyErr) errs.push(keyErr);
  const vals = values ?? [];
  const valuePath = childPath(path, 'values');
  switch (operator) {
    case 'in':
    case 'notin':
      if (vals.length === 0) errs.push(invalid(valuePath, values, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (vals.length !== 1) errs.push(invalid(valuePath, values, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (vals.length !== 0) errs.push(invalid(valuePath, values, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (vals.length !== 1) errs.push(invalid(valuePath, values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      vals.forEach((v, i) => {
        if (!isInt64(v)) errs.push(invalid(`${valuePath}[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default:
      errs.push(`${childPath(path, 'operator')}: Unsupported value: ${goQuote(String(operator))}: supported values: ${VALID_OPERATORS.map((o) => goQuote(o)).join(', ')}`);
  }
  vals.forEach((v, i) => {
    const msgs = isValidLabelValue(v);
    if (msgs.length) errs.push(invalid(`${valuePath}[${i}][${key}]`, v, msgs.join('; ')));
  });
  if (errs.length) throw new SelectorError(aggregate(errs));
  return { key, operator, values: [...vals] };
}

const has = (labels: Labels, key: string) => !!labels && Object.prototype.hasOwnProperty.call(labels, key);

/** Requirement.Matches. */
export function requirementMatches(r: Requirement, labels: Labels): boolean {
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has(labels, r.key) && r.values.includes(labels![r.key]);
    case 'notin':
    case '!=':
      return !has(labels, r.key) || !r.values.includes(labels![r.key]);
    case 'exists':
      return has(labels, r.key);
    case '!':
      return !has(labels, r.key);
    case 'gt':
    case 'lt': {
      if (!has(labels, r.key)) return false;
      const v = String(labels![r.key]);
      if (!isInt64(v) || r.values.length !== 1 || !isInt64(r.values[0])) return false;
      const a = BigInt(v);
      const b = BigInt(r.values[0]);
      return r.operator === 'gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** Requirement.String: "key=v", "key in (a,b)", "!key", ...; values sorted on output. */
export function requirementToString(r: Requirement): string {
  let s = r.operator === '!' ? `!${r.key}` : r.key;
  switch (r.operator) {
    case 'exists':
    case '!':
      return s;
    case '=': s += '='; break;
    case '==': s += '=='; break;
    case '!=': s += '!='; break;
    case 'in': s += ' in '; break;
    case 'notin': s += ' notin '; break;
    case 'gt': s += '>'; break;
    case 'lt': s += '<'; break;
  }
  const values = r.values.length === 1 ? r.values[0] : [...r.values].sort(compareStrings).join(',');
  return r.operator === 'in' || r.operator === 'notin' ? `${s}(${values})` : s + values;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortByKey(reqs: Requirement[]): Requirement[] {
  return reqs.map((r, i) => [r, i] as const).sort(([a, i], [b, j]) => compareStrings(a.key, b.key) || i - j).map(([r]) => r);
}

/** A parsed label selector: all requirements must hold. */
export class Selector {
  private constructor(
    readonly requirements: readonly Requirement[],
    /** The selector that matches nothing (a nil metav1.LabelSelector). */
    readonly matchesNothing: boolean,
  ) {}

  static of(requirements: readonly Requirement[]): Selector {
    return new Selector(sortByKey([...requirements]), false);
  }

  static readonly EVERYTHING = new Selector([], false);
  static readonly NOTHING = new Selector([], true);

  matches(labels: Labels): boolean {
    if (this.matchesNothing) return false;
    return this.requirements.every((r) => requirementMatches(r, labels));
  }

  /** True when the selector does not restrict anything (Selector.Empty). */
  isEmpty(): boolean {
    return !this.matchesNothing && this.requirements.length === 0;
  }

  toString(): string {
    return this.requirements.map(requirementToString).join(',');
  }

  /** A copy with more requirements, sorted by key. */
  add(...reqs: Requirement[]): Selector {
    if (this.matchesNothing) return this;
    return Selector.of([...this.requirements, ...reqs]);
  }

  /** The single value `key` must have (=, == or in with one value), as RequiresExactMatch. */
  requiresExactMatch(key: string): string | undefined {
    const r = this.requirements.find((x) => x.key === key);
    if (r && (r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1) return r.values[0];
    return undefined;
  }
}

export const everything = (): Selector => Selector.EVERYTHING;
export const nothing = (): Selector => Selector.NOTHING;

/** SelectorFromValidatedSet: key=value for every entry; empty matches everything. */
export function selectorFromSet(set: Labels): Selector {
  const entries = Object.entries(set ?? {});
  if (entries.length === 0) return Selector.EVERYTHING;
  return Selector.of(entries.map(([key, v]) => ({ key, operator: '=' as Operator, values: [v] })));
}

// ---- lexer ----------------------------------------------------------------------------------

type Tok = 'eos' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(' | 'error';

const SYMBOLS: Record<string, Tok> = { ')': ')', ',': ',', '!': '!', '==': '==', '=': '=', '>': '>', '<': '<', '!=': '!=', '(': '(' };
const KEYWORDS: Record<string, Tok> = { in: 'in', notin: 'notin' };

const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string) => '=!(),><'.includes(c);

interface Item {
  tok: Tok;
  lit: string;
}

function lex(input: string): Item[] {
  // Like upstream, a NUL byte ends the input.
  const nul = input.indexOf('\0');
  const s = nul >= 0 ? input.slice(0, nul) : input;
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos])) pos++;
    if (pos >= s.length) {
      items.push({ tok: 'eos', lit: '' });
      return items;
    }
    if (isSpecial(s[pos])) {
      let buffer = '';
      let last: Item | undefined;
      while (pos < s.length && isSpecial(s[pos])) {
        buffer += s[pos];
        const t = Object.prototype.hasOwnProperty.call(SYMBOLS, buffer) ? SYMBOLS[buffer] : undefined;
        if (t) {
          last = { tok: t, lit: buffer };
          pos++;
        } else if (last) {
          break;
        } else {
          pos++;
        }
      }
      items.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buffer}'` });
      continue;
    }
    const start = pos;
    while (pos < s.length && !isSpecial(s[pos]) && !isWhitespace(s[pos])) pos++;
    const word = s.slice(start, pos);
    items.push({ tok: Object.prototype.hasOwnProperty.call(KEYWORDS, word) ? KEYWORDS[word] : 'id', lit: word });
  }
}

// ---- parser ---------------------------------------------------------------------------------

class Parser {
  private pos = 0;
  constructor(private readonly items: Item[]) {}

  /** In value context the keywords "in" and "notin" are plain identifiers. */
  private view(item: Item, values: boolean): Item {
    return values && (item.tok === 'in' || item.tok === 'notin') ? { tok: 'id', lit: item.lit } : item;
  }

  lookahead(values = true): Item {
    return this.view(this.items[this.pos], values);
  }

  consume(values = true): Item {
    return this.view(this.items[this.pos++], values);
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead();
      if (tok === 'id' || tok === '!') {
        let r: Requirement;
        try {
          r = this.parseRequirement();
        } catch (e) {
          throw new SelectorError(`unable to parse requirement: ${(e as Error).message}`);
        }
        reqs.push(r);
        const next = this.consume();
        if (next.tok === 'eos') return reqs;
        if (next.tok === ',') {
          const after = this.lookahead();
          if (after.tok !== 'id' && after.tok !== '!') throw new SelectorError(`found '${after.lit}', expected: identifier after ','`);
        } else {
          throw new SelectorError(`found '${next.lit}', expected: ',' or 'end of string'`);
        }
      } else if (tok === 'eos') {
        return reqs;
      } else {
        throw new SelectorError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): Requirement {
    const { key, operator } = this.parseKeyAndInferOperator();
    if (operator === 'exists' || operator === '!') return newRequirement(key, operator, []);
    const op = this.parseOperator();
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, op, [...values].sort(compareStrings));
  }

  private parseKeyAndInferOperator(): { key: string; operator?: Operator } {
    let operator: Operator | undefined;
    let item = this.consume();
    if (item.tok === '!') {
      operator = '!';
      item = this.consume();
    }
    if (item.tok !== 'id') throw new Error(`found '${item.lit}', expected: identifier`);
    const keyErr = labelKeyError(item.lit, '<nil>');
    if (keyErr) throw new Error(keyErr);
    const next = this.lookahead().tok;
    if ((next === 'eos' || next === ',') && operator !== '!') operator = 'exists';
    return { key: item.lit, operator };
  }

  private parseOperator(): Operator {
    const { tok, lit } = this.consume(false);
    switch (tok) {
      case 'in': return 'in';
      case '=': return '=';
      case '==': return '==';
      case '>': return 'gt';
      case '<': return 'lt';
      case 'notin': return 'notin';
      case '!=': return '!=';
      default: throw new Error(`found '${lit}', expected: ${BINARY_OPERATORS.join(', ')}`);
    }
  }

  private parseValues(): Set<string> {
    const open = this.consume();
    if (open.tok !== '(') throw new Error(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.lookahead();
    if (tok === 'id' || tok === ',') {
      const s = this.parseIdentifiersList();
      if (this.consume().tok !== ')') throw new Error(`found '${lit}', expected: ')'`);
      return s;
    }
    if (tok === ')') {
      this.consume();
      return new Set(['']);
    }
    throw new Error(`found '${lit}', expected: ',', ')' or identifier`);
  }

  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume();
      if (tok === 'id') {
        s.add(lit);
        const next = this.lookahead();
        if (next.tok === ',') continue;
        if (next.tok === ')') return s;
        throw new Error(`found '${next.lit}', expected: ',' or ')'`);
      } else if (tok === ',') {
        if (s.size === 0) s.add('');
        const next = this.lookahead().tok;
        if (next === ')') {
          s.add('');
          return s;
        }
        if (next === ',') {
          this.consume();
          s.add('');
        }
      } else {
        throw new Error(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): Set<string> {
    const next = this.lookahead().tok;
    if (next === 'eos' || next === ',') return new Set(['']);
    const { tok, lit } = this.consume();
    if (tok === 'id') return new Set([lit]);
    throw new Error(`found '${lit}', expected: identifier`);
  }
}

/**
 * Parses a label selector string (labels.Parse). The empty string selects everything.
 * Throws SelectorError with upstream's message.
 */
export function parseLabelSelector(selector: string): Selector {
  return Selector.of(new Parser(lex(selector)).parse());
}

// ---- metav1.LabelSelector -------------------------------------------------------------------

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[] | null;
}

export interface LabelSelector {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: LabelSelectorRequirement[] | null;
}

const EXPRESSION_OPERATORS: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * metav1.LabelSelectorAsSelector: null selects nothing, an empty selector selects everything.
 * Throws SelectorError for invalid keys, values or operators.
 */
export function labelSelectorAsSelector(ps: LabelSelector | null | undefined): Selector {
  if (!ps) return Selector.NOTHING;
  const labels = Object.entries(ps.matchLabels ?? {});
  const exprs = ps.matchExpressions ?? [];
  if (labels.length + exprs.length === 0) return Selector.EVERYTHING;
  const reqs: Requirement[] = [];
  for (const [k, v] of labels) reqs.push(newRequirement(k, '=', [v]));
  for (const expr of exprs) {
    const op = Object.prototype.hasOwnProperty.call(EXPRESSION_OPERATORS, expr.operator) ? EXPRESSION_OPERATORS[expr.operator] : undefined;
    if (!op) throw new SelectorError(`${goQuote(String(expr.operator))} is not a valid label selector operator`);
    reqs.push(newRequirement(expr.key, op, expr.values && expr.values.length ? [...expr.values] : null));
  }
  return Selector.of(reqs);
}

/** metav1.FormatLabelSelector: the selector as text, "<none>" when empty, "<error>" when invalid. */
export function formatLabelSelector(ps: LabelSelector | null | undefined): string {
  let s: string;
  try {
    s = labelSelectorAsSelector(ps).toString();
  } catch {
    return '<error>';
  }
  return s.length ? s : '<none>';
}
