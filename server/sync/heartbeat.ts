// A SyncTarget's health from its agent's heartbeat Lease (pure; the controller is
// server/controllers/syncTargetHealth.ts). The agent renews Lease <target> in SYNCER_NAMESPACE of
// the compute workspace every spec.leaseDurationSeconds (default 20); the target is healthy while
// the last renewal is at most three durations old.
//
// Ready is about the agent only for now (it mirrors HeartbeatHealthy): True/Ready while the
// heartbeat is fresh, Unknown/HeartbeatMissed once it is stale, Unknown/AgentNotConnected before
// any heartbeat. Whether placements may choose the target (spec.unschedulable) is not Ready's
// business. Messages never contain the current time, so an unchanged state writes nothing.

import { deepEqual } from '../../apis/machinery/jsonEqual.js';
import { SYNCER_NAMESPACE } from '../../apis/sync/contract.js';
import { JsonObject } from '../../storage/store.js';
import { ConditionInput, setConditionInPlace } from '../simulate/conditions.js';

export const HEARTBEAT_HEALTHY = 'HeartbeatHealthy';
export const READY = 'Ready';
export const DEFAULT_LEASE_DURATION_SECONDS = 20;
/** Renewals an agent may miss before its target turns Unknown. */
export const MISSED_RENEWALS = 3;

export interface Heartbeat {
  healthy: ConditionInput;
  ready: ConditionInput;
  /** The last renewal, as a meta/v1 Time; undefined without a lease. */
  lastHeartbeatTime?: string;
}

/** spec.leaseDurationSeconds, or the default when unset or not positive. */
export function leaseDurationSeconds(target: JsonObject): number {
  const d = target.spec?.leaseDurationSeconds;
  return typeof d === 'number' && d > 0 ? d : DEFAULT_LEASE_DURATION_SECONDS;
}

/** RFC 3339 to the second, as meta/v1 Time is written. */
function toTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The heartbeat state of `target` at `nowMs`, given the renewTime of its lease (if any). Without a
 * lease the last recorded heartbeat counts (a deleted lease is a missed heartbeat, not a new agent).
 */
export function heartbeat(target: JsonObject, renewTime: string | undefined, nowMs: number): Heartbeat {
  const last = renewTime ?? target.status?.lastHeartbeatTime;
  const renewed = typeof last === 'string' ? Date.parse(last) : NaN;
  const name = target.metadata?.name ?? '';
  if (Number.isNaN(renewed)) {
    const message = `no heartbeat from the syncer agent yet: it renews Lease ${SYNCER_NAMESPACE}/${name} in this workspace`;
    const c = { status: 'Unknown' as const, reason: 'AgentNotConnected', message };
    return { healthy: { type: HEARTBEAT_HEALTHY, ...c }, ready: { type: READY, ...c } };
  }
  const duration = leaseDurationSeconds(target);
  const lastHeartbeatTime = toTime(renewed);
  if (nowMs - renewed <= MISSED_RENEWALS * duration * 1000) {
    return {
      healthy: { type: HEARTBEAT_HEALTHY, status: 'True', reason: 'HeartbeatReceived', message: 'the syncer agent renews its heartbeat' },
      ready: { type: READY, status: 'True', reason: 'Ready', message: 'the syncer agent is connected' },
      lastHeartbeatTime,
    };
  }
  const message = `the syncer agent was last seen at ${lastHeartbeatTime} and renews every ${duration}s: ${MISSED_RENEWALS} renewals missed`;
  const c = { status: 'Unknown' as const, reason: 'HeartbeatMissed', message };
  return { healthy: { type: HEARTBEAT_HEALTHY, ...c }, ready: { type: READY, ...c }, lastHeartbeatTime };
}

/**
 * The status `target` should have with heartbeat `h`: only targetKey, lastHeartbeatTime and the
 * two conditions change (the agent's fields stay as they are); undefined when nothing changes.
 * lastTransitionTime moves only when a condition's status does.
 */
export function statusWithHeartbeat(target: JsonObject, h: Heartbeat, key: string, now: string): JsonObject | undefined {
  const old: JsonObject = target.status ?? {};
  const next: JsonObject = { ...old, targetKey: key };
  if (h.lastHeartbeatTime) next.lastHeartbeatTime = h.lastHeartbeatTime;
  next.conditions = setConditionInPlace(setConditionInPlace(old.conditions, h.healthy, now), h.ready, now);
  return deepEqual(next, old) ? undefined : next;
}
