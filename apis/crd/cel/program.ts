// One expression from source to something we can run: parse, type-check against `self` (and
// `oldSelf`), run cel-go's literal validators, estimate the worst-case cost, adapt the tree to the
// evaluator and plan it. Failures come back as the text cel-go's Issues.String() would give.

import { plan, type CelResult, type CelInput } from '@bufbuild/cel';
import { Expr, ParsedExpr, parseExpression } from './ast.js';
import { CheckResult, checkExpression } from './checker.js';
import { estimateCost } from './cost.js';
import { Range } from './costMath.js';
import { Declarations, standardDeclarations } from './declarations.js';
import { DeclType } from './declType.js';
import { Issue, formatIssues } from './issues.js';
import { libraryDeclarations } from './libraryDeclarations.js';
import { regexError } from './lib/regex.js';
import { rewriteForRuntime } from './runtime/rewrite.js';
import { RUNTIME_ENV } from './runtime/runtimeEnv.js';
import { CelType } from './types.js';
import { parseGoDuration } from './values/time.js';

const FUNCTIONS: Declarations = new Map();
standardDeclarations(FUNCTIONS);
libraryDeclarations(FUNCTIONS);

export interface Program {
  /** Evaluates with the given variables (self, oldSelf); errors come back as values. */
  run(vars: Record<string, CelInput>): CelResult;
  type: CelType;
  usesOldSelf: boolean;
  /** Estimated worst-case cost of one evaluation. */
  cost: Range;
}

export type CompileOutcome = { ok: true; program: Program } | { ok: false; detail: string };

export interface ExpressionScope {
  variables: ReadonlyMap<string, CelType>;
  /** What `self` is, for the size estimates of the cost estimator. */
  self: DeclType;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** cel-go's literal validators (duration, timestamp, matches) plus find/findAll's regex optimization. */
function literalIssues(parsed: ParsedExpr, checked: CheckResult, location: (e: Expr) => number): { issues: Issue[]; instantiation?: string } {
  const issues: Issue[] = [];
  let instantiation: string | undefined;
  const visit = (e: Expr | undefined): void => {
    if (!e) return;
    const k = e.exprKind;
    if (k.case === 'callExpr') {
      const lit = k.value.args[0];
      const text = lit?.exprKind.case === 'constExpr' && lit.exprKind.value.constantKind.case === 'stringValue' ? lit.exprKind.value.constantKind.value : undefined;
      if (text !== undefined) {
        const fn = k.value.function;
        const ids = checked.overloads.get(e.id) ?? [];
        if (fn === 'duration' && ids.includes('string_to_duration') && (parseGoDuration(text) === undefined || /[dw]/.test(text))) issues.push({ offset: location(lit), message: 'invalid duration argument' });
        if (fn === 'timestamp' && ids.includes('string_to_timestamp') && !RFC3339.test(text)) issues.push({ offset: location(lit), message: 'invalid timestamp argument' });
        if (fn === 'matches' && regexError(text) !== undefined) issues.push({ offset: location(lit), message: 'invalid matches argument' });
        if ((fn === 'find' || fn === 'findAll') && k.value.target && instantiation === undefined) instantiation = regexError(text);
      }
      visit(k.value.target);
      k.value.args.forEach(visit);
      return;
    }
    if (k.case === 'selectExpr') return visit(k.value.operand);
    if (k.case === 'listExpr') return k.value.elements.forEach(visit);
    if (k.case === 'structExpr') return k.value.entries.forEach((en) => (en.keyKind.case === 'mapKey' && visit(en.keyKind.value), visit(en.value)));
    if (k.case === 'comprehensionExpr') [k.value.iterRange, k.value.accuInit, k.value.loopCondition, k.value.loopStep, k.value.result].forEach(visit);
  };
  visit(parsed.expr);
  return { issues, instantiation };
}

/** Compiles one expression; `detail` on failure is cel-go's issue text (without a prefix). */
export function compileProgram(source: string, scope: ExpressionScope): CompileOutcome & { instantiationFailed?: boolean } {
  const parsed = parseExpression(source);
  if (!parsed.ok) return { ok: false, detail: formatIssues(source, [{ offset: parsed.offset, message: `Syntax error: ${parsed.message}` }]) };
  const checked = checkExpression(parsed.parsed, source, { variables: scope.variables, functions: FUNCTIONS });
  if (checked.issues.length > 0) return { ok: false, detail: formatIssues(source, checked.issues) };
  const literal = literalIssues(parsed.parsed, checked, (e) => {
    const pos = parsed.parsed.sourceInfo?.positions[e.id.toString()] ?? 0;
    let i = pos;
    while (i < source.length && /\s/.test(source[i])) i++;
    return i;
  });
  if (literal.issues.length > 0) return { ok: false, detail: formatIssues(source, literal.issues) };
  if (literal.instantiation !== undefined) return { ok: false, detail: literal.instantiation, instantiationFailed: true };
  const cost = estimateCost(parsed.parsed, checked, scope.self);
  let runnable: ReturnType<typeof plan>;
  try {
    runnable = plan(RUNTIME_ENV, rewriteForRuntime(parsed.parsed.expr, checked));
  } catch (e) {
    return { ok: false, detail: e instanceof Error ? e.message : String(e), instantiationFailed: true };
  }
  return {
    ok: true,
    program: { run: (vars) => runnable(vars), type: checked.type, usesOldSelf: checked.usesOldSelf, cost },
  };
}
