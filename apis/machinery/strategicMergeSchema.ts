// What strategic merge patch needs to know about a field: its patch strategy, its merge key and
// the schema of what it holds. Answered from the catalogue (TypeRegistry), the way upstream's
// PatchMetaFromStruct answers from Go struct tags. Anything the catalogue does not describe
// (unknown fields, RawExtension, arbitrary JSON) has no strategy: objects there merge key by
// key, lists are replaced.

import type { TypeRegistry } from '../schema/registry.js';

/** Where we are in the catalogue: a struct type, a JSON map of some value type, or unknown. */
export type PatchSchema = { kind: 'struct'; id: string } | { kind: 'map'; valueType: string } | undefined;

export interface PatchMeta {
  /** x-kubernetes-patch-strategy split on ",", e.g. ["merge", "retainKeys"]; [] when none. */
  strategies: string[];
  /** x-kubernetes-patch-merge-key; "" when none. */
  mergeKey: string;
}

const NO_META: PatchMeta = { strategies: [], mergeKey: '' };

export class PatchSchemaLookup {
  constructor(private readonly registry?: TypeRegistry) {}

  /** The schema of a whole object of catalogue type `typeId` (undefined when unknown). */
  root(typeId: string | undefined): PatchSchema {
    return this.structOf(typeId);
  }

  private structOf(typeId: string | undefined): PatchSchema {
    if (!typeId || !this.registry || !this.registry.isStruct(typeId)) return undefined;
    return { kind: 'struct', id: typeId };
  }

  private metaOf(f: { patchStrategy?: string; patchMergeKey?: string }): PatchMeta {
    return { strategies: f.patchStrategy ? f.patchStrategy.split(',') : [], mergeKey: f.patchMergeKey ?? '' };
  }

  /** LookupPatchMetadataForStruct: field `key` whose value is an object. */
  forMap(schema: PatchSchema, key: string): { schema: PatchSchema; meta: PatchMeta } {
    if (!schema || !this.registry) return { schema: undefined, meta: NO_META };
    if (schema.kind === 'map') return { schema: this.structOf(schema.valueType), meta: NO_META };
    const f = this.registry.field(schema.id, key);
    if (!f || f.repeated) return { schema: undefined, meta: NO_META };
    if (f.map) return { schema: { kind: 'map', valueType: f.type }, meta: this.metaOf(f) };
    return { schema: this.structOf(f.type), meta: this.metaOf(f) };
  }

  /** LookupPatchMetadataForSlice: field `key` whose value is a list; the schema is the items'. */
  forSlice(schema: PatchSchema, key: string): { schema: PatchSchema; meta: PatchMeta } {
    if (!schema || schema.kind !== 'struct' || !this.registry) return { schema: undefined, meta: NO_META };
    const f = this.registry.field(schema.id, key);
    if (!f || !f.repeated) return { schema: undefined, meta: NO_META };
    return { schema: this.structOf(f.type), meta: this.metaOf(f) };
  }
}
