// The parsed-expression shapes we read and rewrite, taken from @bufbuild/cel's parser output so we
// need no direct dependency on its protobuf package, and the parse step itself.

import { parse } from '@bufbuild/cel';

export type ParsedExpr = ReturnType<typeof parse>;
export type Expr = ParsedExpr['expr'];
export type ExprKind = Expr['exprKind'];
export type CallExpr = Extract<ExprKind, { case: 'callExpr' }>['value'];
export type SelectExpr = Extract<ExprKind, { case: 'selectExpr' }>['value'];
export type ComprehensionExpr = Extract<ExprKind, { case: 'comprehensionExpr' }>['value'];
export type Constant = Extract<ExprKind, { case: 'constExpr' }>['value'];

export type ParseResult = { ok: true; parsed: ParsedExpr } | { ok: false; offset: number; message: string };

/**
 * Blanks out `//` line comments, which CEL allows and @bufbuild/cel's parser does not; offsets of
 * everything else stay where they were.
 */
export function stripComments(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '/' && source[i + 1] === '/') {
      const end = source.indexOf('\n', i);
      const stop = end < 0 ? source.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
      continue;
    }
    if (c === '"' || c === "'") {
      // Copy a string literal whole: raw (r'...'), triple-quoted or with escapes.
      const raw = i > 0 && (source[i - 1] === 'r' || source[i - 1] === 'R');
      const quote = source.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + quote.length;
      while (j < source.length && !source.startsWith(quote, j)) {
        if (!raw && source[j] === '\\') j++;
        if (quote.length === 1 && source[j] === '\n') break;
        j++;
      }
      j = Math.min(source.length, j + quote.length);
      out += source.slice(i, j);
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** Parses an expression; a syntax error carries the offset the parser stopped at. */
export function parseExpression(source: string): ParseResult {
  try {
    return { ok: true, parsed: parse(stripComments(source)) };
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    // "<input>:1:10: found = but expecting end of input" (line and 1-based column)
    const m = /^<input>:(\d+):(\d+): ([\s\S]*)$/.exec(text);
    if (!m) return { ok: false, offset: 0, message: text.includes('call stack') ? 'expression nesting too deep' : text };
    const lines = source.split('\n');
    let offset = 0;
    for (let i = 0; i < Number(m[1]) - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    return { ok: false, offset: offset + Number(m[2]) - 1, message: m[3] };
  }
}

/** The position of an expression node in the source, or 0 when the parser recorded none. */
export const positionOf = (parsed: ParsedExpr, id: bigint): number => parsed.sourceInfo?.positions[id.toString()] ?? 0;

/** a.b.c for a chain of selects over an identifier (a candidate qualified function name). */
export function qualifiedName(e: Expr): string | undefined {
  if (e.exprKind.case === 'identExpr') return e.exprKind.value.name;
  if (e.exprKind.case === 'selectExpr' && !e.exprKind.value.testOnly && e.exprKind.value.operand) {
    const parent = qualifiedName(e.exprKind.value.operand);
    return parent === undefined ? undefined : `${parent}.${e.exprKind.value.field}`;
  }
  return undefined;
}

/** Child expressions of a node, in evaluation order. */
export function children(e: Expr): Expr[] {
  const k = e.exprKind;
  switch (k.case) {
    case 'selectExpr':
      return k.value.operand ? [k.value.operand] : [];
    case 'callExpr':
      return [...(k.value.target ? [k.value.target] : []), ...k.value.args];
    case 'listExpr':
      return k.value.elements;
    case 'structExpr':
      return k.value.entries.flatMap((en) => [...(en.keyKind.case === 'mapKey' ? [en.keyKind.value] : []), ...(en.value ? [en.value] : [])]);
    case 'comprehensionExpr':
      return [k.value.iterRange, k.value.accuInit, k.value.loopCondition, k.value.loopStep, k.value.result].filter((x): x is Expr => x !== undefined);
    default:
      return [];
  }
}
