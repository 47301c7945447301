// Pure: the member object's status as the workspace object's status. Generations differ between
// the two (the member counts its own applies), so observedGeneration is translated: when the
// member has observed its latest generation, the workspace sees the upstream generation the agent
// applied (recorded on the member copy); before that, one less, so `rollout status` keeps waiting.

import { UPSTREAM_GENERATION_ANNOTATION } from '../apis/sync/contract.js';
import { KObject } from './transform.js';

function translateGeneration(observed: unknown, memberGeneration: number | undefined, upstreamGeneration: number): unknown {
  if (typeof observed !== 'number') return observed;
  if (memberGeneration === undefined || observed >= memberGeneration) return upstreamGeneration;
  return Math.max(0, upstreamGeneration - 1);
}

/** The status to write upstream, or undefined when the member object has none. */
export function upstreamStatus(member: KObject): KObject | undefined {
  const status = member?.status;
  if (!status || typeof status !== 'object') return undefined;
  const applied = Number(member.metadata?.annotations?.[UPSTREAM_GENERATION_ANNOTATION]);
  if (!Number.isFinite(applied) || applied <= 0) return structuredClone(status);
  const memberGeneration = typeof member.metadata?.generation === 'number' ? member.metadata.generation : undefined;
  const out: KObject = structuredClone(status);
  if ('observedGeneration' in out) out.observedGeneration = translateGeneration(out.observedGeneration, memberGeneration, applied);
  if (Array.isArray(out.conditions)) {
    out.conditions = out.conditions.map((c: KObject) =>
      c && typeof c.observedGeneration === 'number' ? { ...c, observedGeneration: translateGeneration(c.observedGeneration, memberGeneration, applied) } : c,
    );
  }
  return out;
}

/** The JSON condition the agent writes in syncConditionAnnotation(key) of a workspace object. */
export interface SyncCondition {
  type: 'Synced';
  status: 'True' | 'False';
  reason: 'Applied' | 'Conflict' | 'Error' | 'WaitingForCRD';
  message: string;
  lastTransitionTime: string;
}

export function syncCondition(reason: SyncCondition['reason'], message: string, previous: SyncCondition | undefined, now: Date): SyncCondition {
  const status = reason === 'Applied' ? 'True' : 'False';
  const lastTransitionTime = previous && previous.status === status ? previous.lastTransitionTime : now.toISOString().replace(/\.\d+Z$/, 'Z');
  return { type: 'Synced', status, reason, message, lastTransitionTime };
}

export function parseSyncCondition(value: string | undefined): SyncCondition | undefined {
  if (!value) return undefined;
  try {
    const c = JSON.parse(value);
    return c && typeof c === 'object' && typeof c.reason === 'string' ? c : undefined;
  } catch {
    return undefined;
  }
}

/** True when writing `next` over `current` would change what a reader sees (time aside). */
export function conditionChanged(current: SyncCondition | undefined, next: SyncCondition): boolean {
  return !current || current.status !== next.status || current.reason !== next.reason || current.message !== next.message;
}
