// The structural view of a schema (apiextensions-apiserver pkg/apiserver/schema NewStructural):
// the tree of types, properties, items and additionalProperties that pruning, defaulting, list
// type and embedded-resource checks walk. Value validations (enum, pattern, the junctors allOf /
// anyOf / oneOf / not, ...) stay in the raw JSON node each Structural keeps.

import { MAX_SCHEMA_DEPTH, exceedsDepth } from './depth.js';
import {
  type JSONSchemaProps,
  branches,
  defaultOf,
  flag,
  has,
  isSchema,
  itemsOf,
  notOf,
  optStr,
  schemaMap,
  schemaOrBool,
  str,
  strList,
} from './jsonSchema.js';

export interface Structural {
  /** `type`, "" when absent. */
  type: string;
  nullable: boolean;
  /** The default, when set to a non-null value. */
  default?: { value: unknown };
  /** Declared properties, in declaration order. */
  properties?: Map<string, Structural>;
  items?: Structural;
  /** additionalProperties: a schema (allows is then true), or a boolean. */
  additionalProperties?: { allows: boolean; schema?: Structural };
  preserveUnknownFields: boolean;
  embeddedResource: boolean;
  intOrString: boolean;
  listType?: string;
  listMapKeys: string[];
  mapType?: string;
  /** The JSON node this was built from. */
  raw: JSONSchemaProps;
}

/** The error NewStructural returns for a schema it cannot represent (upstream text). */
export class NonStructuralError extends Error {}

/** validateUnsupportedFields: keywords a structural schema cannot hold. */
function unsupportedField(s: JSONSchemaProps): string | undefined {
  if (str(s, 'id')) return "OpenAPIV3Schema 'id' is not supported";
  if (str(s, '$schema')) return "OpenAPIV3Schema 'schema' is not supported";
  if (str(s, '$ref')) return "OpenAPIV3Schema '$ref' is not supported";
  if (schemaMap(s, 'patternProperties')?.length) return "OpenAPIV3Schema 'patternProperties' is not supported";
  if (isSchema(s.dependencies) && Object.keys(s.dependencies).length) return "OpenAPIV3Schema 'dependencies' is not supported";
  if (has(s, 'additionalItems')) return "OpenAPIV3Schema 'additionalItems' is not supported";
  if (schemaMap(s, 'definitions')?.length) return "OpenAPIV3Schema 'definitions' is not supported";
  return undefined;
}

const ITEMS_ARRAY = "OpenAPIV3Schema 'items' must be a schema, but is an array";
const PRESERVE_FALSE = "internal error: 'x-kubernetes-preserve-unknown-fields' must be true or undefined";

function fail(message: string | undefined): void {
  if (message) throw new NonStructuralError(message);
}

/** newValueValidation: the junctors, whose branches are checked like nested value validations. */
function checkValueValidation(s: JSONSchemaProps): void {
  const not = notOf(s);
  if (not) checkNested(not);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) for (const b of branches(s, key)) checkNested(b);
}

/** newNestedValueValidation. */
function checkNested(s: JSONSchemaProps): void {
  fail(unsupportedField(s));
  checkValueValidation(s);
  if (s['x-kubernetes-preserve-unknown-fields'] === false) fail(PRESERVE_FALSE);
  const items = itemsOf(s);
  if (items?.array?.length) fail(ITEMS_ARRAY);
  if (items?.schema) checkNested(items.schema);
  for (const [, p] of schemaMap(s, 'properties') ?? []) checkNested(p);
  const ap = schemaOrBool(s, 'additionalProperties');
  if (ap?.schema) checkNested(ap.schema);
}

function build(s: JSONSchemaProps): Structural {
  fail(unsupportedField(s));
  checkValueValidation(s);
  if (s['x-kubernetes-preserve-unknown-fields'] === false) fail(PRESERVE_FALSE);
  const out: Structural = {
    type: str(s, 'type'),
    nullable: flag(s, 'nullable'),
    preserveUnknownFields: flag(s, 'x-kubernetes-preserve-unknown-fields'),
    embeddedResource: flag(s, 'x-kubernetes-embedded-resource'),
    intOrString: flag(s, 'x-kubernetes-int-or-string'),
    listType: optStr(s, 'x-kubernetes-list-type'),
    listMapKeys: strList(s, 'x-kubernetes-list-map-keys'),
    mapType: optStr(s, 'x-kubernetes-map-type'),
    raw: s,
  };
  const d = defaultOf(s);
  if (d) out.default = d;
  const items = itemsOf(s);
  if (items?.array?.length) fail(ITEMS_ARRAY);
  if (items?.schema) out.items = build(items.schema);
  const props = schemaMap(s, 'properties');
  if (props?.length) out.properties = new Map(props.map(([k, p]) => [k, build(p)]));
  const ap = schemaOrBool(s, 'additionalProperties');
  if (ap) out.additionalProperties = ap.schema ? { allows: true, schema: build(ap.schema) } : { allows: ap.allows };
  return out;
}

/**
 * NewStructural: the structural view of `schema`. Throws NonStructuralError with upstream's text
 * for what a structural schema cannot hold ($ref, definitions, items arrays, ...), and a plain
 * Error for a schema nested deeper than MAX_SCHEMA_DEPTH.
 */
export function toStructural(schema: JSONSchemaProps): Structural {
  if (exceedsDepth(schema)) throw new Error(`schema nested more than ${MAX_SCHEMA_DEPTH} levels deep`);
  return build(schema);
}

/** The schema of field `k` of an object node: its property, else the additionalProperties schema. */
export function fieldSchema(s: Structural | undefined, k: string): Structural | undefined {
  if (!s) return undefined;
  return s.properties?.get(k) ?? s.additionalProperties?.schema;
}

/** Structural{}: the zero schema (type "", nothing declared). */
function emptyStructural(): Structural {
  return { type: '', nullable: false, preserveUnknownFields: false, embeddedResource: false, intOrString: false, listMapKeys: [], raw: {} };
}

/** A copy of `s` marked x-kubernetes-embedded-resource, for algorithms run at a resource root. */
export const asResourceRoot = (s: Structural | undefined): Structural => {
  const base = s ?? emptyStructural();
  return base.embeddedResource ? base : { ...base, embeddedResource: true };
};
