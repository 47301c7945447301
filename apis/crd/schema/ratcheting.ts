// On a CRD update, upstream does not tighten a rule the stored CRD already breaks (validation.go
// requireValidPropertyType, requirePrunedDefaults, requireAtomicSetType,
// requireMapListKeysMapSetValidation): the stored schemas decide which rules the new ones get.

import { childSchemas, exceedsDepth } from './depth.js';
import { type JSONSchemaProps, has, isSchema, itemsOf, optStr, str } from './jsonSchema.js';
import { pruneDefaults } from './pruneDefaults.js';
import { NonStructuralError, toStructural } from './structural.js';
import { mapListKeysMapSetErrors } from './validateOpenAPISchema.js';
import { validateStructural } from './validateStructural.js';
import type { StructuralSchemaOptions } from './validateStructuralSchema.js';

const OPENAPI_V3_TYPES = new Set(['array', 'boolean', 'integer', 'number', 'object', 'string']);

/** SchemaHas: `pred` holds for the schema or any schema inside it. */
function schemaHas(root: JSONSchemaProps, pred: (s: JSONSchemaProps) => boolean): boolean {
  const stack = [root];
  while (stack.length) {
    const s = stack.pop()!;
    if (pred(s)) return true;
    stack.push(...(childSchemas(s) as JSONSchemaProps[]));
  }
  return false;
}

const hasInvalidType = (s: JSONSchemaProps) => schemaHas(s, (n) => !!str(n, 'type') && !OPENAPI_V3_TYPES.has(str(n, 'type')));

const hasNonAtomicSetType = (s: JSONSchemaProps) =>
  schemaHas(s, (n) => {
    const items = itemsOf(n)?.schema;
    if (optStr(n, 'x-kubernetes-list-type') !== 'set' || !items) return false;
    const t = str(items, 'type');
    if (t === 'array') return optStr(items, 'x-kubernetes-list-type') !== undefined && optStr(items, 'x-kubernetes-list-type') !== 'atomic';
    if (t === 'object') return optStr(items, 'x-kubernetes-map-type') !== 'atomic';
    return false;
  });

const hasInvalidMapListKeysMapSet = (s: JSONSchemaProps) => schemaHas(s, (n) => mapListKeysMapSetErrors(n, '').length > 0);

/** schemaHasUnprunedDefaults: a structural schema whose defaults PruneDefaults would change. */
function hasUnprunedDefaults(s: JSONSchemaProps): boolean {
  if (exceedsDepth(s) || !schemaHas(s, (n) => has(n, 'default'))) return false;
  try {
    if (validateStructural(s, '').length) return false;
    return pruneDefaults(toStructural(s));
  } catch (e) {
    if (e instanceof NonStructuralError) return false;
    throw e;
  }
}

/** The validateStructuralSchema options for an update, given the stored CRD's schemas (all versions). */
export function ratchetingOptions(storedSchemas: readonly unknown[]): StructuralSchemaOptions {
  const schemas = storedSchemas.filter(isSchema);
  return {
    requireValidPropertyType: !schemas.some(hasInvalidType),
    requirePrunedDefaults: !schemas.some(hasUnprunedDefaults),
    requireAtomicSetType: !schemas.some(hasNonAtomicSetType),
    requireMapListKeysMapSetValidation: !schemas.some(hasInvalidMapListKeysMapSet),
  };
}
