import { describe, expect, it } from 'vitest';
import { KObject } from '../../apis/resources/model.js';
import { deploymentStatus } from './deployment.js';

const T0 = '2025-01-01T00:00:00Z';
const T1 = '2025-01-01T00:01:00Z';

function deployment(status?: KObject, spec: KObject = {}, generation = 1): KObject {
  return {
    metadata: { name: 'web', generation },
    spec: { replicas: 2, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, progressDeadlineSeconds: 600, ...spec },
    status,
  };
}

/** A ReplicaSet with `wanted` replicas of which `ready` run (ready and available). */
const rs = (name: string, wanted: number, ready: number): KObject => ({
  metadata: { name },
  spec: { replicas: wanted },
  status: { replicas: ready, ...(ready ? { readyReplicas: ready, availableReplicas: ready } : {}) },
});

const summary = (s: KObject) => s.conditions.map((c: KObject) => [c.type, c.status, c.reason, c.message]);

describe('deploymentStatus', () => {
  it('right after creating the ReplicaSet: observed, unavailable, NewReplicaSetCreated', () => {
    const a = rs('web-a', 2, 0);
    const s = deploymentStatus(deployment(), [a], a, true, T0);
    expect(s).toMatchObject({ observedGeneration: 1, unavailableReplicas: 2 });
    expect(s.replicas).toBeUndefined();
    expect(summary(s)).toEqual([
      ['Progressing', 'True', 'NewReplicaSetCreated', 'Created new replica set "web-a"'],
      ['Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
    ]);
  });

  it('once the pods are available: counts, Available, NewReplicaSetAvailable', () => {
    const before = deploymentStatus(deployment(), [rs('web-a', 2, 0)], rs('web-a', 2, 0), true, T0);
    const a = rs('web-a', 2, 2);
    const s = deploymentStatus(deployment(before), [a], a, false, T1);
    const { conditions, ...counts } = s;
    expect(counts).toEqual({ observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 });
    expect(summary(s)).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', 'ReplicaSet "web-a" has successfully progressed.'],
    ]);
    expect(conditions[1]).toMatchObject({ lastTransitionTime: T0, lastUpdateTime: T1 });
    // Computing again changes nothing.
    expect(deploymentStatus(deployment(s), [a], a, false, '2025-01-01T00:02:00Z')).toEqual(s);
  });

  it('during a rollout: progress refreshes ReplicaSetUpdated, old replicas keep it from completing', () => {
    const a = rs('web-a', 2, 2);
    const done = deploymentStatus(deployment(deploymentStatus(deployment(), [a], a, true, T0)), [a], a, false, T0);
    const oldA = rs('web-a', 0, 2);
    const b = rs('web-b', 2, 0);
    const created = deploymentStatus(deployment(done, {}, 2), [oldA, b], b, true, T1);
    expect(created.observedGeneration).toBe(2);
    expect(created.updatedReplicas).toBeUndefined();
    expect(summary(created)[1]).toEqual(['Progressing', 'True', 'NewReplicaSetCreated', 'Created new replica set "web-b"']);
    const b2 = rs('web-b', 2, 2);
    const halfway = deploymentStatus(deployment(created, {}, 2), [oldA, b2], b2, false, T1);
    expect(halfway).toMatchObject({ replicas: 4, updatedReplicas: 2 });
    expect(summary(halfway)[1]).toEqual(['Progressing', 'True', 'ReplicaSetUpdated', 'ReplicaSet "web-b" is progressing.']);
    expect(halfway.conditions[1].lastTransitionTime).toBe(T0);
    const finished = deploymentStatus(deployment(halfway, {}, 2), [rs('web-a', 0, 0), b2], b2, false, T1);
    expect(summary(finished)[1]).toEqual(['Progressing', 'True', 'NewReplicaSetAvailable', 'ReplicaSet "web-b" has successfully progressed.']);
  });

  it('paused, then resumed', () => {
    const a = rs('web-a', 2, 2);
    const paused = deploymentStatus(deployment(undefined, { paused: true }), [a], undefined, false, T0);
    expect(summary(paused)).toContainEqual(['Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused']);
    expect(paused.updatedReplicas).toBeUndefined();
    const resumed = deploymentStatus(deployment(paused), [a], a, false, T1);
    expect(summary(resumed)).toContainEqual(['Progressing', 'True', 'NewReplicaSetAvailable', 'ReplicaSet "web-a" has successfully progressed.']);
  });

  it('zero replicas is a complete rollout; no progress deadline means no Progressing condition', () => {
    const a = rs('web-a', 0, 0);
    const zero = deploymentStatus(deployment(undefined, { replicas: 0 }), [a], a, false, T0);
    expect(zero).toEqual({ observedGeneration: 1, conditions: expect.any(Array) });
    expect(summary(zero).map((c: string[]) => c[2])).toEqual(['MinimumReplicasAvailable', 'NewReplicaSetAvailable']);
    const b = rs('web-b', 2, 2);
    const noDeadline = deploymentStatus(deployment(undefined, { progressDeadlineSeconds: undefined }), [b], b, true, T0);
    expect(summary(noDeadline).map((c: string[]) => c[0])).toEqual(['Available']);
  });
});
