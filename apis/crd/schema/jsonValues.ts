// JSON value helpers that never recurse: request bodies parse into values of any depth, and a
// recursive walk over one could overflow the stack of a server shared by many tenants.

const isMap = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A deep copy of a JSON value (own keys only, "__proto__" kept as a plain key). */
export function cloneValue<T>(root: T): T {
  if (typeof root !== 'object' || root === null) return root;
  const copy = (v: unknown): unknown => (Array.isArray(v) ? new Array(v.length) : isMap(v) ? {} : v);
  const out = copy(root);
  const stack: [unknown, unknown][] = [[root, out]];
  while (stack.length) {
    const [from, to] = stack.pop()!;
    for (const k of Object.keys(from as object)) {
      const v = (from as Record<string, unknown>)[k];
      if (v === undefined) continue;
      const c = copy(v);
      Object.defineProperty(to, k, { value: c, enumerable: true, writable: true, configurable: true });
      if (c !== v) stack.push([v, c]);
    }
  }
  return out as T;
}

/** Whether a JSON value nests objects and arrays deeper than `limit` levels. */
export function nestsDeeperThan(root: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > limit) return true;
    for (const c of Object.values(v)) stack.push([c, depth + 1]);
  }
  return false;
}
