// Pure: has a member object drifted from what the agent applied? Only the fields the agent sets
// are compared: the member adds defaults and controller-written fields of its own.

/** Values the member drops or never shows, which a desired value may carry. */
function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v as object).length === 0;
  return false;
}

/** True when every field set in `desired` has the same value in `actual` (lists element by element). */
export function isSubset(desired: unknown, actual: unknown): boolean {
  if (desired === null || desired === undefined) return true;
  if (Array.isArray(desired)) {
    if (!Array.isArray(actual)) return desired.length === 0 && (actual === undefined || actual === null);
    if (desired.length !== actual.length) return false;
    return desired.every((d, i) => isSubset(d, actual[i]));
  }
  if (typeof desired === 'object') {
    if (actual === null || actual === undefined) return isEmpty(desired);
    if (typeof actual !== 'object' || Array.isArray(actual)) return false;
    for (const [k, v] of Object.entries(desired as Record<string, unknown>)) {
      if (!isSubset(v, (actual as Record<string, unknown>)[k])) return false;
    }
    return true;
  }
  return desired === actual;
}

/** Paths (dotted) where `actual` differs from `desired`; for logs. */
export function driftedPaths(desired: unknown, actual: unknown, path = '', out: string[] = []): string[] {
  if (out.length >= 10 || isSubset(desired, actual)) return out;
  if (desired && typeof desired === 'object' && !Array.isArray(desired) && actual && typeof actual === 'object' && !Array.isArray(actual)) {
    for (const [k, v] of Object.entries(desired as Record<string, unknown>)) driftedPaths(v, (actual as Record<string, unknown>)[k], path ? `${path}.${k}` : k, out);
  } else {
    out.push(path || '.');
  }
  return out;
}
