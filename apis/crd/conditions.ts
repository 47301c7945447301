// CustomResourceDefinition status conditions (apiextensions apihelpers): find, test and set one
// condition, keeping lastTransitionTime when the status does not change.

import { KObject } from '../resources/model.js';
import { timestamp } from '../registry/meta.js';

export const ESTABLISHED = 'Established';
export const NAMES_ACCEPTED = 'NamesAccepted';
export const TERMINATING = 'Terminating';

/** The finalizer that holds a deleted definition until its custom objects are gone. */
export const CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

export interface CrdCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export function findCondition(crd: KObject, type: string): CrdCondition | undefined {
  const list: CrdCondition[] = Array.isArray(crd.status?.conditions) ? crd.status.conditions : [];
  return list.find((c) => c?.type === type);
}

export function isConditionTrue(crd: KObject, type: string): boolean {
  return findCondition(crd, type)?.status === 'True';
}

/** SetCRDCondition: replaces the condition of that type; the transition time moves only on a status change. */
export function setCondition(crd: KObject, cond: CrdCondition, now = Date.now()): void {
  const status = (crd.status ??= {});
  const list: CrdCondition[] = Array.isArray(status.conditions) ? status.conditions : (status.conditions = []);
  const i = list.findIndex((c) => c?.type === cond.type);
  const next: CrdCondition = { type: cond.type, status: cond.status, lastTransitionTime: timestamp(now) };
  if (cond.reason) next.reason = cond.reason;
  if (cond.message) next.message = cond.message;
  if (i < 0) {
    list.push(next);
    return;
  }
  const old = list[i]!;
  if (old.status === cond.status && old.lastTransitionTime) next.lastTransitionTime = old.lastTransitionTime;
  list[i] = next;
}

/** IsCRDConditionEquivalent: same type, status, reason and message. */
export function conditionEquivalent(a: CrdCondition | undefined, b: CrdCondition | undefined): boolean {
  if (!a || !b) return a === b;
  return a.type === b.type && a.status === b.status && (a.reason ?? '') === (b.reason ?? '') && (a.message ?? '') === (b.message ?? '');
}

/** True when requests for the definition's resources are served (NamesAccepted or Established). */
export function isServed(crd: KObject): boolean {
  return isConditionTrue(crd, NAMES_ACCEPTED) || isConditionTrue(crd, ESTABLISHED);
}

/** True while the definition is being deleted. */
export function isTerminating(crd: KObject): boolean {
  return !!crd.metadata?.deletionTimestamp || isConditionTrue(crd, TERMINATING);
}
