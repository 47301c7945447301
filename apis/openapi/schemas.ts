// Catalogue types as OpenAPI schemas (components.schemas / definitions), with the
// x-kubernetes-* extensions kubectl and server-side apply read.

import { FieldDef, SCALARS, TypeDef, jsonNameOf } from '../schema/model.js';
import { TypeRegistry } from '../schema/registry.js';

export type Schema = Record<string, any>;

export interface GVK {
  group: string;
  version: string;
  kind: string;
}

/** How references are spelled: v3 uses components.schemas, v2 uses definitions. */
export interface SchemaFlavor {
  refPrefix: string; // "#/components/schemas/" or "#/definitions/"
  /** v3 wraps a $ref that has siblings in allOf; v2 allows siblings directly. */
  wrapRefs: boolean;
}

const SCALAR: Record<string, Schema> = {
  string: { type: 'string' },
  int32: { type: 'integer', format: 'int32' },
  int64: { type: 'integer', format: 'int64' },
  bool: { type: 'boolean' },
  double: { type: 'number', format: 'double' },
  bytes: { type: 'string', format: 'byte' },
};

export const TYPE_META_DESCRIPTIONS = {
  apiVersion: 'The versioned schema of this object, such as "v1" or "apps/v1".',
  kind: 'The kind of this object, in CamelCase, such as "Deployment".',
};

function ref(registry: TypeRegistry, flavor: SchemaFlavor, id: string): Schema {
  return { $ref: flavor.refPrefix + registry.openapiName(id) };
}

function withSiblings(base: Schema, siblings: Schema, flavor: SchemaFlavor): Schema {
  if (!Object.keys(siblings).length) return base;
  if (base.$ref && flavor.wrapRefs) return { ...siblings, allOf: [base] };
  return { ...siblings, ...base };
}

/** The schema of one field. */
export function fieldSchema(registry: TypeRegistry, flavor: SchemaFlavor, f: FieldDef): Schema {
  const value: Schema = SCALARS.has(f.type) ? { ...SCALAR[f.type] } : ref(registry, flavor, f.type);
  if (f.format && !value.$ref) value.format = f.format;
  if (f.enum && !f.repeated && !f.map) value.enum = f.enum;
  let s: Schema;
  if (f.repeated) {
    s = { type: 'array', items: f.enum ? { ...value, enum: f.enum } : value };
  } else if (f.map) {
    s = { type: 'object', additionalProperties: value };
  } else {
    s = value;
  }
  const siblings: Schema = {};
  if (f.description) siblings.description = f.description;
  if (f.default !== undefined) siblings.default = f.default;
  if (f.patchMergeKey) siblings['x-kubernetes-patch-merge-key'] = f.patchMergeKey;
  if (f.patchStrategy) siblings['x-kubernetes-patch-strategy'] = f.patchStrategy;
  if (f.listType) siblings['x-kubernetes-list-type'] = f.listType;
  if (f.listMapKeys) siblings['x-kubernetes-list-map-keys'] = f.listMapKeys;
  if (f.mapType) siblings['x-kubernetes-map-type'] = f.mapType;
  return withSiblings(s, siblings, flavor);
}

/** Schemas of the special JSON forms. */
function specialSchema(t: TypeDef): Schema {
  switch (t.json) {
    case 'quantity':
      return { oneOf: [{ type: 'string' }, { type: 'number' }] };
    case 'intorstring':
      return { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] };
    case 'time':
    case 'microtime':
      return { type: 'string', format: 'date-time' };
    case 'duration':
      return { type: 'string' };
    case 'rawextension':
    case 'fieldsv1':
      return { type: 'object' };
    case 'stringlist':
      return { type: 'array', items: { type: 'string' } };
    default:
      return {};
  }
}

/** The schema of a type; kinds get apiVersion/kind and their GVKs. */
export function typeSchema(registry: TypeRegistry, flavor: SchemaFlavor, t: TypeDef, gvks: GVK[]): Schema {
  if (t.json) return { ...(t.description ? { description: t.description } : {}), ...specialSchema(t) };
  const s: Schema = {};
  if (t.description) s.description = t.description;
  s.type = 'object';
  const props: Schema = {};
  const required: string[] = [];
  const fields = [...registry.jsonFields(t.id).entries()];
  if (gvks.length) {
    props.apiVersion = { description: TYPE_META_DESCRIPTIONS.apiVersion, type: 'string' };
    props.kind = { description: TYPE_META_DESCRIPTIONS.kind, type: 'string' };
  }
  for (const [name, f] of fields.sort(([a], [b]) => a.localeCompare(b))) {
    props[name] = fieldSchema(registry, flavor, f);
    if (f.required) required.push(name);
  }
  if (required.length) s.required = required;
  if (Object.keys(props).length) s.properties = props;
  if (t.atomic) s['x-kubernetes-map-type'] = 'atomic';
  if (t.preserveUnknown) s['x-kubernetes-preserve-unknown-fields'] = true;
  if (gvks.length) s['x-kubernetes-group-version-kind'] = gvks.map((g) => ({ group: g.group, kind: g.kind, version: g.version }));
  return s;
}

/** The schema of a kind's list type ("DeploymentList"). */
export function listSchema(registry: TypeRegistry, flavor: SchemaFlavor, itemType: string, gvk: GVK): Schema {
  return {
    description: `A list of ${gvk.kind} objects.`,
    type: 'object',
    required: ['items'],
    properties: {
      apiVersion: { description: TYPE_META_DESCRIPTIONS.apiVersion, type: 'string' },
      items: { description: `The ${gvk.kind} objects.`, type: 'array', items: ref(registry, flavor, itemType) },
      kind: { description: TYPE_META_DESCRIPTIONS.kind, type: 'string' },
      metadata: withSiblings(ref(registry, flavor, 'meta/v1:ListMeta'), { description: 'Standard list metadata.' }, flavor),
    },
    'x-kubernetes-group-version-kind': [{ group: gvk.group, kind: gvk.kind, version: gvk.version }],
  };
}

/** Every type reachable from `roots`, in a stable order. */
export function closure(registry: TypeRegistry, roots: Iterable<string>): string[] {
  const seen = new Set<string>();
  const visit = (id: string): void => {
    if (seen.has(id) || SCALARS.has(id)) return;
    seen.add(id);
    for (const f of registry.jsonFields(id).values()) visit(f.type);
  };
  for (const r of roots) visit(r);
  return [...seen].sort((a, b) => registry.openapiName(a).localeCompare(registry.openapiName(b)));
}
