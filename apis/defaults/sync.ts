// Defaults of sync.kplane.io Placements, as their schema documents them: one target, conflicts
// abort, deletions propagate.

import { KObject } from '../resources/model.js';

export function defaultPlacement(p: KObject): void {
  const spec = p.spec;
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return;
  spec.numberOfTargets ??= 1;
  spec.conflictPolicy ||= 'Abort';
  spec.deletionPolicy ||= 'Delete';
}
