// The simulated deployment controller: applies a deployment's rollout plan to its ReplicaSets,
// then writes its revision annotation and status from the ReplicaSets as they now are. Events
// of its ReplicaSets bring it back (their statuses are written by the ReplicaSet simulation), so
// a rollout goes through the same observable steps as upstream's, only faster.

import { timestamp } from '../../apis/registry/meta.js';
import { KObject } from '../../apis/resources/model.js';
import { ObjectKey } from '../../storage/store.js';
import { deploymentStatus } from './deployment.js';
import { REVISION, isControlledBy, planRollout } from './deploymentRollout.js';
import { CONTROLLER_MANAGER, SimulationContext, WriteStep, createObject, deleteObject, statusStep, updateObject } from './writes.js';

export const REPLICA_SETS = 'apps/replicasets';

/** The key of the Deployment controlling a ReplicaSet, if any. */
export function owningDeployment(key: ObjectKey, rs: KObject): ObjectKey | undefined {
  const ref = (rs.metadata?.ownerReferences ?? []).find((r: KObject) => r.controller === true && r.kind === 'Deployment' && r.apiVersion === 'apps/v1');
  return ref ? { cluster: key.cluster, resource: 'apps/deployments', namespace: key.namespace, name: ref.name } : undefined;
}

async function replicaSets(ctx: SimulationContext, key: ObjectKey): Promise<KObject[]> {
  const page = await ctx.store.list({ cluster: key.cluster, resource: REPLICA_SETS, namespace: key.namespace });
  return page.items.map((i) => i.object);
}

export async function syncDeployment(ctx: SimulationContext, key: ObjectKey): Promise<boolean> {
  const stored = await ctx.store.get(key);
  const d = stored?.object;
  if (!d || d.metadata?.deletionTimestamp) return true;
  const rsKey = (name: string): ObjectKey => ({ cluster: key.cluster, resource: REPLICA_SETS, namespace: key.namespace, name });

  const plan = planRollout(d, await replicaSets(ctx, key));
  const created = plan.create ? await createObject(ctx, { cluster: key.cluster, resource: REPLICA_SETS, namespace: key.namespace }, plan.create, CONTROLLER_MANAGER) : false;
  for (const c of plan.changes) {
    await updateObject(ctx, rsKey(c.name), CONTROLLER_MANAGER, [{
      target: '',
      build: (rs) => {
        const next = structuredClone(rs);
        next.spec.replicas = c.replicas;
        next.metadata.annotations = { ...(rs.metadata.annotations ?? {}), ...c.annotations };
        return next;
      },
    }], (rs) => rs.metadata?.uid === c.uid);
  }
  for (const del of plan.deletes) await deleteObject(ctx, rsKey(del.name), del.uid);

  const owned = (await replicaSets(ctx, key)).filter((rs) => isControlledBy(rs, d));
  const newRS = owned.find((rs) => rs.metadata.name === plan.newName);
  const status = deploymentStatus(d, owned, newRS, created, timestamp(ctx.now()), plan.collisionCount);
  const steps: WriteStep[] = [];
  if (plan.revision && d.metadata.annotations?.[REVISION] !== plan.revision) {
    steps.push({
      target: '',
      build: (cur) => {
        const next = structuredClone(cur);
        next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [REVISION]: plan.revision! };
        return next;
      },
    });
  }
  steps.push(statusStep(() => status));
  // Computed for this generation: a newer spec gets its own pass.
  await updateObject(ctx, key, CONTROLLER_MANAGER, steps, (cur) => cur.metadata?.uid === d.metadata.uid && cur.metadata?.generation === d.metadata.generation);
  return true;
}
