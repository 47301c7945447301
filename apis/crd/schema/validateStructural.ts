// ValidateStructural (apiextensions-apiserver pkg/apiserver/schema validation.go): the invariants
// of a structural schema. Every node names its type; array nodes have items; the root is an
// object without additionalProperties; metadata at the root may only restrict name and
// generateName; embedded resources are objects; and the junctors (allOf, anyOf, oneOf, not) only
// add value validations to what the structural part already declares. Errors come sorted by
// their text, as upstream sorts them.

import { fieldErrorText } from '../../errors.js';
import type { FieldError } from '../../resources/model.js';
import { child, forbidden, index, invalid, key, required } from '../../validation/field.js';
import {
  type JSONSchemaProps,
  branches,
  flag,
  has,
  isEmbedded,
  isIntOrString,
  itemSchema,
  notOf,
  preservesUnknown,
  property,
  propertyCount,
  schemaMap,
  schemaOrBool,
  str,
  strList,
} from './jsonSchema.js';
import { validateCompleteness } from './structuralCompleteness.js';
import { patternError } from './re2.js';

type Level = 'root' | 'item' | 'field';

const EMPTY_TYPE: Record<Level, string> = {
  root: 'must not be empty at the root',
  item: 'must not be empty for specified array items',
  field: 'must not be empty for specified object fields',
};

/** NestedValueValidation keys that make a junctor branch more than a bare value validation. */
const STRING_KEYS = ['description', 'title', 'format', 'pattern'];
const TRUE_KEYS = ['nullable', 'exclusiveMaximum', 'exclusiveMinimum', 'uniqueItems', 'x-kubernetes-embedded-resource', 'x-kubernetes-int-or-string', 'x-kubernetes-preserve-unknown-fields'];
const SET_KEYS = ['maximum', 'minimum', 'maxLength', 'minLength', 'maxItems', 'minItems', 'multipleOf', 'maxProperties', 'minProperties', 'x-kubernetes-list-type', 'x-kubernetes-map-type', 'not', 'items', 'additionalProperties', 'properties'];
const LIST_KEYS = ['enum', 'required', 'allOf', 'oneOf', 'anyOf', 'x-kubernetes-list-map-keys', 'x-kubernetes-validations'];

/** The Structural / NestedValueValidation fields a node sets, apart from type, default and properties. */
function contentKeys(s: JSONSchemaProps): string[] {
  const out: string[] = [];
  for (const k of STRING_KEYS) if (str(s, k)) out.push(k);
  for (const k of TRUE_KEYS) if (s[k] === true) out.push(k);
  for (const k of SET_KEYS) if (has(s, k)) out.push(k);
  for (const k of LIST_KEYS) if (Array.isArray(s[k]) && (s[k] as unknown[]).length) out.push(k);
  return out;
}

/** A junctor branch that is exactly {type: t} (the int-or-string pattern's branches). */
const isBareType = (b: JSONSchemaProps, t: string) => str(b, 'type') === t && !contentKeys(b).length && !has(b, 'default');

/** anyOf: [{type: integer}, {type: string}]. */
function isIntOrStringAnyOf(anyOf: JSONSchemaProps[]): boolean {
  return anyOf.length === 2 && isBareType(anyOf[0], 'integer') && isBareType(anyOf[1], 'string');
}

/** validateStructuralMetadataInvariants for `properties.metadata` of a node. */
function metadataErrors(m: JSONSchemaProps, checkMetadata: boolean, lvl: Level, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  if (checkMetadata && str(m, 'type') !== 'object') errs.push(invalid(child(fldPath, 'type'), str(m, 'type'), 'must be object'));
  if (lvl === 'root') {
    const props = (schemaMap(m, 'properties') ?? []).map(([k]) => k);
    const onlyNames = props.length > 0 && props.length <= 2 && props.every((k) => k === 'name' || k === 'generateName') && new Set(props).size === props.length;
    const keys = contentKeys(m).filter((k) => k !== 'properties');
    if ((props.length && !onlyNames) || keys.length) {
      errs.push(forbidden(fldPath, 'must not specify anything other than name and generateName, but metadata is implicitly specified'));
    }
  }
  return errs;
}

/** validateNestedValueValidation: what a junctor branch may not declare. */
function nestedErrors(v: JSONSchemaProps, skipAnyOf: boolean, skipAllOfAnyOf: boolean, lvl: Level, fldPath: string): FieldError[] {
  const errs = valueValidationErrors(v, skipAnyOf, skipAllOfAnyOf, lvl, fldPath);
  const items = itemSchema(v);
  if (items) errs.push(...nestedErrors(items, false, false, lvl, child(fldPath, 'items')));
  for (const [k, p] of schemaMap(v, 'properties') ?? []) errs.push(...nestedErrors(p, false, false, 'field', key(child(fldPath, 'properties'), k)));
  const mustBe = (k: string, what: string) => errs.push(forbidden(child(fldPath, k), `must be ${what} to be structural`));
  if (str(v, 'type')) mustBe('type', 'empty');
  const ap = schemaOrBool(v, 'additionalProperties');
  if (ap?.schema || ap?.allows) mustBe('additionalProperties', 'undefined');
  if (has(v, 'default')) mustBe('default', 'undefined');
  if (str(v, 'title')) mustBe('title', 'empty');
  if (str(v, 'description')) mustBe('description', 'empty');
  if (flag(v, 'nullable')) mustBe('nullable', 'false');
  if (preservesUnknown(v)) mustBe('x-kubernetes-preserve-unknown-fields', 'false');
  if (isEmbedded(v)) mustBe('x-kubernetes-embedded-resource', 'false');
  if (isIntOrString(v)) mustBe('x-kubernetes-int-or-string', 'false');
  if (strList(v, 'x-kubernetes-list-map-keys').length) mustBe('x-kubernetes-list-map-keys', 'empty');
  if (has(v, 'x-kubernetes-list-type')) mustBe('x-kubernetes-list-type', 'undefined');
  if (has(v, 'x-kubernetes-map-type')) mustBe('x-kubernetes-map-type', 'undefined');
  if (Array.isArray(v['x-kubernetes-validations']) && v['x-kubernetes-validations'].length) mustBe('x-kubernetes-validations', 'empty');
  if (property(v, 'metadata')) errs.push(forbidden(key(child(fldPath, 'properties'), 'metadata'), 'must not be specified in a nested context'));
  return errs;
}

/** validateValueValidation: the junctors of a node, and its pattern. */
function valueValidationErrors(v: JSONSchemaProps, skipAnyOf: boolean, skipFirstAllOfAnyOf: boolean, lvl: Level, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!skipAnyOf) branches(v, 'anyOf').forEach((b, i) => errs.push(...nestedErrors(b, false, false, lvl, index(child(fldPath, 'anyOf'), i))));
  branches(v, 'allOf').forEach((b, i) => errs.push(...nestedErrors(b, skipFirstAllOfAnyOf && i === 0, false, lvl, index(child(fldPath, 'allOf'), i))));
  branches(v, 'oneOf').forEach((b, i) => errs.push(...nestedErrors(b, false, false, lvl, index(child(fldPath, 'oneOf'), i))));
  const not = notOf(v);
  if (not) errs.push(...nestedErrors(not, false, false, lvl, child(fldPath, 'not')));
  const pattern = str(v, 'pattern');
  const err = pattern ? patternError(pattern) : undefined;
  if (err) errs.push(invalid(child(fldPath, 'pattern'), pattern, `must be a valid regular expression, but isn't: ${err}`));
  return errs;
}

/** validateStructuralInvariants. */
function invariantErrors(s: JSONSchemaProps, lvl: Level, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(s, 'type');
  const embedded = isEmbedded(s);
  const items = itemSchema(s);
  if (type === 'array' && !items) errs.push(required(child(fldPath, 'items'), 'must be specified'));
  if (items) errs.push(...invariantErrors(items, 'item', child(fldPath, 'items')));
  for (const [k, p] of schemaMap(s, 'properties') ?? []) errs.push(...invariantErrors(p, 'field', key(child(fldPath, 'properties'), k)));
  const ap = schemaOrBool(s, 'additionalProperties');
  if (ap) {
    if (lvl === 'root') errs.push(forbidden(child(fldPath, 'additionalProperties'), 'must not be used at the root'));
    if (ap.schema) errs.push(...invariantErrors(ap.schema, 'field', child(fldPath, 'additionalProperties')));
  }

  if (isIntOrString(s) && preservesUnknown(s)) errs.push(invalid(child(fldPath, 'x-kubernetes-preserve-unknown-fields'), true, 'must be false if x-kubernetes-int-or-string is true'));
  if (isIntOrString(s) && embedded) errs.push(invalid(child(fldPath, 'x-kubernetes-embedded-resource'), true, 'must be false if x-kubernetes-int-or-string is true'));

  const anyOf = branches(s, 'anyOf');
  const allOf = branches(s, 'allOf');
  const skipAnyOf = isIntOrStringAnyOf(anyOf);
  const skipFirstAllOfAnyOf = allOf.length > 0 && isIntOrStringAnyOf(branches(allOf[0], 'anyOf'));
  errs.push(...valueValidationErrors(s, skipAnyOf, skipFirstAllOfAnyOf, lvl, fldPath));

  const checkMetadata = lvl === 'root' || embedded;
  const typePath = child(fldPath, 'type');
  if (embedded && type !== 'object') {
    const detail = 'must be object if x-kubernetes-embedded-resource is true';
    errs.push(type ? invalid(typePath, type, detail) : required(typePath, detail));
  } else if (!type && !isIntOrString(s) && !preservesUnknown(s)) {
    errs.push(required(typePath, EMPTY_TYPE[lvl]));
  }
  if (embedded && ap) errs.push(forbidden(child(fldPath, 'additionalProperties'), 'must not be used if x-kubernetes-embedded-resource is set'));
  if (lvl === 'root' && type && type !== 'object') errs.push(invalid(typePath, type, 'must be object at the root'));

  for (const k of ['kind', 'apiVersion']) {
    const p = property(s, k);
    if (p && checkMetadata && str(p, 'type') !== 'string') errs.push(invalid(child(key(child(fldPath, 'properties'), k), 'type'), str(p, 'type'), 'must be string'));
  }
  const metadata = property(s, 'metadata');
  if (metadata) errs.push(...metadataErrors(metadata, checkMetadata, lvl, key(child(fldPath, 'properties'), 'metadata')));
  if (embedded && !preservesUnknown(s) && propertyCount(s) === 0) {
    errs.push(required(child(fldPath, 'properties'), 'must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields'));
  }
  return errs;
}

/** Go's sort of errors by their text: byte-wise. */
const byText = (a: FieldError, b: FieldError) => Buffer.compare(Buffer.from(fieldErrorText(a)), Buffer.from(fieldErrorText(b)));

/** ValidateStructural for a schema that NewStructural accepted. */
export function validateStructural(schema: JSONSchemaProps, fldPath: string): FieldError[] {
  return [...invariantErrors(schema, 'root', fldPath), ...validateCompleteness(schema, fldPath)].sort(byText);
}
