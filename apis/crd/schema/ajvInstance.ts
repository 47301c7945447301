// ajv instances for CRD schemas: all errors collected (go-openapi reports every failure), RE2
// for `pattern`, the Kubernetes formats and the go-openapi keywords. ajv keeps what it compiles
// (and every compiled keyword function) in its instance, so each compiled CRD version owns an
// instance (about 0.4 ms to make): when the version goes, its compiled code goes with it.

import { Ajv, type ValidateFunction } from 'ajv';
import { FORMAT_NAMES, formatValidator } from './formats.js';
import { badPatternKeyword, enumKeyword, formatNameKeyword, numberKeyword, typeKeyword } from './keywords.js';
import { re2Engine } from './re2.js';
import type { AjvNode } from './ajvSchema.js';

/** Extensions a CRD schema may carry; accepted (as annotations) should a raw schema reach ajv. */
const EXTENSIONS = [
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-int-or-string',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-validations',
  'example',
  'externalDocs',
];

function newAjv(): Ajv {
  const a = new Ajv({
    allErrors: true,
    strict: false,
    ownProperties: true,
    validateSchema: false,
    addUsedSchema: false,
    messages: false,
    logger: false,
    // ajv's code optimiser doubles the compile time of large schemas for little gain at run time.
    code: { regExp: re2Engine, optimize: false },
  });
  for (const name of FORMAT_NAMES) a.addFormat(name, { type: 'string', validate: formatValidator(name) });
  for (const k of [typeKeyword, numberKeyword, enumKeyword, badPatternKeyword, formatNameKeyword]) a.addKeyword(k);
  for (const k of EXTENSIONS) a.addKeyword({ keyword: k });
  return a;
}

/** Compiles ajv schemas, and answers whether a subschema holds for a value (compiled on first use). */
export class AjvCompiler {
  private readonly ajv = newAjv();
  private readonly validity = new WeakMap<AjvNode, ValidateFunction>();

  compile(schema: AjvNode): ValidateFunction {
    const fn = this.ajv.compile(schema);
    this.ajv.removeSchema(schema);
    return fn;
  }

  isValid(node: AjvNode, data: unknown): boolean {
    let fn = this.validity.get(node);
    if (!fn) this.validity.set(node, (fn = this.compile(node)));
    return fn(data) as boolean;
  }
}
