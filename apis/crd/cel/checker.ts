// A CEL type checker over @bufbuild/cel's parse tree, following cel-go's checker (checker.go):
// identifiers, field selection on schema objects and maps, overload resolution with type
// parameters, comprehensions, and aggregate literals. @bufbuild/cel has no checker of its own; this
// one is what turns `self.replicas + 'x'` or `self.nosuchfield` into a compile error with cel-go's
// message and position, and records what the cost estimator and the runtime rewrite need.

import { CallExpr, ComprehensionExpr, Constant, Expr, ParsedExpr, positionOf, qualifiedName } from './ast.js';
import { Declarations, Overload, TYPE_IDENTIFIERS } from './declarations.js';
import { escapeName } from './escaping.js';
import { Issue } from './issues.js';
import { CelType, T, formatType, isDyn, isDynOrError, isExactType, isOptional, params } from './types.js';
import { Substitutions, freshen, mostGeneral, substitute, tryAssign, tryAssignList } from './unify.js';

export interface CheckEnv {
  variables: ReadonlyMap<string, CelType>;
  functions: Declarations;
}

export interface CheckResult {
  issues: Issue[];
  /** The expression's type, unbound parameters as dyn. */
  type: CelType;
  /** Type of every node, unbound parameters as dyn. */
  types: Map<bigint, CelType>;
  /** Overloads a call may dispatch to, by call node. */
  overloads: Map<bigint, string[]>;
  /** Whether the expression reads the oldSelf variable. */
  usesOldSelf: boolean;
  /** Select nodes (and has() tests) whose operand is an optional value. */
  optionalSelects: Set<bigint>;
  /** Calls written on a receiver that name a qualified function (`sets.contains(a, b)`). */
  qualifiedCalls: Map<bigint, string>;
  /** Selects of a reserved word naming an escaped property (`self.namespace` for `__namespace__`). */
  renamedFields: Map<bigint, string>;
}

const MAX_INT64 = 2n ** 63n - 1n;
const MIN_INT64 = -(2n ** 63n);
const MAX_UINT64 = 2n ** 64n - 1n;

const MACROS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);
const TWO_VAR_MACROS = new Set(['existsOne', 'transformList', 'transformMap', 'transformMapEntry']);

class Checker {
  private readonly issues: Issue[] = [];
  private readonly types = new Map<bigint, CelType>();
  private readonly overloads = new Map<bigint, string[]>();
  private readonly optionalSelects = new Set<bigint>();
  private readonly qualifiedCalls = new Map<bigint, string>();
  private readonly renamedFields = new Map<bigint, string>();
  private readonly lists: Expr[] = [];
  private readonly maps: Expr[] = [];
  private readonly scopes: Map<string, CelType>[] = [];
  private m = new Substitutions();
  private typeVars = 0;
  usesOldSelf = false;

  constructor(
    private readonly parsed: ParsedExpr,
    private readonly source: string,
    private readonly env: CheckEnv,
  ) {}

  run(): CheckResult {
    const root = this.parsed.expr;
    this.check(root);
    const types = new Map<bigint, CelType>();
    for (const [id, t] of this.types) types.set(id, substitute(this.m, t, true));
    if (this.issues.length === 0) this.validateAggregateLiterals(types);
    return {
      issues: this.issues,
      type: types.get(root.id) ?? T.error,
      types,
      overloads: this.overloads,
      usesOldSelf: this.usesOldSelf,
      optionalSelects: this.optionalSelects,
      qualifiedCalls: this.qualifiedCalls,
      renamedFields: this.renamedFields,
    };
  }

  // ---- positions ----------------------------------------------------------------------------

  private skipSpace(i: number): number {
    while (i < this.source.length && /\s/.test(this.source[i])) i++;
    return i;
  }

  /** Where cel-go reports a node: operators at their token, calls and macros at their '('. */
  location(e: Expr): number {
    let i = this.skipSpace(positionOf(this.parsed, e.id));
    const isCall = (e.exprKind.case === 'callExpr' && /^[A-Za-z.]/.test(e.exprKind.value.function)) || this.parsed.sourceInfo?.macroCalls[e.id.toString()] !== undefined;
    if (!isCall) return i;
    let j = i;
    if (this.source[j] === '.') j = this.skipSpace(j + 1);
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.source.slice(j));
    if (ident) {
      j = this.skipSpace(j + ident[0].length);
      if (this.source[j] === '(') i = j;
    }
    return i;
  }

  private error(e: Expr, message: string): void {
    this.issues.push({ offset: this.location(e), message });
  }

  // ---- helpers ------------------------------------------------------------------------------

  private setType(e: Expr, t: CelType): void {
    this.types.set(e.id, t);
  }

  private typeOf(e: Expr): CelType {
    return this.types.get(e.id) ?? T.error;
  }

  private newTypeVar(): CelType {
    return T.param(`_var${this.typeVars++}`);
  }

  private isAssignable(t1: CelType, t2: CelType): boolean {
    const next = tryAssign(this.m, t1, t2);
    if (next) this.m = next;
    return !!next;
  }

  private lookupIdent(name: string): CelType | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const t = this.scopes[i].get(name);
      if (t) return t;
    }
    const v = this.env.variables.get(name);
    if (v) {
      if (name === 'oldSelf') this.usesOldSelf = true;
      return v;
    }
    return TYPE_IDENTIFIERS.get(name);
  }

  // ---- nodes --------------------------------------------------------------------------------

  check(e: Expr): void {
    const k = e.exprKind;
    switch (k.case) {
      case 'constExpr':
        return this.checkConst(e, k.value);
      case 'identExpr': {
        const t = this.lookupIdent(k.value.name);
        if (t) return this.setType(e, t);
        this.setType(e, T.error);
        return this.error(e, `undeclared reference to '${k.value.name}' (in container '')`);
      }
      case 'selectExpr': {
        const qname = qualifiedName(e);
        const ident = qname !== undefined && qname.includes('.') ? TYPE_IDENTIFIERS.get(qname) : undefined;
        if (ident) return this.setType(e, ident);
        const t = this.checkSelectField(e, k.value.operand!, k.value.field);
        return this.setType(e, k.value.testOnly ? T.bool : substitute(this.m, t, false));
      }
      case 'callExpr':
        return this.checkCall(e, k.value);
      case 'listExpr': {
        let elem: CelType | undefined;
        for (const el of k.value.elements) {
          this.check(el);
          elem = this.joinTypes(elem, this.typeOf(el));
        }
        this.lists.push(e);
        return this.setType(e, T.list(elem ?? this.newTypeVar()));
      }
      case 'structExpr': {
        if (k.value.messageName) {
          this.setType(e, T.error);
          return this.error(e, `undeclared reference to '${k.value.messageName}' (in container '')`);
        }
        let key: CelType | undefined;
        let value: CelType | undefined;
        for (const entry of k.value.entries) {
          if (entry.keyKind.case === 'mapKey') {
            this.check(entry.keyKind.value);
            key = this.joinTypes(key, this.typeOf(entry.keyKind.value));
          }
          if (entry.value) {
            this.check(entry.value);
            value = this.joinTypes(value, this.typeOf(entry.value));
          }
        }
        this.maps.push(e);
        return this.setType(e, T.map(key ?? this.newTypeVar(), value ?? this.newTypeVar()));
      }
      case 'comprehensionExpr':
        return this.checkComprehension(e, k.value);
      default:
        this.setType(e, T.error);
    }
  }

  private checkConst(e: Expr, c: Constant): void {
    const v = c.constantKind;
    switch (v.case) {
      case 'boolValue':
        return this.setType(e, T.bool);
      case 'bytesValue':
        return this.setType(e, T.bytes);
      case 'doubleValue':
        return this.setType(e, T.double);
      case 'int64Value':
        if (v.value > MAX_INT64 || v.value < MIN_INT64) this.error(e, 'invalid int literal');
        return this.setType(e, T.int);
      case 'uint64Value':
        if (v.value > MAX_UINT64) this.error(e, 'invalid uint literal');
        return this.setType(e, T.uint);
      case 'stringValue':
        return this.setType(e, T.string);
      case 'nullValue':
        return this.setType(e, T.null);
      default:
        this.setType(e, T.error);
    }
  }

  private checkSelectField(e: Expr, operand: Expr, field: string): CelType {
    this.check(operand);
    let target = substitute(this.m, this.typeOf(operand), false);
    const optional = isOptional(target);
    if (optional && target.kind === 'opaque') {
      target = target.params[0];
      this.optionalSelects.add(e.id);
    }
    let result: CelType = T.error;
    switch (target.kind) {
      case 'map':
        result = target.value;
        break;
      case 'object': {
        let ft = target.field(field);
        // Since 1.31 a reserved word also reaches its escaped property (recognizeKeywordAsFieldName).
        if (!ft && escapeName(field) === `__${field}__`) {
          ft = target.field(`__${field}__`);
          if (ft) this.renamedFields.set(e.id, `__${field}__`);
        }
        if (ft) result = ft;
        else this.error(e, `undefined field '${field}'`);
        break;
      }
      case 'param':
        this.isAssignable(T.dyn, target);
        result = T.dyn;
        break;
      default:
        if (!isDynOrError(target)) this.error(e, `type '${formatType(target)}' does not support field selection`);
        result = T.dyn;
    }
    return optional ? T.optional(result) : result;
  }

  private checkCall(e: Expr, call: CallExpr): void {
    const name = call.function;
    // Macros the parser expanded are comprehensions by now; what is left here was malformed.
    if (name === 'has' && !call.target && call.args.length === 1) {
      this.setType(e, T.error);
      return this.error(call.args[0], 'invalid argument to has() macro');
    }
    if (call.target && (TWO_VAR_MACROS.has(name) || ((name === 'all' || name === 'exists') && call.args.length === 3))) {
      this.setType(e, T.error);
      return this.error(e, `two-variable comprehension '${name}' is not supported`);
    }
    const macroArity = name === 'map' ? [2, 3] : [2];
    if (call.target && MACROS.has(name) && macroArity.includes(call.args.length) && call.args[0].exprKind.case !== 'identExpr') {
      this.setType(e, T.error);
      return this.error(call.args[0], 'argument must be a simple name');
    }
    for (const arg of call.args) this.check(arg);
    if (!call.target) {
      const fn = this.env.functions.get(name);
      if (!fn) {
        this.setType(e, T.error);
        return this.error(e, `undeclared reference to '${name}' (in container '')`);
      }
      return this.resolve(e, name, fn, undefined, call.args);
    }
    const qualified = qualifiedName(call.target);
    if (qualified !== undefined) {
      const fn = this.env.functions.get(`${qualified}.${name}`);
      if (fn) {
        this.qualifiedCalls.set(e.id, `${qualified}.${name}`);
        return this.resolve(e, `${qualified}.${name}`, fn, undefined, call.args);
      }
    }
    this.check(call.target);
    const fn = this.env.functions.get(name);
    if (!fn) {
      this.setType(e, T.error);
      return this.error(e, `undeclared reference to '${name}' (in container '')`);
    }
    this.resolve(e, name, fn, call.target, call.args);
  }

  private resolve(e: Expr, name: string, fn: Overload[], target: Expr | undefined, args: Expr[]): void {
    const argTypes = [...(target ? [target] : []), ...args].map((a) => this.typeOf(a));
    if (name === '_&&_' || name === '_||_') {
      let ok = true;
      argTypes.forEach((t, i) => {
        if (!this.isAssignable(t, T.bool)) {
          this.error(args[i], `expected type 'bool' but found '${formatType(t)}'`);
          ok = false;
        }
      });
      this.overloads.set(e.id, [name === '_&&_' ? 'logical_and' : 'logical_or']);
      return this.setType(e, ok ? T.bool : T.error);
    }
    let result: CelType | undefined;
    const ids: string[] = [];
    for (const o of fn) {
      if (o.member !== !!target) continue;
      const rename = new Map<string, CelType>();
      for (const name of typeParams([...o.args, o.result])) rename.set(name, this.newTypeVar());
      const candidate = o.args.map((t) => freshen(t, rename));
      const resultType = freshen(o.result, rename);
      const next = tryAssignList(this.m, argTypes, candidate);
      if (!next) continue;
      this.m = next;
      ids.push(o.id);
      const r = substitute(this.m, resultType, false);
      if (!result) result = r;
      else if (!isDyn(result) && !isExactType(r, result)) result = T.dyn;
    }
    if (!result) {
      const shown = argTypes.map((t) => formatType(substitute(this.m, t, true)));
      const sig = target ? `${shown[0]}.(${shown.slice(1).join(', ')})` : `(${shown.join(', ')})`;
      this.setType(e, T.error);
      return this.error(e, `found no matching overload for '${name}' applied to '${sig}'`);
    }
    this.overloads.set(e.id, ids);
    this.setType(e, result);
  }

  private checkComprehension(e: Expr, c: ComprehensionExpr): void {
    if (c.iterVar2) {
      this.setType(e, T.error);
      return this.error(e, 'two-variable comprehensions are not supported');
    }
    this.check(c.iterRange!);
    this.check(c.accuInit!);
    const range = substitute(this.m, this.typeOf(c.iterRange!), false);
    const accuType = this.typeOf(c.accuInit!);
    this.scopes.push(new Map([[c.accuVar, accuType]]));
    let varType: CelType;
    switch (range.kind) {
      case 'list':
        varType = range.elem;
        break;
      case 'map':
        varType = range.key;
        break;
      case 'dyn':
      case 'any':
      case 'error':
      case 'param':
        this.isAssignable(T.dyn, range);
        varType = T.dyn;
        break;
      default:
        this.error(c.iterRange!, `expression of type '${formatType(range)}' cannot be range of a comprehension (must be list, map, or dynamic)`);
        varType = T.error;
    }
    this.scopes.push(new Map([[c.iterVar, varType]]));
    this.check(c.loopCondition!);
    this.assertType(c.loopCondition!, T.bool);
    this.check(c.loopStep!);
    this.assertType(c.loopStep!, accuType);
    this.scopes.pop();
    this.check(c.result!);
    this.scopes.pop();
    this.setType(e, substitute(this.m, this.typeOf(c.result!), false));
  }

  private assertType(e: Expr, t: CelType): void {
    if (!this.isAssignable(t, this.typeOf(e))) this.error(e, `expected type '${formatType(t)}' but found '${formatType(this.typeOf(e))}'`);
  }

  /** Element types of a literal join to their most general type, or dyn when they differ. */
  private joinTypes(previous: CelType | undefined, current: CelType): CelType {
    if (!previous) return current;
    return this.isAssignable(previous, current) ? mostGeneral(previous, current) : T.dyn;
  }

  /** cel-go's homogeneous aggregate literal validator, run once checking succeeded. */
  private validateAggregateLiterals(types: Map<bigint, CelType>): void {
    const mismatch = (e: Expr, expected: CelType, actual: CelType): void =>
      this.error(e, `expected type '${formatType(expected)}' but found '${formatType(actual)}'`);
    for (const l of this.lists) {
      let first: CelType | undefined;
      for (const el of l.exprKind.case === 'listExpr' ? l.exprKind.value.elements : []) {
        const t = types.get(el.id) ?? T.error;
        if (!first) first = t;
        else if (!isExactType(first, t)) {
          mismatch(el, first, t);
          break;
        }
      }
    }
    for (const m of this.maps) {
      let key: CelType | undefined;
      let value: CelType | undefined;
      for (const entry of m.exprKind.case === 'structExpr' ? m.exprKind.value.entries : []) {
        if (entry.keyKind.case !== 'mapKey' || !entry.value) continue;
        const kt = types.get(entry.keyKind.value.id) ?? T.error;
        const vt = types.get(entry.value.id) ?? T.error;
        if (!key || !value) {
          key = kt;
          value = vt;
          continue;
        }
        if (!isExactType(key, kt)) mismatch(entry.keyKind.value, key, kt);
        if (!isExactType(value, vt)) mismatch(entry.value, value, vt);
      }
    }
  }
}

/** Names of the type parameters in some types, in order of appearance. */
function typeParams(ts: CelType[], out = new Set<string>()): Set<string> {
  for (const t of ts) {
    if (t.kind === 'param') out.add(t.name);
    else typeParams([...params(t)], out);
  }
  return out;
}

/** Type-checks a parsed expression against the variables and functions of an environment. */
export function checkExpression(parsed: ParsedExpr, source: string, env: CheckEnv): CheckResult {
  return new Checker(parsed, source, env).run();
}
