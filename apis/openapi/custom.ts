// OpenAPI schemas of custom resources, built from their definition's schema as apiextensions'
// openapi builder does: the version's schema with int-or-string unfolded, apiVersion, kind and a
// reference to ObjectMeta added (also inside embedded resources), and the GVK extension; for
// OpenAPI v2, the v2 conversion (no junctors, nullable and preserve-unknown-fields nodes left
// untyped) and no defaults. Definitions are named "<reversed group>.<version>.<Kind>".

import { ServedResource } from '../catalogue.js';
import { Schema, SchemaFlavor, TYPE_META_DESCRIPTIONS } from './schemas.js';

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const LIST_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta';
const METADATA_DESCRIPTION = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
const LIST_METADATA_DESCRIPTION = 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';

export type OpenAPIVersion = 'v2' | 'v3';

/** gvkToModelName: "stable.example.com", "v1", "CronTab" → "com.example.stable.v1.CronTab". */
export function customModelName(group: string, version: string, kind: string): string {
  return `${group.split('.').reverse().join('.')}.${version}.${kind}`;
}

function metaRef(flavor: SchemaFlavor, name: string, description: string): Schema {
  const ref = { $ref: flavor.refPrefix + name };
  return flavor.wrapRefs ? { description, allOf: [ref] } : { description, ...ref };
}

const INT_OR_STRING = [{ type: 'integer' }, { type: 'string' }];

/** Structural.Unfold: an int-or-string node gets anyOf integer|string unless it spells that itself. */
function unfold(s: Schema): void {
  if (s['x-kubernetes-int-or-string'] !== true) return;
  const spellsIt = (list: unknown): boolean => Array.isArray(list) && list.length === 2 && list[0]?.type === 'integer' && list[1]?.type === 'string';
  if (spellsIt(s.anyOf) || (Array.isArray(s.allOf) && spellsIt(s.allOf[0]?.anyOf))) return;
  if (!s.anyOf) s.anyOf = INT_OR_STRING.map((x) => ({ ...x }));
  else s.allOf = [{ anyOf: INT_OR_STRING.map((x) => ({ ...x })) }, ...(s.allOf ?? [])];
}

/** ToStructuralOpenAPIV2 on one node (children are visited by the caller). */
function toV2(s: Schema): void {
  delete s.allOf;
  delete s.oneOf;
  delete s.anyOf;
  delete s.not;
  delete s.default;
  if (s.nullable) {
    delete s.type;
    delete s.nullable;
    delete s.items;
    delete s.properties;
  }
  if (s['x-kubernetes-preserve-unknown-fields'] === true) {
    delete s.items;
    delete s.properties;
  }
  if (s.items === undefined && s.type === 'array') delete s.type;
  if (s['x-kubernetes-preserve-unknown-fields'] === true && s.type === 'object') delete s.type;
  if (Array.isArray(s.required) && s.properties) {
    const required = s.required.filter((f: string) => !s.properties[f]?.nullable);
    if (required.length) s.required = required;
    else delete s.required;
  }
  if (s.additionalProperties && typeof s.additionalProperties === 'object' && s.additionalProperties.nullable) delete s.required;
}

/** apiVersion, kind and metadata of an embedded resource (addEmbeddedProperties). */
function embed(s: Schema, flavor: SchemaFlavor, version: OpenAPIVersion): void {
  if (version === 'v2' && s['x-kubernetes-preserve-unknown-fields'] === true) return;
  if (s['x-kubernetes-embedded-resource'] !== true) return;
  s.properties = {
    ...(s.properties ?? {}),
    apiVersion: { description: 'apiVersion defines the versioned schema of this representation of an object. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources', type: 'string' },
    kind: { description: 'kind is a string value representing the type of this object. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds', type: 'string' },
    metadata: metaRef(flavor, OBJECT_META, METADATA_DESCRIPTION),
  };
  const required: string[] = Array.isArray(s.required) ? [...s.required] : [];
  for (const f of ['kind', 'apiVersion']) if (!required.includes(f)) required.push(f);
  s.required = required;
}

/** A deep copy of a schema node with every rewrite applied. */
function convert(node: unknown, flavor: SchemaFlavor, version: OpenAPIVersion): Schema {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return {};
  const s: Schema = { ...(node as Schema) };
  if (s.properties && typeof s.properties === 'object') {
    s.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, convert(v, flavor, version)]));
  }
  if (s.items && typeof s.items === 'object' && !Array.isArray(s.items)) s.items = convert(s.items, flavor, version);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') s.additionalProperties = convert(s.additionalProperties, flavor, version);
  for (const j of ['allOf', 'anyOf', 'oneOf'] as const) if (Array.isArray(s[j])) s[j] = s[j].map((x: unknown) => convert(x, flavor, version));
  if (s.not) s.not = convert(s.not, flavor, version);
  unfold(s);
  if (version === 'v2') toV2(s);
  embed(s, flavor, version);
  return s;
}

function gvkExtension(r: ServedResource, kind: string): Schema[] {
  return [{ group: r.group, kind, version: r.version }];
}

/** The schema of a custom resource's objects. */
export function customObjectSchema(r: ServedResource, flavor: SchemaFlavor, version: OpenAPIVersion): Schema {
  const schema = r.custom?.schema;
  let s: Schema;
  if (!schema) s = { type: 'object' };
  else if (version === 'v2' && schema['x-kubernetes-preserve-unknown-fields'] === true) {
    // Adding properties here would make kubectl refuse the unknown fields the schema keeps.
    s = { type: 'object' };
  } else {
    s = convert(schema, flavor, version);
    s.properties = {
      ...(s.properties ?? {}),
      apiVersion: { description: TYPE_META_DESCRIPTIONS.apiVersion, type: 'string' },
      kind: { description: TYPE_META_DESCRIPTIONS.kind, type: 'string' },
      metadata: metaRef(flavor, OBJECT_META, METADATA_DESCRIPTION),
    };
  }
  s['x-kubernetes-group-version-kind'] = gvkExtension(r, r.kind);
  return s;
}

/** The schema of a custom resource's lists. */
export function customListSchema(r: ServedResource, flavor: SchemaFlavor): Schema {
  return {
    description: `${r.listKind} is a list of ${r.kind}`,
    type: 'object',
    required: ['items'],
    properties: {
      apiVersion: { description: TYPE_META_DESCRIPTIONS.apiVersion, type: 'string' },
      items: {
        description: `List of ${r.plural}. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md`,
        type: 'array',
        items: { $ref: flavor.refPrefix + customModelName(r.group, r.version, r.kind) },
      },
      kind: { description: TYPE_META_DESCRIPTIONS.kind, type: 'string' },
      metadata: metaRef(flavor, LIST_META, LIST_METADATA_DESCRIPTION),
    },
    'x-kubernetes-group-version-kind': gvkExtension(r, r.listKind),
  };
}
