// CRD structural schemas (apiextensions.k8s.io/v1 openAPIV3Schema), as kube-apiserver 1.34 checks
// them when a CRD is written and applies them to custom objects. Pure functions, no I/O.
//
// When a CRD is written:
//   validateStructuralSchema(schema, fldPath, opts?) -> FieldError[]
//     fldPath like "spec.versions[0].schema.openAPIV3Schema"; opts.statusSubresource when the
//     version serves /status; on update, pass ratchetingOptions(storedSchemas) so rules the
//     stored CRD already breaks are not tightened.
//
// When a version is served (compile once, reuse for every request):
//   compileSchema(schema) -> CompiledSchema
//     .prune(obj, {rootMetadata?}) -> string[]   unknown fields removed ("spec.foo", "spec.list[0].bar",
//                                                 map keys as "spec.map.key"), nulls the schema cannot
//                                                 hold dropped, embedded ObjectMeta coerced; throws
//                                                 SchemaCoercionError for undecodable embedded TypeMeta/metadata
//     .applyDefaults(obj)                         structural defaulting, after prune
//     .validate(obj) -> FieldError[]              OpenAPI (ajv, RE2 patterns), embedded resources, list types
//     .validateStatus(obj) -> FieldError[]        a /status write: status against properties.status
//   Object paths are upstream's: "spec.replicas", "spec.list[0].name", "<nil>" for junctor summaries.
//   The ajv code is generated on the first validate (about 0.15 ms a schema node, once per version).
//
// Limits and differences from upstream, stated plainly:
// - Schemas nested deeper than MAX_SCHEMA_DEPTH (100 levels) are refused (upstream has no bound).
// - x-kubernetes-validations (CEL) are not checked or run here: neither rule compilation, cost,
//   nor the message/reason/fieldPath checks of the rules (the CEL module owns them); defaults are
//   not run through CEL rules either.
// - No validation ratcheting on update: validate() and validateStatus() report errors of
//   unchanged fields too.
// - The root metadata of objects is left to the server unless prune(obj, {rootMetadata: true}).
// - uniqueItems is not enforced on objects (a v1 CRD cannot set it); validateStructuralSchema
//   does not repeat upstream's final "error building validator" step (nothing it accepts fails to
//   compile).
// - Numbers: JSON parsing loses Go's int64/float64 distinction, so 1.0 is taken for an int64
//   (which changes how maximum/minimum/multipleOf truncate, and set-list uniqueness of 1 vs 1.0).
// - Type and format errors are Invalid field errors; upstream's are TypeInvalid, whose text is the
//   same but whose Status cause reason is FieldValueTypeInvalid.
// - Sibling properties are reported in declaration order; upstream's order is Go map order (random).
// - Formats follow the 1.33 compatibility version 1.34 validates objects with: k8s-short-name and
//   k8s-long-name are only checked in defaults. "email" does not decode RFC 2047 words; "uri",
//   "email", "ipv6", "mac" and "duration" are our ports of Go's parsers.
// - The status-subresource root error prints the schema as JSON where upstream prints the Go struct.
// - Embedded ObjectMeta is decoded with the catalogue's meta/v1 decoder; its Go json error texts
//   (and dropping malformed fields one top-level field at a time) follow it.

export { validateStructuralSchema, type StructuralSchemaOptions } from './validateStructuralSchema.js';
export { ratchetingOptions } from './ratcheting.js';
export { compileSchema, SchemaCoercionError, type CompiledSchema, type PruneOptions } from './compile.js';
export { NonStructuralError, type Structural } from './structural.js';
export { MAX_SCHEMA_DEPTH } from './depth.js';
export type { JSONSchemaProps } from './jsonSchema.js';
