// PodDisruptionBudgets: the disruption controller's counts over the pods the simulated
// workloads run (every one of them healthy): the pods of ReplicaSets and StatefulSets, one per
// DaemonSet, matched by the budget's selector against their template labels.

import { labelSelectorAsSelector } from '../../apis/machinery/labels.js';
import { timestamp } from '../../apis/registry/meta.js';
import { KObject } from '../../apis/resources/model.js';
import { ObjectKey } from '../../storage/store.js';
import { setConditionInPlace } from './conditions.js';
import { NODES } from './daemonSet.js';
import { scaledValue } from './deploymentRollout.js';
import { wantedReplicas } from './replicaSet.js';
import { CONTROLLER_MANAGER, SimulationContext, statusStep, updateObject } from './writes.js';

/** Workloads whose pods a budget may cover, by storage key. */
export const POD_OWNERS = ['apps/replicasets', 'apps/statefulsets', 'apps/daemonsets'];

/** Pods of one workload: their labels and how many run. */
export interface PodGroup {
  labels: Record<string, string>;
  count: number;
}

/** The pods a workload runs in the simulation. */
export function podGroupOf(resource: string, obj: KObject): PodGroup | undefined {
  if (obj.metadata?.deletionTimestamp) return undefined;
  const labels = obj.spec?.template?.metadata?.labels ?? {};
  if (resource === 'apps/daemonsets') return { labels, count: NODES };
  return { labels, count: wantedReplicas(obj) };
}

/** The matching pod count. A selector that cannot be parsed matches nothing. */
function expectedPods(pdb: KObject, pods: PodGroup[]): number {
  let selector;
  try {
    selector = labelSelectorAsSelector(pdb.spec?.selector);
  } catch {
    return 0;
  }
  return pods.reduce((n, g) => n + (selector.matches(g.labels) ? g.count : 0), 0);
}

/** The budget's status over `pods` (fields in upstream's order). */
export function podDisruptionBudgetStatus(pdb: KObject, pods: PodGroup[], now: string): KObject {
  const expected = expectedPods(pdb, pods);
  const healthy = expected;
  let desired = 0;
  if (pdb.spec?.maxUnavailable !== undefined && pdb.spec?.maxUnavailable !== null) {
    desired = Math.max(0, expected - scaledValue(pdb.spec.maxUnavailable, expected, true));
  } else if (pdb.spec?.minAvailable !== undefined && pdb.spec?.minAvailable !== null) {
    desired = scaledValue(pdb.spec.minAvailable, expected, true);
  }
  const allowed = expected > 0 ? Math.max(0, healthy - desired) : 0;
  const generation = pdb.metadata?.generation;
  const status: KObject = {};
  if (generation) status.observedGeneration = generation;
  status.disruptionsAllowed = allowed;
  status.currentHealthy = healthy;
  status.desiredHealthy = desired;
  status.expectedPods = expected;
  status.conditions = setConditionInPlace(
    pdb.status?.conditions,
    allowed > 0
      ? { type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '' }
      : { type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', message: '' },
    now,
    { observedGeneration: generation ?? 0 },
  );
  return status;
}

async function podGroups(ctx: SimulationContext, key: ObjectKey): Promise<PodGroup[]> {
  const groups: PodGroup[] = [];
  for (const resource of POD_OWNERS) {
    const page = await ctx.store.list({ cluster: key.cluster, resource, namespace: key.namespace });
    for (const item of page.items) {
      const g = podGroupOf(resource, item.object);
      if (g) groups.push(g);
    }
  }
  return groups;
}

export async function syncPodDisruptionBudget(ctx: SimulationContext, key: ObjectKey): Promise<boolean> {
  const pods = await podGroups(ctx, key);
  const now = timestamp(ctx.now());
  await updateObject(ctx, key, CONTROLLER_MANAGER, [statusStep((pdb) => (pdb.metadata?.deletionTimestamp ? undefined : podDisruptionBudgetStatus(pdb, pods, now)))]);
  return true;
}
