// Kubernetes JSONPath templates (k8s.io/client-go/util/jsonpath) and the ways the apiextensions
// apiserver uses them: CRD printer columns, selectable fields and scale subresource paths.
//
// Parsing and evaluation follow upstream's parser.go and jsonpath.go step for step, quirks
// included, because kubectl users see the results (table cells, field selector values) and the
// error texts. Data is JSON as the apiserver decodes it: integral numbers are Go int64, other
// numbers float64. Go visits map keys in random order; we visit them sorted so output is stable.

import { humanDuration } from './duration.js';
import { goJsonMarshal, goQuote, goSprintV, goTypeName } from './goFormat.js';

/** A template that does not parse, or an evaluation that fails; the message is upstream's. */
export class JsonPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPathError';
  }
}

// ---------------------------------------------------------------------------------------------
// Parse tree

/** One of start, end, step of an array selection; `derived` marks the end implied by `[n]`. */
export interface SliceParam {
  value: number;
  known: boolean;
  derived: boolean;
}

export interface ListNode {
  kind: 'list';
  nodes: JsonPathNode[];
}

export type JsonPathNode =
  | ListNode
  | { kind: 'text'; text: string }
  | { kind: 'field'; name: string }
  | { kind: 'identifier'; name: string }
  | { kind: 'array'; params: [SliceParam, SliceParam, SliceParam] }
  | { kind: 'filter'; left: ListNode; right: ListNode; operator: string }
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'wildcard' }
  | { kind: 'recursive' }
  | { kind: 'union'; lists: ListNode[] };

/** A parsed template: text nodes and one list node per `{...}` action. */
export interface JsonPath {
  readonly template: string;
  readonly root: ListNode;
}

// ---------------------------------------------------------------------------------------------
// Parser

const EOF = -1;
const DICT_KEY = /^'([^']*)'$/;
const SLICE = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
// `[^\n]` rather than `.`: Go's `.` matches \r, JavaScript's does not.
const FILTER = /^([^!<>=]+)([!<>=]+)([^\n]+?)$/;

/** Parses a JSONPath template such as `{.spec.replicas}` or `{range .items[*]}{.name}{end}`. */
export function parseJsonPath(template: string): JsonPath {
  return { template, root: new Parser(template).parse() };
}

/** Upstream's parseAction: the list node of `{text}`, used for unions, dict keys and filters. */
function parseEmbedded(text: string): ListNode {
  return new Parser(`{${text}}`).parse().nodes[0] as ListNode;
}

class Parser {
  private readonly root: ListNode = { kind: 'list', nodes: [] };
  private pos = 0;
  private start = 0;
  private width = 0;

  constructor(private readonly input: string) {}

  parse(): ListNode {
    for (;;) {
      const open = this.input.indexOf('{', this.pos);
      if (open < 0) break;
      if (open > this.start) this.root.nodes.push({ kind: 'text', text: this.input.slice(this.start, open) });
      this.pos = open + 1;
      this.consumeText();
      const action: ListNode = { kind: 'list', nodes: [] };
      this.root.nodes.push(action);
      this.parseAction(action);
    }
    if (this.input.length > this.start) this.root.nodes.push({ kind: 'text', text: this.input.slice(this.start) });
    return this.root;
  }

  private consumeText(): string {
    const text = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return text;
  }

  private next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos)!;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  /** Whether the closing quote just read is escaped (upstream looks at the byte before it). */
  private escapedQuote(): boolean {
    return this.input[this.pos - 2] === '\\';
  }

  /** The inside of one `{...}` action, up to and including its `}`. */
  private parseAction(cur: ListNode): void {
    for (;;) {
      const rest = this.input.slice(this.pos, this.pos + 3);
      if (rest.startsWith('}')) {
        this.pos += 1;
        this.consumeText();
        return;
      }
      if (rest === '[?(') {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith('..')) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === EOF || isEndOfLine(r)) throw new JsonPathError('unclosed action');
      const ch = String.fromCodePoint(r);
      if (ch === ' ' || ch === '@' || ch === '$') {
        this.consumeText(); // blanks and the current object are no-ops
      } else if (ch === '[') {
        this.parseArray(cur);
      } else if (ch === '"' || ch === "'") {
        this.parseQuote(cur, ch);
      } else if (ch === '.') {
        this.parseField(cur);
      } else if (ch === '+' || ch === '-' || isDigit(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else {
        throw new JsonPathError(`unrecognized character in action: ${goUnicode(r)}`);
      }
    }
  }

  /** Keywords (`range`, `end`) and the booleans `true` and `false`. */
  private parseIdentifier(cur: ListNode): void {
    while (!isTerminator(this.next()));
    this.backup();
    const value = this.consumeText();
    cur.nodes.push(value === 'true' || value === 'false'
      ? { kind: 'bool', value: value === 'true' }
      : { kind: 'identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    if (cur.nodes.at(-1)?.kind === 'recursive') throw new JsonPathError('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ kind: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    const sign = this.peek();
    if (sign === 0x2b || sign === 0x2d) this.next();
    for (;;) {
      const r = this.next();
      if (r !== 0x2e && !isDigit(r)) break;
    }
    this.backup();
    const value = this.consumeText();
    const int = goAtoi(value);
    if (int !== undefined) {
      cur.nodes.push({ kind: 'int', value: int });
      return;
    }
    const float = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(value) ? Number(value) : NaN;
    if (!Number.isFinite(float)) throw new JsonPathError(`cannot parse number ${value}`);
    cur.nodes.push({ kind: 'float', value: float });
  }

  /** `[...]`: a union, a quoted dict key, or an index / slice. */
  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JsonPathError('unterminated array');
      if (r === 0x5d) break;
    }
    let text = this.consumeText().slice(1, -1);
    if (text === '*') text = ':';

    const parts = text.split(',');
    if (parts.length > 1) {
      cur.nodes.push({ kind: 'union', lists: parts.map((part) => parseEmbedded(`[${trimSpaces(part)}]`)) });
      return;
    }

    // ['a.b'] re-parses as .a.b, so a dotted key needs escaping (`['a\.b']`), as upstream.
    const key = DICT_KEY.exec(text);
    if (key) {
      cur.nodes.push(...parseEmbedded(`.${key[1]}`).nodes);
      return;
    }

    const slice = SLICE.exec(text);
    if (!slice) throw new JsonPathError(`invalid array index ${text}`);
    const params: [SliceParam, SliceParam, SliceParam] = [
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
    ];
    for (let i = 0; i < 3; i++) {
      let part = slice[i + 1] ?? '';
      if (part === '') {
        if (i === 1) params[1] = { value: params[0].value + 1, known: true, derived: true }; // [n] is [n:n+1]
        continue;
      }
      if (i > 0) part = part.slice(1);
      if (i > 0 && part === '') continue; // `[a:]`, `[a:b:]`: unknown
      const value = goAtoi(part);
      if (value === undefined) throw new JsonPathError(`array index ${part} is not a number`);
      params[i] = { value, known: true, derived: false };
    }
    cur.nodes.push({ kind: 'array', params });
  }

  /** `[?(left op right)]` or the existence test `[?(path)]`. */
  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    // A `)` ends the filter unless it is inside the first quoted string.
    let quote = 0;
    let opened = false;
    let closed = false;
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JsonPathError('unterminated filter');
      if (r === 0x22 || r === 0x27) {
        if (!opened) {
          opened = true;
          quote = r;
          continue;
        }
        if (r === quote && !this.escapedQuote()) closed = true;
      } else if (r === 0x29 && opened === closed) {
        break;
      }
    }
    if (this.next() !== 0x5d) throw new JsonPathError('unclosed array expect ]');
    const text = this.consumeText().slice(0, -2);
    const comparison = FILTER.exec(text);
    cur.nodes.push(comparison
      ? { kind: 'filter', left: parseEmbedded(comparison[1]), right: parseEmbedded(comparison[3]), operator: comparison[2] }
      : { kind: 'filter', left: parseEmbedded(text), right: { kind: 'list', nodes: [] }, operator: 'exists' });
  }

  private parseQuote(cur: ListNode, quote: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JsonPathError('unterminated quoted string');
      if (r === quote.charCodeAt(0) && !this.escapedQuote()) break;
    }
    const value = this.consumeText();
    let text: string;
    try {
      text = unquoteExtend(value);
    } catch {
      throw new JsonPathError(`unquote string ${value} error invalid syntax`);
    }
    cur.nodes.push({ kind: 'text', text });
  }

  /** `.name` up to the next unescaped terminator; backslashes escape and are then dropped. */
  private parseField(cur: ListNode): void {
    this.consumeText();
    for (;;) {
      const r = this.next();
      if (r === 0x5c) {
        this.next();
      } else if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    cur.nodes.push(value === '*' ? { kind: 'wildcard' } : { kind: 'field', name: value.replaceAll('\\', '') });
  }
}

function isTerminator(r: number): boolean {
  return r === EOF || ' \t\r\n.,[]$@{}'.includes(String.fromCodePoint(r));
}

function isEndOfLine(r: number): boolean {
  return r === 0x0d || r === 0x0a;
}

function isDigit(r: number): boolean {
  return r !== EOF && /\p{Nd}/u.test(String.fromCodePoint(r));
}

function isAlphaNumeric(r: number): boolean {
  return r !== EOF && /[_\p{L}\p{Nd}]/u.test(String.fromCodePoint(r));
}

/** strings.Trim(s, " "). */
function trimSpaces(s: string): string {
  return s.replace(/^ +| +$/g, '');
}

/** Go's strconv.Atoi: an optional sign and decimal digits within int64. */
function goAtoi(s: string): number | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = BigInt(s);
  if (n < -(2n ** 63n) || n >= 2n ** 63n) return undefined;
  return Number(n);
}

/** Go's %#U of a rune: U+002A '*'. */
function goUnicode(r: number): string {
  const ch = String.fromCodePoint(r);
  const code = `U+${r.toString(16).toUpperCase().padStart(4, '0')}`;
  return ch === ' ' || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch) ? `${code} '${ch}'` : code;
}

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
const HEX_ESCAPE_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };

/** Upstream's UnquoteExtend: Go's strconv.Unquote that also accepts single-quoted strings. */
function unquoteExtend(quoted: string): string {
  const quote = quoted[0];
  if (quoted.length < 2 || quote !== quoted.at(-1) || (quote !== '"' && quote !== "'")) throw new Error('invalid syntax');
  const s = quoted.slice(1, -1);
  let out = '';
  for (let i = 0; i < s.length;) {
    const c = s[i++];
    if (c === quote) throw new Error('invalid syntax');
    if (c !== '\\') {
      out += c;
      continue;
    }
    const escape = s[i++] ?? '';
    if (Object.hasOwn(SIMPLE_ESCAPES, escape)) {
      out += SIMPLE_ESCAPES[escape];
    } else if (Object.hasOwn(HEX_ESCAPE_DIGITS, escape)) {
      const digits = s.slice(i, i + HEX_ESCAPE_DIGITS[escape]);
      if (digits.length !== HEX_ESCAPE_DIGITS[escape] || !/^[0-9a-fA-F]+$/.test(digits)) throw new Error('invalid syntax');
      i += digits.length;
      const v = parseInt(digits, 16);
      if (escape !== 'x' && (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))) throw new Error('invalid syntax');
      out += String.fromCodePoint(v); // \x is a raw byte in Go; here the code unit of that value
    } else if (escape >= '0' && escape <= '7') {
      const digits = escape + s.slice(i, i + 2);
      if (!/^[0-7]{3}$/.test(digits) || parseInt(digits, 8) > 255) throw new Error('invalid syntax');
      i += 2;
      out += String.fromCharCode(parseInt(digits, 8));
    } else if (escape === quote) {
      out += escape;
    } else {
      throw new Error('invalid syntax');
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

export interface FindOptions {
  /** Missing fields yield no result instead of the error `<field> is not found`. Default false. */
  allowMissingKeys?: boolean;
}

/**
 * Upstream's FindResults: one result list per top-level template node (text or `{...}`), with
 * `range ... end` blocks expanded per item.
 */
export function findResults(template: string | JsonPath, data: unknown, options: FindOptions = {}): unknown[][] {
  const path = typeof template === 'string' ? parseJsonPath(template) : template;
  const results = new Evaluator(options.allowMissingKeys ?? false).findResults(path.root.nodes, data);
  return results.map((list) => list.map((v) => (v instanceof FloatLiteral ? v.value : v)));
}

/** Upstream's PrintResults: values joined by spaces, maps and slices as JSON, null as `null`. */
export function printResults(values: readonly unknown[]): string {
  return values.map(printValue).join(' ');
}

/** Upstream's Execute: every result list printed, concatenated. */
export function executeJsonPath(template: string | JsonPath, data: unknown, options: FindOptions = {}): string {
  return findResults(template, data, options).map(printResults).join('');
}

function printValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') return goJsonMarshal(v);
  return goSprintV(v);
}

/**
 * A float literal of the template (`2.0`). Go compares it as float64, never equal to the int64
 * 2 of JSON data, so it must stay distinguishable from a number until the results leave.
 */
class FloatLiteral {
  constructor(readonly value: number) {}
}

/** An evaluation failure carrying what the failing step returned with it, as upstream does. */
class EvalError extends JsonPathError {
  constructor(message: string, readonly partial: unknown[]) {
    super(message);
  }
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof FloatLiteral);
}

/** What `*` and `..` descend into: map values, slice elements, and the bytes of a string. */
function children(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isMap(v)) return Object.keys(v).sort().map((k) => v[k]);
  if (typeof v === 'string') return [...Buffer.from(v, 'utf8')];
  return [];
}

class Evaluator {
  // range/end bookkeeping, shared across the recursive findResults calls of one evaluation.
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: JsonPathNode | undefined;

  constructor(private readonly allowMissingKeys: boolean) {}

  findResults(nodes: readonly JsonPathNode[], data: unknown): unknown[][] {
    const full: unknown[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const results = this.walk([data], node);

      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = node;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        const body = nodes.slice(i + 1);
        if (results.length > 0) {
          for (const item of results) for (const list of this.findResults(body, item)) full.push(list);
        } else {
          this.findResults(body, null); // only to find the matching end
        }
        this.inRange--;
        // Resume after the end that closed this range (when there is one).
        const end = nodes.indexOf(this.lastEndNode!, i + 1);
        if (end >= 0) i = end;
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: unknown[], node: JsonPathNode): unknown[] {
    switch (node.kind) {
      case 'list': return this.evalList(input, node);
      case 'text': return [node.text];
      case 'field': return this.evalField(input, node.name);
      case 'array': return this.evalArray(input, node.params);
      case 'filter': return this.evalFilter(input, node);
      case 'int': return input.map(() => node.value);
      case 'float': return input.map(() => new FloatLiteral(node.value));
      case 'bool': return input.map(() => node.value);
      case 'wildcard': return input.flatMap(children);
      case 'recursive': return this.evalRecursive(input);
      case 'union': return this.evalUnion(input, node.lists);
      case 'identifier': return this.evalIdentifier(input, node.name);
    }
  }

  private evalList(input: unknown[], list: ListNode): unknown[] {
    let current = input;
    for (const node of list.nodes) current = this.walk(current, node);
    return current;
  }

  private evalIdentifier(input: unknown[], name: string): unknown[] {
    if (name === 'range') {
      this.beginRange++;
      return input;
    }
    if (name === 'end') {
      if (this.inRange === 0) throw new EvalError('not in range, nothing to end', []);
      this.endRange++;
      return [];
    }
    throw new EvalError(`unrecognized identifier ${name}`, input);
  }

  private evalField(input: unknown[], name: string): unknown[] {
    if (input.length === 0) return [];
    const results = input.filter((v) => isMap(v) && Object.hasOwn(v, name)).map((v) => (v as Record<string, unknown>)[name]);
    if (results.length === 0 && !this.allowMissingKeys) throw new EvalError(`${name} is not found`, []);
    return results;
  }

  private evalArray(input: unknown[], params: readonly SliceParam[]): unknown[] {
    const result: unknown[] = [];
    for (const value of input) {
      if (value === null || value === undefined) continue;
      if (!Array.isArray(value)) throw new EvalError(`${goTypeName(value)} is not array or slice`, input);
      const length = value.length;
      let start = params[0].known ? params[0].value : 0;
      if (start < 0) start += length;
      let end = params[1].known ? params[1].value : length;
      if (end < 0 || (end === 0 && params[1].derived)) end += length; // [-1] is [len-1:len]
      if (end === start) return result; // an empty selection ends the whole step, as upstream
      if (start >= length || start < 0) throw new EvalError(`array index out of bounds: index ${start}, length ${length}`, input);
      if (end > length || end < 0) throw new EvalError(`array index out of bounds: index ${end - 1}, length ${length}`, input);
      if (start > end) throw new EvalError(`starting index ${start} is greater than ending index ${end}`, input);
      let step = 1;
      if (params[2].known) {
        if (params[2].value <= 0) throw new EvalError('step must be > 0', input);
        step = params[2].value;
      }
      for (let i = start; i < end; i += step) result.push(value[i]);
    }
    return result;
  }

  private evalUnion(input: unknown[], lists: readonly ListNode[]): unknown[] {
    try {
      return lists.flatMap((list) => this.evalList(input, list));
    } catch (err) {
      throw new EvalError((err as Error).message, input);
    }
  }

  /** Every non-empty container under input, itself first; a non-empty string counts as one. */
  private evalRecursive(input: unknown[], result: unknown[] = []): unknown[] {
    for (const value of input) {
      if (typeof value === 'string') {
        if (value !== '') result.push(value); // its bytes, the string's children, hold nothing
      } else {
        const below = children(value);
        if (below.length > 0) {
          result.push(value);
          this.evalRecursive(below, result);
        }
      }
    }
    return result;
  }

  private evalFilter(input: unknown[], filter: Extract<JsonPathNode, { kind: 'filter' }>): unknown[] {
    const results: unknown[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) throw new EvalError(`${goSprintV(value)} is not array or slice and cannot be filtered`, input);
      for (const item of value) {
        if (filter.operator === 'exists') {
          // Upstream ignores the error here and keeps the item when the failing step returned values.
          let lefts: unknown[];
          try {
            lefts = this.evalList([item], filter.left);
          } catch (err) {
            lefts = err instanceof EvalError ? err.partial : [];
          }
          if (lefts.length > 0) results.push(item);
          continue;
        }
        const left = this.operand(item, filter.left, input);
        if (left === NONE) continue;
        const right = this.operand(item, filter.right, input);
        if (right === NONE) continue;
        let pass: boolean;
        try {
          pass = compare(filter.operator, left, right);
        } catch (err) {
          throw new EvalError((err as Error).message, results);
        }
        if (pass) results.push(item);
      }
    }
    return results;
  }

  /** The single value one side of a comparison yields for an item, or NONE to skip the item. */
  private operand(item: unknown, side: ListNode, input: unknown[]): unknown {
    let values: unknown[];
    try {
      values = this.evalList([item], side);
    } catch (err) {
      throw new EvalError((err as Error).message, input);
    }
    if (values.length === 0) return NONE;
    if (values.length > 1) throw new EvalError('can only compare one element at a time', input);
    return values[0];
  }
}

const NONE = Symbol('no operand');

// Go text/template's comparison functions (eq, lt, ...) on the kinds JSON data and literals have.
type ComparableKind = 'bool' | 'int' | 'float' | 'string';

function comparableKind(v: unknown): ComparableKind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (v instanceof FloatLiteral) return 'float';
  if (typeof v === 'number') return goTypeName(v) === 'int64' ? 'int' : 'float';
  throw new Error('invalid type for comparison');
}

function plain(v: unknown): number | string | boolean {
  return v instanceof FloatLiteral ? v.value : (v as number | string | boolean);
}

function goEqual(a: unknown, b: unknown): boolean {
  if (comparableKind(a) !== comparableKind(b)) throw new Error('incompatible types for comparison');
  return plain(a) === plain(b);
}

function goLess(a: unknown, b: unknown): boolean {
  const kind = comparableKind(a);
  if (kind !== comparableKind(b)) throw new Error('incompatible types for comparison');
  if (kind === 'bool') throw new Error('invalid type for comparison');
  // Go compares strings bytewise (UTF-8), which is code point order, not UTF-16 order.
  if (kind === 'string') return Buffer.compare(Buffer.from(a as string), Buffer.from(b as string)) < 0;
  return (plain(a) as number) < (plain(b) as number);
}

function compare(operator: string, a: unknown, b: unknown): boolean {
  switch (operator) {
    case '<': return goLess(a, b);
    case '>': return !(goLess(a, b) || goEqual(a, b));
    case '==': return goEqual(a, b);
    case '!=': return !goEqual(a, b);
    case '<=': return goLess(a, b) || goEqual(a, b);
    case '>=': return !goLess(a, b);
    default: throw new Error(`unrecognized filter operator ${operator}`);
  }
}

// ---------------------------------------------------------------------------------------------
// What kubectl and the apiextensions apiserver do with JSONPath

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/**
 * kubectl's RelaxedJSONPathExpression: `metadata.name`, `.metadata.name`, `{metadata.name}` and
 * `{.metadata.name}` all become `{.metadata.name}`; the empty string stays empty.
 */
export function relaxedJsonPath(expression: string): string {
  if (expression === '') return expression;
  const match = RELAXED.exec(expression);
  if (!match) {
    throw new JsonPathError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  }
  return `{.${match[1] || match[2]}}`;
}

/**
 * A printer column's jsonPath as the CRD table convertor parses it: wrapped in braces as is (no
 * relaxing), with its error when it does not parse.
 */
export function parseColumnPath(jsonPath: string): JsonPath {
  try {
    return parseJsonPath(`{${jsonPath}}`);
  } catch {
    throw new JsonPathError(`unrecognized column definition ${goQuote(jsonPath)}`);
  }
}

/**
 * One cell of a CRD printer column, as the apiextensions TableConvertor computes it: the first
 * result of the path (missing keys allowed; any error or no result gives null), printed for
 * `string` columns, converted by cellForJsonValue for the others.
 */
export function columnCell(path: JsonPath, type: string, obj: unknown, now: number = Date.now()): unknown {
  let results: unknown[][];
  try {
    results = findResults(path, obj, { allowMissingKeys: true });
  } catch {
    return null;
  }
  if (results.length === 0 || results[0].length === 0) return null;
  const value = results[0][0];
  if (type === 'string') {
    // Upstream re-wraps the value; a nil one is then an invalid reflect.Value, printed so.
    return value === null || value === undefined ? '<no value>' : printResults([value]);
  }
  return cellForJsonValue(type, value, now);
}

/** Upstream's cellForJSONValue: a JSON value as the cell of a non-string printer column. */
export function cellForJsonValue(type: string, value: unknown, now: number = Date.now()): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'integer': return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number': return typeof value === 'number' ? value : null;
    case 'boolean': return typeof value === 'boolean' ? value : null;
    case 'string': return typeof value === 'string' ? value : null;
    case 'date': {
      if (typeof value !== 'string') return null;
      const time = parseQueryTime(value);
      if (time === undefined) return '<invalid>';
      return time === 'zero' ? '<unknown>' : humanDuration(now - time);
    }
    default: return null;
  }
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d+))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * metav1.Time's UnmarshalQueryParameter: "" and "null" are the zero time, otherwise Go's
 * time.Parse(time.RFC3339) (which accepts fractional seconds and one-digit hours). Returns
 * milliseconds since the epoch, 'zero', or undefined when Go would fail to parse.
 */
function parseQueryTime(s: string): number | 'zero' | undefined {
  if (s === '' || s === 'null') return 'zero';
  const m = RFC3339.exec(s);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const fraction = m[7] ?? '';
  const offsetSign = m[8] === '-' ? -1 : 1;
  const [offsetHours, offsetMinutes] = [Number(m[9] ?? 0), Number(m[10] ?? 0)];
  const daysInMonth = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (daysInMonth === undefined || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return undefined;
  if (offsetHours > 24 || offsetMinutes > 60) return undefined;

  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // setUTCFullYear, unlike Date.UTC, keeps years 0-99
  date.setUTCHours(hour, minute, second, 0);
  const utc = date.getTime() - offsetSign * (offsetHours * 60 + offsetMinutes) * 60_000;
  if (utc === ZERO_TIME && !/[1-9]/.test(fraction)) return 'zero';
  return utc + Number(`0.${fraction || '0'}`) * 1000;
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Go's zero time.Time, 0001-01-01T00:00:00Z. */
const ZERO_TIME = (() => {
  const date = new Date(0);
  date.setUTCFullYear(1, 0, 1);
  return date.getTime();
})();

/**
 * The value of a selectable field for field selectors, as the custom resource strategy computes
 * it from the field's parsed `{jsonPath}` (missing keys allowed): fmt.Sprint of the single
 * result, "" when there is none or it is null.
 */
export function selectableFieldValue(path: JsonPath, obj: unknown): string {
  let results: unknown[][];
  try {
    results = findResults(path, obj, { allowMissingKeys: true });
  } catch (err) {
    throw new JsonPathError(`unexpected error finding value with jsonPath: ${(err as Error).message}`);
  }
  if (results.length === 0 || results[0].length === 0) return '';
  if (results.length > 1 || results[0].length > 1) throw new JsonPathError('unexpectedly received more than one JSON path result');
  const value = results[0][0];
  return value === null || value === undefined ? '' : goSprintV(value);
}

/**
 * The field names of a simple path (`.spec.replicas`, `.spec['x.y']`), as apiextensions'
 * ValidFieldPath reads selectableFields jsonPaths (with `allowArrayNotation: false` there).
 * Whether each name exists in the schema ("does not refer to a valid field") is the caller's
 * check. Throws with upstream's messages.
 */
export function parseFieldPath(path: string, options: { allowArrayNotation?: boolean } = {}): string[] {
  const allowArrayNotation = options.allowArrayNotation ?? true;
  const tokens = fieldPathTokens(path);
  const names: string[] = [];
  let i = 0;
  const nextToken = (): string => {
    if (i >= tokens.length) throw new JsonPathError('unexpected end of JSON path');
    return tokens[i++];
  };
  while (i < tokens.length) {
    const token = tokens[i++];
    if (token === '.') {
      names.push(nextToken());
    } else if (token === '[') {
      if (!allowArrayNotation) throw new JsonPathError('array notation is not allowed');
      const quoted = nextToken();
      if (quoted.length < 2 || !quoted.startsWith("'") || !quoted.endsWith("'")) {
        throw new JsonPathError(`expected single quoted string but got ${quoted}`);
      }
      names.push(unescapeSingleQuote(quoted.slice(1, -1)));
      const close = nextToken();
      if (close !== ']') throw new JsonPathError(`expected ] but got ${close}`);
    } else {
      throw new JsonPathError(`expected [ or . but got: ${token}`);
    }
  }
  return names;
}

/** ValidFieldPath's scanner: `.`, `[`, `]` alone, a quoted string whole, other runs of text. */
function fieldPathTokens(path: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < path.length) {
    let end: number;
    if (path[i] === "'") {
      end = i + 1;
      while (end < path.length && !(path[end] === "'" && path[end - 1] !== '\\')) end++;
      end = Math.min(end + 1, path.length); // an unterminated string runs to the end
    } else if ('.[]'.includes(path[i])) {
      end = i + 1;
    } else {
      end = i;
      while (end < path.length && !'.[]'.includes(path[end])) end++;
    }
    tokens.push(path.slice(i, end));
    i = end;
  }
  return tokens;
}

function unescapeSingleQuote(s: string): string {
  const escapes: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', "'": "'", '\\': '\\' };
  let invalid: string | undefined;
  const unescaped = s.replace(/\\[^\n]/gu, (match) => {
    const replacement = escapes[match.slice(1)];
    if (replacement !== undefined) return replacement;
    invalid = match; // the last bad escape is the one reported, as upstream
    return '';
  });
  if (invalid !== undefined) throw new JsonPathError(`invalid string literal: invalid escape char ${invalid}`);
  return unescaped;
}

/**
 * The scale subresource's reading of specReplicasPath, statusReplicasPath and labelSelectorPath:
 * the path split on every `.` after one leading `.` (no bracket notation).
 */
export function splitReplicasPath(path: string): string[] {
  return (path.startsWith('.') ? path.slice(1) : path).split('.');
}
