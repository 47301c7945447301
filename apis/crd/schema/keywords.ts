// ajv keywords carrying go-openapi's semantics where they differ from JSON Schema's (kube-openapi
// pkg/validation/validate type.go, validator.go, values.go):
// - type: nullable, int-or-string (integer,string), a float that is "a JSON integer" within 1e-9
//   passes as integer, and a declared format changes which values pass;
// - numbers: an int64 value is compared with the limit truncated to int64; exclusive limits are
//   booleans (OpenAPI v3.0); a non-positive multipleOf is itself an error;
// - enum: values compare after Go's type conversion; null never matches.
// The keywords only report that they failed; openapiErrors.ts derives upstream's messages again
// from the schema node and the value, with the functions exported here.

import { _, type CodeKeywordDefinition, type KeywordCxt } from 'ajv';
import { deepEqual } from '../../machinery/jsonEqual.js';
import { goFloatV, goNumberV, isInt64 } from './goValues.js';

export const TYPE_KEYWORD = 'x-kplane-type';
export const NUMBER_KEYWORD = 'x-kplane-number';
export const ENUM_KEYWORD = 'x-kplane-enum';
export const BAD_PATTERN_KEYWORD = 'x-kplane-invalid-pattern';
/** Annotation: the format as the schema spells it (ajv's `format` holds the normalised name). */
export const FORMAT_NAME_KEYWORD = 'x-kplane-format-name';

export interface TypeSpec {
  types: string[];
  nullable: boolean;
  /** The format as go-openapi's type validator sees it ("" when stripped). */
  format: string;
}

export interface NumberSpec {
  multipleOf?: number;
  maximum?: number;
  exclusiveMaximum: boolean;
  minimum?: number;
  exclusiveMinimum: boolean;
}

/** swag.IsFloat64AJSONInteger: integral, or within a relative 1e-9 of the integer below it. */
function isFloat64AJSONInteger(f: number): boolean {
  if (!Number.isFinite(f) || f < -(2 ** 53 - 1) || f > 2 ** 53 - 1) return false;
  if (Number.isInteger(f)) return true;
  if (f < 0) return false; // Go's uint64(f) of a negative float lands far away
  const g = Math.trunc(f);
  if (g === 0) return false;
  return (f - g) / (f + g) < 1e-9;
}

/** The JSON type and go-openapi format a decoded value reports (schemaInfoForType). */
function typeInfo(v: unknown): [string, string] {
  if (typeof v === 'boolean') return ['boolean', ''];
  if (typeof v === 'string') return ['string', ''];
  if (typeof v === 'number') return isInt64(v) ? ['integer', 'int64'] : ['number', 'float64'];
  if (Array.isArray(v)) return ['array', ''];
  return ['object', ''];
}

/** typeValidator.Validate: what was expected and what was found, or undefined when `v` passes. */
export function typeMismatch(spec: TypeSpec, v: unknown): { expected: string; actual: string } | undefined {
  const { types, format } = spec;
  if (v === null || v === undefined) {
    return types.length && !types.includes('null') && !spec.nullable ? { expected: types.join(','), actual: 'null' } : undefined;
  }
  const [schType, fmt] = typeInfo(v);
  const stringOrSlice = typeof v === 'string' || Array.isArray(v);
  const isFloatInt = schType === 'number' && isFloat64AJSONInteger(v as number) && types.includes('integer');
  const isIntFloat = schType === 'integer' && types.includes('number');
  const numeric = types.includes('number') || types.includes('integer');
  if (!stringOrSlice && format && !(types.includes(schType) || fmt === format || isFloatInt || isIntFloat)) return { expected: format, actual: fmt };
  if (!numeric && format && stringOrSlice) return undefined;
  if (!(types.includes(schType) || isFloatInt || isIntFloat)) return { expected: types.join(','), actual: schType };
  return undefined;
}

/** One failure of the number validator: which check, and upstream's message after "<path> in body ". */
export interface NumberFailure {
  check: 'multipleOf' | 'minimum' | 'maximum';
  /** "should be less than or equal to 10" */
  detail?: string;
  /** Set instead of detail when multipleOf is not positive: the factor as printed. */
  positive?: string;
  /** The factor when not positive (the error's value). */
  factor?: number;
}

/** Go's int64(f): truncation toward zero. */
const toInt64 = (f: number) => Math.trunc(f);

/** numberValidator.Validate: multipleOf, then minimum, then maximum. */
export function numberFailures(spec: NumberSpec, v: number): NumberFailure[] {
  const out: NumberFailure[] = [];
  const int = isInt64(v);
  if (spec.multipleOf !== undefined) {
    // An int64 value is checked against the factor truncated to int64, a float64 against the factor.
    const factor = int ? toInt64(spec.multipleOf) : spec.multipleOf;
    const shown = int ? goNumberV(factor) : goFloatV(factor);
    if (factor <= 0) out.push({ check: 'multipleOf', positive: shown, factor });
    else if (int ? v % factor !== 0 : !isFloat64AJSONInteger(factor < 1 ? (1 / factor) * v : v / factor)) out.push({ check: 'multipleOf', detail: `should be a multiple of ${shown}` });
  }
  // The limit prints as the int64 or float64 it was compared as.
  const limitV = (n: number) => (int ? goNumberV(n) : goFloatV(n));
  if (spec.minimum !== undefined) {
    const min = int ? toInt64(spec.minimum) : spec.minimum;
    if (spec.exclusiveMinimum ? v <= min : v < min) out.push({ check: 'minimum', detail: `should be greater than ${spec.exclusiveMinimum ? '' : 'or equal to '}${limitV(min)}` });
  }
  if (spec.maximum !== undefined) {
    const max = int ? toInt64(spec.maximum) : spec.maximum;
    if (spec.exclusiveMaximum ? v >= max : v > max) out.push({ check: 'maximum', detail: `should be less than ${spec.exclusiveMaximum ? '' : 'or equal to '}${limitV(max)}` });
  }
  return out;
}

/** Go's string(rune(i)) for an int64 converted to string: the code point, or U+FFFD. */
function runeString(i: number): string {
  return i >= 0 && i <= 0x10ffff && !(i >= 0xd800 && i <= 0xdfff) ? String.fromCodePoint(i) : '\uFFFD';
}

/** basicCommonValidator's comparison: equal, or equal after converting `data` to the enum value's Go type. */
function enumMatches(data: unknown, ev: unknown): boolean {
  if (ev === null || ev === undefined || data === null || data === undefined) return false;
  if (typeof data === 'number' && typeof ev === 'number') {
    if (isInt64(data) || !isInt64(ev)) return data === ev; // int64→int64, int64→float64, float64→float64
    return toInt64(data) === ev; // float64→int64 truncates
  }
  if (typeof data === 'number' && typeof ev === 'string') return isInt64(data) && runeString(data) === ev;
  if (typeof data !== typeof ev || Array.isArray(data) !== Array.isArray(ev)) return false;
  return deepEqual(data, ev);
}

/** Whether a value passes each keyword (what the generated code calls). */
const passes = {
  type: (spec: TypeSpec, data: unknown) => typeMismatch(spec, data) === undefined,
  number: (spec: NumberSpec, data: unknown) => typeof data !== 'number' || numberFailures(spec, data).length === 0,
  enum: (values: unknown[], data: unknown) => values.some((ev) => enumMatches(data, ev)),
  pattern: (_: unknown, data: unknown) => typeof data !== 'string',
};

/**
 * A keyword whose generated code is one call and one error without details: the translator
 * re-derives the details from the schema node and the value, which keeps the code ajv generates
 * for large CRD schemas small.
 */
function checkKeyword(keyword: string, schemaType: 'object' | 'array', check: (schema: never, data: unknown) => boolean): CodeKeywordDefinition {
  return {
    keyword,
    schemaType,
    code(cxt: KeywordCxt) {
      const fn = cxt.gen.scopeValue('keyword', { ref: check });
      cxt.fail(_`!${fn}(${cxt.schemaValue}, ${cxt.data})`);
    },
  };
}

export const typeKeyword = checkKeyword(TYPE_KEYWORD, 'object', passes.type);
export const numberKeyword = checkKeyword(NUMBER_KEYWORD, 'object', passes.number);
export const enumKeyword = checkKeyword(ENUM_KEYWORD, 'array', passes.enum);
/** A `pattern` Go could not compile: every string fails it, as go-openapi's Pattern() reports. */
export const badPatternKeyword = checkKeyword(BAD_PATTERN_KEYWORD, 'object', passes.pattern);
export const formatNameKeyword: CodeKeywordDefinition = { keyword: FORMAT_NAME_KEYWORD, schemaType: 'string', code: () => {} };
