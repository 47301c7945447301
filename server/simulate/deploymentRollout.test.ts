import { describe, expect, it } from 'vitest';
import { KObject } from '../../apis/resources/model.js';
import { findNewReplicaSet, maxSurge, maxUnavailable, newReplicaSetName, planRollout } from './deploymentRollout.js';
import { templateHash } from './templateHash.js';

const template = (image: string): KObject => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } });

function deployment(spec: KObject = {}, meta: KObject = {}): KObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', namespace: 'ns', uid: 'd-uid', generation: 1, ...meta },
    spec: {
      replicas: 3, selector: { matchLabels: { app: 'web' } }, template: template('nginx:1'),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10, progressDeadlineSeconds: 600, ...spec,
    },
  };
}

/** A ReplicaSet of `d` as the plan would have created it, with a revision and replicas. */
function replicaSet(d: KObject, image: string, revision: number, replicas: number, created = '2025-01-01T00:00:00Z'): KObject {
  const hash = templateHash(template(image));
  const t = template(image);
  t.metadata.labels['pod-template-hash'] = hash;
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: {
      name: `web-${hash}`, namespace: 'ns', uid: `rs-${revision}`, generation: 1, creationTimestamp: created,
      annotations: { 'deployment.kubernetes.io/revision': String(revision) },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: { replicas, selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } }, template: t },
    status: { replicas, observedGeneration: 1 },
  };
}

describe('planRollout', () => {
  it('creates the first ReplicaSet with the full replica count, revision 1 and the deployment annotations', () => {
    const d = deployment({}, { annotations: { 'kubernetes.io/change-cause': 'v1', 'kubectl.kubernetes.io/last-applied-configuration': '{}', 'kcp.io/cluster': 'root' } });
    const plan = planRollout(d, []);
    const hash = templateHash(d.spec.template);
    expect(plan.newName).toBe(`web-${hash}`);
    expect(plan.revision).toBe('1');
    expect(plan.changes).toEqual([]);
    expect(plan.create).toEqual({
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: {
        name: `web-${hash}`, namespace: 'ns', labels: { app: 'web', 'pod-template-hash': hash },
        annotations: { 'kubernetes.io/change-cause': 'v1', 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-uid', controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } },
        template: { metadata: { labels: { app: 'web', 'pod-template-hash': hash } }, spec: { containers: [{ name: 'web', image: 'nginx:1' }] } },
      },
    });
  });

  it('does nothing once the ReplicaSet is there at the right size', () => {
    const d = deployment({}, { annotations: {} });
    const rs = replicaSet(d, 'nginx:1', 1, 3);
    rs.metadata.annotations = { ...rs.metadata.annotations, 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' };
    const plan = planRollout(d, [rs]);
    expect(plan).toEqual({ newName: rs.metadata.name, revision: '1', changes: [], deletes: [] });
  });

  it('on a new template: a new ReplicaSet at the next revision, the old one scaled to 0', () => {
    const d = deployment({ template: template('nginx:2') });
    const old = replicaSet(d, 'nginx:1', 1, 3);
    const plan = planRollout(d, [old]);
    expect(plan.create?.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    expect(plan.revision).toBe('2');
    expect(plan.changes).toEqual([{ name: old.metadata.name, uid: 'rs-1', replicas: 0, annotations: { 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' } }]);
  });

  it('back to an old template: that ReplicaSet is the new one again, under a new revision that remembers the old', () => {
    const d = deployment({ template: template('nginx:1') });
    const first = replicaSet(d, 'nginx:1', 1, 0, '2025-01-01T00:00:00Z');
    const second = replicaSet(d, 'nginx:2', 2, 3, '2025-01-01T00:01:00Z');
    const plan = planRollout(d, [first, second]);
    expect(plan.create).toBeUndefined();
    expect(plan.revision).toBe('3');
    expect(plan.changes).toEqual([
      { name: first.metadata.name, uid: 'rs-1', replicas: 3, annotations: { 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' } },
      { name: second.metadata.name, uid: 'rs-2', replicas: 0, annotations: { 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' } },
    ]);
  });

  it('deletes the oldest scaled-down ReplicaSets beyond revisionHistoryLimit', () => {
    const d = deployment({ template: template('nginx:4'), revisionHistoryLimit: 1 });
    const sets = [1, 2, 3].map((n) => replicaSet(d, `nginx:${n}`, n, 0));
    const current = replicaSet(d, 'nginx:4', 4, 3);
    const plan = planRollout(d, [...sets, current]);
    expect(plan.deletes.map((x) => x.uid)).toEqual(['rs-1', 'rs-2']);
  });

  it('ignores ReplicaSets it does not control, but does not reuse their names', () => {
    const d = deployment();
    const stranger = replicaSet(d, 'nginx:other', 1, 1);
    stranger.metadata.name = `web-${templateHash(d.spec.template)}`;
    stranger.metadata.ownerReferences = [];
    const plan = planRollout(d, [stranger]);
    expect(plan.collisionCount).toBe(1);
    expect(plan.newName).toBe(`web-${templateHash(d.spec.template, 1)}`);
    expect(newReplicaSetName(d, [stranger]).collisionCount).toBe(1);
  });

  it('while paused: no new ReplicaSet, only the active one follows spec.replicas', () => {
    const d = deployment({ paused: true, replicas: 5, template: template('nginx:2') });
    const old = replicaSet(d, 'nginx:1', 1, 3);
    const plan = planRollout(d, [old]);
    expect(plan.create).toBeUndefined();
    expect(plan.newName).toBeUndefined();
    expect(plan.changes.map((c) => [c.name, c.replicas])).toEqual([[old.metadata.name, 5]]);
  });
});

describe('findNewReplicaSet', () => {
  it('matches the template without its pod-template-hash label, oldest first', () => {
    const d = deployment();
    const a = replicaSet(d, 'nginx:1', 1, 3, '2025-01-02T00:00:00Z');
    const b = { ...replicaSet(d, 'nginx:1', 2, 0, '2025-01-01T00:00:00Z'), metadata: { ...a.metadata, name: 'web-older', uid: 'older', creationTimestamp: '2025-01-01T00:00:00Z' } };
    expect(findNewReplicaSet(d, [a, b])?.metadata.name).toBe('web-older');
    expect(findNewReplicaSet(deployment({ template: template('nginx:9') }), [a])).toBeUndefined();
  });
});

describe('maxSurge and maxUnavailable', () => {
  it('resolve percentages as upstream: surge rounds up, unavailable down, never both zero', () => {
    expect([maxSurge(deployment()), maxUnavailable(deployment())]).toEqual([1, 0]);
    expect([maxSurge(deployment({ replicas: 10 })), maxUnavailable(deployment({ replicas: 10 }))]).toEqual([3, 2]);
    const none = deployment({ replicas: 1, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '10%' } } });
    expect([maxSurge(none), maxUnavailable(none)]).toEqual([0, 1]);
    const recreate = deployment({ strategy: { type: 'Recreate' } });
    expect([maxSurge(recreate), maxUnavailable(recreate)]).toEqual([0, 0]);
  });
});
