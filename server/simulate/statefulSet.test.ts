import { describe, expect, it } from 'vitest';
import { KObject } from '../../apis/resources/model.js';
import { statefulSetClaims, statefulSetRevision, statefulSetStatus } from './statefulSet.js';

function sts(spec: KObject = {}, status?: KObject): KObject {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'ns', uid: 'sts-uid', generation: 1 },
    spec: {
      replicas: 3, selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres:16' }] } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      ...spec,
    },
    status,
  };
}

describe('statefulSetStatus', () => {
  it('every replica ready, current and updated at one revision', () => {
    const s = sts();
    const rev = statefulSetRevision(s);
    expect(rev).toMatch(/^db-[456789bcdf]+$/);
    expect(statefulSetStatus(s)).toEqual({
      observedGeneration: 1, replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3,
      currentRevision: rev, updateRevision: rev, collisionCount: 0, availableReplicas: 3,
    });
  });

  it('a new template moves both revisions, unless a partition holds the lower ordinals back', () => {
    const before = statefulSetStatus(sts());
    const next = sts({ template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres:17' }] } } }, before);
    const all = statefulSetStatus(next);
    expect(all.currentRevision).toBe(all.updateRevision);
    expect(all.updateRevision).not.toBe(before.updateRevision);
    const held = statefulSetStatus({ ...next, spec: { ...next.spec, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } } });
    expect(held).toMatchObject({ currentRevision: before.updateRevision, updateRevision: all.updateRevision, currentReplicas: 2, updatedReplicas: 1, readyReplicas: 3 });
  });

  it('zero replicas keeps replicas and availableReplicas, omits the other counts', () => {
    const s = statefulSetStatus(sts({ replicas: 0 }));
    expect(s).toEqual({ observedGeneration: 1, replicas: 0, currentRevision: s.updateRevision, updateRevision: s.updateRevision, collisionCount: 0, availableReplicas: 0 });
  });
});

describe('statefulSetClaims', () => {
  const templates = [{ metadata: { name: 'data', labels: { tier: 'db' } }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }];

  it('one claim per template and ordinal, labelled with the selector, not owned by the set', () => {
    const claims = statefulSetClaims(sts({ replicas: 2, volumeClaimTemplates: templates }));
    expect(claims.map((c) => c.metadata.name)).toEqual(['data-db-0', 'data-db-1']);
    expect(claims[0]).toEqual({
      apiVersion: 'v1', kind: 'PersistentVolumeClaim',
      metadata: { name: 'data-db-0', namespace: 'ns', labels: { tier: 'db', app: 'db' } },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
  });

  it('owned by the set when its retention policy deletes them with it; ordinals may start elsewhere', () => {
    const claims = statefulSetClaims(sts({ replicas: 1, ordinals: { start: 5 }, volumeClaimTemplates: templates, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } }));
    expect(claims.map((c) => c.metadata.name)).toEqual(['data-db-5']);
    expect(claims[0].metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'sts-uid', controller: true, blockOwnerDeletion: true }]);
  });
});
