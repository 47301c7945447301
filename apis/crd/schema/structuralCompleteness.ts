// validateStructuralCompleteness (apiextensions-apiserver pkg/apiserver/schema complete.go): every
// property and items a junctor validates must also be declared by the structural part of the
// schema at the same place, so that every value validation applies to a value of known type.

import type { FieldError } from '../../resources/model.js';
import { child, index, key, required } from '../../validation/field.js';
import { type JSONSchemaProps, branches, itemSchema, notOf, property, schemaMap } from './jsonSchema.js';

const missing = (sPath: string, vPath: string): FieldError => required(sPath, `because it is defined in ${vPath}`);

/** The junctors of value validation `v`, each checked against structural node `s`. */
function valueCompleteness(v: JSONSchemaProps, s: JSONSchemaProps | undefined, sPath: string, vPath: string): FieldError[] {
  if (!s) return [missing(sPath, vPath)];
  const errs: FieldError[] = [];
  const not = notOf(v);
  if (not) errs.push(...nestedCompleteness(not, s, sPath, child(vPath, 'not')));
  for (const j of ['allOf', 'anyOf', 'oneOf'] as const) {
    branches(v, j).forEach((b, i) => errs.push(...nestedCompleteness(b, s, sPath, index(child(vPath, j), i))));
  }
  return errs;
}

function nestedCompleteness(v: JSONSchemaProps, s: JSONSchemaProps | undefined, sPath: string, vPath: string): FieldError[] {
  if (!s) return [missing(sPath, vPath)];
  const errs = valueCompleteness(v, s, sPath, vPath);
  const items = itemSchema(v);
  if (items) errs.push(...nestedCompleteness(items, itemSchema(s), child(sPath, 'items'), child(vPath, 'items')));
  for (const [k, p] of schemaMap(v, 'properties') ?? []) {
    const sp = key(child(sPath, 'properties'), k);
    const vp = key(child(vPath, 'properties'), k);
    const declared = property(s, k);
    errs.push(...(declared ? nestedCompleteness(p, declared, sp, vp) : [missing(sp, vp)]));
  }
  return errs;
}

/** Completeness of a whole schema (its path is both the structural and the validation path). */
export const validateCompleteness = (schema: JSONSchemaProps, fldPath: string): FieldError[] => valueCompleteness(schema, schema, fldPath, fldPath);
