// The status a Placement reports for its decisions: observedGeneration, the decisions, and two
// conditions. Ready is True when every selected namespace is placed (False with NoTargets when no
// target matches, NoSchedulableTargets when the matching ones are all unschedulable, Misconfigured
// when the location cannot be used); Misconfigured is True when the location workspace does not
// resolve or a selector is invalid. Transition times move only when a status changes, so an
// unchanged outcome gives an identical status and no write.

import { KObject } from '../../apis/resources/model.js';
import { ConditionInput, setConditionInPlace } from '../simulate/conditions.js';
import { DecisionResult } from './placementDecisions.js';

export const READY = 'Ready';
export const MISCONFIGURED = 'Misconfigured';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function readyCondition(r: DecisionResult, location: string): ConditionInput {
  if (r.misconfigured) return { type: READY, status: 'False', reason: MISCONFIGURED, message: r.misconfigured.message };
  if (r.unplaced > 0) {
    if (r.matching === 0) return { type: READY, status: 'False', reason: 'NoTargets', message: `no sync target in workspace "${location}" matches the location selector` };
    return { type: READY, status: 'False', reason: 'NoSchedulableTargets', message: `${plural(r.unplaced, 'namespace')} not placed: every matching sync target is unschedulable` };
  }
  if (r.selected === 0) return { type: READY, status: 'True', reason: 'Placed', message: 'no namespace is selected' };
  const short = r.short ? `; ${r.short} on fewer than ${r.numberOfTargets} targets (${r.schedulable} schedulable)` : '';
  return { type: READY, status: 'True', reason: 'Placed', message: `${plural(r.selected, 'namespace')} placed${short}` };
}

function misconfiguredCondition(r: DecisionResult): ConditionInput {
  if (r.misconfigured) return { type: MISCONFIGURED, status: 'True', reason: r.misconfigured.reason, message: r.misconfigured.message };
  return { type: MISCONFIGURED, status: 'False', reason: 'LocationResolved', message: 'the location workspace exists' };
}

/** The status of `placement` for the decision result, at `now` (RFC 3339). */
export function placementStatus(placement: KObject, r: DecisionResult, now: string): KObject {
  const generation: number | undefined = placement.metadata?.generation;
  const location: string = placement.spec?.location?.workspace ?? '';
  let conditions = placement.status?.conditions;
  for (const c of [readyCondition(r, location), misconfiguredCondition(r)]) conditions = setConditionInPlace(conditions, c, now, { observedGeneration: generation });
  const status: KObject = {};
  if (generation !== undefined) status.observedGeneration = generation;
  status.conditions = conditions;
  if (r.decisions.length) status.decisions = r.decisions;
  return status;
}
