// Static worst-case cost of a checked expression, as cel-go's checker/cost.go estimates it with
// Kubernetes' size estimator: every list, map and string read from `self` is as large as the
// schema allows (maxItems, maxProperties, maxLength, else what fits in a 3 MiB request), and a
// comprehension costs its body times the size of its range. CRD validation rejects rules whose
// estimate, times the number of times the rule can run, exceeds the limits.

import { Expr, ParsedExpr } from './ast.js';
import { CheckResult } from './checker.js';
import { COST, MAX_U64, Range, UNKNOWN, add, factor, fixed, mul, sum, union } from './costMath.js';
import { DeclType, MAP_KEY_DECL } from './declType.js';
import { CallEstimate, CostNode, libraryCallCost } from './libraryCosts.js';
import { CelType, T } from './types.js';

interface EntrySize {
  container: 'list' | 'map';
  key: Range;
  val: Range;
}

interface LocalVar {
  path: string[] | undefined;
  size?: Range;
  entrySize?: EntrySize;
}

const ACCUMULATORS = new Set(['@result', '@__result__']);

const SETS_COST_FACTOR: Record<string, number> = { list_sets_contains_list: 1, list_sets_intersects_list: 1, list_sets_equivalent_list: 2 };

/** The size bound of the schema node a path (self.spec.items.@items ...) leads to. */
export function schemaSize(root: DeclType, path: string[] | undefined): Range | undefined {
  if (!path || path.length === 0) return undefined;
  let node: DeclType | undefined = root;
  for (const name of path.slice(1)) {
    if (name === '@items' || name === '@values') node = node.elem;
    else if (name === '@keys') node = node.kind === 'map' ? MAP_KEY_DECL : undefined;
    else node = node.fields?.get(name)?.type;
    if (!node) return undefined;
  }
  return { min: 0, max: node.maxElements };
}

const isScalar = (t: CelType): boolean =>
  ['bool', 'double', 'duration', 'int', 'timestamp', 'uint'].includes(t.kind) || (t.kind === 'opaque' && t.name === 'optional_type' && isScalar(t.params[0]));

function literalSize(e: Expr): Range | undefined {
  const k = e.exprKind;
  if (k.case === 'constExpr') {
    const c = k.value.constantKind;
    if (c.case === 'stringValue') return fixed([...c.value].length);
    if (c.case === 'bytesValue') return fixed(c.value.length);
    return fixed(1);
  }
  if (k.case === 'listExpr') return fixed(k.value.elements.length);
  if (k.case === 'structExpr' && !k.value.messageName) return fixed(k.value.entries.length);
  return undefined;
}

class Coster {
  private readonly paths = new Map<bigint, string[]>();
  private readonly sizes = new Map<bigint, Range>();
  private readonly entrySizes = new Map<bigint, EntrySize>();
  private readonly locals = new Map<string, LocalVar[]>();

  constructor(
    private readonly checked: CheckResult,
    private readonly root: DeclType,
  ) {}

  private type(e: Expr): CelType {
    return this.checked.types.get(e.id) ?? T.dyn;
  }

  private peek(name: string): LocalVar | undefined {
    const stack = this.locals.get(name);
    return stack?.[stack.length - 1];
  }

  private push(name: string, v: LocalVar): void {
    this.locals.set(name, [...(this.locals.get(name) ?? []), v]);
  }

  private pop(name: string): void {
    this.locals.get(name)?.pop();
  }

  private path(e: Expr): string[] | undefined {
    if (e.exprKind.case === 'identExpr') {
      const v = this.peek(e.exprKind.value.name);
      if (v) return v.path;
    }
    return this.paths.get(e.id);
  }

  private size(e: Expr): Range | undefined {
    const known = this.sizes.get(e.id) ?? literalSize(e);
    if (known) return known;
    const fromSchema = schemaSize(this.root, this.path(e));
    if (fromSchema) {
      this.sizes.set(e.id, fromSchema);
      return fromSchema;
    }
    if (isScalar(this.type(e))) return fixed(1);
    if (e.exprKind.case === 'identExpr') return this.peek(e.exprKind.value.name)?.size;
    return undefined;
  }

  private sizeOrUnknown(e: Expr): Range {
    return this.size(e) ?? UNKNOWN;
  }

  private entrySize(e: Expr): EntrySize | undefined {
    const known = this.entrySizes.get(e.id);
    if (known) return known;
    if (e.exprKind.case === 'identExpr') return this.peek(e.exprKind.value.name)?.entrySize;
    return undefined;
  }

  private node(e: Expr): CostNode {
    let path = this.path(e);
    if (path && path.length > 0 && ACCUMULATORS.has(path[0])) path = undefined;
    const k = e.exprKind;
    const literalInt = k.case === 'constExpr' && k.value.constantKind.case === 'int64Value' ? k.value.constantKind.value : undefined;
    return { path, type: this.type(e), literalInt, computedSize: this.size(e) };
  }

  cost(e: Expr | undefined): Range {
    if (!e) return fixed(0);
    const k = e.exprKind;
    switch (k.case) {
      case 'constExpr':
        return fixed(COST.const);
      case 'identExpr': {
        const v = this.peek(k.value.name);
        this.paths.set(e.id, v?.path ?? [k.value.name]);
        return fixed(COST.selectAndIdent);
      }
      case 'selectExpr': {
        // Kubernetes turns presence tests' cost off (PresenceTestHasCost(false)).
        if (k.value.testOnly) return this.cost(k.value.operand);
        let c = this.cost(k.value.operand);
        const operandType = this.type(k.value.operand!);
        if (['map', 'object', 'param'].includes(operandType.kind)) c = add(c, fixed(COST.selectAndIdent));
        const base = this.path(k.value.operand!);
        this.paths.set(e.id, [...(base ?? []), k.value.field]);
        return c;
      }
      case 'callExpr':
        return this.costCall(e);
      case 'listExpr': {
        let itemSize: Range = { min: k.value.elements.length === 0 ? 0 : MAX_U64, max: 0 };
        const costs = k.value.elements.map((el) => {
          const c = this.cost(el);
          itemSize = union(itemSize, this.sizeOrUnknown(el));
          return c;
        });
        this.entrySizes.set(e.id, { container: 'list', key: fixed(1), val: itemSize });
        return add(sum(costs), fixed(COST.listCreateBase));
      }
      case 'structExpr': {
        const costs: Range[] = [];
        let keySize: Range = { min: k.value.entries.length === 0 ? 0 : MAX_U64, max: 0 };
        let valSize: Range = { ...keySize };
        for (const entry of k.value.entries) {
          if (entry.keyKind.case === 'mapKey') {
            costs.push(this.cost(entry.keyKind.value));
            keySize = union(keySize, this.sizeOrUnknown(entry.keyKind.value));
          }
          if (entry.value) {
            costs.push(this.cost(entry.value));
            valSize = union(valSize, this.sizeOrUnknown(entry.value));
          }
        }
        if (k.value.messageName) return add(sum(costs), fixed(COST.structCreateBase));
        this.entrySizes.set(e.id, { container: 'map', key: keySize, val: valSize });
        return add(sum(costs), fixed(COST.mapCreateBase));
      }
      case 'comprehensionExpr':
        return this.costComprehension(e);
      default:
        return fixed(0);
    }
  }

  private costComprehension(e: Expr): Range {
    const c = (e.exprKind as Extract<Expr['exprKind'], { case: 'comprehensionExpr' }>).value;
    let total = add(this.cost(c.iterRange), this.cost(c.accuInit));
    this.push(c.accuVar, { path: this.path(c.accuInit!), size: this.size(c.accuInit!), entrySize: this.entrySize(c.accuInit!) });
    const entry = this.entrySize(c.iterRange!);
    const container = entry?.container ?? (this.type(c.iterRange!).kind === 'list' ? 'list' : 'map');
    const base = this.path(c.iterRange!) ?? [];
    if (container === 'list') this.push(c.iterVar, { path: [...base, '@items'], size: entry?.val });
    else this.push(c.iterVar, { path: [...base, '@keys'], size: entry?.key });
    const loop = this.cost(c.loopCondition);
    const step = this.cost(c.loopStep);
    this.pop(c.iterVar);
    total = add(total, this.cost(c.result));
    this.pop(c.accuVar);
    const rangeCount = this.sizeOrUnknown(c.iterRange!);
    total = add(total, mul(rangeCount, add(step, loop)));
    const init = c.accuInit!.exprKind.case;
    if (init === 'constExpr') {
      const s = this.size(c.accuInit!);
      if (s) this.sizes.set(e.id, s);
    } else if (init === 'listExpr' || init === 'structExpr') {
      this.sizes.set(e.id, rangeCount);
      const stepEntry = this.entrySize(c.loopStep!);
      if (stepEntry) this.entrySizes.set(e.id, stepEntry);
    }
    return total;
  }

  private costCall(e: Expr): Range {
    const call = (e.exprKind as Extract<Expr['exprKind'], { case: 'callExpr' }>).value;
    if (call.function === 'dyn' && !call.target && call.args.length === 1) {
      const c = this.cost(call.args[0]);
      const s = this.size(call.args[0]);
      if (s) this.sizes.set(e.id, s);
      const es = this.entrySize(call.args[0]);
      if (es) this.entrySizes.set(e.id, es);
      return add(fixed(1), c);
    }
    const argCosts = call.args.map((a) => this.cost(a));
    const argNodes = call.args.map((a) => this.node(a));
    const ids = this.checked.overloads.get(e.id) ?? [];
    if (ids.length === 0) return fixed(0);
    // A qualified function written like a method (sets.contains(a, b)) has no receiver.
    const qualified = this.checked.qualifiedCalls.get(e.id);
    const name = qualified ?? call.function;
    let total = fixed(0);
    let target: CostNode | undefined;
    if (call.target && !qualified) {
      total = add(total, this.cost(call.target));
      target = this.node(call.target);
    }
    let fnCost: Range = { min: MAX_U64, max: 0 };
    let resultSize: Range | undefined;
    for (const id of ids) {
      const est = this.functionCost(e, name, id, target, argNodes, argCosts, call.args);
      fnCost = union(fnCost, est.cost);
      if (est.resultSize) resultSize = resultSize ? union(resultSize, est.resultSize) : est.resultSize;
      if ((id === 'index_list' || id === 'index_map') && call.args.length > 0) {
        resultSize = this.entrySize(call.args[0])?.val;
        this.paths.set(e.id, [...(this.path(call.args[0]) ?? []), id === 'index_list' ? '@items' : '@values']);
      }
      resultSize ??= this.size(e);
    }
    if (resultSize) this.sizes.set(e.id, resultSize);
    return add(total, fnCost);
  }

  private functionCost(e: Expr, fn: string, id: string, target: CostNode | undefined, args: CostNode[], argCosts: Range[], argExprs: Expr[]): CallEstimate {
    const argSum = sum(argCosts);
    const lib = libraryCallCost(fn, id, target, args, (p) => schemaSize(this.root, p));
    if (lib) return { cost: add(lib.cost, argSum), resultSize: lib.resultSize };
    const sizeOf = (n: CostNode): Range => n.computedSize ?? UNKNOWN;
    const traverse = COST.stringTraversalFactor;
    // The sets extension registers its own estimators (ext/sets.go): |a| * |b| comparisons.
    const setsFactor = SETS_COST_FACTOR[id];
    if (setsFactor !== undefined && args.length === 2) {
      const size = (n: CostNode): Range => n.computedSize ?? schemaSize(this.root, n.path) ?? UNKNOWN;
      return { cost: add(add(factor(mul(size(args[0]), size(args[1])), setsFactor), fixed(1)), argSum) };
    }
    switch (id) {
      case 'string_format':
        if (target) return { cost: add(factor(sizeOf(target), traverse), argSum) };
        break;
      case 'string_to_bytes': {
        const sz = sizeOf(args[0]);
        return { cost: add(factor(sz, traverse), argSum), resultSize: { min: sz.min, max: sz.max * 4 } };
      }
      case 'bytes_to_string': {
        const sz = sizeOf(args[0]);
        return { cost: add(factor(sz, traverse), argSum), resultSize: { min: Math.floor(sz.min / 4), max: sz.max } };
      }
      case 'strings_quote': {
        const sz = sizeOf(args[0]);
        return { cost: add(factor(sz, traverse), argSum), resultSize: { min: sz.min + 2, max: sz.max * 2 + 2 } };
      }
      case 'starts_with_string':
      case 'ends_with_string':
        if (args.length === 1) return { cost: add(factor(sizeOf(args[0]), traverse), argSum) };
        break;
      case 'in_list':
        if (args.length === 2) return { cost: add(factor(sizeOf(args[1]), 1), argSum) };
        break;
      case 'matches_string':
        if (target && args.length === 1) {
          const strCost = factor(add(sizeOf(target), fixed(1)), traverse);
          const regexCost = factor(sizeOf(args[0]), COST.regexStringLengthFactor);
          return { cost: add(mul(strCost, regexCost), argSum) };
        }
        break;
      case 'contains_string':
        if (target && args.length === 1) return { cost: add(mul(factor(sizeOf(target), traverse), factor(sizeOf(args[0]), traverse)), argSum) };
        break;
      case 'logical_or':
      case 'logical_and':
        return { cost: { min: argCosts[0].min, max: add(argCosts[0], argCosts[1]).max } };
      case 'conditional': {
        const size = union(sizeOf(args[1]), sizeOf(args[2]));
        const a = this.entrySize(argExprs[1]);
        const b = this.entrySize(argExprs[2]);
        if (a && b) this.entrySizes.set(e.id, { container: a.container, key: union(a.key, b.key), val: union(a.val, b.val) });
        return { cost: add(argCosts[0], union(argCosts[1], argCosts[2])), resultSize: size };
      }
      case 'add_string':
      case 'add_bytes':
      case 'add_list':
        if (args.length === 2) {
          const resultSize = add(sizeOf(args[0]), sizeOf(args[1]));
          const a = this.entrySize(argExprs[0]);
          const b = this.entrySize(argExprs[1]);
          if (a && b) this.entrySizes.set(e.id, { container: a.container, key: union(a.key, b.key), val: union(a.val, b.val) });
          if (id === 'add_list') return { cost: add(fixed(1), argSum), resultSize };
          return { cost: add(factor(resultSize, traverse), argSum), resultSize };
        }
        break;
      default:
        if (/^(less|greater)(_equals)?_(string|bytes)$/.test(id) || id === 'equals' || id === 'not_equals') {
          const l = sizeOf(args[0]);
          const r = sizeOf(args[1]);
          const smallestMax = Math.min(l.max, r.max);
          return { cost: add(factor({ min: smallestMax > 0 ? 1 : 0, max: smallestMax }, traverse), argSum) };
        }
    }
    return { cost: add(fixed(1), argSum) };
  }
}

/** The estimated [min, max] cost of an expression whose `self` has the given DeclType. */
export function estimateCost(parsed: ParsedExpr, checked: CheckResult, self: DeclType): Range {
  return new Coster(checked, self).cost(parsed.expr);
}
