import { describe, expect, it } from 'vitest';
import { DecisionResult } from './placementDecisions.js';
import { placementStatus } from './placementStatus.js';

const result = (over: Partial<DecisionResult> = {}): DecisionResult => ({
  decisions: [{ namespace: 'web', target: 'a', targetKey: 'k', downstreamNamespace: 'kplane-x' }],
  selected: 1, unplaced: 0, short: 0, matching: 1, schedulable: 1, numberOfTargets: 1, ...over,
});
const placement = (status?: object) => ({ metadata: { name: 'p', generation: 3 }, spec: { location: { workspace: 'root:compute' } }, ...(status ? { status } : {}) });
const brief = (s: any) => s.conditions.map((c: any) => [c.type, c.status, c.reason]);

describe('placementStatus', () => {
  it('reports Ready and not Misconfigured once every selected namespace is placed', () => {
    const s = placementStatus(placement(), result(), '2026-01-01T00:00:00Z');
    expect(s.observedGeneration).toBe(3);
    expect(s.decisions).toHaveLength(1);
    expect(brief(s)).toEqual([['Ready', 'True', 'Placed'], ['Misconfigured', 'False', 'LocationResolved']]);
    expect(s.conditions[0]).toMatchObject({ observedGeneration: 3, lastTransitionTime: '2026-01-01T00:00:00Z', message: '1 namespace placed' });
  });

  it('reports NoTargets, NoSchedulableTargets and Misconfigured', () => {
    expect(brief(placementStatus(placement(), result({ decisions: [], unplaced: 1, matching: 0, schedulable: 0 }), 't'))[0]).toEqual(['Ready', 'False', 'NoTargets']);
    expect(brief(placementStatus(placement(), result({ decisions: [], unplaced: 1, matching: 2, schedulable: 0 }), 't'))[0]).toEqual(['Ready', 'False', 'NoSchedulableTargets']);
    const mis = placementStatus(placement(), result({ decisions: [], misconfigured: { reason: 'WorkspaceNotFound', message: 'gone' } }), 't');
    expect(brief(mis)).toEqual([['Ready', 'False', 'Misconfigured'], ['Misconfigured', 'True', 'WorkspaceNotFound']]);
    expect(mis.decisions).toBeUndefined();
  });

  it('is identical for an unchanged outcome at a later time (no write), and moves transition times only on change', () => {
    const first = placementStatus(placement(), result(), '2026-01-01T00:00:00Z');
    expect(placementStatus(placement(first), result(), '2026-01-02T00:00:00Z')).toEqual(first);
    const next = placementStatus(placement(first), result({ decisions: [], unplaced: 1, matching: 0 }), '2026-01-03T00:00:00Z');
    expect(next.conditions[0].lastTransitionTime).toBe('2026-01-03T00:00:00Z');
    expect(next.conditions[1].lastTransitionTime).toBe('2026-01-01T00:00:00Z');
  });
});
