// ReplicaSets: every wanted pod runs and is ready at once, so the status the replica set
// controller would write once its pods are up is written straight away.

import { KObject } from '../../apis/resources/model.js';
import { ObjectKey } from '../../storage/store.js';
import { CONTROLLER_MANAGER, SimulationContext, statusStep, updateObject } from './writes.js';

/** The wanted replicas of a replicated object (spec.replicas; 1 when unset, as defaulted). */
export function wantedReplicas(obj: KObject): number {
  const n = obj.spec?.replicas;
  return typeof n === 'number' ? n : 1;
}

/** The status of a replica set whose pods all run and are ready (fields in upstream's order). */
export function replicaSetStatus(rs: KObject): KObject {
  const replicas = wantedReplicas(rs);
  const status: KObject = { replicas };
  // Zero counts are omitted (omitempty); replicas is always written.
  if (replicas) {
    status.fullyLabeledReplicas = replicas;
    status.readyReplicas = replicas;
    status.availableReplicas = replicas;
  }
  if (rs.metadata?.generation) status.observedGeneration = rs.metadata.generation;
  return status;
}

export async function syncReplicaSet(ctx: SimulationContext, key: ObjectKey): Promise<boolean> {
  await updateObject(ctx, key, CONTROLLER_MANAGER, [statusStep((rs) => (rs.metadata?.deletionTimestamp ? undefined : replicaSetStatus(rs)))]);
  return true;
}
