// An OpenAPI schema validator for JSON values (apiextensions-apiserver's SchemaValidator over
// kube-openapi's validate.SchemaValidator), compiled once with ajv and reporting upstream's
// field errors.

import type { ValidateFunction } from 'ajv';
import type { FieldError } from '../../resources/model.js';
import { type AjvNode, toAjvSchema } from './ajvSchema.js';
import { AjvCompiler } from './ajvInstance.js';
import { toFieldErrors } from './fieldErrors.js';
import type { FormatScope } from './formats.js';
import type { JSONSchemaProps } from './jsonSchema.js';
import { toGoErrors } from './openapiErrors.js';

export class SchemaValidator {
  private readonly fn: ValidateFunction;
  readonly ajvSchema: AjvNode;

  /**
   * Compiles `schema` for objects (formats as the 1.34 server checks them) or for schema defaults,
   * with its own ajv instance unless given one to share.
   */
  constructor(
    schema: JSONSchemaProps,
    scope: FormatScope = 'objects',
    private readonly ajv = new AjvCompiler(),
  ) {
    this.ajvSchema = toAjvSchema(schema, scope);
    this.fn = ajv.compile(this.ajvSchema);
  }

  /** ValidateCustomResource: the field errors of `data`, their paths below `fldPath` ("" for a whole object). */
  validate(data: unknown, fldPath = ''): FieldError[] {
    if (this.fn(data)) return [];
    const errors = [...(this.fn.errors ?? [])];
    return toFieldErrors(toGoErrors(errors, this.ajvSchema, data, this.ajv), fldPath);
  }
}
