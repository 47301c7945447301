// Adapts a checked expression to @bufbuild/cel's evaluator: a cost tick in every comprehension
// loop condition, field selection/presence/indexing on optional values routed to the @opt_*
// functions (optionals are lists at runtime), reserved-word fields renamed to their escaped
// property, and typed sum() overloads so an empty list sums to the right zero. Nodes are copied,
// never mutated; new nodes get fresh ids.

import { Expr } from '../ast.js';
import { CheckResult } from '../checker.js';
import { TICK_FUNCTION } from './runtimeEnv.js';

const TYPED_SUMS: Record<string, string> = {
  list_uint_sum_uint: '@list_uint_sum_uint',
  list_double_sum_double: '@list_double_sum_double',
  list_duration_sum_duration: '@list_duration_sum_duration',
};

const OPTIONAL_INDEX = new Set(['optional_list_index_int', 'optional_map_index_value']);

export function rewriteForRuntime(root: Expr, checked: CheckResult): Expr {
  let nextId = maxId(root) + 1n;
  const node = (exprKind: Expr['exprKind']): Expr => ({ id: nextId++, exprKind }) as Expr;
  const call = (fn: string, args: Expr[], target?: Expr): Expr => node({ case: 'callExpr', value: { function: fn, args, target } as never });
  const str = (s: string): Expr => node({ case: 'constExpr', value: { constantKind: { case: 'stringValue', value: s } } as never });

  const walk = (e: Expr): Expr => {
    const k = e.exprKind;
    switch (k.case) {
      case 'selectExpr': {
        const operand = walk(k.value.operand!);
        const field = checked.renamedFields.get(e.id) ?? k.value.field;
        if (checked.optionalSelects.has(e.id)) return call(k.value.testOnly ? '@opt_has' : '@opt_select', [operand, str(field)]);
        return { ...e, exprKind: { case: 'selectExpr', value: { ...k.value, operand, field } } } as Expr;
      }
      case 'callExpr': {
        const ids = checked.overloads.get(e.id) ?? [];
        const target = k.value.target && !checked.qualifiedCalls.has(e.id) ? walk(k.value.target) : k.value.target;
        const args = k.value.args.map(walk);
        if (ids.length === 1 && TYPED_SUMS[ids[0]] && target) return call(TYPED_SUMS[ids[0]], [target]);
        if (k.value.function === '_[_]' && ids.length > 0 && ids.every((id) => OPTIONAL_INDEX.has(id))) return call('@opt_index', args);
        return { ...e, exprKind: { case: 'callExpr', value: { ...k.value, target, args } } } as Expr;
      }
      case 'listExpr':
        return { ...e, exprKind: { case: 'listExpr', value: { ...k.value, elements: k.value.elements.map(walk) } } } as Expr;
      case 'structExpr':
        return {
          ...e,
          exprKind: {
            case: 'structExpr',
            value: {
              ...k.value,
              entries: k.value.entries.map((en) => ({
                ...en,
                keyKind: en.keyKind.case === 'mapKey' ? { case: 'mapKey', value: walk(en.keyKind.value) } : en.keyKind,
                value: en.value && walk(en.value),
              })),
            },
          },
        } as Expr;
      case 'comprehensionExpr': {
        const c = k.value;
        const loopCondition = call('_&&_', [call(TICK_FUNCTION, []), walk(c.loopCondition!)]);
        return {
          ...e,
          exprKind: {
            case: 'comprehensionExpr',
            value: { ...c, iterRange: walk(c.iterRange!), accuInit: walk(c.accuInit!), loopCondition, loopStep: walk(c.loopStep!), result: walk(c.result!) },
          },
        } as Expr;
      }
      default:
        return e;
    }
  };
  return walk(root);
}

function maxId(e: Expr): bigint {
  let max = e.id;
  const visit = (x: Expr | undefined): void => {
    if (!x) return;
    if (x.id > max) max = x.id;
    const k = x.exprKind;
    switch (k.case) {
      case 'selectExpr':
        return visit(k.value.operand);
      case 'callExpr':
        visit(k.value.target);
        return k.value.args.forEach(visit);
      case 'listExpr':
        return k.value.elements.forEach(visit);
      case 'structExpr':
        return k.value.entries.forEach((en) => {
          if (en.keyKind.case === 'mapKey') visit(en.keyKind.value);
          visit(en.value);
        });
      case 'comprehensionExpr':
        [k.value.iterRange, k.value.accuInit, k.value.loopCondition, k.value.loopStep, k.value.result].forEach(visit);
    }
  };
  visit(e);
  return max;
}
