// The catalogue's type model: every served kind's structure, written by the project in its own
// notation (see dsl.ts) and checked against upstream by test/upstream/check.ts.

/** Scalar types as they appear on the wire (protobuf scalar name; JSON form follows). */
export type ScalarType = 'string' | 'int32' | 'int64' | 'bool' | 'double' | 'bytes';

export const SCALARS: ReadonlySet<string> = new Set<ScalarType>(['string', 'int32', 'int64', 'bool', 'double', 'bytes']);

/**
 * Types whose JSON form is not "an object with the message's fields". The message itself is
 * still described (for protobuf), but codecs and OpenAPI use the special JSON form.
 */
export type JsonForm =
  | 'quantity' // "500m", also accepts a number on input
  | 'intorstring' // 3 or "25%"
  | 'time' // RFC 3339, second precision
  | 'microtime' // RFC 3339 with microseconds
  | 'duration' // Go duration string "1h0m0s"
  | 'rawextension' // any embedded JSON object (runtime.RawExtension)
  | 'fieldsv1' // managedFields set: any JSON object
  | 'json' // arbitrary JSON value (apiextensions JSON)
  | 'stringlist' // proto message wrapping `repeated string items`, JSON is a plain array
  | 'opaque'; // kept verbatim, no structure enforced (schema-or-bool/array unions)

export type ListType = 'atomic' | 'set' | 'map';
export type MapType = 'atomic' | 'granular';

export interface FieldDef {
  /** JSON name. */
  name: string;
  /** Protobuf field name when it differs from the JSON name (inline fields, FieldsV1.Raw). */
  protoName?: string;
  /** Protobuf field number; undefined for kinds that have no protobuf form (our own APIs). */
  number?: number;
  /** Scalar type or a qualified type name ("core/v1:Container"). */
  type: string;
  repeated: boolean;
  /** JSON object keyed by string; `type` is the value type. */
  map: boolean;
  /** Go embedded struct: flattened into the parent in JSON, a nested message in protobuf. */
  inline: boolean;
  required: boolean;
  /** Go pointer scalar: an explicit zero value is meaningful and kept when decoding protobuf. */
  pointer: boolean;
  /** Non-omitempty scalar: an explicit zero value is emitted and kept. */
  keepZero: boolean;
  enum?: string[];
  default?: unknown;
  /** x-kubernetes-patch-strategy ("merge", "retainKeys", "merge,retainKeys", "replace"). */
  patchStrategy?: string;
  /** x-kubernetes-patch-merge-key. */
  patchMergeKey?: string;
  listType?: ListType;
  listMapKeys?: string[];
  mapType?: MapType;
  /** OpenAPI format override. */
  format?: string;
  /**
   * JSON name when the notation cannot spell it ("$ref", "x-kubernetes-preserve-unknown-fields"); `name`
   * is then the protobuf name. Readers of JSON use `jsonName ?? name`.
   */
  jsonName?: string;
  description?: string;
}

export interface TypeDef {
  /** Qualified name: "<package>:<Name>", e.g. "core/v1:Container". */
  id: string;
  pkg: string;
  name: string;
  fields: FieldDef[];
  /** Special JSON form; absent for ordinary objects. */
  json?: JsonForm;
  /** +structType=atomic: the object is replaced as a whole by apply (x-kubernetes-map-type: atomic). */
  atomic: boolean;
  /** Object whose JSON keeps fields it does not declare (x-kubernetes-preserve-unknown-fields). */
  preserveUnknown: boolean;
  description?: string;
}

/** A package of types: one Kubernetes API group-version (or apimachinery package). */
export interface PackageDef {
  id: string; // "core/v1", "meta/v1", "apps/v1", "resource", "intstr", "runtime"
  /** OpenAPI definition name prefix: "io.k8s.api.core.v1". */
  openapiPrefix: string;
  /** Protobuf package: "k8s.io.api.core.v1"; undefined when the package has no protobuf form. */
  protoPackage?: string;
}

/** The JSON name of a field. */
export function jsonNameOf(f: FieldDef): string {
  return f.jsonName ?? f.name;
}

export function qualify(pkg: string, name: string): string {
  return name.includes(':') ? name : `${pkg}:${name}`;
}

export function splitId(id: string): { pkg: string; name: string } {
  const i = id.lastIndexOf(':');
  return { pkg: id.slice(0, i), name: id.slice(i + 1) };
}
