// ValidateCustomResourceDefinitionOpenAPISchema (apiextensions-apiserver
// pkg/apis/apiextensions/validation): the keyword-level rules of a CRD schema, node by node:
// unsupported JSON Schema keywords, defaults where they cannot apply, and the combinations of the
// x-kubernetes-list-*/map-type extensions. x-kubernetes-validations (CEL) are checked elsewhere.

import type { FieldError } from '../../resources/model.js';
import { child, forbidden, index, invalid, key, notSupported, required } from '../../validation/field.js';
import { goValue } from '../../validation/goValue.js';
import { marshalJson } from './goValues.js';
import {
  type JSONSchemaProps,
  branches,
  dependencySchemas,
  flag,
  has,
  isEmbedded,
  itemsOf,
  notOf,
  optStr,
  schemaMap,
  schemaOrBool,
  str,
  strList,
} from './jsonSchema.js';

const OPENAPI_V3_TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];
const META_FIELDS = new Set(['metadata', 'kind', 'apiVersion']);

/** What the enclosing schema allows (upstream's specStandardValidatorV3). */
export interface NodeContext {
  allowDefaults: boolean;
  disallowDefaultsReason: string;
  insideResourceMeta: boolean;
}

export interface OpenAPISchemaOptions {
  requireValidPropertyType: boolean;
  requireAtomicSetType: boolean;
  requireMapListKeysMapSetValidation: boolean;
}

const withForbiddenDefaults = (c: NodeContext, reason: string): NodeContext => ({ ...c, allowDefaults: false, disallowDefaultsReason: reason });

/** A value as a field error prints a Go pointer or slice: JSON. */
const jsonValue = (v: unknown) => goValue(marshalJson(v ?? null));

/** specStandardValidatorV3.validate: keywords a CRD schema may not use at all. */
function standardErrors(s: JSONSchemaProps, fldPath: string, ctx: NodeContext, opts: OpenAPISchemaOptions): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(s, 'type');
  if (opts.requireValidPropertyType && type && !OPENAPI_V3_TYPES.includes(type)) errs.push(notSupported(child(fldPath, 'type'), type, OPENAPI_V3_TYPES));
  if (s.default !== undefined && !ctx.allowDefaults) {
    errs.push(forbidden(child(fldPath, 'default'), ctx.disallowDefaultsReason ? `must not be set ${ctx.disallowDefaultsReason}` : 'must not be set'));
  }
  if (str(s, 'id')) errs.push(forbidden(child(fldPath, 'id'), 'id is not supported'));
  if (has(s, 'additionalItems')) errs.push(forbidden(child(fldPath, 'additionalItems'), 'additionalItems is not supported'));
  if (schemaMap(s, 'patternProperties')?.length) errs.push(forbidden(child(fldPath, 'patternProperties'), 'patternProperties is not supported'));
  if (schemaMap(s, 'definitions')?.length) errs.push(forbidden(child(fldPath, 'definitions'), 'definitions is not supported'));
  if (has(s, 'dependencies')) errs.push(forbidden(child(fldPath, 'dependencies'), 'dependencies is not supported'));
  if (typeof s.$ref === 'string') errs.push(forbidden(child(fldPath, '$ref'), '$ref is not supported'));
  if (type === 'null') errs.push(forbidden(child(fldPath, 'type'), 'type cannot be set to null, use nullable as an alternative'));
  if (itemsOf(s)?.array?.length) errs.push(forbidden(child(fldPath, 'items'), 'items must be a schema object and not an array'));
  if (ctx.insideResourceMeta && isEmbedded(s)) errs.push(forbidden(child(fldPath, 'x-kubernetes-embedded-resource'), 'must not be used inside of resource meta'));
  return errs;
}

/** The x-kubernetes-map-type and list-type rules of one node. */
function extensionErrors(s: JSONSchemaProps, fldPath: string, opts: OpenAPISchemaOptions): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(s, 'type');
  const mapType = optStr(s, 'x-kubernetes-map-type');
  const listType = optStr(s, 'x-kubernetes-list-type');
  const mapKeys = strList(s, 'x-kubernetes-list-map-keys');
  const items = itemsOf(s);
  const itemSchema = items?.schema;
  const typePath = child(fldPath, 'type');

  if (s['x-kubernetes-preserve-unknown-fields'] === false) errs.push(invalid(child(fldPath, 'x-kubernetes-preserve-unknown-fields'), false, 'must be true or undefined'));

  if (mapType !== undefined && type !== 'object') {
    const detail = 'must be object if x-kubernetes-map-type is specified';
    errs.push(type ? invalid(typePath, type, detail) : required(typePath, detail));
  }
  if (mapType !== undefined && mapType !== 'atomic' && mapType !== 'granular') errs.push(notSupported(child(fldPath, 'x-kubernetes-map-type'), mapType, ['atomic', 'granular']));

  if (listType !== undefined && type !== 'array') {
    const detail = 'must be array if x-kubernetes-list-type is specified';
    errs.push(type ? invalid(typePath, type, detail) : required(typePath, detail));
  } else if (opts.requireAtomicSetType && listType === 'set' && itemSchema) {
    const detail = 'must be atomic as item of a list with x-kubernetes-list-type=set';
    const itemType = str(itemSchema, 'type');
    const itemListType = optStr(itemSchema, 'x-kubernetes-list-type');
    if (itemType === 'array' && itemListType !== undefined && itemListType !== 'atomic') {
      errs.push(invalid(child(fldPath, 'items', 'x-kubernetes-list-type'), jsonValue(itemListType), detail));
    } else if (itemType === 'object' && optStr(itemSchema, 'x-kubernetes-map-type') !== 'atomic') {
      // Upstream reports the item's list type here (usually unset: null).
      errs.push(invalid(child(fldPath, 'items', 'x-kubernetes-map-type'), jsonValue(itemListType), detail));
    }
  }
  if (listType !== undefined && !['atomic', 'set', 'map'].includes(listType)) errs.push(notSupported(child(fldPath, 'x-kubernetes-list-type'), listType, ['atomic', 'set', 'map']));

  if (mapKeys.length) {
    const detail = 'must be map if x-kubernetes-list-map-keys is non-empty';
    if (listType === undefined) errs.push(required(child(fldPath, 'x-kubernetes-list-type'), detail));
    else if (listType !== 'map') errs.push(invalid(child(fldPath, 'x-kubernetes-list-type'), listType, detail));
  }

  if (listType === 'map') {
    if (!mapKeys.length) errs.push(required(child(fldPath, 'x-kubernetes-list-map-keys'), 'must not be empty if x-kubernetes-list-type is map'));
    if (!items) errs.push(required(child(fldPath, 'items'), 'must have a schema if x-kubernetes-list-type is map'));
    if (items && !itemSchema) errs.push(invalid(child(fldPath, 'items'), jsonValue(s.items), 'must only have a single schema if x-kubernetes-list-type is map'));
    const itemType = itemSchema ? str(itemSchema, 'type') : '';
    if (itemSchema && itemType !== 'object') errs.push(invalid(child(fldPath, 'items', 'type'), itemType, "must be object if parent array's x-kubernetes-list-type is map"));
    if (itemSchema && itemType === 'object') {
      const props = new Map(schemaMap(itemSchema, 'properties') ?? []);
      const seen = new Set<string>();
      for (const k of mapKeys) {
        const p = props.get(k);
        if (p) {
          const t = str(p, 'type');
          if (t === 'array' || t === 'object') {
            errs.push(invalid(child(key(child(fldPath, 'items', 'properties'), k), 'type'), itemType, "must be a scalar type if parent array's x-kubernetes-list-type is map"));
          }
        } else errs.push(invalid(child(fldPath, 'x-kubernetes-list-map-keys'), jsonValue(mapKeys), 'entries must all be names of item properties'));
        if (seen.has(k)) errs.push(invalid(child(fldPath, 'x-kubernetes-list-map-keys'), jsonValue(mapKeys), 'must not contain duplicate entries'));
        seen.add(k);
      }
    }
  }

  if (opts.requireMapListKeysMapSetValidation) errs.push(...mapListKeysMapSetErrors(s, fldPath));
  return errs;
}

/** validateMapListKeysMapSet: set and map items are not nullable; map keys are required or defaulted. */
export function mapListKeysMapSetErrors(s: JSONSchemaProps, fldPath: string): FieldError[] {
  const itemSchema = itemsOf(s)?.schema;
  const listType = optStr(s, 'x-kubernetes-list-type');
  if (!itemSchema || (listType !== 'set' && listType !== 'map')) return [];
  const errs: FieldError[] = [];
  if (flag(itemSchema, 'nullable')) errs.push(forbidden(child(fldPath, 'items', 'nullable'), `cannot be nullable when x-kubernetes-list-type is ${listType}`));
  if (listType === 'map') {
    const required_ = new Set(strList(itemSchema, 'required'));
    const props = new Map(schemaMap(itemSchema, 'properties') ?? []);
    for (const k of strList(s, 'x-kubernetes-list-map-keys')) {
      const p = props.get(k);
      if (!p) continue;
      const at = key(child(fldPath, 'items', 'properties'), k);
      if (!required_.has(k) && p.default === undefined) {
        errs.push(required(child(at, 'default'), 'this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property'));
      }
      if (flag(p, 'nullable')) errs.push(forbidden(child(at, 'nullable'), 'this property is in x-kubernetes-list-map-keys, so it cannot be nullable'));
    }
  }
  return errs;
}

/** ValidateCustomResourceDefinitionOpenAPISchema for `s` at `fldPath` and all its subschemas. */
export function validateOpenAPISchema(s: JSONSchemaProps, fldPath: string, ctx: NodeContext, isRoot: boolean, opts: OpenAPISchemaOptions): FieldError[] {
  const errs = standardErrors(s, fldPath, ctx, opts);
  if (s.uniqueItems === true) errs.push(forbidden(child(fldPath, 'uniqueItems'), 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic'));

  const props = schemaMap(s, 'properties') ?? [];
  const ap = schemaOrBool(s, 'additionalProperties');
  if (ap) {
    if (props.length && (!ap.allows || ap.schema)) errs.push(forbidden(child(fldPath, 'additionalProperties'), 'additionalProperties and properties are mutual exclusive'));
    // Pruning a default inside additionalProperties of metadata would be ambiguous.
    const sub = ctx.insideResourceMeta ? withForbiddenDefaults(ctx, 'inside additionalProperties applying to object metadata') : ctx;
    if (ap.schema) errs.push(...validateOpenAPISchema(ap.schema, child(fldPath, 'additionalProperties'), sub, false, opts));
  }
  for (const [name, p] of props) {
    let sub = ctx;
    if ((isRoot || isEmbedded(s)) && META_FIELDS.has(name)) {
      sub = { ...sub, insideResourceMeta: true };
      if (isRoot) sub = withForbiddenDefaults(sub, `in top-level ${name}`);
    }
    errs.push(...validateOpenAPISchema(p, key(child(fldPath, 'properties'), name), sub, false, opts));
  }
  const not = notOf(s);
  if (not) errs.push(...validateOpenAPISchema(not, child(fldPath, 'not'), ctx, false, opts));
  for (const j of ['allOf', 'oneOf', 'anyOf'] as const) {
    branches(s, j).forEach((b, i) => errs.push(...validateOpenAPISchema(b, index(child(fldPath, j), i), ctx, false, opts)));
  }
  for (const [name, d] of schemaMap(s, 'definitions') ?? []) errs.push(...validateOpenAPISchema(d, key(child(fldPath, 'definitions'), name), ctx, false, opts));
  const items = itemsOf(s);
  if (items?.schema) errs.push(...validateOpenAPISchema(items.schema, child(fldPath, 'items'), ctx, false, opts));
  items?.array?.forEach((it, i) => errs.push(...validateOpenAPISchema(it, index(child(fldPath, 'items'), i), ctx, false, opts)));
  for (const [name, d] of dependencySchemas(s)) errs.push(...validateOpenAPISchema(d, key(child(fldPath, 'dependencies'), name), ctx, false, opts));

  errs.push(...extensionErrors(s, fldPath, opts));
  return errs;
}
