// Runtime cost accounting. @bufbuild/cel has no cost tracker or interrupt hook, so we meter what
// can grow: every function call (wrapped in runtimeEnv.ts) and every comprehension iteration
// (rewrite.ts puts a tick into each loop condition). Once a rule passes its limit every further
// call fails with cel-go's "operation cancelled: actual cost limit exceeded", which stops loops at
// their next iteration. Units approximate cel-go's: 1 per call or iteration, plus a tenth of the
// length of strings (and the size of lists and maps) a call receives.

import { celError, isCelList, isCelMap, type CelValue } from '@bufbuild/cel';

export const COST_LIMIT_MESSAGE = 'operation cancelled: actual cost limit exceeded';

interface Meter {
  used: number;
  limit: number;
}

// Evaluation is synchronous, so one current meter suffices.
let current: Meter | undefined;

export function charge(units: number): void {
  if (!current) return;
  current.used += units;
  if (current.used > current.limit) throw celError(COST_LIMIT_MESSAGE);
}

/** What a call with these operands costs: 1, plus traversal of the strings and collections it gets. */
export function callCost(operands: readonly CelValue[]): number {
  let cost = 1;
  for (const v of operands) {
    if (typeof v === 'string') cost += Math.ceil(v.length * 0.1);
    else if (v instanceof Uint8Array) cost += Math.ceil(v.length * 0.1);
    else if (isCelList(v) || isCelMap(v)) cost += v.size;
  }
  return cost;
}

/** Runs `f` with a cost limit; reports the cost used and whether the limit was passed. */
export function metered<T>(limit: number, f: () => T): { result: T; cost: number; exceeded: boolean } {
  const previous = current;
  const meter: Meter = { used: 0, limit };
  current = meter;
  try {
    const result = f();
    return { result, cost: meter.used, exceeded: meter.used > limit };
  } finally {
    current = previous;
  }
}
