// Placement decisions, as a pure function of the Placement, the namespaces of its workspace and the
// SyncTargets of its compute workspace. Targets are ranked per namespace by rendezvous hashing of
// (workspace, namespace, target), so a namespace's choice does not depend on the other targets and
// adding or removing one moves only the namespaces that must move. Decisions already made stay as
// long as their target exists and matches the location selector: a target that is not Ready, or
// turned unschedulable, keeps its namespaces (no automatic failover); only new decisions skip
// unschedulable targets.

import { createHash } from 'node:crypto';
import { labelSelectorAsSelector, LabelSelector, Selector } from '../../apis/machinery/labels.js';
import { KObject } from '../../apis/resources/model.js';
import { downstreamNamespace, targetKey } from '../../apis/sync/contract.js';
import { UNPLACEABLE_NAMESPACES } from './syncable.js';

export interface TargetView {
  name: string;
  labels?: Record<string, string>;
  unschedulable: boolean;
}

export interface NamespaceView {
  name: string;
  labels?: Record<string, string>;
  /** Being deleted: keeps the decisions it has, gets no new one. */
  deleting: boolean;
}

export interface PlacementDecision {
  namespace: string;
  target: string;
  targetKey: string;
  downstreamNamespace: string;
}

export interface DecisionInput {
  /** Logical cluster id of the Placement's workspace. */
  cluster: string;
  placement: KObject;
  /** Logical cluster id of spec.location.workspace; undefined when it does not resolve. */
  computeCluster: string | undefined;
  /** Every SyncTarget of the compute workspace. */
  targets: readonly TargetView[];
  /** Every namespace of the Placement's workspace. */
  namespaces: readonly NamespaceView[];
}

export interface DecisionResult {
  /** Sorted by namespace, then target. */
  decisions: PlacementDecision[];
  /** Why the location cannot be used at all; then there are no decisions. */
  misconfigured?: { reason: string; message: string };
  /** Namespaces the Placement selects. */
  selected: number;
  /** Selected namespaces without any decision. */
  unplaced: number;
  /** Selected namespaces on fewer targets than spec.numberOfTargets. */
  short: number;
  /** Targets matching the location selector, and those of them open to new decisions. */
  matching: number;
  schedulable: number;
  numberOfTargets: number;
}

/** The rank of a target for a namespace: higher wins (hex digests compare as numbers). */
export function rendezvousScore(cluster: string, namespace: string, target: string): string {
  return createHash('sha256').update(`${cluster}\u0000${namespace}\u0000${target}`).digest('hex');
}

function byScore(cluster: string, namespace: string, targets: readonly string[]): string[] {
  const scored = targets.map((t) => [rendezvousScore(cluster, namespace, t), t] as const);
  scored.sort(([a, x], [b, y]) => (a < b ? 1 : a > b ? -1 : x < y ? -1 : 1));
  return scored.map(([, t]) => t);
}

/**
 * The `n` targets of a namespace: the ones it already has (the best ranked, when there are more
 * than `n`), then the best ranked candidates it does not have.
 */
export function chooseTargets(cluster: string, namespace: string, kept: readonly string[], candidates: readonly string[], n: number): string[] {
  const chosen = byScore(cluster, namespace, [...new Set(kept)]).slice(0, n);
  if (chosen.length === n) return chosen;
  const fresh = candidates.filter((t) => !chosen.includes(t));
  return [...chosen, ...byScore(cluster, namespace, [...new Set(fresh)]).slice(0, n - chosen.length)];
}

/** A metav1.LabelSelector where absent or empty selects everything; undefined when invalid. */
function selectorOf(s: unknown): Selector | undefined {
  try {
    return labelSelectorAsSelector((s ?? {}) as LabelSelector);
  } catch {
    return undefined;
  }
}

function emptyResult(numberOfTargets: number, misconfigured: DecisionResult['misconfigured']): DecisionResult {
  return { decisions: [], misconfigured, selected: 0, unplaced: 0, short: 0, matching: 0, schedulable: 0, numberOfTargets };
}

export function decidePlacement(input: DecisionInput): DecisionResult {
  const spec = input.placement.spec ?? {};
  const n = Math.max(1, Number.isInteger(spec.numberOfTargets) ? spec.numberOfTargets : 1);
  const location = spec.location?.workspace;
  if (!input.computeCluster) {
    return emptyResult(n, { reason: 'WorkspaceNotFound', message: `workspace "${location ?? ''}" does not exist or is not accessible` });
  }
  const targetSelector = selectorOf(spec.location?.selector);
  if (!targetSelector) return emptyResult(n, { reason: 'InvalidSelector', message: 'spec.location.selector is not a valid label selector' });
  const namespaceSelector = selectorOf(spec.namespaceSelector);
  if (!namespaceSelector) return emptyResult(n, { reason: 'InvalidSelector', message: 'spec.namespaceSelector is not a valid label selector' });

  const compute = input.computeCluster;
  const matching = input.targets.filter((t) => targetSelector.matches(t.labels));
  const matchingNames = new Set(matching.map((t) => t.name));
  const schedulable = matching.filter((t) => !t.unschedulable).map((t) => t.name);

  // Decisions already made, while their target is still there and matches.
  const previous = new Map<string, string[]>();
  for (const d of Array.isArray(input.placement.status?.decisions) ? input.placement.status.decisions : []) {
    if (typeof d?.namespace !== 'string' || !matchingNames.has(d.target)) continue;
    if (d.targetKey && d.targetKey !== targetKey(compute, d.target)) continue;
    previous.set(d.namespace, [...(previous.get(d.namespace) ?? []), d.target]);
  }

  const result: DecisionResult = { ...emptyResult(n, undefined), matching: matching.length, schedulable: schedulable.length };
  const namespaces = [...input.namespaces].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const ns of namespaces) {
    if (UNPLACEABLE_NAMESPACES.has(ns.name) || !namespaceSelector.matches(ns.labels)) continue;
    const kept = previous.get(ns.name) ?? [];
    if (ns.deleting && kept.length === 0) continue;
    result.selected++;
    const chosen = chooseTargets(input.cluster, ns.name, kept, ns.deleting ? [] : schedulable, n);
    if (chosen.length === 0) result.unplaced++;
    else if (chosen.length < n) result.short++;
    for (const target of [...chosen].sort()) {
      const key = targetKey(compute, target);
      result.decisions.push({ namespace: ns.name, target, targetKey: key, downstreamNamespace: downstreamNamespace(key, input.cluster, ns.name) });
    }
  }
  return result;
}
