// The set of fields a value sets (structured-merge-diff's TypedValue.ToFieldSet): every scalar
// and atomic value is a member; every associative list item is a member (its key path) and so
// are its fields; set members are "v:" members; a map key is a member when the map is granular
// and the key is not a declared struct field; a field whose value is null or an empty object is
// a member; declared struct fields with content are only the parents of their members.

import { FieldSet } from './fieldSet.js';
import { Path, PathElement, elementId, fieldElement } from './pathElement.js';
import { SsaSchema, TypeRef, keysOf } from './schema.js';
import { isJsonObject } from '../jsonEqual.js';

/** The fields `value` (of type `ref`, the schema's root by default) sets. */
export function toFieldSet(schema: SsaSchema, value: unknown, ref: TypeRef = schema.root()): FieldSet {
  const set = new FieldSet();
  walk(schema, ref, value, [], set);
  return set;
}

function walk(schema: SsaSchema, ref: TypeRef, v: unknown, path: PathElement[], set: FieldSet): void {
  const shape = schema.shape(ref, v);
  if (shape === 'leaf') {
    set.insert(path);
    return;
  }
  if (shape === 'list') {
    if (!Array.isArray(v)) return;
    const lref = ref as TypeRef & { t: 'list' };
    const pes = schema.itemElements(lref, v);
    if (!pes) {
      // Items that cannot be keyed: upstream rejects such values; keep the list as one leaf.
      set.insert(path);
      return;
    }
    const counts = new Map<string, number>();
    for (const pe of pes) counts.set(elementId(pe), (counts.get(elementId(pe)) ?? 0) + 1);
    for (let i = 0; i < v.length; i++) {
      const pe = pes[i];
      const itemPath: Path = [...path, pe];
      if (counts.get(elementId(pe))! > 1) {
        // Duplicated items are owned as a whole, not field by field.
        set.insert(itemPath);
        continue;
      }
      walk(schema, lref.elem, v[i], itemPath as PathElement[], set);
      set.insert(itemPath);
    }
    return;
  }
  // map
  if (!isJsonObject(v)) return;
  for (const k of keysOf(v)) {
    const child = v[k];
    const childPath = [...path, fieldElement(k)];
    walk(schema, schema.child(ref, k), child, childPath, set);
    if (child === null || (isJsonObject(child) && keysOf(child).length === 0) || !schema.declares(ref, k)) set.insert(childPath);
  }
}
