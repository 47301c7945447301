// go-openapi's MatchCount (kube-openapi validate/schema.go, result.go): the number of checks a
// schema ran on a value. When every branch of anyOf (or of a oneOf none of whose branches passed)
// fails, upstream reports the errors of the branch with the highest count, the first on ties.

import { type AjvNode, ajvProperty, junctorsOf, nodeTypeSpec } from './ajvSchema.js';
import type { AjvCompiler } from './ajvInstance.js';
import { typeMismatch } from './keywords.js';

const isMap = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const list = (node: AjvNode, key: string): AjvNode[] => (Array.isArray(node[key]) ? (node[key] as AjvNode[]) : []);

/** The index of the branch with the highest count (the first of equals). */
export function bestBranch(branches: AjvNode[], data: unknown, ajv: AjvCompiler): number {
  let best = 0;
  let bestCount = -1;
  branches.forEach((b, i) => {
    const c = matchCount(b, data, ajv);
    if (c > bestCount) [best, bestCount] = [i, c];
  });
  return best;
}

/** schemaPropsValidator's count: one, plus what the junctors merged. */
function junctorCount(parent: AjvNode, data: unknown, ajv: AjvCompiler): number {
  const node = junctorsOf(parent);
  let count = 1;
  const anyOf = list(node, 'anyOf');
  if (anyOf.length) {
    const ok = anyOf.findIndex((b) => ajv.isValid(b, data));
    count += matchCount(anyOf[ok >= 0 ? ok : bestBranch(anyOf, data, ajv)], data, ajv);
  }
  const oneOf = list(node, 'oneOf');
  if (oneOf.length) {
    const valid = oneOf.map((b) => ajv.isValid(b, data));
    const passed = valid.filter(Boolean).length;
    if (passed === 1) count += matchCount(oneOf[valid.indexOf(true)], data, ajv);
    else if (passed === 0) count += matchCount(oneOf[bestBranch(oneOf, data, ajv)], data, ajv);
  }
  for (const b of list(node, 'allOf')) count += matchCount(b, data, ajv);
  return count;
}

/** SchemaValidator.Validate(data).MatchCount for an ajv node built by toAjvSchema. */
export function matchCount(node: AjvNode, data: unknown, ajv: AjvCompiler): number {
  const type = nodeTypeSpec(node);
  // A null only meets the type (which counts when it passes) and enum validators.
  if (data === null || data === undefined) return type && typeMismatch(type, data) ? 0 : 1;
  let count = 1; // the closing Inc
  if (type) count += (typeMismatch(type, data) ? 0 : 1) + 1;
  count += junctorCount(node, data, ajv) + 1;
  if (typeof data === 'string') count += 1 + (node.format ? 1 : 0);
  if (typeof data === 'number') count += 2;
  if (Array.isArray(data)) {
    const items = node.items as AjvNode | undefined;
    if (items) for (const v of data) count += matchCount(items, v, ajv);
    count += 2;
  }
  count += 1; // enum
  if (isMap(data)) {
    const ap = node.additionalProperties;
    for (const k of Object.keys(data)) {
      const prop = ajvProperty(node, k);
      if (prop) count += matchCount(prop, data[k], ajv);
      else if (typeof ap === 'object' && ap !== null) count += matchCount(ap as AjvNode, data[k], ajv);
    }
    count += 1;
  }
  return count;
}
