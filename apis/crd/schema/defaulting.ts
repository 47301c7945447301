// Structural defaulting (apiextensions-apiserver pkg/apiserver/schema/defaulting algorithm.go and
// prunenulls.go). The decoder first drops nulls the schema neither allows nor can default, then the
// defaulter fills absent fields (and nulls of non-nullable fields) with deep copies of `default`.

import { cloneJson, setOwn } from '../../machinery/jsonEqual.js';
import { type Structural, fieldSchema } from './structural.js';

const isMap = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A null where the schema is not nullable (x === null for a declared, non-nullable field). */
const isNonNullableNull = (x: unknown, s: Structural | undefined): boolean => x === null && s !== undefined && !s.nullable;

/**
 * Default: fills defaults into `x` in place. Properties first get their defaults (absent, or null
 * without nullable), then every field is descended into, so defaults inside defaults apply too.
 */
export function applyDefaults(x: unknown, s: Structural | undefined): void {
  if (!s) return;
  if (isMap(x)) {
    for (const [k, prop] of s.properties ?? []) {
      if (!prop.default) continue;
      if (!Object.prototype.hasOwnProperty.call(x, k) || isNonNullableNull(x[k], prop)) setOwn(x, k, cloneJson(prop.default.value));
    }
    for (const k of Object.keys(x)) {
      const prop = s.properties?.get(k);
      if (prop) applyDefaults(x[k], prop);
      else if (s.additionalProperties) {
        const ap = s.additionalProperties.schema;
        if (isNonNullableNull(x[k], ap)) setOwn(x, k, cloneJson(ap!.default?.value ?? null));
        applyDefaults(x[k], ap);
      }
    }
  } else if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) {
      if (isNonNullableNull(x[i], s.items)) x[i] = cloneJson(s.items!.default?.value ?? null);
      applyDefaults(x[i], s.items);
    }
  }
}

/**
 * PruneNonNullableNullsWithoutDefaults: removes object fields that are null although their schema
 * is not nullable and has no default (those with a default are left for applyDefaults). Nulls in
 * arrays stay (validation reports them).
 */
export function pruneNonNullableNullsWithoutDefaults(x: unknown, s: Structural | undefined): void {
  // Without a schema nothing below can match a schema either: stop (upstream walks on in vain).
  if (!s) return;
  if (isMap(x)) {
    for (const k of Object.keys(x)) {
      const schema = fieldSchema(s, k);
      if (x[k] === null && schema && !schema.nullable && !schema.default) delete x[k];
      else pruneNonNullableNullsWithoutDefaults(x[k], schema);
    }
  } else if (Array.isArray(x)) {
    for (const v of x) pruneNonNullableNullsWithoutDefaults(v, s.items);
  }
}
