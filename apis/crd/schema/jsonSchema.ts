// Readers of a CRD's openAPIV3Schema in its JSON form (apiextensions/v1 JSONSchemaProps). The
// schema arrives as decoded JSON, so every reader tolerates values of the wrong JSON type (they
// read as absent) instead of trusting the shape.

/** One node of an openAPIV3Schema, as JSON. */
export type JSONSchemaProps = Record<string, unknown>;

export const isSchema = (v: unknown): v is JSONSchemaProps => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A key that is set: present and not null (Go's non-nil pointer, non-empty value). */
export const has = (s: JSONSchemaProps, key: string): boolean => s[key] !== undefined && s[key] !== null;

/** A string keyword; "" when absent or not a string. */
export const str = (s: JSONSchemaProps, key: string): string => (typeof s[key] === 'string' ? (s[key] as string) : '');

/** A boolean keyword; false when absent or not a boolean. */
export const flag = (s: JSONSchemaProps, key: string): boolean => s[key] === true;

/** A numeric keyword, or undefined. */
export const num = (s: JSONSchemaProps, key: string): number | undefined => (typeof s[key] === 'number' ? (s[key] as number) : undefined);

/** A string-valued keyword that upstream holds in a pointer (x-kubernetes-list-type, -map-type). */
export const optStr = (s: JSONSchemaProps, key: string): string | undefined => (typeof s[key] === 'string' ? (s[key] as string) : undefined);

/** A list of strings (required, x-kubernetes-list-map-keys); non-strings are skipped. */
export const strList = (s: JSONSchemaProps, key: string): string[] => (Array.isArray(s[key]) ? (s[key] as unknown[]).filter((x): x is string => typeof x === 'string') : []);

/** A map of schemas (properties, patternProperties, definitions) in declaration order, or undefined. */
export function schemaMap(s: JSONSchemaProps, key: string): [string, JSONSchemaProps][] | undefined {
  const m = s[key];
  if (!isSchema(m)) return undefined;
  return Object.keys(m).filter((k) => isSchema(m[k])).map((k) => [k, m[k] as JSONSchemaProps]);
}

/** The named property's schema. */
export function property(s: JSONSchemaProps, name: string): JSONSchemaProps | undefined {
  const m = s.properties;
  if (!isSchema(m) || !Object.prototype.hasOwnProperty.call(m, name)) return undefined;
  return isSchema(m[name]) ? m[name] : undefined;
}

/** Number of properties (Go's len(s.Properties)). */
export const propertyCount = (s: JSONSchemaProps): number => schemaMap(s, 'properties')?.length ?? 0;

/** `items`: one schema, or the (unsupported) array form. */
export interface ItemsOrArray {
  schema?: JSONSchemaProps;
  array?: JSONSchemaProps[];
}

export function itemsOf(s: JSONSchemaProps): ItemsOrArray | undefined {
  const v = s.items;
  if (isSchema(v)) return { schema: v };
  if (Array.isArray(v)) return { array: v.filter(isSchema) };
  return undefined;
}

/** The single `items` schema, when there is one. */
export const itemSchema = (s: JSONSchemaProps): JSONSchemaProps | undefined => itemsOf(s)?.schema;

/** `additionalProperties` (or `additionalItems`): a schema, or a boolean. */
export interface SchemaOrBool {
  allows: boolean;
  schema?: JSONSchemaProps;
}

export function schemaOrBool(s: JSONSchemaProps, key: 'additionalProperties' | 'additionalItems'): SchemaOrBool | undefined {
  const v = s[key];
  if (isSchema(v)) return { allows: true, schema: v };
  if (typeof v === 'boolean') return { allows: v };
  return undefined;
}

/** allOf / anyOf / oneOf branches. */
export const branches = (s: JSONSchemaProps, key: 'allOf' | 'anyOf' | 'oneOf'): JSONSchemaProps[] => (Array.isArray(s[key]) ? (s[key] as unknown[]).filter(isSchema) : []);

export const notOf = (s: JSONSchemaProps): JSONSchemaProps | undefined => (isSchema(s.not) ? s.not : undefined);

/** The schemas of `dependencies` given in schema form. */
export function dependencySchemas(s: JSONSchemaProps): [string, JSONSchemaProps][] {
  const d = s.dependencies;
  if (!isSchema(d)) return [];
  return Object.keys(d).filter((k) => isSchema(d[k])).map((k) => [k, d[k] as JSONSchemaProps]);
}

/** The default value, when one is set (a JSON null reads as no default, as upstream's converter does). */
export const defaultOf = (s: JSONSchemaProps): { value: unknown } | undefined => (has(s, 'default') ? { value: s.default } : undefined);

/** x-kubernetes-preserve-unknown-fields: true. */
export const preservesUnknown = (s: JSONSchemaProps): boolean => s['x-kubernetes-preserve-unknown-fields'] === true;
export const isEmbedded = (s: JSONSchemaProps): boolean => s['x-kubernetes-embedded-resource'] === true;
export const isIntOrString = (s: JSONSchemaProps): boolean => s['x-kubernetes-int-or-string'] === true;
