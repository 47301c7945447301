// Apply conflicts and the 409 kube-apiserver answers them with (NewConflictError):
//
//   Apply failed with 1 conflict: conflict with "mgr" using v1: .data.key1
//   Apply failed with 2 conflicts: conflicts with "mgr" using v1:
//   - .data.key1
//   - .data.key2
//
// Managers are printed as `"name"`, plus ` with subresource "status"` for subresource entries,
// plus ` using <apiVersion>` for Update entries (Apply entries have no version). With several
// conflicts, they are grouped per manager, managers sorted by identifier.

import { ApiError, StatusCause } from '../../errors.js';
import { Path, compareStrings, goQuote, pathString } from './pathElement.js';

export interface Conflict {
  /** Manager identifier (managerIdentifier()). */
  manager: string;
  path: Path;
}

/** How a conflict names its manager: `"kubectl" with subresource "scale" using apps/v1`. */
export function printManager(identifier: string): string {
  let e: Record<string, unknown>;
  try {
    const parsed = JSON.parse(identifier);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return goQuote(identifier);
    e = parsed as Record<string, unknown>;
  } catch {
    return goQuote(identifier);
  }
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  let s = goQuote(str(e.manager));
  if (str(e.subresource)) s += ` with subresource ${goQuote(str(e.subresource))}`;
  if (e.operation === 'Update') {
    s += ` using ${str(e.apiVersion)}`;
    if (str(e.time)) s += ` at ${str(e.time)}`;
  }
  return s;
}

/** The Status message of an apply that conflicts. */
export function conflictMessage(conflicts: readonly Conflict[]): string {
  if (conflicts.length === 1) {
    return `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].manager)}: ${pathString(conflicts[0].path)}`;
  }
  const byManager = new Map<string, Path[]>();
  for (const c of conflicts) {
    const list = byManager.get(c.manager);
    if (list) list.push(c.path);
    else byManager.set(c.manager, [c.path]);
  }
  const lines: string[] = [];
  for (const m of [...byManager.keys()].sort(compareStrings)) {
    lines.push(`conflicts with ${printManager(m)}:`);
    for (const p of byManager.get(m)!) lines.push(`- ${pathString(p)}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/** details.causes: one FieldManagerConflict per conflicting field. */
export function conflictCauses(conflicts: readonly Conflict[]): StatusCause[] {
  return conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.manager)}`, field: pathString(c.path) }));
}

/** The 409 Conflict an apply with conflicts fails with (errors.NewApplyConflict). */
export function conflictError(conflicts: readonly Conflict[]): ApiError {
  return new ApiError(409, 'Conflict', conflictMessage(conflicts), { causes: conflictCauses(conflicts) });
}
