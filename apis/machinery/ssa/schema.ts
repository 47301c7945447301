// What server-side apply needs to know about the shape of an object, answered from the
// catalogue (TypeRegistry) the way upstream answers from the OpenAPI-derived structured-merge-diff
// schema (kube-openapi's schemaconv):
//
// * lists: x-kubernetes-list-type map (items keyed by listMapKeys) or set (scalar members);
//   without a list type, patch strategy "merge" with a merge key makes a map list, "merge"
//   without a key a set, anything else an atomic list;
// * maps: granular (per key) unless mapType=atomic;
// * structs: granular unless +structType=atomic (TypeDef.atomic, or mapType=atomic on the field);
// * special JSON forms: quantity, int-or-string, times and durations are scalars; RawExtension
//   and FieldsV1 are atomic blobs ("untyped atomic"); apiextensions JSON and the schema-or-x
//   unions are "deduced" (maps granular, lists atomic, decided by the value);
// * fields a struct does not declare: deduced when the type preserves unknown fields (and,
//   leniently, otherwise too; validateApplyConfig reports them).
//
// An object without a catalogue type (a custom resource without a converted schema) is deduced
// throughout, except apiVersion, kind and metadata (meta/v1:ObjectMeta when the registry has it),
// as a CRD's structural schema declares them.

import { FieldDef, SCALARS } from '../../schema/model.js';
import type { TypeRegistry } from '../../schema/registry.js';
import { isJsonObject } from '../jsonEqual.js';
import { KeyField, PathElement, keyElement, valueElement } from './pathElement.js';

export type TypeRef =
  | { readonly t: 'scalar' }
  /** A catalogue struct. `root` adds the implicit apiVersion and kind of a top-level object. */
  | { readonly t: 'struct'; readonly id: string; readonly atomic: boolean; readonly root?: boolean }
  | { readonly t: 'list'; readonly rel: 'atomic' | 'set' | 'map'; readonly keys: readonly string[]; readonly elem: TypeRef }
  | { readonly t: 'map'; readonly atomic: boolean; readonly elem: TypeRef }
  | { readonly t: 'untypedAtomic' }
  | { readonly t: 'deduced'; readonly root?: boolean };

/** How a value is handled at a node: a leaf (scalar or atomic), a granular map, or an associative list. */
export type Shape = 'leaf' | 'map' | 'list';

const SCALAR: TypeRef = { t: 'scalar' };
const DEDUCED: TypeRef = { t: 'deduced' };
const UNTYPED_ATOMIC: TypeRef = { t: 'untypedAtomic' };
const ATOMIC_SCALAR_LIST: TypeRef = { t: 'list', rel: 'atomic', keys: [], elem: SCALAR };

export const OBJECT_META = 'meta/v1:ObjectMeta';

/**
 * Struct fields Go declares as values, not pointers, so a Go object always carries them (as
 * {} when empty). The catalogue does not record pointer-ness of struct fields; these are the
 * conventional ones (object metadata, spec, status, pod templates) and the value-typed structs
 * of the common workload kinds.
 */
const VALUE_STRUCT_NAMES: ReadonlySet<string> = new Set(['metadata', 'spec', 'status', 'template']);
const VALUE_STRUCT_FIELDS: ReadonlySet<string> = new Set([
  'core/v1:Container.resources',
  'core/v1:EphemeralContainer.resources',
  'core/v1:PersistentVolumeClaimSpec.resources',
  'apps/v1:DeploymentSpec.strategy',
  'apps/v1:StatefulSetSpec.updateStrategy',
  'apps/v1:DaemonSetSpec.updateStrategy',
  'batch/v1:CronJobSpec.jobTemplate',
]);

export class SsaSchema {
  private readonly refCache = new Map<FieldDef, TypeRef>();

  /**
   * `typeId` is the catalogue type of the whole object ("apps/v1:Deployment"); without one (or
   * without a registry) the object is deduced.
   */
  constructor(
    readonly registry: TypeRegistry | undefined,
    readonly typeId: string | undefined,
  ) {}

  root(): TypeRef {
    if (this.typeId && this.registry?.isStruct(this.typeId)) {
      return { t: 'struct', id: this.typeId, atomic: this.registry.get(this.typeId).atomic, root: true };
    }
    return { t: 'deduced', root: true };
  }

  /** The shape `v` takes at a node of type `ref`. */
  shape(ref: TypeRef, v: unknown): Shape {
    switch (ref.t) {
      case 'scalar':
      case 'untypedAtomic':
        return 'leaf';
      case 'deduced':
        return isJsonObject(v) ? 'map' : 'leaf';
      case 'struct':
        return ref.atomic || !(isJsonObject(v) || v === null) ? 'leaf' : 'map';
      case 'map':
        return ref.atomic || !(isJsonObject(v) || v === null) ? 'leaf' : 'map';
      case 'list':
        return ref.rel === 'atomic' || !(Array.isArray(v) || v === null) ? 'leaf' : 'list';
    }
  }

  /** The type of the field or map key `name` inside a map-shaped node. */
  child(ref: TypeRef, name: string): TypeRef {
    switch (ref.t) {
      case 'map':
        return ref.elem;
      case 'struct': {
        const f = this.registry?.field(ref.id, name);
        if (f) return this.fieldRef(f);
        if (ref.root && (name === 'apiVersion' || name === 'kind')) return SCALAR;
        return DEDUCED;
      }
      case 'deduced':
        if (ref.root) {
          if (name === 'apiVersion' || name === 'kind') return SCALAR;
          if (name === 'metadata' && this.registry?.has(OBJECT_META)) return { t: 'struct', id: OBJECT_META, atomic: false };
        }
        return DEDUCED;
      default:
        return DEDUCED;
    }
  }

  /**
   * True when `name` is a field the node's type declares (a struct field), rather than a map key
   * or an undeclared field. Declared fields are not members of a field set by themselves.
   */
  declares(ref: TypeRef, name: string): boolean {
    switch (ref.t) {
      case 'struct':
        return !!this.registry?.field(ref.id, name) || (!!ref.root && (name === 'apiVersion' || name === 'kind'));
      case 'deduced':
        return !!ref.root && (name === 'apiVersion' || name === 'kind' || (name === 'metadata' && !!this.registry?.has(OBJECT_META)));
      default:
        return false;
    }
  }

  /**
   * True when a Go object would always carry field `name` of struct node `ref`: a value-typed
   * struct field ({} when empty) or a required list or map without omitempty (null when empty).
   * Comparing objects treats such a field, absent on one side, as that zero value.
   */
  alwaysPresent(ref: TypeRef, name: string): boolean {
    const f = this.fieldDef(ref, name);
    if (!f || ref.t !== 'struct') return false;
    if (f.repeated || f.map) return f.required;
    const child = this.fieldRef(f);
    if (child.t !== 'struct' || child.atomic) return false;
    return VALUE_STRUCT_NAMES.has(name) || VALUE_STRUCT_FIELDS.has(`${ref.id}.${name}`);
  }

  /** True when the struct type closes its field list (undeclared fields are errors in an apply). */
  closed(ref: TypeRef): boolean {
    if (ref.t !== 'struct' || !this.registry) return false;
    return !this.registry.get(ref.id).preserveUnknown;
  }

  /** The declared field behind `name` of a struct node, if any. */
  fieldDef(ref: TypeRef, name: string): FieldDef | undefined {
    return ref.t === 'struct' ? this.registry?.field(ref.id, name) : undefined;
  }

  /** The type of a struct field's value. */
  fieldRef(f: FieldDef): TypeRef {
    let r = this.refCache.get(f);
    if (!r) {
      r = this.computeFieldRef(f);
      this.refCache.set(f, r);
    }
    return r;
  }

  private computeFieldRef(f: FieldDef): TypeRef {
    if (f.repeated) {
      const strategies = f.patchStrategy ? f.patchStrategy.split(',') : [];
      let rel: 'atomic' | 'set' | 'map' = f.listType ?? (strategies.includes('merge') ? (f.patchMergeKey ? 'map' : 'set') : 'atomic');
      const keys = f.listMapKeys ?? (f.patchMergeKey ? [f.patchMergeKey] : []);
      if (rel === 'map' && keys.length === 0) rel = 'set';
      return { t: 'list', rel, keys: rel === 'map' ? keys : [], elem: this.typeRef(f.type) };
    }
    if (f.map) return { t: 'map', atomic: f.mapType === 'atomic', elem: this.typeRef(f.type) };
    const r = this.typeRef(f.type);
    if (r.t === 'struct' && f.mapType) return { ...r, atomic: f.mapType === 'atomic' };
    return r;
  }

  /** The type of a value of catalogue type `type` (a scalar name or a type id). */
  typeRef(type: string): TypeRef {
    if (SCALARS.has(type)) return SCALAR;
    const t = this.registry?.find(type);
    if (!t) return DEDUCED;
    switch (t.json) {
      case undefined:
        return { t: 'struct', id: t.id, atomic: t.atomic };
      case 'quantity':
      case 'intorstring':
      case 'time':
      case 'microtime':
      case 'duration':
        return SCALAR;
      case 'rawextension':
      case 'fieldsv1':
        return UNTYPED_ATOMIC;
      case 'stringlist':
        return ATOMIC_SCALAR_LIST;
      case 'json':
      case 'opaque':
        return DEDUCED;
    }
  }

  /**
   * The path element of an associative list item: its key fields (missing ones taken from the
   * key field's default, when it has one) or, for a set, the value itself. Throws ListItemError
   * with upstream's wording when the item cannot be keyed.
   */
  itemElement(ref: TypeRef & { t: 'list' }, item: unknown): PathElement {
    if (ref.rel === 'map') {
      if (item === null) throw new ListItemError('associative list with keys may not have a null element');
      if (!isJsonObject(item)) throw new ListItemError('associative list with keys may not have non-map elements');
      const fields: KeyField[] = [];
      for (const k of ref.keys) {
        if (Object.prototype.hasOwnProperty.call(item, k) && item[k] !== undefined) fields.push({ name: k, value: item[k] });
        else {
          const def = ref.elem.t === 'struct' ? this.registry?.field(ref.elem.id, k)?.default : undefined;
          if (def !== undefined) fields.push({ name: k, value: def });
        }
      }
      if (ref.keys.length > 0 && fields.length === 0) {
        throw new ListItemError(
          `associative list with keys has an element that omits all key fields [${ref.keys.map((k) => JSON.stringify(k)).join(' ')}] (and doesn't have default values for any key fields)`,
        );
      }
      return keyElement(fields);
    }
    if (isJsonObject(item)) throw new ListItemError("associative list without keys has an element that's a map type");
    if (Array.isArray(item)) throw new ListItemError('not supported: associative list with lists as elements');
    if (item === null) throw new ListItemError("associative list without keys has an element that's an explicit null");
    return valueElement(item);
  }

  /** The path elements of every item of an associative list, or undefined when one cannot be keyed. */
  itemElements(ref: TypeRef & { t: 'list' }, list: readonly unknown[]): PathElement[] | undefined {
    try {
      return list.map((item) => this.itemElement(ref, item));
    } catch (e) {
      if (e instanceof ListItemError) return undefined;
      throw e;
    }
  }
}

export class ListItemError extends Error {}

/** True for undefined, null, [] and {}: containers that hold nothing. */
export function isEmptyContainer(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isJsonObject(v)) return Object.keys(v).every((k) => v[k] === undefined);
  return false;
}

/** The own keys of a JSON object whose values are defined. */
export function keysOf(v: unknown): string[] {
  if (!isJsonObject(v)) return [];
  return Object.keys(v).filter((k) => v[k] !== undefined);
}

/** v[k] for an own property of a JSON object, else undefined. */
export function getOwn(v: unknown, k: string): unknown {
  if (!isJsonObject(v) || !Object.prototype.hasOwnProperty.call(v, k)) return undefined;
  return v[k];
}
