// Server-side apply: field sets and their FieldsV1 form, schema-driven merging, field ownership
// (metadata.managedFields) and conflicts. Pure: no I/O.
//
// How the registry uses it (see fieldManager.ts):
//   create, PUT, JSON/merge/strategic PATCH, subresource writes:
//     obj = updateManagedFields(live /* undefined on create */, obj, manager, opts)
//     on the final object (after defaulting and the strategy), before storing it;
//   apply PATCH (application/apply-patch+yaml):
//     r = applyConfiguration(live /* undefined: create */, config, manager, force, opts)
//     r.conflicts.length → throw conflictError(r.conflicts) (or use applyConfigurationOrThrow);
//     else r.object continues through the update (or create) path, without updateManagedFields.
//   opts: { registry, typeId (undefined for deduced custom resources), apiVersion, subresource,
//           ignored: fieldPaths('status') for a main resource with a status subresource,
//           restrictTo: fieldPaths('status') for the status subresource, now }

export * from './pathElement.js';
export * from './fieldSet.js';
export * from './fieldsV1.js';
export * from './schema.js';
export * from './toFieldSet.js';
export * from './compare.js';
export * from './merge.js';
export * from './remove.js';
export * from './validate.js';
export * from './managedFields.js';
export * from './conflicts.js';
export * from './updater.js';
export * from './lastApplied.js';
export * from './fieldManager.js';
