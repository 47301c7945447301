// PruneDefaults (apiextensions-apiserver pkg/apiserver/schema/defaulting/prune.go): before a CRD
// version is served, every default is pruned as part of a whole object, with its embedded
// ObjectMeta coerced, so defaulting can never bring back a field pruning would remove. Defaults
// under metadata may carry unknown fields at CRD creation; this is where they go.

import { cloneJson, deepEqual } from '../../machinery/jsonEqual.js';
import { coerce } from './embedded.js';
import { prune } from './prune.js';
import type { Structural } from './structural.js';
import { type Step, surround } from './surrounding.js';

/** Prunes the defaults of `root` in place (never the JSON they came from); true when any changed. */
export function pruneDefaults(root: Structural): boolean {
  let changed = false;
  const visit = (s: Structural, steps: Step[]) => {
    if (s.default) {
      const holder = surround(cloneJson(s.default.value), steps);
      if (holder) {
        coerce(holder.root, root, { isResourceRoot: true, dropInvalidFields: true });
        prune(holder.root, root, true);
        const value = holder.get();
        if (!deepEqual(value, s.default.value)) changed = true;
        if (value === undefined) delete s.default;
        else s.default = { value };
      }
    }
    if (s.additionalProperties?.schema) visit(s.additionalProperties.schema, [...steps, { key: '*' }]);
    if (s.items) visit(s.items, [...steps, { index: true }]);
    for (const [k, sub] of s.properties ?? []) visit(sub, [...steps, { key: k }]);
  };
  visit(root, []);
  return changed;
}
