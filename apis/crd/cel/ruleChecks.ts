// The static checks CRD validation makes on each x-kubernetes-validations entry before compiling
// anything (apiextensions validation.go): a rule must be given, a message must be non-blank and on
// one line (and is required when the rule spans lines), messageExpression must be non-blank, the
// reason must be a known one and fieldPath must lead somewhere in the schema.

import type { FieldError } from '../../resources/model.js';
import { goValue, type GoValue } from '../../validation/goValue.js';
import { child, index, invalid, notSupported, required } from '../../validation/field.js';
import { goQuote } from '../../machinery/goFormat.js';
import { validFieldPath } from './fieldPath.js';
import { JSONSchema, ValidationRule } from './schema.js';

export const SUPPORTED_REASONS = ['FieldValueDuplicate', 'FieldValueForbidden', 'FieldValueInvalid', 'FieldValueRequired'];

const hasNewlines = (s: string): boolean => /[\n\r]/.test(s);

/** The path of rule i's field `name`: "<node>.x-kubernetes-validations[i].<name>". */
export const rulePath = (nodePath: string, i: number, name: string): string => child(index(child(nodePath, 'x-kubernetes-validations'), i), name);

/** %#v of the internal apiextensions.ValidationRule, as compile errors print the offending rule. */
export function ruleValue(r: ValidationRule): GoValue {
  const ptr = (set: boolean, type: string, addr: string) => (set ? `(*${type})(${addr})` : `(*${type})(nil)`);
  return goValue(
    `apiextensions.ValidationRule{Rule:${goQuote(r.rule ?? '')}, Message:${goQuote(r.message ?? '')}, MessageExpression:${goQuote(r.messageExpression ?? '')}, ` +
      `Reason:${ptr(r.reason !== undefined, 'apiextensions.FieldValueErrorReason', '0xc000010000')}, FieldPath:${goQuote(r.fieldPath ?? '')}, ` +
      `OptionalOldSelf:${ptr(r.optionalOldSelf !== undefined, 'bool', '0xc000010020')}}`,
  );
}

export function ruleFieldErrors(rules: ValidationRule[], schema: JSONSchema, nodePath: string): FieldError[] {
  const errs: FieldError[] = [];
  rules.forEach((r, i) => {
    const rule = (r.rule ?? '').trim();
    const message = r.message ?? '';
    const trimmedMessage = message.trim();
    if (rule.length === 0) errs.push(required(rulePath(nodePath, i, 'rule'), 'rule is not specified'));
    else if (message.length > 0 && trimmedMessage.length === 0) errs.push(invalid(rulePath(nodePath, i, 'message'), message, 'must be non-empty if specified'));
    else if (hasNewlines(trimmedMessage)) errs.push(invalid(rulePath(nodePath, i, 'message'), message, 'must not contain line breaks'));
    else if (hasNewlines(rule) && trimmedMessage.length === 0) errs.push(required(rulePath(nodePath, i, 'message'), 'message must be specified if rule contains line breaks'));
    const messageExpression = r.messageExpression ?? '';
    if (messageExpression.length > 0 && messageExpression.trim().length === 0) {
      errs.push(required(rulePath(nodePath, i, 'messageExpression'), 'messageExpression must be non-empty if specified'));
    }
    if (r.reason !== undefined && !SUPPORTED_REASONS.includes(r.reason)) errs.push(notSupported(rulePath(nodePath, i, 'reason'), r.reason, SUPPORTED_REASONS));
    const fieldPath = r.fieldPath ?? '';
    if (fieldPath.length > 0 && fieldPath.trim().length === 0) errs.push(invalid(rulePath(nodePath, i, 'fieldPath'), fieldPath, 'must be non-empty if specified'));
    if (hasNewlines(fieldPath)) errs.push(invalid(rulePath(nodePath, i, 'fieldPath'), fieldPath, 'must not contain line breaks'));
    if (fieldPath.length > 0 && !validFieldPath(fieldPath, schema).ok) errs.push(invalid(rulePath(nodePath, i, 'fieldPath'), fieldPath, 'must be a valid path'));
  });
  return errs;
}
