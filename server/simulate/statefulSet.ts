// StatefulSets: every pod runs the current revision and is ready, except those a partitioned
// rolling update holds back; the claims of the volumeClaimTemplates exist for every ordinal, as
// the StatefulSet controller creates them (their binding is the claim simulation's).

import { KObject } from '../../apis/resources/model.js';
import { ObjectKey } from '../../storage/store.js';
import { controllerRef } from './deploymentRollout.js';
import { wantedReplicas } from './replicaSet.js';
import { templateHash } from './templateHash.js';
import { CONTROLLER_MANAGER, SimulationContext, createObject, statusStep, updateObject } from './writes.js';

const CLAIMS = '/persistentvolumeclaims';

/** The name of the ControllerRevision of the set's current template ("<set>-<hash>"). */
export function statefulSetRevision(sts: KObject): string {
  return `${sts.metadata.name}-${templateHash(sts.spec?.template)}`;
}

/** The status of a set whose pods are all running and ready (fields in upstream's order). */
export function statefulSetStatus(sts: KObject): KObject {
  const prev: KObject = sts.status ?? {};
  const replicas = wantedReplicas(sts);
  const updateRevision = statefulSetRevision(sts);
  let currentRevision = updateRevision;
  let updated = replicas;
  const strategy = sts.spec?.updateStrategy ?? {};
  const partition = strategy.type === 'RollingUpdate' ? Number(strategy.rollingUpdate?.partition ?? 0) : 0;
  // Ordinals below the partition keep the revision they run until the partition comes down.
  if (partition > 0 && prev.currentRevision && prev.currentRevision !== updateRevision) {
    updated = replicas - Math.min(partition, replicas);
    currentRevision = updated === replicas ? updateRevision : prev.currentRevision;
  }
  const current = currentRevision === updateRevision ? replicas : replicas - updated;
  const status: KObject = {};
  if (sts.metadata?.generation) status.observedGeneration = sts.metadata.generation;
  status.replicas = replicas;
  if (replicas) status.readyReplicas = replicas;
  if (current) status.currentReplicas = current;
  if (updated) status.updatedReplicas = updated;
  status.currentRevision = currentRevision;
  status.updateRevision = updateRevision;
  status.collisionCount = typeof prev.collisionCount === 'number' ? prev.collisionCount : 0;
  if (Array.isArray(prev.conditions) && prev.conditions.length) status.conditions = prev.conditions;
  status.availableReplicas = replicas;
  return status;
}

/** The claims of every ordinal ("<template>-<set>-<ordinal>"), labelled with the set's selector. */
export function statefulSetClaims(sts: KObject): KObject[] {
  const templates: KObject[] = Array.isArray(sts.spec?.volumeClaimTemplates) ? sts.spec.volumeClaimTemplates : [];
  const start = Number(sts.spec?.ordinals?.start ?? 0);
  const matchLabels: KObject = sts.spec?.selector?.matchLabels ?? {};
  // Claims outlive the set unless its retention policy deletes them with it.
  const owned = sts.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete';
  const claims: KObject[] = [];
  for (let ordinal = start; ordinal < start + wantedReplicas(sts); ordinal++) {
    for (const t of templates) {
      const metadata: KObject = {
        ...structuredClone(t.metadata ?? {}),
        name: `${t.metadata?.name}-${sts.metadata.name}-${ordinal}`,
        namespace: sts.metadata.namespace,
        labels: { ...(t.metadata?.labels ?? {}), ...matchLabels },
      };
      if (owned) metadata.ownerReferences = [controllerRef(sts)];
      claims.push({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata, spec: structuredClone(t.spec ?? {}) });
    }
  }
  return claims;
}

export async function syncStatefulSet(ctx: SimulationContext, key: ObjectKey): Promise<boolean> {
  const sts = (await ctx.store.get(key))?.object;
  if (!sts || sts.metadata?.deletionTimestamp) return true;
  for (const claim of statefulSetClaims(sts)) {
    const claimKey = { cluster: key.cluster, resource: CLAIMS, namespace: key.namespace, name: claim.metadata.name };
    if (!(await ctx.store.get(claimKey))) await createObject(ctx, claimKey, claim, CONTROLLER_MANAGER);
  }
  await updateObject(ctx, key, CONTROLLER_MANAGER, [statusStep(statefulSetStatus)], (cur) => cur.metadata?.uid === sts.metadata.uid && !cur.metadata?.deletionTimestamp);
  return true;
}
