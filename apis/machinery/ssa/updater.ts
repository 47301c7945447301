// Ownership bookkeeping for one write (structured-merge-diff's merge.Updater):
//
// * an Update (create, PUT, non-apply PATCH) gives the writer every field it added or changed,
//   taking those fields from everybody else, and removes deleted fields from every manager;
// * an Apply merges the configuration into the live object, gives the applier exactly the
//   fields of its configuration, prunes fields the applier owned before and no longer applies
//   (unless someone else owns them too), and fails with conflicts when the configuration
//   changes a field another manager owns, unless forced, which moves ownership to the applier.
//
// Managers are compared at one apiVersion: there is no conversion between versions here.

import { Comparison, compareObjects } from './compare.js';
import { Conflict } from './conflicts.js';
import { FieldSet, emptySet } from './fieldSet.js';
import { ManagerEntry, Managers } from './managedFields.js';
import { mergeValues } from './merge.js';
import { compareStrings } from './pathElement.js';
import { ensureNamedFieldsAreMembers, removeItems } from './remove.js';
import { SsaSchema } from './schema.js';
import { toFieldSet } from './toFieldSet.js';

export interface OwnershipScope {
  schema: SsaSchema;
  /**
   * Fields no manager gains or loses through this endpoint (upstream's reset fields), excluded
   * with everything below them: {status} for a main resource with a status subresource.
   */
  ignored?: FieldSet;
  /** When set, only fields at or below these paths count: {status} for the status subresource. */
  restrictTo?: FieldSet;
}

/** A field set without what the scope excludes. */
export function scopeSet(scope: OwnershipScope, s: FieldSet): FieldSet {
  let out = s;
  if (scope.ignored && !scope.ignored.isEmpty()) out = out.recursiveDifference(scope.ignored);
  if (scope.restrictTo) out = out.restrictTo(scope.restrictTo);
  return out;
}

function scopeComparison(scope: OwnershipScope, c: Comparison): Comparison {
  return { added: scopeSet(scope, c.added), modified: scopeSet(scope, c.modified), removed: scopeSet(scope, c.removed) };
}

/** Conflicts as a list: managers in identifier order, each one's paths in set order. */
export function conflictList(byManager: Map<string, FieldSet>): Conflict[] {
  const out: Conflict[] = [];
  for (const id of [...byManager.keys()].sort(compareStrings)) for (const path of byManager.get(id)!.paths()) out.push({ manager: id, path });
  return out;
}

interface Reassigned {
  managers: Managers;
  comparison: Comparison;
  conflicts: Conflict[];
}

/**
 * Compares the object before and after a write and takes changed fields away from every manager
 * but `writer` (conflicts, when not forced) and removed fields from all of them. Managers left
 * with nothing are dropped.
 */
function reassign(scope: OwnershipScope, live: unknown, next: unknown, managers: Managers, writer: string | undefined, force: boolean): Reassigned {
  const comparison = scopeComparison(scope, compareObjects(scope.schema, live, next));
  const changed = comparison.modified.union(comparison.added);
  const conflicts = new Map<string, FieldSet>();
  for (const [id, m] of managers) {
    if (id === writer) continue;
    const c = m.set.intersection(changed);
    if (!c.isEmpty()) conflicts.set(id, c);
  }
  if (!force && conflicts.size) return { managers, comparison, conflicts: conflictList(conflicts) };
  const out: Managers = new Map();
  for (const [id, m] of managers) {
    let s = m.set;
    if (id !== writer) {
      const c = conflicts.get(id);
      if (c) s = s.difference(c);
      s = s.difference(comparison.removed);
    }
    if (!s.isEmpty()) out.set(id, s === m.set ? m : { ...m, set: s });
  }
  return { managers: out, comparison, conflicts: [] };
}

export interface UpdateOutcome {
  /** The other managers, without what the write took from them. */
  managers: Managers;
  /** The fields the writer added or changed (within the scope). */
  changes: FieldSet;
}

/** Ownership after a non-apply write that turned `live` into `next`. */
export function updateOwnership(scope: OwnershipScope, live: unknown, next: unknown, managers: Managers): UpdateOutcome {
  const r = reassign(scope, live, next, managers, undefined, true);
  return { managers: r.managers, changes: scopeSet(scope, r.comparison.modified.union(r.comparison.added)) };
}

export type ApplyOutcome =
  | { ok: true; object: unknown; managers: Managers }
  | { ok: false; conflicts: Conflict[] };

/**
 * Merges `config` into `live` for the applier `applierId` (whose new entry is `applier` with
 * the configuration's fields) and works out ownership.
 */
export function applyOwnership(
  scope: OwnershipScope,
  live: unknown,
  config: unknown,
  managers: Managers,
  applierId: string,
  applier: Omit<ManagerEntry, 'set'>,
  force: boolean,
): ApplyOutcome {
  const merged = mergeValues(scope.schema, live, config);
  const lastSet = managers.get(applierId)?.set;
  const set = scopeSet(scope, toFieldSet(scope.schema, config));
  const withApplier: Managers = new Map(managers);
  withApplier.set(applierId, { ...applier, set });
  const next = prune(scope.schema, merged, withApplier, lastSet);
  const r = reassign(scope, live, next, withApplier, applierId, force);
  if (r.conflicts.length) return { ok: false, conflicts: r.conflicts };
  return { ok: true, object: next, managers: r.managers };
}

/**
 * Removes from `merged` the fields, list items and map entries the applier applied last time
 * (`lastSet`), does not apply now, and no manager (the applier's new configuration included)
 * owns; anything else the removal would take along is put back.
 */
export function prune(schema: SsaSchema, merged: unknown, managers: Managers, lastSet: FieldSet | undefined): unknown {
  if (!lastSet || lastSet.isEmpty()) return merged;
  const named = (s: FieldSet): FieldSet => ensureNamedFieldsAreMembers(schema, s);
  let pruned = removeItems(schema, merged, named(lastSet)) ?? {};

  // Put back whatever someone owns.
  let managed = emptySet();
  for (const m of managers.values()) managed = managed.union(m.set);
  let mergedSet = named(toFieldSet(schema, merged));
  let prunedSet = named(toFieldSet(schema, pruned));
  pruned = removeItems(schema, merged, mergedSet.difference(prunedSet.union(named(managed)))) ?? {};

  // Put back what the removal took but the applier never owned.
  prunedSet = named(toFieldSet(schema, pruned));
  mergedSet = named(toFieldSet(schema, merged));
  return removeItems(schema, merged, mergedSet.difference(prunedSet).intersection(named(lastSet))) ?? {};
}
