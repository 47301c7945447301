// A Deployment's status, computed from its ReplicaSets as the deployment controller does
// (calculateStatus, checkPausedConditions, syncRolloutStatus): counts summed over the
// ReplicaSets' statuses, the Available condition against maxUnavailable, and the Progressing
// condition through its upstream reasons up to NewReplicaSetAvailable, which is what
// `kubectl rollout status` and `kubectl wait --for=condition=Available` wait for.

import { KObject } from '../../apis/resources/model.js';
import { ConditionInput, findCondition, setDeploymentCondition } from './conditions.js';
import { maxUnavailable } from './deploymentRollout.js';
import { wantedReplicas } from './replicaSet.js';

const AVAILABLE = 'Available';
const PROGRESSING = 'Progressing';
/** Reasons of the Progressing condition (deploymentutil constants). */
export const NEW_RS_AVAILABLE = 'NewReplicaSetAvailable';
const NEW_RS_CREATED = 'NewReplicaSetCreated';
const RS_UPDATED = 'ReplicaSetUpdated';
const PAUSED = 'DeploymentPaused';
const RESUMED = 'DeploymentResumed';
const TIMED_OUT = 'ProgressDeadlineExceeded';

const count = (v: unknown): number => (typeof v === 'number' ? v : 0);
const sum = (sets: KObject[], f: (rs: KObject) => unknown): number => sets.reduce((n, rs) => n + count(f(rs)), 0);
const hasProgressDeadline = (d: KObject): boolean => typeof d.spec?.progressDeadlineSeconds === 'number' && d.spec.progressDeadlineSeconds !== 2147483647;

interface Counts {
  replicas: number;
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
}

/** DeploymentComplete: every wanted replica is updated and available, and no old one is left. */
function complete(d: KObject, s: Counts): boolean {
  const want = wantedReplicas(d);
  return s.updatedReplicas === want && s.replicas === want && s.availableReplicas === want;
}

/** DeploymentProgressing: more updated, ready or available replicas, or fewer old ones, than before. */
function progressing(old: KObject, s: Counts): boolean {
  const oldOld = count(old.replicas) - count(old.updatedReplicas);
  return s.updatedReplicas > count(old.updatedReplicas) || s.replicas - s.updatedReplicas < oldOld
    || s.readyReplicas > count(old.readyReplicas) || s.availableReplicas > count(old.availableReplicas);
}

/**
 * The status of deployment `d` given its owned ReplicaSets (`owned`, as stored now, `newRS` among
 * them unless there is none) and whether this pass created `newRS`. `now` is an RFC 3339 time.
 */
export function deploymentStatus(d: KObject, owned: KObject[], newRS: KObject | undefined, created: boolean, now: string, collisionCount?: number): KObject {
  const prev: KObject = d.status ?? {};
  let conditions: KObject[] = Array.isArray(prev.conditions) ? prev.conditions : [];
  const set = (c: ConditionInput): void => {
    conditions = setDeploymentCondition(conditions, c, now);
  };
  const deadline = hasProgressDeadline(d);
  const paused = d.spec?.paused === true;

  // checkPausedConditions: a paused (or resumed) deployment says so, unless it timed out.
  const before = findCondition(conditions, PROGRESSING);
  if (deadline && before?.reason !== TIMED_OUT) {
    const pausedShown = before?.reason === PAUSED;
    if (paused && !pausedShown) set({ type: PROGRESSING, status: 'Unknown', reason: PAUSED, message: 'Deployment is paused' });
    else if (!paused && pausedShown) set({ type: PROGRESSING, status: 'Unknown', reason: RESUMED, message: 'Deployment is resumed' });
  }
  if (created && newRS && deadline) {
    set({ type: PROGRESSING, status: 'True', reason: NEW_RS_CREATED, message: `Created new replica set "${newRS.metadata.name}"` });
  }

  // calculateStatus
  const counts: Counts = {
    replicas: sum(owned, (rs) => rs.status?.replicas),
    updatedReplicas: count(newRS?.status?.replicas),
    readyReplicas: sum(owned, (rs) => rs.status?.readyReplicas),
    availableReplicas: sum(owned, (rs) => rs.status?.availableReplicas),
  };
  const unavailableReplicas = Math.max(0, sum(owned, (rs) => wantedReplicas(rs)) - counts.availableReplicas);
  if (counts.availableReplicas >= wantedReplicas(d) - maxUnavailable(d)) {
    set({ type: AVAILABLE, status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
  } else {
    set({ type: AVAILABLE, status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
  }

  // syncRolloutStatus (a paused deployment only syncs its counts).
  if (!paused) {
    if (!deadline) conditions = conditions.filter((c) => c.type !== PROGRESSING);
    const current = findCondition(conditions, PROGRESSING);
    const done = counts.replicas === counts.updatedReplicas && current?.reason === NEW_RS_AVAILABLE;
    if (deadline && !done) {
      const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
      if (complete(d, counts)) {
        set({ type: PROGRESSING, status: 'True', reason: NEW_RS_AVAILABLE, message: `${subject} has successfully progressed.` });
      } else if (progressing(prev, counts)) {
        // Progress refreshes the condition even when its reason stays the same.
        const keep = current?.status === 'True' ? current.lastTransitionTime : now;
        conditions = [
          ...conditions.filter((c) => c.type !== PROGRESSING),
          { type: PROGRESSING, status: 'True', lastUpdateTime: now, lastTransitionTime: keep, reason: RS_UPDATED, message: `${subject} is progressing.` },
        ];
      }
    }
  }

  // Fields in upstream's order; zero counts are omitted (omitempty).
  const status: KObject = {};
  if (d.metadata?.generation) status.observedGeneration = d.metadata.generation;
  if (counts.replicas) status.replicas = counts.replicas;
  if (counts.updatedReplicas) status.updatedReplicas = counts.updatedReplicas;
  if (counts.readyReplicas) status.readyReplicas = counts.readyReplicas;
  if (counts.availableReplicas) status.availableReplicas = counts.availableReplicas;
  if (unavailableReplicas) status.unavailableReplicas = unavailableReplicas;
  if (conditions.length) status.conditions = conditions;
  const collisions = collisionCount ?? prev.collisionCount;
  if (typeof collisions === 'number') status.collisionCount = collisions;
  return status;
}
