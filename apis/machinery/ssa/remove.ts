// Schema-aware operations apply's pruning needs (structured-merge-diff's TypedValue.RemoveItems
// and Set.EnsureNamedFieldsAreMembers).

import { cloneJson, isJsonObject, setOwn } from '../jsonEqual.js';
import { FieldSet } from './fieldSet.js';
import { fieldElement } from './pathElement.js';
import { SsaSchema, TypeRef, keysOf } from './schema.js';

/**
 * `value` without the members of `toRemove`: a member map key or list item is dropped with
 * everything below it; children descend. A map or list left with nothing by the removal
 * disappears (upstream makes it null, which decoding drops). Returns undefined when the value
 * itself is gone.
 */
export function removeItems(schema: SsaSchema, value: unknown, toRemove: FieldSet, ref: TypeRef = schema.root()): unknown {
  if (toRemove.isEmpty()) return cloneJson(value);
  return remove(schema, ref, value, toRemove);
}

function remove(schema: SsaSchema, ref: TypeRef, v: unknown, toRemove: FieldSet): unknown {
  const shape = schema.shape(ref, v);
  if (shape === 'leaf') {
    // Reached only when something below an atomic value is listed: upstream drops lists and
    // maps then, and keeps scalars.
    return Array.isArray(v) || isJsonObject(v) ? undefined : v;
  }
  if (shape === 'list') {
    if (!Array.isArray(v) || v.length === 0) return undefined;
    const lref = ref as TypeRef & { t: 'list' };
    const pes = schema.itemElements(lref, v);
    if (!pes) return cloneJson(v);
    const out: unknown[] = [];
    v.forEach((item, i) => {
      const pe = pes[i];
      if (toRemove.hasMember(pe)) return;
      const sub = toRemove.withPrefix(pe);
      if (sub.isEmpty()) out.push(cloneJson(item));
      else {
        const kept = remove(schema, lref.elem, item, sub);
        out.push(kept === undefined ? null : kept);
      }
    });
    return out.length ? out : undefined;
  }
  if (!isJsonObject(v)) return undefined;
  const keys = keysOf(v);
  if (keys.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const pe = fieldElement(k);
    if (toRemove.hasMember(pe)) continue;
    const sub = toRemove.withPrefix(pe);
    if (sub.isEmpty()) setOwn(out, k, cloneJson(v[k]));
    else {
      const kept = remove(schema, schema.child(ref, k), v[k], sub);
      if (kept !== undefined) setOwn(out, k, kept);
    }
  }
  return keysOf(out).length ? out : undefined;
}

/**
 * The set with every declared struct field that has members below it made a member too (map
 * keys and list items are not added): what pruning needs so that removing a field it owned
 * removes the field, not just its contents.
 */
export function ensureNamedFieldsAreMembers(schema: SsaSchema, set: FieldSet, ref: TypeRef = schema.root()): FieldSet {
  return set.rebuild(
    (pe, child) => {
      let childRef: TypeRef | undefined;
      if (pe.kind === 'field' && (ref.t === 'struct' || ref.t === 'map' || ref.t === 'deduced')) childRef = schema.child(ref, pe.name);
      else if (pe.kind === 'key' && ref.t === 'list') childRef = ref.elem;
      return childRef ? ensureNamedFieldsAreMembers(schema, child, childRef) : child;
    },
    (pe) => pe.kind === 'field' && schema.declares(ref, pe.name),
  );
}
