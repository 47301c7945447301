// The ajv schema a CRD schema validates with. Standard keywords are kept where go-openapi means
// the same (lengths, pattern, item and property counts, required, properties, items,
// additionalProperties, the junctors); type, numbers and enum become the keywords of keywords.ts.
// Only validating keywords are carried over, so descriptions, defaults and x-kubernetes-*
// extensions never reach ajv.
//
// Two views, as upstream has two converters:
// - objects (ConvertJSONSchemaProps + StripUnsupportedFormatsPostProcess): x-kubernetes-int-or-
//   string means type integer,string; formats not validated at compatibility version 1.33 vanish;
// - defaults (Structural.ToKubeOpenAPI, used to check `default` values): type as written, formats
//   kept as written.

import { type FormatScope, knownFormat } from './formats.js';
import { type JSONSchemaProps, branches, flag, isIntOrString, itemSchema, notOf, num, schemaMap, schemaOrBool, str, strList } from './jsonSchema.js';
import {
  BAD_PATTERN_KEYWORD,
  ENUM_KEYWORD,
  FORMAT_NAME_KEYWORD,
  NUMBER_KEYWORD,
  type NumberSpec,
  TYPE_KEYWORD,
  type TypeSpec,
} from './keywords.js';
import { patternError } from './re2.js';

/** A node of the ajv schema (a plain JSON Schema object with our keywords). */
export type AjvNode = Record<string, unknown>;

const JUNCTORS = ['allOf', 'anyOf', 'oneOf'] as const;
const COUNTS = ['maxLength', 'minLength', 'maxItems', 'minItems', 'maxProperties', 'minProperties'];

function typeSpec(s: JSONSchemaProps, scope: FormatScope): TypeSpec | undefined {
  const type = str(s, 'type');
  const types = scope === 'objects' && isIntOrString(s) ? ['integer', 'string'] : type ? [type] : [];
  const written = str(s, 'format');
  const format = scope === 'objects' ? (knownFormat(written, scope) ? written : '') : written;
  if (!types.length && !format) return undefined;
  return { types, nullable: flag(s, 'nullable'), format };
}

function numberSpec(s: JSONSchemaProps): NumberSpec | undefined {
  const spec: NumberSpec = {
    multipleOf: num(s, 'multipleOf'),
    maximum: num(s, 'maximum'),
    exclusiveMaximum: flag(s, 'exclusiveMaximum'),
    minimum: num(s, 'minimum'),
    exclusiveMinimum: flag(s, 'exclusiveMinimum'),
  };
  return spec.multipleOf === undefined && spec.maximum === undefined && spec.minimum === undefined ? undefined : spec;
}

/** The ajv schema of a CRD schema node (and its subschemas). */
/** Types ajv's own `type` checks exactly as go-openapi does (integer differs: Go accepts near-integers). */
const PLAIN_TYPES = new Set(['string', 'boolean', 'object', 'array', 'number']);

export function toAjvSchema(s: JSONSchemaProps, scope: FormatScope): AjvNode {
  const out: AjvNode = {};
  const type = typeSpec(s, scope);
  if (type && !type.format && type.types.length === 1 && PLAIN_TYPES.has(type.types[0])) out.type = type.nullable ? [type.types[0], 'null'] : type.types[0];
  else if (type) out[TYPE_KEYWORD] = type;
  // go-openapi validates a null only for type and enum: the junctors apply to other values.
  const junctors: AjvNode = {};
  for (const j of JUNCTORS) {
    const bs = branches(s, j);
    if (bs.length) junctors[j] = bs.map((b) => toAjvSchema(b, scope));
  }
  const not = notOf(s);
  if (not) junctors.not = toAjvSchema(not, scope);
  if (Object.keys(junctors).length) {
    out.if = { type: 'null' };
    out.else = junctors;
  }
  for (const k of COUNTS) if (num(s, k) !== undefined) out[k] = num(s, k);
  const pattern = str(s, 'pattern');
  if (pattern) {
    const error = patternError(pattern);
    if (error) out[BAD_PATTERN_KEYWORD] = { pattern: `${pattern}, but pattern is invalid: ${error}` };
    else out.pattern = pattern;
  }
  const format = knownFormat(str(s, 'format'), scope);
  if (format) {
    out.format = format;
    out[FORMAT_NAME_KEYWORD] = str(s, 'format');
  }
  const numbers = numberSpec(s);
  if (numbers) out[NUMBER_KEYWORD] = numbers;
  const items = itemSchema(s);
  if (items) out.items = toAjvSchema(items, scope);
  if (Array.isArray(s.enum) && s.enum.length) out[ENUM_KEYWORD] = s.enum;
  const required = strList(s, 'required');
  if (required.length) out.required = required;
  const props = schemaMap(s, 'properties');
  if (props?.length) {
    const p: Record<string, AjvNode> = {};
    for (const [k, v] of props) Object.defineProperty(p, k, { value: toAjvSchema(v, scope), enumerable: true, writable: true, configurable: true });
    out.properties = p;
  }
  const ap = schemaOrBool(s, 'additionalProperties');
  if (ap?.schema) out.additionalProperties = toAjvSchema(ap.schema, scope);
  else if (ap && !ap.allows) out.additionalProperties = false;
  return out;
}

/** The type check of an ajv node, whichever keyword holds it. */
export function nodeTypeSpec(node: AjvNode): TypeSpec | undefined {
  if (node[TYPE_KEYWORD]) return node[TYPE_KEYWORD] as TypeSpec;
  if (node.type === undefined) return undefined;
  const types = ([] as string[]).concat(node.type as string | string[]);
  return { types: types.filter((t) => t !== 'null'), nullable: types.includes('null'), format: '' };
}

/** The allOf / anyOf / oneOf / not of an ajv node (guarded against null in `else`). */
export const junctorsOf = (node: AjvNode): AjvNode => (node.else as AjvNode | undefined) ?? {};

/** The subschema for property `name` of an ajv node. */
export const ajvProperty = (node: AjvNode, name: string): AjvNode | undefined => {
  const p = node.properties as Record<string, AjvNode> | undefined;
  return p && Object.prototype.hasOwnProperty.call(p, name) ? p[name] : undefined;
};
