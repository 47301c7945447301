// Surrounding objects (apiextensions-apiserver defaulting/surroundingobject.go): a default value is
// checked and pruned as part of the smallest object that holds it at its place in the schema, so
// the rules for a resource root (metadata, apiVersion, kind) apply to it as they would in a real
// object. A path records how to get from the resource root to the value.

/** A step from a node to a child: an object field ("*" stands for any additionalProperties key) or an array item. */
export type Step = { key: string } | { index: true };

export interface Surrounding {
  /** The resource root holding the value. */
  root: Record<string, unknown>;
  /** Reads the (possibly changed) value back; undefined when it is gone. */
  get(): unknown;
}

const isMap = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Type meta set on the root where a surrounding object is validated (upstream's placeholders). */
export const VALIDATION_TYPE_META = { apiVersion: 'validation/v1', kind: 'Validation' };

/**
 * Wraps `value` along `steps` into a root object; `typeMeta` fills the root's apiVersion and kind
 * when absent. Returns undefined when the root would not be an object (a default at the very
 * root that is not an object).
 */
export function surround(value: unknown, steps: readonly Step[], typeMeta?: { apiVersion: string; kind: string }): Surrounding | undefined {
  let x = value;
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i];
    x = 'index' in step ? [x] : { [step.key]: x }; // a computed key is an own property, even "__proto__"
  }
  if (!isMap(x)) return undefined;
  const root = x;
  if (typeMeta) {
    if (!('kind' in root)) root.kind = typeMeta.kind;
    if (!('apiVersion' in root)) root.apiVersion = typeMeta.apiVersion;
  }
  return {
    root,
    get() {
      let cur: unknown = root;
      for (const step of steps) {
        if ('index' in step) {
          if (!Array.isArray(cur) || cur.length === 0) return undefined;
          cur = cur[0];
        } else {
          if (!isMap(cur) || !Object.prototype.hasOwnProperty.call(cur, step.key)) return undefined;
          cur = cur[step.key];
        }
      }
      return cur;
    },
  };
}
