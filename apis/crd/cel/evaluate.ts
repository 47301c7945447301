// evaluateRules: runs compiled rules over an object as kube-apiserver's CEL validator does
// (apiextensions-apiserver schema/cel/validation.go): at every schema node present in the object,
// into list items and map entries; transition rules only where an old value pairs with the new one;
// messages from messageExpression, message or "failed rule: <rule>"; errors shaped by reason and
// fieldPath; a runtime cost budget across all rules; and ratcheting, which turns failures of rules
// that do not read oldSelf on unchanged values into warnings.

import { isCelError, type CelInput } from '@bufbuild/cel';
import type { FieldError } from '../../resources/model.js';
import { fieldErrorText } from '../../errors.js';
import { goQuote } from '../../machinery/goFormat.js';
import { child, duplicate, forbidden, index, invalid, key, required } from '../../validation/field.js';
import { CompiledRule, CompiledRules, RuleNode } from './compiledRules.js';
import { Correlated, correlatedItem } from './correlation.js';
import { MAX_EVALUATED_MESSAGE_EXPRESSION_SIZE_BYTES, PER_CALL_LIMIT, RUNTIME_CEL_COST_BUDGET } from './costLimits.js';
import { optionalNone, optionalOf } from './lib/optional.js';
import { COST_LIMIT_MESSAGE, metered } from './runtime/costMeter.js';
import { celGoMessage, isNoSuchOverload } from './runtime/evalErrors.js';
import { ValueConverter } from './values/convert.js';

export interface EvaluateOptions {
  /** Field path of the object's root; the default "" prints as "<nil>", as upstream's nil path. */
  path?: string;
  /** Ratchet failures of rules without oldSelf on unchanged values (default: on when `old` is given). */
  ratcheting?: boolean;
  /** Receives the text of ratcheted failures, which upstream returns as warnings. */
  warnings?: string[];
  /** Runtime cost all rules may use together (default: kube-apiserver's 10,000,000). */
  costBudget?: number;
}

const OUT_OF_BUDGET = 'validation failed due to running out of cost budget, no further validation rules will be run';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const mapIsCorrelatable = (mapType: string | undefined): boolean => mapType === undefined || mapType === 'granular' || mapType === 'atomic';

/** Where errors of a rule that failed are reported and with which old-value pairing. */
interface Ratchet {
  current?: Correlated;
  nearestParent?: Correlated;
}

const ratchetKey = (r: Ratchet, field: string): Ratchet => {
  if (!r.current) return r;
  // apiVersion and kind of the root are not comparable: both sides were converted to one version.
  if (!r.nearestParent && (field === 'apiVersion' || field === 'kind')) return {};
  return { current: r.current.key(field), nearestParent: r.current };
};

const ratchetIndex = (r: Ratchet, i: number): Ratchet => (r.current ? { current: r.current.index(i), nearestParent: r.current } : r);

const shouldRatchet = (r: Ratchet): boolean => (r.current ? r.current.unchanged() : (r.nearestParent?.unchanged() ?? false));

/** ruleErrorString: the rule's message when it has one, else its text. */
const ruleText = (c: CompiledRule): string => (c.rule.message ? c.rule.message.trim() : (c.rule.rule ?? '').trim());

const defaultMessage = (c: CompiledRule): string => (c.rule.message ? c.rule.message.trim() : `failed rule: ${ruleText(c)}`);

function errorForReason(path: string, value: string, detail: string, reason: string | undefined): FieldError {
  switch (reason) {
    case 'FieldValueForbidden':
      return forbidden(path, detail);
    case 'FieldValueRequired':
      return required(path, detail);
    case 'FieldValueDuplicate':
      return duplicate(path, value);
    default:
      return invalid(path, value, detail);
  }
}

class Evaluator {
  readonly errors: FieldError[] = [];
  private readonly values = new ValueConverter();

  constructor(
    private budget: number,
    private readonly warnings: string[] | undefined,
  ) {}

  private push(e: FieldError, ratchet: Ratchet | undefined): void {
    const out = { ...e, field: e.field === '' ? '<nil>' : e.field };
    if (ratchet && shouldRatchet(ratchet)) this.warnings?.push(fieldErrorText(out));
    else this.errors.push(out);
  }

  validate(node: RuleNode, path: string, obj: unknown, old: unknown, ratchet: Ratchet): void {
    if (this.budget < 0 || obj === null || obj === undefined) return;
    this.expressions(node, path, obj, old, ratchet);
    for (const sub of node.allOf ?? []) {
      if (this.budget < 0) return;
      this.validate(sub, path, obj, old, { nearestParent: ratchet.nearestParent });
    }
    if (Array.isArray(obj) && node.items) {
      obj.forEach((item, i) => this.validate(node.items!, index(path, i), item, correlatedItem(node.schema, old, item), ratchetIndex(ratchet, i)));
    } else if (isObject(obj)) {
      const correlatable = mapIsCorrelatable(node.schema['x-kubernetes-map-type']);
      const oldMap = correlatable && isObject(old) ? old : undefined;
      for (const k of Object.keys(obj).sort()) {
        if (node.additionalProperties) this.validate(node.additionalProperties, key(path, k), obj[k], oldMap?.[k], ratchetKey(ratchet, k));
        const prop = node.properties?.get(k);
        if (prop) this.validate(prop, child(path, k), obj[k], oldMap?.[k], ratchetKey(ratchet, k));
      }
    }
  }

  private run(program: NonNullable<CompiledRule['program']>, vars: Record<string, CelInput>) {
    return metered(PER_CALL_LIMIT, () => program.run(vars));
  }

  private expressions(node: RuleNode, path: string, obj: unknown, old: unknown, ratchet: Ratchet): void {
    const type = node.schema.type ?? '';
    if (node.initError) return this.push(invalid(path, type, `rule compiler initialization error: ${node.initError}`), undefined);
    if (node.rules.length === 0) return;
    if (this.budget <= 0) {
      this.budget = -1;
      return this.push(invalid(path, type, OUT_OF_BUDGET), undefined);
    }
    const self = this.values.convert(obj, node.schema, node.resourceRoot);
    const hasOld = old !== null && old !== undefined;
    const oldSelf = hasOld ? this.values.convert(old, node.schema, node.resourceRoot) : undefined;
    for (const c of node.rules) {
      if (c.error) {
        this.push(invalid(path, type, `rule compile error: ${c.error}`), undefined);
        continue;
      }
      if (!c.program) continue;
      const optionalOld = c.rule.optionalOldSelf === true;
      // Transition rules run only when there is a paired old value, unless oldSelf is optional.
      if (c.program.usesOldSelf && !hasOld && !optionalOld) continue;
      const vars: Record<string, CelInput> = { self };
      if (optionalOld) vars.oldSelf = oldSelf === undefined ? optionalNone() : optionalOf(oldSelf as never);
      else if (oldSelf !== undefined) vars.oldSelf = oldSelf;
      const r = this.run(c.program, vars);
      if (r.cost > this.budget) {
        this.budget = -1;
        return this.push(invalid(path, type, OUT_OF_BUDGET), undefined);
      }
      this.budget -= r.cost;
      if (r.exceeded) {
        this.budget = -1;
        return this.push(invalid(path, type, `'${COST_LIMIT_MESSAGE}': no further validation rules will be run due to call cost exceeds limit for rule: ${ruleText(c)}`), undefined);
      }
      if (isCelError(r.result)) {
        const msg = r.result.message;
        const detail = isNoSuchOverload(msg)
          ? `'no such overload': call arguments did not match a supported operator, function or macro signature for rule: ${ruleText(c)}`
          : `${celGoMessage(msg)} evaluating rule: ${ruleText(c)}`;
        this.push(invalid(path, type, detail), undefined);
        continue;
      }
      if (r.result === true) continue;
      const at = c.fieldPath ? child(path, c.fieldPath) : path;
      const rat = c.program.usesOldSelf ? undefined : ratchet;
      let detail: string | undefined;
      if (c.messageProgram) {
        const m = this.run(c.messageProgram, vars);
        if (m.cost > this.budget) {
          this.budget = -1;
          return this.push(invalid(at, type, 'messageExpression evaluation failed due to running out of cost budget, no further validation rules will be run'), rat);
        }
        this.budget -= m.cost;
        if (m.exceeded) {
          this.budget = -1;
          return this.push(invalid(at, type, `no further validation rules will be run due to call cost exceeds limit for messageExpression: ${goQuote(c.rule.messageExpression ?? '')}`), rat);
        }
        // A message that fails, is empty, too long or spans lines falls back to the rule's message.
        const text = typeof m.result === 'string' ? m.result.trim() : undefined;
        if (text && Buffer.byteLength(text) <= MAX_EVALUATED_MESSAGE_EXPRESSION_SIZE_BYTES && !/\n/.test(text)) detail = text;
      }
      this.push(errorForReason(at, type, detail ?? defaultMessage(c), c.rule.reason), rat);
    }
  }
}

/**
 * Evaluates compiled rules over `obj` (and, on update, the stored `old`), returning the field
 * errors kube-apiserver reports for custom resources.
 */
export function evaluateRules(rules: CompiledRules, obj: unknown, old?: unknown, options: EvaluateOptions = {}): FieldError[] {
  if (!rules.root) return [];
  const ev = new Evaluator(options.costBudget ?? RUNTIME_CEL_COST_BUDGET, options.warnings);
  const ratcheting = options.ratcheting ?? true;
  const ratchet: Ratchet = ratcheting && old !== undefined && old !== null ? { current: new Correlated(obj, old, rules.root.schema) } : {};
  ev.validate(rules.root, options.path ?? '', obj, old, ratchet);
  return ev.errors;
}
