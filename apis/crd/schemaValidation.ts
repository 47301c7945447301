// validateCustomResourceDefinitionValidation: the checks of one openAPIV3Schema of a definition:
// structural-schema, keyword and default rules (schema/), then, when those hold, the compilation
// and cost of its CEL rules (cel/), as upstream only builds the CEL context for valid schemas.

import { FieldError, KObject } from '../resources/model.js';
import { StructuralSchemaOptions, validateStructuralSchema } from './schema/index.js';
import { compileSchemaRules } from './cel/index.js';

export interface SchemaValidationOptions extends StructuralSchemaOptions {
  /** The schema is unchanged from the stored definition: the per-rule cost limit is not applied again. */
  unchanged?: boolean;
}

/** Every error of one schema, at paths under `fldPath` (…openAPIV3Schema). */
export function validateVersionSchema(schema: KObject, fldPath: string, opts: SchemaValidationOptions): FieldError[] {
  const errs = validateStructuralSchema(schema, fldPath, opts);
  if (errs.length) return errs;
  return compileSchemaRules(schema, fldPath, { suppressPerExpressionCost: opts.unchanged }).errors;
}
