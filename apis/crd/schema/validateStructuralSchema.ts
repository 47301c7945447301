// The checks a CRD version's openAPIV3Schema gets when the CRD is written (apiextensions-apiserver
// validateCustomResourceDefinitionValidation, apiextensions.k8s.io/v1, where every schema must be
// structural): the status-subresource root rule, no nullable root, ValidateStructural, the
// defaults, then ValidateCustomResourceDefinitionOpenAPISchema. NewStructural's own complaints are
// reported only when nothing else is. x-kubernetes-validations (CEL) are not checked here.

import type { FieldError } from '../../resources/model.js';
import { child, forbidden, invalid } from '../../validation/field.js';
import { goValue } from '../../validation/goValue.js';
import { depthDetail, exceedsDepth } from './depth.js';
import { marshalJson } from './goValues.js';
import { type JSONSchemaProps, isSchema, str } from './jsonSchema.js';
import { NonStructuralError, toStructural } from './structural.js';
import { validateDefaults } from './validateDefaults.js';
import { validateOpenAPISchema } from './validateOpenAPISchema.js';
import { validateStructural } from './validateStructural.js';

export interface StructuralSchemaOptions {
  /** The version has the status subresource: only some keywords may sit at the schema root. */
  statusSubresource?: boolean;
  /**
   * The relaxations upstream grants on update when the stored CRD already breaks a rule (all true
   * on create; see ratchetingOptions).
   */
  requireValidPropertyType?: boolean;
  requirePrunedDefaults?: boolean;
  requireAtomicSetType?: boolean;
  requireMapListKeysMapSetValidation?: boolean;
}

/** JSONSchemaProps fields in Go declaration order, with their JSON keys. */
const ROOT_FIELDS: [string, string][] = [
  ['ID', 'id'], ['Schema', '$schema'], ['Ref', '$ref'], ['Description', 'description'], ['Type', 'type'], ['Nullable', 'nullable'],
  ['Format', 'format'], ['Title', 'title'], ['Default', 'default'], ['Maximum', 'maximum'], ['ExclusiveMaximum', 'exclusiveMaximum'],
  ['Minimum', 'minimum'], ['ExclusiveMinimum', 'exclusiveMinimum'], ['MaxLength', 'maxLength'], ['MinLength', 'minLength'],
  ['Pattern', 'pattern'], ['MaxItems', 'maxItems'], ['MinItems', 'minItems'], ['UniqueItems', 'uniqueItems'], ['MultipleOf', 'multipleOf'],
  ['Enum', 'enum'], ['MaxProperties', 'maxProperties'], ['MinProperties', 'minProperties'], ['Required', 'required'], ['Items', 'items'],
  ['AllOf', 'allOf'], ['OneOf', 'oneOf'], ['AnyOf', 'anyOf'], ['Not', 'not'], ['Properties', 'properties'],
  ['AdditionalProperties', 'additionalProperties'], ['PatternProperties', 'patternProperties'], ['Dependencies', 'dependencies'],
  ['AdditionalItems', 'additionalItems'], ['Definitions', 'definitions'], ['ExternalDocs', 'externalDocs'], ['Example', 'example'],
  ['XPreserveUnknownFields', 'x-kubernetes-preserve-unknown-fields'], ['XEmbeddedResource', 'x-kubernetes-embedded-resource'],
  ['XIntOrString', 'x-kubernetes-int-or-string'], ['XListMapKeys', 'x-kubernetes-list-map-keys'], ['XListType', 'x-kubernetes-list-type'],
  ['XMapType', 'x-kubernetes-map-type'], ['XValidations', 'x-kubernetes-validations'],
];
const ALLOWED_AT_STATUS_ROOT = ['Description', 'Type', 'Format', 'Title', 'Maximum', 'ExclusiveMaximum', 'Minimum', 'ExclusiveMinimum', 'MaxLength', 'MinLength', 'Pattern', 'MaxItems', 'MinItems', 'UniqueItems', 'MultipleOf', 'Required', 'Items', 'Properties', 'ExternalDocs', 'Example', 'XPreserveUnknownFields', 'XValidations'];

/** A field that is not Go's zero value: a non-empty string, true, or any other value set. */
const isSetField = (v: unknown) => v !== undefined && v !== null && v !== '' && v !== false;

/** With /status, the root may only hold what still holds once properties.status is cut out. */
function statusRootErrors(schema: JSONSchemaProps, fldPath: string): FieldError[] {
  for (const [goName, jsonKey] of ROOT_FIELDS) {
    if (!isSetField(schema[jsonKey])) continue;
    if (goName === 'Type') {
      if (str(schema, 'type') !== 'object') return [invalid(child(fldPath, 'type'), str(schema, 'type'), 'only "object" is allowed as the type at the root of the schema if the status subresource is enabled')];
      continue;
    }
    if (!ALLOWED_AT_STATUS_ROOT.includes(goName)) {
      // Upstream prints the Go struct; its JSON is the readable stand-in.
      return [invalid(fldPath, goValue(marshalJson(schema)), `only [${ALLOWED_AT_STATUS_ROOT.join(' ')}] fields are allowed at the root of the schema if the status subresource is enabled`)];
    }
  }
  return [];
}

/**
 * The errors of a version's openAPIV3Schema at `fldPath` (like
 * "spec.versions[0].schema.openAPIV3Schema"), as a v1 CRD create (or update, with opts) finds them.
 */
export function validateStructuralSchema(schema: unknown, fldPath: string, opts: StructuralSchemaOptions = {}): FieldError[] {
  if (!isSchema(schema)) return [];
  if (exceedsDepth(schema)) return [forbidden(fldPath, depthDetail)];
  const errs: FieldError[] = [];
  if (opts.statusSubresource) errs.push(...statusRootErrors(schema, fldPath));
  if (schema.nullable === true) errs.push(forbidden(child(fldPath, 'nullable'), 'nullable cannot be true at the root'));

  let nonStructural: FieldError | undefined;
  try {
    const structural = toStructural(schema);
    const structuralErrs = validateStructural(schema, fldPath);
    errs.push(...(structuralErrs.length ? structuralErrs : validateDefaults(fldPath, structural, opts.requirePrunedDefaults ?? true)));
  } catch (e) {
    if (!(e instanceof NonStructuralError)) throw e;
    // These overlap with the schema errors below; upstream shows them only when nothing else is wrong.
    nonStructural = invalid(fldPath, '', e.message);
  }

  errs.push(
    ...validateOpenAPISchema(schema, fldPath, { allowDefaults: true, disallowDefaultsReason: '', insideResourceMeta: false }, true, {
      requireValidPropertyType: opts.requireValidPropertyType ?? true,
      requireAtomicSetType: opts.requireAtomicSetType ?? true,
      requireMapListKeysMapSetValidation: opts.requireMapListKeysMapSetValidation ?? true,
    }),
  );
  if (!errs.length && nonStructural) errs.push(nonStructural);
  // Upstream finally builds the validator to catch what converting the schema rejects; every
  // schema accepted here converts (patterns are checked above), so compileSchema cannot fail.
  return errs;
}
