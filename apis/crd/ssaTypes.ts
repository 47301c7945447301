// A custom resource version's schema as catalogue types, so server-side apply treats custom
// objects the way upstream's structured-merge-diff does with a CRD's schema: list types and map
// keys from x-kubernetes-list-type / -list-map-keys, atomic maps and structs from
// x-kubernetes-map-type, undeclared fields kept only under x-kubernetes-preserve-unknown-fields,
// metadata as ObjectMeta (at the root and in embedded resources), nodes without structure deduced.

import { FieldDef, TypeDef } from '../schema/model.js';
import { TypeRegistry } from '../schema/registry.js';
import { closure } from '../openapi/schemas.js';
import { typeRegistry } from '../types/index.js';

type Schema = Record<string, any>;

const PKG = 'custom';
const OBJECT_META = 'meta/v1:ObjectMeta';
const DEDUCED = `${PKG}:Deduced`;
const INT_OR_STRING = `${PKG}:IntOrString`;

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

function field(name: string, type: string, extra: Partial<FieldDef> = {}): FieldDef {
  return { name, type, repeated: false, map: false, inline: false, required: false, pointer: false, keepZero: false, ...extra };
}

class Builder {
  readonly types: TypeDef[] = [
    { id: DEDUCED, pkg: PKG, name: 'Deduced', fields: [], json: 'json', atomic: false, preserveUnknown: true },
    { id: INT_OR_STRING, pkg: PKG, name: 'IntOrString', fields: [], json: 'intorstring', atomic: false, preserveUnknown: false },
  ];
  private next = 0;

  /** The type of a value of schema `s`, with the list or map flags of its field. */
  valueType(s: unknown): Pick<FieldDef, 'type' | 'repeated' | 'map' | 'listType' | 'listMapKeys' | 'mapType'> {
    if (!isObject(s)) return { type: DEDUCED, repeated: false, map: false };
    if (s['x-kubernetes-int-or-string'] === true) return { type: INT_OR_STRING, repeated: false, map: false };
    switch (s.type) {
      case 'string':
        return { type: 'string', repeated: false, map: false };
      case 'boolean':
        return { type: 'bool', repeated: false, map: false };
      case 'integer':
        return { type: 'int64', repeated: false, map: false };
      case 'number':
        return { type: 'double', repeated: false, map: false };
      case 'array': {
        const item = this.valueType(s.items);
        // A list of lists has no field form: its items are deduced.
        const type = item.repeated || item.map ? DEDUCED : item.type;
        return { type, repeated: true, map: false, listType: s['x-kubernetes-list-type'] ?? 'atomic', listMapKeys: s['x-kubernetes-list-map-keys'] };
      }
      case 'object':
        if (isObject(s.additionalProperties) && !isObject(s.properties)) {
          const value = this.valueType(s.additionalProperties);
          const type = value.repeated || value.map ? DEDUCED : value.type;
          return { type, repeated: false, map: true, mapType: s['x-kubernetes-map-type'] };
        }
        if (!isObject(s.properties) && s['x-kubernetes-preserve-unknown-fields'] === true && s['x-kubernetes-embedded-resource'] !== true) {
          return { type: DEDUCED, repeated: false, map: false };
        }
        return { type: this.struct(s, false), repeated: false, map: false };
      default:
        return { type: DEDUCED, repeated: false, map: false };
    }
  }

  /** A struct type for an object schema; `root` and embedded resources get ObjectMeta. */
  struct(s: Schema, root: boolean): string {
    const id = `${PKG}:T${this.next++}`;
    const fields: FieldDef[] = [];
    const props: Schema = isObject(s.properties) ? s.properties : {};
    const required = new Set<string>(Array.isArray(s.required) ? s.required : []);
    for (const [name, p] of Object.entries(props)) {
      if ((root || s['x-kubernetes-embedded-resource'] === true) && ['apiVersion', 'kind', 'metadata'].includes(name)) continue;
      const v = this.valueType(p);
      fields.push(field(name, v.type, { ...v, required: required.has(name), default: isObject(p) ? p.default : undefined }));
    }
    if (root || s['x-kubernetes-embedded-resource'] === true) {
      if (!root) fields.push(field('apiVersion', 'string'), field('kind', 'string'));
      fields.push(field('metadata', OBJECT_META));
    }
    this.types.push({
      id,
      pkg: PKG,
      name: id.slice(PKG.length + 1),
      fields,
      atomic: s['x-kubernetes-map-type'] === 'atomic',
      preserveUnknown: s['x-kubernetes-preserve-unknown-fields'] === true,
    });
    return id;
  }
}

export interface CustomSsaTypes {
  registry: TypeRegistry;
  typeId: string;
}

/** The catalogue types of a version's schema (ObjectMeta and what it refers to included). */
export function customSsaTypes(schema: Schema | undefined): CustomSsaTypes {
  const builtin = typeRegistry();
  const b = new Builder();
  const typeId = b.struct(isObject(schema) ? schema : { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, true);
  const registry = new TypeRegistry();
  const metaTypes = closure(builtin, [OBJECT_META]).map((id) => builtin.get(id));
  for (const pkg of new Set(metaTypes.map((t) => t.pkg))) registry.addPackage(builtin.package(pkg));
  registry.addPackage({ id: PKG, openapiPrefix: 'custom' });
  registry.addTypes(metaTypes);
  registry.addTypes(b.types);
  return { registry, typeId };
}
