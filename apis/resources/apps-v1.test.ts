import { describe, expect, it } from 'vitest';
import { KObject, ResourceDef, STANDARD_VERBS } from './model.js';
import { formatLabelSelector, labelSelectorString, resources } from './apps-v1.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function res(plural: string): ResourceDef {
  const r = resources.find((x) => x.plural === plural);
  if (!r) throw new Error(`no resource ${plural}`);
  return r;
}

const headers = (plural: string, wide = false): string[] =>
  res(plural).columns!.filter((c) => wide || !c.priority).map((c) => c.name.toUpperCase());
const row = (plural: string, obj: KObject, wide = false): unknown[] =>
  res(plural).columns!.filter((c) => wide || !c.priority).map((c) => c.cell(obj, NOW));

function defaulted(plural: string, obj: KObject): KObject {
  const copy = structuredClone(obj);
  res(plural).strategy!.defaults!(copy);
  return copy;
}

const template = {
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'sidecar', image: 'busybox' }] },
};

describe('apps/v1 discovery facts', () => {
  it('serves the four workload kinds as upstream does', () => {
    expect(resources.map((r) => [r.plural, r.singular, r.kind, r.shortNames, r.categories, !!r.status, !!r.scale, r.generation])).toEqual([
      ['daemonsets', 'daemonset', 'DaemonSet', ['ds'], ['all'], true, false, true],
      ['deployments', 'deployment', 'Deployment', ['deploy'], ['all'], true, true, true],
      ['replicasets', 'replicaset', 'ReplicaSet', ['rs'], ['all'], true, true, true],
      ['statefulsets', 'statefulset', 'StatefulSet', ['sts'], ['all'], true, true, true],
    ]);
    for (const r of resources) {
      expect(r).toMatchObject({ group: 'apps', version: 'v1', namespaced: true, type: `apps/v1:${r.kind}` });
      expect(r.verbs).toEqual(STANDARD_VERBS);
      if (r.scale) expect(r.scale).toEqual({ specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.spec.selector' });
    }
  });
});

describe('label selectors', () => {
  it('formats like metav1.FormatLabelSelector', () => {
    expect(formatLabelSelector(undefined)).toBe('<none>');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector({
      matchLabels: { tier: 'front', app: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'dev'] },
        { key: 'zone', operator: 'NotIn', values: ['b'] },
        { key: 'canary', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    })).toBe('app=web,canary,env in (dev,prod),!legacy,tier=front,zone notin (b)');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Near' }] })).toBe('<error>');
    expect(labelSelectorString({})).toBe('');
  });
});

describe('deployments', () => {
  it('defaults like SetDefaults_Deployment', () => {
    const d = defaulted('deployments', { metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template } });
    expect(d.spec).toMatchObject({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    expect(d.spec.template.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' });
    const recreate = defaulted('deployments', { spec: { replicas: 0, strategy: { type: 'Recreate' }, revisionHistoryLimit: 0, template } });
    expect(recreate.spec.replicas).toBe(0);
    expect(recreate.spec.revisionHistoryLimit).toBe(0);
    expect(recreate.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('prints NAME READY UP-TO-DATE AVAILABLE AGE, and CONTAINERS IMAGES SELECTOR when wide', () => {
    expect(headers('deployments')).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    expect(headers('deployments', true)).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    const d = {
      metadata: { name: 'web', creationTimestamp: ago(300) },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    };
    expect(row('deployments', d, true)).toEqual(['web', '2/3', 3, 2, '5m', 'nginx,sidecar', 'nginx:1.27,busybox', 'app=web']);
    expect(row('deployments', { metadata: { name: 'new', creationTimestamp: ago(5) }, spec: { replicas: 1, template } }, true))
      .toEqual(['new', '0/1', 0, 0, '5s', 'nginx,sidecar', 'nginx:1.27,busybox', '']);
  });
});

describe('statefulsets', () => {
  it('defaults like SetDefaults_StatefulSet, claim templates included', () => {
    const s = defaulted('statefulsets', {
      spec: { serviceName: 'db', template, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }] },
    });
    expect(s.spec).toMatchObject({
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      revisionHistoryLimit: 10,
    });
    expect(s.spec.updateStrategy.rollingUpdate.maxUnavailable).toBeUndefined();
    expect(s.spec.volumeClaimTemplates[0].spec.volumeMode).toBe('Filesystem');
    expect(s.spec.volumeClaimTemplates[0].status).toEqual({ phase: 'Pending' });
    const onDelete = defaulted('statefulsets', { spec: { updateStrategy: { type: 'OnDelete' }, template } });
    expect(onDelete.spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  it('prints NAME READY AGE, and CONTAINERS IMAGES when wide', () => {
    expect(headers('statefulsets', true)).toEqual(['NAME', 'READY', 'AGE', 'CONTAINERS', 'IMAGES']);
    const s = { metadata: { name: 'db', creationTimestamp: ago(7200) }, spec: { replicas: 3, template }, status: { readyReplicas: 1 } };
    expect(row('statefulsets', s, true)).toEqual(['db', '1/3', '120m', 'nginx,sidecar', 'nginx:1.27,busybox']);
  });
});

describe('daemonsets', () => {
  it('defaults like SetDefaults_DaemonSet', () => {
    const d = defaulted('daemonsets', { spec: { selector: { matchLabels: { app: 'web' } }, template } });
    expect(d.spec).toMatchObject({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, revisionHistoryLimit: 10 });
  });

  it('prints DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE', () => {
    expect(headers('daemonsets', true)).toEqual([
      'NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR',
    ]);
    const d = {
      metadata: { name: 'agent', creationTimestamp: ago(86400 * 3) },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { spec: { ...template.spec, nodeSelector: { 'kubernetes.io/os': 'linux', disk: 'ssd' } } } },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 },
    };
    expect(row('daemonsets', d, true)).toEqual([
      'agent', 3, 3, 2, 3, 2, 'disk=ssd,kubernetes.io/os=linux', '3d', 'nginx,sidecar', 'nginx:1.27,busybox', 'app=agent',
    ]);
    expect(row('daemonsets', { metadata: { name: 'x' }, spec: { template } })[6]).toBe('<none>');
  });
});

describe('replicasets', () => {
  it('defaults replicas to 1', () => {
    expect(defaulted('replicasets', { spec: { template } }).spec.replicas).toBe(1);
  });

  it('prints NAME DESIRED CURRENT READY AGE, and CONTAINERS IMAGES SELECTOR when wide', () => {
    expect(headers('replicasets', true)).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    const r = {
      metadata: { name: 'web-5d8f', creationTimestamp: ago(45) },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d8f' } }, template },
      status: { replicas: 2, readyReplicas: 2 },
    };
    expect(row('replicasets', r, true)).toEqual(['web-5d8f', 2, 2, 2, '45s', 'nginx,sidecar', 'nginx:1.27,busybox', 'app=web,pod-template-hash=5d8f']);
  });
});
