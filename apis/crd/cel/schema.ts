// The parts of an apiextensions/v1 JSONSchemaProps (a CRD's openAPIV3Schema, as JSON) that CEL
// validation reads.

export interface ValidationRule {
  rule?: string;
  message?: string;
  messageExpression?: string;
  reason?: string;
  fieldPath?: string;
  optionalOldSelf?: boolean;
}

export interface JSONSchema {
  type?: string;
  format?: string;
  nullable?: boolean;
  properties?: Record<string, JSONSchema>;
  items?: JSONSchema | JSONSchema[];
  additionalProperties?: JSONSchema | boolean;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  maxLength?: number;
  maxItems?: number;
  maxProperties?: number;
  allOf?: JSONSchema[];
  anyOf?: JSONSchema[];
  oneOf?: JSONSchema[];
  not?: JSONSchema;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: string;
  'x-kubernetes-validations'?: ValidationRule[];
}

/** The single items schema of an array (a tuple `items: [...]` is not structural). */
export const itemsOf = (s: JSONSchema): JSONSchema | undefined => (s.items && !Array.isArray(s.items) ? s.items : undefined);

/** The schema of additionalProperties when it is one (not a boolean). */
export const additionalPropertiesOf = (s: JSONSchema): JSONSchema | undefined =>
  s.additionalProperties && typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;

export const rulesOf = (s: JSONSchema): ValidationRule[] => (Array.isArray(s['x-kubernetes-validations']) ? s['x-kubernetes-validations'] : []);

/**
 * The schema with apiVersion, kind and metadata.name/generateName, which rules at the root of a
 * resource (or an embedded resource) may always read (model.WithTypeAndObjectMeta).
 */
export function withTypeAndObjectMeta(s: JSONSchema): JSONSchema {
  let out = withMeta.get(s);
  if (!out) withMeta.set(s, (out = addTypeAndObjectMeta(s)));
  return out;
}

// Memoized so values converted under the same root schema share one schema object (a cache key).
const withMeta = new WeakMap<JSONSchema, JSONSchema>();

function addTypeAndObjectMeta(s: JSONSchema): JSONSchema {
  const p = s.properties ?? {};
  const meta = p.metadata?.properties;
  if (p.kind?.type === 'string' && p.apiVersion?.type === 'string' && p.metadata?.type === 'object' && meta?.name?.type === 'string' && meta?.generateName?.type === 'string') {
    return s;
  }
  const str: JSONSchema = { type: 'string' };
  return {
    ...s,
    properties: {
      ...p,
      kind: str,
      apiVersion: str,
      metadata: { type: 'object', properties: { name: str, generateName: str } },
    },
  };
}
