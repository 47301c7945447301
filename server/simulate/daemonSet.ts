// DaemonSets, as on a cluster of one node that every daemon pod fits: one pod, scheduled, of the
// current template, ready and available.

import { KObject } from '../../apis/resources/model.js';
import { ObjectKey } from '../../storage/store.js';
import { CONTROLLER_MANAGER, SimulationContext, statusStep, updateObject } from './writes.js';

/** The nodes the simulated cluster has. */
export const NODES = 1;

/** The status of a daemon set running on every node (fields in upstream's order). */
export function daemonSetStatus(ds: KObject): KObject {
  const status: KObject = {
    currentNumberScheduled: NODES,
    numberMisscheduled: 0,
    desiredNumberScheduled: NODES,
    numberReady: NODES,
  };
  if (ds.metadata?.generation) status.observedGeneration = ds.metadata.generation;
  status.updatedNumberScheduled = NODES;
  status.numberAvailable = NODES;
  if (typeof ds.status?.collisionCount === 'number') status.collisionCount = ds.status.collisionCount;
  if (Array.isArray(ds.status?.conditions) && ds.status.conditions.length) status.conditions = ds.status.conditions;
  return status;
}

export async function syncDaemonSet(ctx: SimulationContext, key: ObjectKey): Promise<boolean> {
  await updateObject(ctx, key, CONTROLLER_MANAGER, [statusStep((ds) => (ds.metadata?.deletionTimestamp ? undefined : daemonSetStatus(ds)))]);
  return true;
}
