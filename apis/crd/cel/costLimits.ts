// The cost limits CRD validation enforces on x-kubernetes-validations
// (apiextensions validation.go) and at runtime (apiserver/pkg/apis/cel/config.go).

import { mulU } from './costMath.js';
import { MAX_REQUEST_SIZE_BYTES } from './declType.js';
import { JSONSchema } from './schema.js';

/** Largest estimated cost of one expression, times the number of times it can run. */
export const STATIC_ESTIMATED_COST_LIMIT = 10_000_000;
/** Largest total estimated cost of all expressions of one schema. */
export const STATIC_ESTIMATED_CRD_COST_LIMIT = 100_000_000;
/** Runtime cost one expression may use in one evaluation. */
export const PER_CALL_LIMIT = 1_000_000;
/** Runtime cost all rules of one object may use together. */
export const RUNTIME_CEL_COST_BUDGET = 10_000_000;
/** Longest message a messageExpression may produce. */
export const MAX_EVALUATED_MESSAGE_EXPRESSION_SIZE_BYTES = 5 * 1024;

/** How often a node can appear in one object, when its ancestors bound it; undefined = unbounded. */
export type Cardinality = number | undefined;

/** Upper bound of children of a node: maxItems, maxProperties, or 1 for a plain object or scalar. */
function maxElements(s: JSONSchema): Cardinality {
  if (s.type === 'object') return s.additionalProperties !== undefined ? (s.maxProperties !== undefined ? Math.max(0, s.maxProperties) : undefined) : 1;
  if (s.type === 'array') return s.maxItems !== undefined ? Math.max(0, s.maxItems) : undefined;
  return 1;
}

export function childCardinality(parent: Cardinality, parentSchema: JSONSchema): Cardinality {
  if (parent === undefined) return undefined;
  const max = maxElements(parentSchema);
  return max === undefined ? undefined : mulU(parent, max);
}

/** Worst-case repetitions of a value of the given minimum JSON size in one request. */
export const maxCardinality = (minSize: number): number => Math.floor(MAX_REQUEST_SIZE_BYTES / (minSize + 1));

export const costTimes = (cost: number, times: number): number => (cost === 0 ? 0 : mulU(cost, times));

/** getCostErrorMessage: by how much an estimate exceeds its limit. */
export function costErrorMessage(what: string, cost: number, limit: number): string {
  const f = cost / limit;
  const factor = f > 100 ? 'more than 100x' : f < 1.5 ? `${f.toFixed(6)}x` : `${f.toFixed(1)}x`;
  return `${what} exceeds budget by factor of ${factor} (try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)`;
}
