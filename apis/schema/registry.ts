// Holds the catalogue's packages and types, resolves references between them, and answers
// structural questions (which type sits at a path) for the pure machinery: strategic merge,
// pruning, protobuf decoding and OpenAPI generation.

import { FieldDef, PackageDef, SCALARS, TypeDef, jsonNameOf } from './model.js';

export class TypeRegistry {
  private readonly types = new Map<string, TypeDef>();
  private readonly packages = new Map<string, PackageDef>();
  private readonly fieldIndex = new Map<string, Map<string, FieldDef>>();

  addPackage(pkg: PackageDef): void {
    this.packages.set(pkg.id, pkg);
  }

  addTypes(types: Iterable<TypeDef>): void {
    for (const t of types) {
      if (this.types.has(t.id)) throw new Error(`type ${t.id} defined twice`);
      if (!this.packages.has(t.pkg)) throw new Error(`type ${t.id}: unknown package ${t.pkg}`);
      this.types.set(t.id, t);
    }
  }

  /** Fields referring to types nobody defined, and misused inline fields. */
  unresolved(): string[] {
    const missing: string[] = [];
    for (const t of this.types.values()) {
      for (const f of t.fields) {
        if (!SCALARS.has(f.type) && !this.types.has(f.type)) missing.push(`${t.id}.${f.name} -> ${f.type}`);
        if (f.inline && (f.repeated || f.map || SCALARS.has(f.type))) missing.push(`${t.id}.${f.name}: inline must be a message`);
      }
    }
    return missing;
  }

  /** Throws when unresolved() is not empty. */
  verify(): void {
    const missing = this.unresolved();
    if (missing.length) throw new Error(`unresolved catalogue types:\n  ${missing.join('\n  ')}`);
  }

  get(id: string): TypeDef {
    const t = this.types.get(id);
    if (!t) throw new Error(`unknown type ${id}`);
    return t;
  }

  find(id: string): TypeDef | undefined {
    return this.types.get(id);
  }

  has(id: string): boolean {
    return this.types.has(id);
  }

  package(id: string): PackageDef {
    const p = this.packages.get(id);
    if (!p) throw new Error(`unknown package ${id}`);
    return p;
  }

  allTypes(): IterableIterator<TypeDef> {
    return this.types.values();
  }

  allPackages(): IterableIterator<PackageDef> {
    return this.packages.values();
  }

  /** OpenAPI definition name, e.g. "io.k8s.api.core.v1.Container". */
  openapiName(id: string): string {
    const t = this.get(id);
    return `${this.package(t.pkg).openapiPrefix}.${t.name}`;
  }

  /** Fully qualified protobuf message name, e.g. "k8s.io.api.core.v1.Container". */
  protoName(id: string): string | undefined {
    const t = this.get(id);
    const pp = this.package(t.pkg).protoPackage;
    return pp ? `${pp}.${t.name}` : undefined;
  }

  /**
   * The JSON-visible fields of a type: inline (embedded) fields are replaced by the fields of
   * the embedded type, recursively. Keyed by JSON name.
   */
  jsonFields(id: string): Map<string, FieldDef> {
    let idx = this.fieldIndex.get(id);
    if (!idx) {
      idx = new Map();
      for (const f of this.get(id).fields) {
        if (f.inline) for (const [k, v] of this.jsonFields(f.type)) idx.set(k, v);
        else idx.set(jsonNameOf(f), f);
      }
      this.fieldIndex.set(id, idx);
    }
    return idx;
  }

  /** The JSON field `name` of type `id`, looking through inline fields. */
  field(id: string, name: string): FieldDef | undefined {
    return this.jsonFields(id).get(name);
  }

  /** True when the type's JSON form is an object with declared fields. */
  isStruct(id: string): boolean {
    const t = this.types.get(id);
    return !!t && !t.json;
  }
}
