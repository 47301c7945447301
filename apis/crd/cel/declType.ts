// How a schema node looks to CEL (apiserver/pkg/cel/common/schemas.go SchemaDeclType): objects
// with properties are message-like types, additionalProperties make maps, arrays make lists,
// int-or-string is dyn, `format: byte|date|date-time|duration` become bytes/timestamp/duration,
// integer is int and number is double. Nodes CEL cannot see (untyped preserve-unknown-fields)
// have no DeclType. Each type also carries the size bounds the cost estimator relies on.

import { escapeName } from './escaping.js';
import { JSONSchema, additionalPropertiesOf, itemsOf, withTypeAndObjectMeta } from './schema.js';
import { CelType, ObjectType, T } from './types.js';

/** kube-apiserver's request size limit, which bounds every list, map and string. */
export const MAX_REQUEST_SIZE_BYTES = 3 * 1024 * 1024;

const MIN_STRING_SIZE = 2;
const MIN_BOOL_SIZE = 4;
const MIN_NUMBER_SIZE = 1;
const MIN_DURATION_SIZE_JSON = 3;
const MAX_DURATION_SIZE_JSON = 32;
const JSON_DATE_SIZE = 12;
const MIN_DATETIME_SIZE_JSON = 21;
const MAX_DATETIME_SIZE_JSON = 32;

export interface DeclField {
  /** The property name in JSON. */
  name: string;
  type: DeclType;
}

export interface DeclType {
  kind: 'object' | 'list' | 'map' | 'simple';
  /** The CEL type of a simple node (int, string, timestamp, dyn ...). */
  simple?: CelType;
  /** The schema the node was made from (with type and object meta at resource roots). */
  schema: JSONSchema;
  /** Object fields by escaped CEL name. */
  fields?: Map<string, DeclField>;
  /** List items or map values. */
  elem?: DeclType;
  /** Upper bound of list items, map entries or string length (bytes) the node can hold. */
  maxElements: number;
  /** The fewest bytes a value of this node takes in JSON. */
  minSerializedSize: number;
}

const nonNegative = (n: number): number => (n < 0 ? 0 : n);

/** Longest string (bytes) of the node that fits a request, by format. */
function maxStringLengthPerRequest(s: JSONSchema): number {
  if (s['x-kubernetes-int-or-string']) return MAX_REQUEST_SIZE_BYTES - 2;
  switch (s.format) {
    case 'duration':
      return MAX_DURATION_SIZE_JSON;
    case 'date':
      return JSON_DATE_SIZE;
    case 'date-time':
      return MAX_DATETIME_SIZE_JSON;
    default:
      return MAX_REQUEST_SIZE_BYTES - 2;
  }
}

// maxLength counts code points; a code point may take 4 bytes.
const maxElementsFromMaxLength = (s: JSONSchema): number => nonNegative(s.maxLength ?? 0) * 4;

const simple = (schema: JSONSchema, t: CelType, minSize: number, maxElements = 0): DeclType => ({ kind: 'simple', simple: t, schema, maxElements, minSerializedSize: minSize });

function stringDecl(s: JSONSchema): DeclType {
  switch (s.format) {
    case 'byte':
      return simple(s, T.bytes, MIN_STRING_SIZE, s.maxLength !== undefined ? nonNegative(s.maxLength) : maxStringLengthPerRequest(s));
    case 'duration':
      return simple(s, T.duration, MIN_DURATION_SIZE_JSON, maxStringLengthPerRequest(s));
    case 'date':
      return simple(s, T.timestamp, JSON_DATE_SIZE, maxStringLengthPerRequest(s));
    case 'date-time':
      return simple(s, T.timestamp, MIN_DATETIME_SIZE_JSON, maxStringLengthPerRequest(s));
  }
  let max: number;
  if (s.maxLength !== undefined) max = maxElementsFromMaxLength(s);
  else if (Array.isArray(s.enum) && s.enum.length > 0) max = Math.max(0, ...s.enum.map((e) => (typeof e === 'string' ? Buffer.byteLength(e) : 0)));
  else max = maxStringLengthPerRequest(s);
  return simple(s, T.string, MIN_STRING_SIZE, max);
}

function objectDecl(s: JSONSchema): DeclType | undefined {
  const addl = additionalPropertiesOf(s);
  if (addl) {
    const elem = declTypeOf(addl, !!addl['x-kubernetes-embedded-resource']);
    if (!elem) return undefined;
    // key, quotes, colon, comma and the smallest value
    const max = s.maxProperties !== undefined ? nonNegative(s.maxProperties) : Math.floor((MAX_REQUEST_SIZE_BYTES - 2) / (elem.minSerializedSize + 6));
    return { kind: 'map', schema: s, elem, maxElements: max, minSerializedSize: 2 };
  }
  const fields = new Map<string, DeclField>();
  const required = new Set(s.required ?? []);
  let minSize = 2; // {}
  for (const name of Object.keys(s.properties ?? {}).sort()) {
    const prop = s.properties![name];
    const t = declTypeOf(prop, !!prop['x-kubernetes-embedded-resource']);
    if (!t) continue;
    const escaped = escapeName(name);
    if (escaped !== undefined) fields.set(escaped, { name, type: t });
    // Required properties without a default are always serialized.
    if (required.has(name) && prop.default === undefined) minSize += name.length + t.minSerializedSize + 4;
  }
  return { kind: 'object', schema: s, fields, maxElements: 0, minSerializedSize: minSize };
}

/** The CEL view of a schema node, or undefined when rules cannot see it. */
export function declTypeOf(schema: JSONSchema, isResourceRoot: boolean): DeclType | undefined {
  if (schema['x-kubernetes-int-or-string']) {
    const max = schema.maxLength !== undefined ? maxElementsFromMaxLength(schema) : maxStringLengthPerRequest(schema);
    return simple(schema, T.dyn, 1, max);
  }
  const s = isResourceRoot ? withTypeAndObjectMeta(schema) : schema;
  switch (s.type) {
    case 'array': {
      const items = itemsOf(s);
      if (!items) return undefined;
      const elem = declTypeOf(items, !!items['x-kubernetes-embedded-resource']);
      if (!elem) return undefined;
      const max = s.maxItems !== undefined ? nonNegative(s.maxItems) : Math.floor((MAX_REQUEST_SIZE_BYTES - 2) / (elem.minSerializedSize + 1));
      return { kind: 'list', schema: s, elem, maxElements: max, minSerializedSize: 2 };
    }
    case 'object':
      return objectDecl(s);
    case 'string':
      return stringDecl(s);
    case 'boolean':
      return simple(s, T.bool, MIN_BOOL_SIZE);
    case 'number':
      return simple(s, T.double, MIN_NUMBER_SIZE);
    case 'integer':
      return simple(s, T.int, MIN_NUMBER_SIZE);
  }
  return undefined;
}

/** A map key's DeclType: an unbounded-looking string, as upstream's StringType (max 0). */
export const MAP_KEY_DECL: DeclType = simple({ type: 'string' }, T.string, MIN_STRING_SIZE);

/**
 * The CEL type of a node, naming objects after their position below `name` ("selfType1.spec",
 * list items ".@idx", map values ".@elem") as DeclType.MaybeAssignTypeName does.
 */
export function celTypeOf(d: DeclType, name: string): CelType {
  switch (d.kind) {
    case 'simple':
      return d.simple!;
    case 'list':
      return T.list(celTypeOf(d.elem!, `${name}.@idx`));
    case 'map':
      return T.map(T.string, celTypeOf(d.elem!, `${name}.@elem`));
    case 'object': {
      const cache = new Map<string, CelType>();
      const obj: ObjectType = {
        kind: 'object',
        name,
        field(f: string): CelType | undefined {
          const decl = d.fields!.get(f);
          if (!decl) return undefined;
          let t = cache.get(f);
          if (!t) cache.set(f, (t = celTypeOf(decl.type, `${name}.${f}`)));
          return t;
        },
      };
      return obj;
    }
  }
}
