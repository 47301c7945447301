// IntOrString fields that hold a count or a percentage (maxUnavailable, maxSurge, minAvailable):
// upstream's ValidatePositiveIntOrPercent, IsNotMoreThan100Percent and getIntOrPercentValue.

import { type FieldError, IS_NEGATIVE, invalid } from './field.js';
import { isValidPercent } from './common.js';
import { intOrString } from './goValue.js';

/** IntOrString.IntValue(): the int, or the string parsed as an int (0 when it is not one). */
export function intValue(v: unknown): number {
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'string' && /^[+-]?\d+$/.test(v)) return Number(v);
  return 0;
}

/** The percentage of a valid "N%" string. */
export function percentValue(v: unknown): number | undefined {
  if (typeof v !== 'string' || isValidPercent(v).length) return undefined;
  return Number(v.slice(0, -1));
}

/** getIntOrPercentValue: the percentage number or the int value. */
export const intOrPercentValue = (v: unknown): number => percentValue(v) ?? intValue(v);

/** ValidatePositiveIntOrPercent. */
export function validatePositiveIntOrPercent(v: unknown, fldPath: string): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalid(fldPath, intOrString(v), m));
  const n = intValue(v);
  return n < 0 ? [invalid(fldPath, n, IS_NEGATIVE)] : [];
}

/** IsNotMoreThan100Percent. */
export function isNotMoreThan100Percent(v: unknown, fldPath: string): FieldError[] {
  const p = percentValue(v);
  return p === undefined || p <= 100 ? [] : [invalid(fldPath, intOrString(v), 'must not be greater than 100%')];
}
