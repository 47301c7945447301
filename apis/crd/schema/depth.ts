// The nesting bound for CRD schemas. Upstream (Go, with growable stacks) has none beyond the JSON
// decoder's; our walkers recurse, so a schema nested deeper than this is refused up front instead
// of risking a stack overflow in a server shared by many tenants. Real CRDs stay far below it
// (deeply embedded PodSpecs reach about 40 levels).

import { type JSONSchemaProps, isSchema } from './jsonSchema.js';
import { nestsDeeperThan } from './jsonValues.js';

/** Most schema levels (the root is level 1; every subschema adds one). */
export const MAX_SCHEMA_DEPTH = 100;

const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', 'dependencies'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];
const SCHEMA_SINGLES = ['not', 'additionalProperties', 'additionalItems'];

/** The subschemas directly below a node, of any keyword. */
export function childSchemas(s: JSONSchemaProps): unknown[] {
  const out: unknown[] = [];
  for (const k of SCHEMA_SINGLES) out.push(s[k]);
  for (const k of SCHEMA_LISTS) if (Array.isArray(s[k])) out.push(...(s[k] as unknown[]));
  for (const k of SCHEMA_MAPS) if (isSchema(s[k])) out.push(...Object.values(s[k] as object));
  if (Array.isArray(s.items)) out.push(...s.items);
  else out.push(s.items);
  return out.filter(isSchema);
}

/** JSON values a schema holds (nested as deep as their author likes). */
const VALUE_KEYS = ['default', 'enum', 'example'];

/**
 * Whether the schema nests deeper than `limit` levels, or holds a default, enum or example
 * value that does (iterative, so any depth is safe to ask).
 */
export function exceedsDepth(root: JSONSchemaProps, limit = MAX_SCHEMA_DEPTH): boolean {
  const stack: [JSONSchemaProps, number][] = [[root, 1]];
  while (stack.length) {
    const [s, depth] = stack.pop()!;
    if (depth > limit) return true;
    if (VALUE_KEYS.some((k) => nestsDeeperThan(s[k], limit))) return true;
    for (const c of childSchemas(s)) stack.push([c as JSONSchemaProps, depth + 1]);
  }
  return false;
}

export const depthDetail = `must not be nested more than ${MAX_SCHEMA_DEPTH} levels deep`;
