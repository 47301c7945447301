// Status conditions as the upstream controllers set them. Two rules exist: the deployment
// controller's (replace the condition and move it last; nothing changes when status and reason
// are the same) and everyone else's (update the condition where it stands; the transition time
// moves only when the status changes). Both return a new list and leave the input alone.

import { KObject } from '../../apis/resources/model.js';

export interface ConditionInput {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
}

const list = (conditions: unknown): KObject[] => (Array.isArray(conditions) ? conditions : []);

/** The condition of a type in a status's conditions, if any. */
export function findCondition(conditions: unknown, type: string): KObject | undefined {
  return list(conditions).find((c) => c?.type === type);
}

/**
 * deploymentutil.SetDeploymentCondition: a condition with the same status and reason is kept as it
 * is (message included); otherwise it is replaced, keeps its lastTransitionTime when the status did
 * not change, and goes to the end of the list.
 */
export function setDeploymentCondition(conditions: unknown, c: ConditionInput, now: string): KObject[] {
  const current = findCondition(conditions, c.type);
  if (current && current.status === c.status && current.reason === c.reason) return list(conditions);
  const next = {
    type: c.type,
    status: c.status,
    lastUpdateTime: now,
    lastTransitionTime: current && current.status === c.status ? current.lastTransitionTime : now,
    reason: c.reason,
    message: c.message,
  };
  return [...list(conditions).filter((x) => x?.type !== c.type), next];
}

/**
 * meta.SetStatusCondition and the job and autoscaler controllers' setters: the condition is
 * updated where it stands (appended when new) and its lastTransitionTime (and, for jobs,
 * lastProbeTime) moves only when the status changes; observedGeneration (metav1.Condition) is
 * always refreshed.
 */
export function setConditionInPlace(conditions: unknown, c: ConditionInput, now: string, opts: { probeTime?: boolean; observedGeneration?: number } = {}): KObject[] {
  const current = findCondition(conditions, c.type);
  const changed = !current || current.status !== c.status;
  // Fields in the order of the Go structs, as the API server writes them.
  const next: KObject = { type: c.type, status: c.status };
  if (opts.observedGeneration !== undefined) next.observedGeneration = opts.observedGeneration;
  if (opts.probeTime) next.lastProbeTime = changed ? now : (current!.lastProbeTime ?? now);
  next.lastTransitionTime = changed ? now : (current!.lastTransitionTime ?? now);
  next.reason = c.reason;
  next.message = c.message;
  if (!current) return [...list(conditions), next];
  return list(conditions).map((x) => (x?.type === c.type ? next : x));
}
