import { describe, expect, it } from 'vitest';
import { daemonSetStatus } from './daemonSet.js';
import { replicaSetStatus } from './replicaSet.js';

describe('replicaSetStatus', () => {
  it('reports every wanted replica ready and available, at the observed generation', () => {
    expect(replicaSetStatus({ metadata: { generation: 2 }, spec: { replicas: 3 } })).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 2 });
  });

  it('omits zero counts but always writes replicas', () => {
    const s = replicaSetStatus({ metadata: { generation: 1 }, spec: { replicas: 0 } });
    expect(s).toEqual({ replicas: 0, observedGeneration: 1 });
    expect(Object.keys(s)).toEqual(['replicas', 'observedGeneration']);
  });
});

describe('daemonSetStatus', () => {
  it('is one pod on one node, current, ready and available', () => {
    expect(daemonSetStatus({ metadata: { generation: 3 } })).toEqual({
      currentNumberScheduled: 1, numberMisscheduled: 0, desiredNumberScheduled: 1, numberReady: 1,
      observedGeneration: 3, updatedNumberScheduled: 1, numberAvailable: 1,
    });
  });
});
