// ObjectMeta inside custom objects (apiextensions-apiserver pkg/apiserver/schema/objectmeta
// coerce.go): metadata is decoded as a typed metav1.ObjectMeta and written back, which drops
// unknown fields and normalises the rest (times, empty values). The typed decoding reuses the
// catalogue's decoder for meta/v1 ObjectMeta, so its messages are Go's json errors.

import { decodeStructural } from '../../admission/structural.js';
import { TypeRegistry } from '../../schema/registry.js';
import { metaV1 } from '../../types/meta-v1.js';
import { PACKAGES } from '../../types/packages.js';
import { cloneValue } from './jsonValues.js';

const OBJECT_META = 'meta/v1:ObjectMeta';

let registry: TypeRegistry | undefined;

/** A registry holding just the meta/v1 types, built on first use. */
function metaTypes(): TypeRegistry {
  if (!registry) {
    const r = new TypeRegistry();
    r.addPackage(PACKAGES.find((p) => p.id === 'meta/v1')!);
    r.addTypes(metaV1);
    registry = r;
  }
  return registry;
}

const isMap = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'object' : typeof v;
}

/**
 * Go's encoding/json names the struct field path without map keys or slice indices
 * ("Go struct field ObjectMeta.labels of type string"); the shared decoder includes them.
 */
const goFieldPath = (msg: string): string => msg.replace(/(Go struct field )(\S+)/, (_, pre: string, p: string) => pre + p.replace(/\[[^\]]*\]/g, ''));

/** ObjectMeta fields whose zero value is omitted when Go marshals the struct. */
const OMIT_ZERO_STRINGS = ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion'];
const OWNER_REFERENCE_KEEP = ['apiVersion', 'kind', 'name', 'uid'];

/** What ToUnstructured(ObjectMeta) writes: omitempty zero values gone, owner references complete. */
function normalize(meta: Record<string, unknown>): Record<string, unknown> {
  for (const k of OMIT_ZERO_STRINGS) if (meta[k] === '') delete meta[k];
  if (meta.generation === 0) delete meta.generation;
  if (Array.isArray(meta.ownerReferences)) {
    for (const ref of meta.ownerReferences) if (isMap(ref)) for (const k of OWNER_REFERENCE_KEEP) if (!(k in ref)) ref[k] = '';
  }
  return meta;
}

export interface DecodedObjectMeta {
  /** The normalised metadata, when it decoded. */
  meta?: Record<string, unknown>;
  /** Unknown fields, relative to metadata ("foo", "ownerReferences[0].bar"). */
  unknown: string[];
  /** Go's json error, when it did not decode. */
  error?: string;
}

function decodeOnce(value: Record<string, unknown>): { meta: Record<string, unknown>; unknown: string[]; errors: string[] } {
  const meta = cloneValue(value);
  const unknown: string[] = [];
  // TypeMeta keys are unknown to ObjectMeta; the shared decoder would keep them at its root.
  for (const k of ['apiVersion', 'kind']) {
    if (k in meta) {
      unknown.push(k);
      delete meta[k];
    }
  }
  const issues = decodeStructural(metaTypes(), OBJECT_META, meta);
  return { meta, unknown: [...unknown, ...issues.unknown], errors: issues.errors.map(goFieldPath) };
}

/**
 * GetObjectMetaWithOptions: decodes metadata as an ObjectMeta. With dropMalformed, fields that do
 * not decode are dropped one top-level field at a time instead of failing the whole.
 */
export function decodeObjectMeta(metadata: unknown, dropMalformed = false): DecodedObjectMeta {
  if (metadata === null || metadata === undefined) return { meta: {}, unknown: [] };
  if (!isMap(metadata)) {
    if (dropMalformed) return { unknown: [], error: `invalid metadata: expected object, got ${goTypeOf(metadata)}` };
    return { unknown: [], error: `json: cannot unmarshal ${jsonKind(metadata)} into Go value of type v1.ObjectMeta` };
  }
  const whole = decodeOnce(metadata);
  if (!whole.errors.length) return { meta: normalize(whole.meta), unknown: whole.unknown };
  if (!dropMalformed) return { unknown: [], error: whole.errors[0] };
  const meta: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const k of Object.keys(metadata)) {
    const one = decodeOnce({ [k]: metadata[k] });
    if (one.errors.length) continue;
    Object.assign(meta, one.meta);
    unknown.push(...one.unknown);
  }
  return { meta: normalize(meta), unknown };
}

/** %T of a JSON-decoded value. */
function goTypeOf(v: unknown): string {
  if (Array.isArray(v)) return '[]interface {}';
  switch (typeof v) {
    case 'string': return 'string';
    case 'boolean': return 'bool';
    case 'number': return Number.isInteger(v) ? 'int64' : 'float64';
    default: return 'map[string]interface {}';
  }
}
