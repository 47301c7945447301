import { describe, expect, it } from 'vitest';
import { UPSTREAM_GENERATION_ANNOTATION } from '../apis/sync/contract.js';
import { conditionChanged, parseSyncCondition, syncCondition, upstreamStatus } from './status.js';

const member = (generation: number, observed: number, applied?: number): any => ({
  metadata: { generation, annotations: applied === undefined ? {} : { [UPSTREAM_GENERATION_ANNOTATION]: String(applied) } },
  status: { observedGeneration: observed, replicas: 2, conditions: [{ type: 'Ready', status: 'True', observedGeneration: observed }] },
});

describe('upstreamStatus', () => {
  it('reports the upstream generation applied once the member has observed its own latest', () => {
    const s = upstreamStatus(member(7, 7, 3))!;
    expect(s.observedGeneration).toBe(3);
    expect(s.conditions[0].observedGeneration).toBe(3);
    expect(s.replicas).toBe(2);
  });

  it('reports one less while the member has not caught up, so rollout status waits', () => {
    expect(upstreamStatus(member(8, 7, 4))!.observedGeneration).toBe(3);
  });

  it('copies status as is without a recorded generation, and nothing without status', () => {
    expect(upstreamStatus(member(8, 7))!.observedGeneration).toBe(7);
    expect(upstreamStatus({ metadata: {} })).toBeUndefined();
  });

  it('does not alias the member object', () => {
    const m = member(1, 1, 1);
    upstreamStatus(m)!.replicas = 9;
    expect(m.status.replicas).toBe(2);
  });
});

describe('sync condition', () => {
  it('keeps lastTransitionTime while the status stays, and says when it changed', () => {
    const t0 = new Date('2024-01-01T00:00:00Z');
    const a = syncCondition('Applied', 'ok', undefined, t0);
    expect(a).toEqual({ type: 'Synced', status: 'True', reason: 'Applied', message: 'ok', lastTransitionTime: '2024-01-01T00:00:00Z' });
    const b = syncCondition('Applied', 'ok again', a, new Date('2024-01-02T00:00:00Z'));
    expect(b.lastTransitionTime).toBe(a.lastTransitionTime);
    const c = syncCondition('Conflict', 'taken', b, new Date('2024-01-03T00:00:00Z'));
    expect(c.status).toBe('False');
    expect(c.lastTransitionTime).toBe('2024-01-03T00:00:00Z');
    expect(conditionChanged(a, syncCondition('Applied', 'ok', a, new Date()))).toBe(false);
    expect(conditionChanged(a, c)).toBe(true);
    expect(parseSyncCondition(JSON.stringify(c))).toEqual(c);
    expect(parseSyncCondition('not json')).toBeUndefined();
  });
});
