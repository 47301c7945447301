// Compiles the rules of one schema node (apiextensions-apiserver schema/cel/compilation.go
// compileRule): the rule must type-check to bool, its messageExpression to string, and the
// cost estimates and the normalized fieldPath are kept for the checks and for evaluation.

import { CompiledRule } from './compiledRules.js';
import { DeclType, celTypeOf } from './declType.js';
import { validFieldPath } from './fieldPath.js';
import { compileProgram } from './program.js';
import { JSONSchema, ValidationRule } from './schema.js';
import { T, isExactType } from './types.js';

export interface RuleCompilation extends CompiledRule {
  /** Worst-case cost of one evaluation of the rule (0 when it did not compile). */
  maxCost: number;
  messageExpressionMaxCost: number;
  usesOldSelf: boolean;
  /** Why the messageExpression failed to compile. */
  messageError?: string;
}

let selfTypes = 0;

/**
 * Upstream names `self`'s type "selfType<nanoseconds>" afresh for every compilation so rules cannot
 * depend on it; a counter keeps ours unique without the clock.
 */
const selfTypeName = (): string => `selfType${selfTypes++ % 1_000_000_000}`;

export function compileRule(rule: ValidationRule, decl: DeclType, schema: JSONSchema): RuleCompilation {
  const out: RuleCompilation = { rule, maxCost: 0, messageExpressionMaxCost: 0, usesOldSelf: false };
  const source = rule.rule ?? '';
  if (source.trim().length === 0) return out;
  const self = celTypeOf(decl, selfTypeName());
  const oldSelf = rule.optionalOldSelf ? T.optional(self) : self;
  const scope = { variables: new Map([['self', self], ['oldSelf', oldSelf]]), self: decl };
  const compiled = compileProgram(source, scope);
  if (!compiled.ok) {
    out.error = compiled.instantiationFailed ? `program instantiation failed: ${compiled.detail}` : `compilation failed: ${compiled.detail}`;
    return out;
  }
  if (!isExactType(compiled.program.type, T.bool)) {
    out.error = 'cel expression must evaluate to a bool';
    return out;
  }
  out.program = compiled.program;
  out.usesOldSelf = compiled.program.usesOldSelf;
  out.maxCost = compiled.program.cost.max;
  if (rule.messageExpression) {
    const message = compileProgram(rule.messageExpression, scope);
    if (!message.ok) {
      out.messageError = message.instantiationFailed
        ? `messageExpression instantiation failed: ${message.detail}`
        : `messageExpression compilation failed: ${message.detail}`;
      return out;
    }
    if (!isExactType(message.program.type, T.string)) {
      out.messageError = 'messageExpression must evaluate to a string';
      return out;
    }
    out.messageProgram = message.program;
    out.messageExpressionMaxCost = message.program.cost.max;
  }
  if (rule.fieldPath) {
    const fp = validFieldPath(rule.fieldPath, schema);
    if (fp.ok) out.fieldPath = fp.path;
  }
  return out;
}
