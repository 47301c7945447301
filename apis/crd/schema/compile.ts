// A CRD version's schema prepared for serving (apiextensions-apiserver crdHandler serving info):
// the structural schema with pruned defaults, and the ajv validator (generated on first use),
// built once and shared by every request for the version. The object-level operations follow the decoder and strategy:
// prune (unknown fields, then non-nullable nulls, then embedded ObjectMeta), applyDefaults, then
// validate (OpenAPI schema, embedded resources, list-type invariants).

import { fieldErrorText } from '../../errors.js';
import type { FieldError } from '../../resources/model.js';
import { applyDefaults, pruneNonNullableNullsWithoutDefaults } from './defaulting.js';
import { coerce, validateEmbedded } from './embedded.js';
import { type JSONSchemaProps, property } from './jsonSchema.js';
import { validateListSetsAndMaps } from './listType.js';
import { decodeObjectMeta } from './objectMeta.js';
import { prune } from './prune.js';
import { pruneDefaults } from './pruneDefaults.js';
import { AjvCompiler } from './ajvInstance.js';
import { SchemaValidator } from './schemaValidator.js';
import { type Structural, toStructural } from './structural.js';

export interface PruneOptions {
  /**
   * Also decode the root metadata as an ObjectMeta, as upstream's decoder does: its unknown
   * fields are reported ("metadata.foo") and dropped, the rest normalised. Off by default, for
   * servers that handle the root ObjectMeta of every kind themselves.
   */
  rootMetadata?: boolean;
}

/** Decoding failed: malformed embedded apiVersion, kind or metadata (upstream answers 400 BadRequest with this message). */
export class SchemaCoercionError extends Error {
  constructor(
    message: string,
    readonly fieldError?: FieldError,
  ) {
    super(message);
  }
}

export interface CompiledSchema {
  /** The structural schema, defaults pruned. */
  readonly structural: Structural;
  /**
   * Removes in place what the schema does not specify from a whole custom object and returns the
   * paths removed, as strict field validation lists them. Throws SchemaCoercionError when an
   * embedded resource's apiVersion, kind or metadata cannot be decoded.
   */
  prune(obj: Record<string, unknown>, opts?: PruneOptions): string[];
  /** Fills defaults in place (after prune, as upstream's decoder orders them). */
  applyDefaults(obj: Record<string, unknown>): void;
  /** The schema errors of a whole object (create or update; no ratcheting). */
  validate(obj: Record<string, unknown>): FieldError[];
  /** The schema errors of a /status write: status against properties.status, paths under "status". */
  validateStatus(obj: Record<string, unknown>): FieldError[];
}

class Compiled implements CompiledSchema {
  readonly structural: Structural;
  private readonly ajv = new AjvCompiler();
  private validator?: SchemaValidator;
  private statusValidator?: SchemaValidator | null;

  constructor(private readonly schema: JSONSchemaProps) {
    this.structural = toStructural(schema);
    pruneDefaults(this.structural);
  }

  prune(obj: Record<string, unknown>, opts: PruneOptions = {}): string[] {
    const unknown: string[] = [];
    let meta: Record<string, unknown> | undefined;
    if (opts.rootMetadata && Object.prototype.hasOwnProperty.call(obj, 'metadata')) {
      const d = decodeObjectMeta(obj.metadata);
      if (d.error) throw new SchemaCoercionError(d.error);
      unknown.push(...d.unknown.map((p) => `metadata.${p}`));
      meta = d.meta;
    }
    unknown.push(...prune(obj, this.structural, true));
    pruneNonNullableNullsWithoutDefaults(obj, this.structural);
    const c = coerce(obj, this.structural);
    if (c.error) throw new SchemaCoercionError(fieldErrorText(c.error), c.error);
    unknown.push(...c.unknown);
    if (meta) obj.metadata = meta;
    return unknown;
  }

  applyDefaults(obj: Record<string, unknown>): void {
    applyDefaults(obj, this.structural);
  }

  validate(obj: Record<string, unknown>): FieldError[] {
    // ajv code for a large schema takes a while to generate (about 0.3 ms a node): done on first use.
    this.validator ??= new SchemaValidator(this.schema, 'objects', this.ajv);
    return [...this.validator.validate(obj), ...validateEmbedded('', obj, this.structural), ...validateListSetsAndMaps('', this.structural, obj)];
  }

  validateStatus(obj: Record<string, unknown>): FieldError[] {
    if (this.statusValidator === undefined) {
      const status = property(this.schema, 'status');
      this.statusValidator = status ? new SchemaValidator(status, 'objects', this.ajv) : null;
    }
    const errs = Object.prototype.hasOwnProperty.call(obj, 'status') && this.statusValidator ? this.statusValidator.validate(obj.status, 'status') : [];
    return [...errs, ...validateListSetsAndMaps('', this.structural, obj)];
  }
}

/**
 * Prepares a CRD version's openAPIV3Schema for serving. Throws for a schema that is not
 * structural (NonStructuralError) or nested beyond MAX_SCHEMA_DEPTH; validateStructuralSchema
 * rejects both when the CRD is written.
 */
export function compileSchema(schema: JSONSchemaProps): CompiledSchema {
  return new Compiled(schema);
}
