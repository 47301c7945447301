import { describe, expect, it } from 'vitest';
import { KObject } from '../../apis/resources/model.js';
import { PodGroup, podDisruptionBudgetStatus, podGroupOf } from './podDisruptionBudget.js';

const T0 = '2025-01-01T00:00:00Z';
const pdb = (spec: KObject): KObject => ({ metadata: { name: 'p', generation: 2 }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec } });
const pods: PodGroup[] = [{ labels: { app: 'web', 'pod-template-hash': 'x' }, count: 4 }, { labels: { app: 'other' }, count: 7 }];

describe('podDisruptionBudgetStatus', () => {
  it('minAvailable as a count', () => {
    expect(podDisruptionBudgetStatus(pdb({ minAvailable: 3 }), pods, T0)).toEqual({
      observedGeneration: 2, disruptionsAllowed: 1, currentHealthy: 4, desiredHealthy: 3, expectedPods: 4,
      conditions: [{ type: 'DisruptionAllowed', status: 'True', observedGeneration: 2, lastTransitionTime: T0, reason: 'SufficientPods', message: '' }],
    });
  });

  it('percentages round up; maxUnavailable leaves the rest', () => {
    expect(podDisruptionBudgetStatus(pdb({ minAvailable: '50%' }), pods, T0)).toMatchObject({ desiredHealthy: 2, disruptionsAllowed: 2 });
    expect(podDisruptionBudgetStatus(pdb({ maxUnavailable: '30%' }), pods, T0)).toMatchObject({ desiredHealthy: 2, disruptionsAllowed: 2 });
    expect(podDisruptionBudgetStatus(pdb({ maxUnavailable: 0 }), pods, T0)).toMatchObject({ desiredHealthy: 4, disruptionsAllowed: 0 });
  });

  it('no matching pods: no disruption allowed', () => {
    const s = podDisruptionBudgetStatus(pdb({ minAvailable: 1, selector: { matchLabels: { app: 'none' } } }), pods, T0);
    expect(s).toMatchObject({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 1, expectedPods: 0 });
    expect(s.conditions[0]).toMatchObject({ status: 'False', reason: 'InsufficientPods' });
  });

  it('counts one pod per daemon set, the wanted replicas of the others', () => {
    expect(podGroupOf('apps/daemonsets', { spec: { template: { metadata: { labels: { a: 'b' } } } } })).toEqual({ labels: { a: 'b' }, count: 1 });
    expect(podGroupOf('apps/replicasets', { spec: { replicas: 3, template: { metadata: { labels: { a: 'b' } } } } })).toEqual({ labels: { a: 'b' }, count: 3 });
  });
});
