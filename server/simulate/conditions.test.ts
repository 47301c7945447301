import { describe, expect, it } from 'vitest';
import { setConditionInPlace, setDeploymentCondition } from './conditions.js';

const T0 = '2025-01-01T00:00:00Z';
const T1 = '2025-01-01T00:01:00Z';

describe('setDeploymentCondition', () => {
  const available = { type: 'Available', status: 'True', lastUpdateTime: T0, lastTransitionTime: T0, reason: 'MinimumReplicasAvailable', message: 'old message' };
  const progressing = { type: 'Progressing', status: 'True', lastUpdateTime: T0, lastTransitionTime: T0, reason: 'NewReplicaSetCreated', message: 'Created new replica set "a"' };

  it('keeps a condition whose status and reason are unchanged, message included', () => {
    const list = [available, progressing];
    expect(setDeploymentCondition(list, { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'new' }, T1)).toBe(list);
  });

  it('replaces a condition, keeps its transition time when the status stays, and moves it last', () => {
    const out = setDeploymentCondition([progressing, available], { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: 'done' }, T1);
    expect(out).toEqual([available, { type: 'Progressing', status: 'True', lastUpdateTime: T1, lastTransitionTime: T0, reason: 'NewReplicaSetAvailable', message: 'done' }]);
  });

  it('moves the transition time when the status changes', () => {
    const [c] = setDeploymentCondition([available], { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'm' }, T1);
    expect(c).toMatchObject({ status: 'False', lastTransitionTime: T1, lastUpdateTime: T1 });
  });
});

describe('setConditionInPlace', () => {
  it('appends a new condition with the fields in the Go struct order', () => {
    const out = setConditionInPlace(undefined, { type: 'Complete', status: 'True', reason: 'R', message: 'M' }, T0, { probeTime: true });
    expect(out).toEqual([{ type: 'Complete', status: 'True', lastProbeTime: T0, lastTransitionTime: T0, reason: 'R', message: 'M' }]);
    expect(Object.keys(out[0])).toEqual(['type', 'status', 'lastProbeTime', 'lastTransitionTime', 'reason', 'message']);
  });

  it('updates in place, moving the times only when the status changes', () => {
    const list = [
      { type: 'A', status: 'True', lastTransitionTime: T0, reason: 'x', message: '' },
      { type: 'B', status: 'True', lastTransitionTime: T0, reason: 'x', message: '' },
    ];
    const same = setConditionInPlace(list, { type: 'A', status: 'True', reason: 'y', message: 'z' }, T1);
    expect(same[0]).toEqual({ type: 'A', status: 'True', lastTransitionTime: T0, reason: 'y', message: 'z' });
    const changed = setConditionInPlace(list, { type: 'A', status: 'False', reason: 'y', message: 'z' }, T1);
    expect(changed.map((c) => c.type)).toEqual(['A', 'B']);
    expect(changed[0].lastTransitionTime).toBe(T1);
    expect(list[0].reason).toBe('x');
  });

  it('refreshes observedGeneration (metav1.Condition)', () => {
    const [c] = setConditionInPlace([{ type: 'A', status: 'True', observedGeneration: 1, lastTransitionTime: T0, reason: 'r', message: '' }], { type: 'A', status: 'True', reason: 'r', message: '' }, T1, { observedGeneration: 2 });
    expect(c).toEqual({ type: 'A', status: 'True', observedGeneration: 2, lastTransitionTime: T0, reason: 'r', message: '' });
  });
});
