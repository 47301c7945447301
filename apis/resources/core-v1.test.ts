import { describe, expect, it } from 'vitest';
import { KObject, ResourceDef, STANDARD_VERBS } from './model.js';
import { resources } from './core-v1.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function res(plural: string): ResourceDef {
  const r = resources.find((x) => x.plural === plural);
  if (!r) throw new Error(`no resource ${plural}`);
  return r;
}

/** Column headers as kubectl prints them: upper-cased, wide ones only with `wide`. */
function headers(plural: string, wide = false): string[] {
  return res(plural).columns!.filter((c) => wide || !c.priority).map((c) => c.name.toUpperCase());
}

/** Cells of one row, as the server computes them (all columns, wide included). */
function row(plural: string, obj: KObject, wide = false): unknown[] {
  return res(plural).columns!.filter((c) => wide || !c.priority).map((c) => c.cell(obj, NOW));
}

function defaulted(plural: string, obj: KObject): KObject {
  const copy = structuredClone(obj);
  res(plural).strategy?.defaults?.(copy);
  return copy;
}

describe('core/v1 discovery facts', () => {
  it('lists the nine resources with upstream names, scopes and verbs', () => {
    const summary = resources.map((r) => [r.plural, r.singular, r.kind, r.namespaced, r.shortNames ?? [], r.categories ?? []]);
    expect(summary).toEqual([
      ['configmaps', 'configmap', 'ConfigMap', true, ['cm'], []],
      ['events', 'event', 'Event', true, ['ev'], []],
      ['limitranges', 'limitrange', 'LimitRange', true, ['limits'], []],
      ['namespaces', 'namespace', 'Namespace', false, ['ns'], []],
      ['persistentvolumeclaims', 'persistentvolumeclaim', 'PersistentVolumeClaim', true, ['pvc'], []],
      ['resourcequotas', 'resourcequota', 'ResourceQuota', true, ['quota'], []],
      ['secrets', 'secret', 'Secret', true, [], []],
      ['serviceaccounts', 'serviceaccount', 'ServiceAccount', true, ['sa'], []],
      ['services', 'service', 'Service', true, ['svc'], ['all']],
    ]);
    for (const r of resources) {
      expect(r.group).toBe('');
      expect(r.version).toBe('v1');
      expect(r.type).toBe(`core/v1:${r.kind}`);
      expect(r.generation ?? false).toBe(false);
      if (r.plural === 'namespaces') expect(r.verbs).toEqual(['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']);
      else expect(r.verbs).toEqual(STANDARD_VERBS);
    }
  });

  it('has status where upstream has it, plus finalize and token', () => {
    expect(resources.filter((r) => r.status).map((r) => r.plural)).toEqual(['namespaces', 'persistentvolumeclaims', 'resourcequotas', 'services']);
    expect(res('namespaces').subresources).toEqual([{ name: 'finalize', group: '', version: 'v1', kind: 'Namespace', verbs: ['update'] }]);
    expect(res('serviceaccounts').subresources).toEqual([
      { name: 'token', group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest', verbs: ['create'] },
    ]);
  });

  it('validates names as upstream does', () => {
    expect(res('namespaces').nameRule).toBe('label');
    expect(res('services').nameRule).toBe('dns1035');
    expect(res('events').nameRule).toBe('path');
    for (const p of ['configmaps', 'secrets', 'serviceaccounts', 'persistentvolumeclaims', 'resourcequotas', 'limitranges']) {
      expect(res(p).nameRule).toBe('subdomain');
    }
  });
});

describe('namespaces', () => {
  const ns = { metadata: { name: 'team-a', creationTimestamp: ago(3 * 86400 + 5 * 3600) }, status: { phase: 'Active' } };

  it('prints NAME STATUS AGE', () => {
    expect(headers('namespaces')).toEqual(['NAME', 'STATUS', 'AGE']);
    expect(row('namespaces', ns)).toEqual(['team-a', 'Active', '3d5h']);
    expect(row('namespaces', { ...ns, status: { phase: 'Terminating' } })[1]).toBe('Terminating');
  });

  it('defaults the name label, the kubernetes finalizer and phase Active on create', () => {
    const created = (obj: KObject): KObject => {
      const copy = structuredClone(obj);
      res('namespaces').strategy?.prepareForCreate?.(copy);
      res('namespaces').strategy?.defaults?.(copy);
      return copy;
    };
    expect(created({ metadata: { name: 'team-a', labels: { env: 'dev' } } })).toEqual({
      metadata: { name: 'team-a', labels: { env: 'dev', 'kubernetes.io/metadata.name': 'team-a' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
    expect(created({ metadata: { name: 'x' }, spec: { finalizers: ['example.com/keep'] } }).spec.finalizers)
      .toEqual(['example.com/keep', 'kubernetes']);
  });

  it('keeps spec.finalizers out of reach of ordinary updates; /finalize changes them', () => {
    const strategy = res('namespaces').strategy!;
    const old = { metadata: { name: 'gone', uid: 'u1', resourceVersion: '9' }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Terminating' } };
    const update = { metadata: { name: 'gone' }, spec: { finalizers: [] } };
    strategy.prepareForUpdate!(update, old);
    expect(update.spec.finalizers).toEqual(['kubernetes']);
    expect(defaulted('namespaces', old).spec.finalizers).toEqual(['kubernetes']);
    expect(strategy.updateSubresource!('finalize', { spec: { finalizers: [] } }, old)!.spec.finalizers).toEqual([]);
    expect(strategy.holdsDeletion!(old)).toBe(true);
  });
});

describe('configmaps, secrets, serviceaccounts', () => {
  it('prints configmaps NAME DATA AGE, counting data and binaryData', () => {
    expect(headers('configmaps')).toEqual(['NAME', 'DATA', 'AGE']);
    const cm = { metadata: { name: 'settings', creationTimestamp: ago(18) }, data: { a: '1', b: '2' }, binaryData: { c: 'AAE=' } };
    expect(row('configmaps', cm)).toEqual(['settings', 3, '18s']);
    expect(row('configmaps', { metadata: { name: 'empty', creationTimestamp: ago(90) } })).toEqual(['empty', 0, '90s']);
  });

  it('prints secrets NAME TYPE DATA AGE', () => {
    expect(headers('secrets')).toEqual(['NAME', 'TYPE', 'DATA', 'AGE']);
    const s = { metadata: { name: 'tls', creationTimestamp: ago(7 * 60 + 3) }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'Yw==', 'tls.key': 'aw==' } };
    expect(row('secrets', s)).toEqual(['tls', 'kubernetes.io/tls', 2, '7m3s']);
  });

  it('defaults secrets to Opaque and folds stringData into data', () => {
    expect(defaulted('secrets', { metadata: { name: 's' }, data: { a: 'eA==' }, stringData: { password: 'hunter2', a: 'y' } })).toEqual({
      metadata: { name: 's' },
      type: 'Opaque',
      data: { a: 'eQ==', password: 'aHVudGVyMg==' },
    });
    expect(defaulted('secrets', { metadata: { name: 't' }, type: 'kubernetes.io/dockerconfigjson' }).type).toBe('kubernetes.io/dockerconfigjson');
  });

  it('prints serviceaccounts NAME SECRETS AGE', () => {
    expect(headers('serviceaccounts')).toEqual(['NAME', 'SECRETS', 'AGE']);
    expect(row('serviceaccounts', { metadata: { name: 'default', creationTimestamp: ago(5 * 3600) } })).toEqual(['default', 0, '5h']);
    expect(row('serviceaccounts', { metadata: { name: 'builder', creationTimestamp: ago(60) }, secrets: [{ name: 'builder-token' }] }))
      .toEqual(['builder', 1, '60s']);
  });
});

describe('events', () => {
  const ev = {
    metadata: { name: 'web-7d4b9.17f3a2c1d0e4b5a6', namespace: 'team-a', creationTimestamp: ago(300) },
    involvedObject: { kind: 'Pod', namespace: 'team-a', name: 'web-7d4b9', fieldPath: 'spec.containers{web}' },
    reason: 'Pulled',
    message: 'Successfully pulled image "nginx:1.27" in 1.2s\n',
    source: { component: 'kubelet', host: 'node-1' },
    firstTimestamp: ago(300),
    lastTimestamp: ago(45),
    count: 3,
    type: 'Normal',
    eventTime: null,
    reportingComponent: 'kubelet',
    reportingInstance: 'node-1',
  };

  it('prints LAST SEEN TYPE REASON OBJECT MESSAGE, and the wide columns in upstream order', () => {
    expect(headers('events')).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(headers('events', true)).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME']);
    expect(row('events', ev)).toEqual(['45s', 'Normal', 'Pulled', 'pod/web-7d4b9', 'Successfully pulled image "nginx:1.27" in 1.2s']);
    expect(row('events', ev, true)).toEqual([
      '45s', 'Normal', 'Pulled', 'pod/web-7d4b9', 'spec.containers{web}', 'kubelet, node-1',
      'Successfully pulled image "nginx:1.27" in 1.2s', '5m', 3, 'web-7d4b9.17f3a2c1d0e4b5a6',
    ]);
  });

  it('handles events of the newer API: eventTime, series, reporting controller', () => {
    const newer = {
      metadata: { name: 'web.1', namespace: 'team-a', creationTimestamp: ago(600) },
      involvedObject: { kind: 'Deployment', name: 'web' },
      reason: 'ScalingReplicaSet',
      message: 'Scaled up replica set web-7d4b9 to 3',
      type: 'Normal',
      eventTime: new Date(NOW - 600_000).toISOString().replace('Z', '123Z'),
      reportingComponent: 'deployment-controller',
      reportingInstance: '',
    };
    expect(row('events', newer, true)).toEqual([
      '10m', 'Normal', 'ScalingReplicaSet', 'deployment/web', '', 'deployment-controller',
      'Scaled up replica set web-7d4b9 to 3', '10m', 1, 'web.1',
    ]);
    const series = { ...newer, series: { count: 7, lastObservedTime: new Date(NOW - 20_000).toISOString() } };
    const cells = row('events', series, true);
    expect(cells[0]).toBe('20s');
    expect(cells[8]).toBe(7);
  });

  it('prints <unknown> without timestamps and the bare kind without a name', () => {
    const bare = { metadata: { name: 'x' }, involvedObject: { kind: 'Node' }, reason: 'Starting', type: 'Normal' };
    expect(row('events', bare)).toEqual(['<unknown>', 'Normal', 'Starting', 'node', '']);
  });
});

describe('services', () => {
  const base = (spec: KObject, status: KObject = {}): KObject => ({
    metadata: { name: 'web', namespace: 'team-a', creationTimestamp: ago(2 * 3600 + 15 * 60) },
    spec,
    status,
  });

  it('prints NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE and wide SELECTOR', () => {
    expect(headers('services')).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
    expect(headers('services', true)).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR']);
    const svc = base({
      type: 'ClusterIP', clusterIP: '10.96.12.7', clusterIPs: ['10.96.12.7'],
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }],
      selector: { tier: 'front', app: 'web' },
    });
    expect(row('services', svc, true)).toEqual(['web', 'ClusterIP', '10.96.12.7', '<none>', '80/TCP', '135m', 'app=web,tier=front']);
  });

  it('prints node ports, pending and assigned load balancers, external IPs', () => {
    const lb = base({
      type: 'LoadBalancer', clusterIPs: ['10.96.0.20'],
      ports: [{ port: 80, protocol: 'TCP', nodePort: 31080 }, { port: 443, protocol: 'TCP', nodePort: 30443 }],
    });
    expect(row('services', lb)).toEqual(['web', 'LoadBalancer', '10.96.0.20', '<pending>', '80:31080/TCP,443:30443/TCP', '135m']);
    const assigned: KObject = { ...lb, status: { loadBalancer: { ingress: [{ ip: '203.0.113.9' }, { hostname: 'lb.example.com' }, { ip: '203.0.113.9' }] } } };
    expect(row('services', assigned)[3]).toBe('203.0.113.9,lb.example.com');
    const withExternal: KObject = { ...assigned, spec: { ...assigned.spec, externalIPs: ['198.51.100.1'] } };
    expect(row('services', withExternal)[3]).toBe('203.0.113.9,lb.example.com,198.51.100.1');
    const np = base({ type: 'NodePort', clusterIPs: ['10.96.0.21'], externalIPs: ['198.51.100.2', '198.51.100.3'], ports: [{ port: 53, protocol: 'UDP', nodePort: 30053 }] });
    expect(row('services', np)).toEqual(['web', 'NodePort', '10.96.0.21', '198.51.100.2,198.51.100.3', '53:30053/UDP', '135m']);
  });

  it('prints headless, ExternalName and port-less services', () => {
    const headless = base({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 5432, protocol: 'TCP' }], selector: { app: 'db' } });
    expect(row('services', headless, true)).toEqual(['web', 'ClusterIP', 'None', '<none>', '5432/TCP', '135m', 'app=db']);
    const ext = base({ type: 'ExternalName', externalName: 'db.example.com' });
    expect(row('services', ext, true)).toEqual(['web', 'ExternalName', '<none>', 'db.example.com', '<none>', '135m', '<none>']);
  });

  it('defaults type, affinity, protocol, targetPort and traffic policies', () => {
    const out = defaulted('services', {
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }, { name: 'dns', port: 53, protocol: 'UDP', targetPort: 'dns' }] },
    });
    expect(out.spec).toEqual({
      selector: { app: 'web' },
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ports: [
        { port: 80, protocol: 'TCP', targetPort: 80 },
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 'dns' },
      ],
    });
    expect(out.spec.clusterIP).toBeUndefined();
  });

  it('defaults LoadBalancer and ClientIP services', () => {
    const out = defaulted('services', {
      metadata: { name: 'web' },
      spec: { type: 'LoadBalancer', sessionAffinity: 'ClientIP', ports: [{ port: 443, targetPort: 0 }] },
      status: { loadBalancer: { ingress: [{ ip: '203.0.113.9' }, { hostname: 'lb.example.com' }] } },
    });
    expect(out.spec).toEqual({
      type: 'LoadBalancer',
      sessionAffinity: 'ClientIP',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
      ports: [{ port: 443, protocol: 'TCP', targetPort: 443 }],
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
      allocateLoadBalancerNodePorts: true,
    });
    expect(out.status.loadBalancer.ingress).toEqual([{ ip: '203.0.113.9', ipMode: 'VIP' }, { hostname: 'lb.example.com' }]);
  });

  it('keeps explicit settings and gives ExternalName services no traffic policy', () => {
    const ext = defaulted('services', { metadata: { name: 'x' }, spec: { type: 'ExternalName', externalName: 'db.example.com' } });
    expect(ext.spec).toEqual({ type: 'ExternalName', externalName: 'db.example.com', sessionAffinity: 'None' });
    const affinity = defaulted('services', { metadata: { name: 'y' }, spec: { sessionAffinity: 'None', sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } } } });
    expect(affinity.spec.sessionAffinityConfig).toBeUndefined();
    const local = defaulted('services', { metadata: { name: 'z' }, spec: { type: 'NodePort', externalTrafficPolicy: 'Local', internalTrafficPolicy: 'Local' } });
    expect([local.spec.externalTrafficPolicy, local.spec.internalTrafficPolicy]).toEqual(['Local', 'Local']);
  });
});

describe('persistentvolumeclaims', () => {
  it('prints the upstream columns and wide VOLUMEMODE', () => {
    expect(headers('persistentvolumeclaims')).toEqual(['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE']);
    expect(headers('persistentvolumeclaims', true)).toEqual([
      'NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE', 'VOLUMEMODE',
    ]);
  });

  it('prints a bound and a pending claim', () => {
    const boundClaim = {
      metadata: { name: 'data-db-0', creationTimestamp: ago(26 * 3600) },
      spec: {
        accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } },
        volumeName: 'pvc-4f1c9a6e-2b7d-4c1e-9a53-0d8e6b1f2a77', storageClassName: 'standard', volumeMode: 'Filesystem',
      },
      status: { phase: 'Bound', accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'], capacity: { storage: '10Gi' } },
    };
    expect(row('persistentvolumeclaims', boundClaim, true)).toEqual([
      'data-db-0', 'Bound', 'pvc-4f1c9a6e-2b7d-4c1e-9a53-0d8e6b1f2a77', '10Gi', 'RWO,RWOP', 'standard', '<unset>', '26h', 'Filesystem',
    ]);
    const pending = {
      metadata: { name: 'scratch', creationTimestamp: ago(12), annotations: { 'volume.beta.kubernetes.io/storage-class': 'fast' } },
      spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeAttributesClassName: 'gold' },
      status: { phase: 'Pending' },
    };
    expect(row('persistentvolumeclaims', pending, true)).toEqual(['scratch', 'Pending', '', '', '', 'fast', 'gold', '12s', '<unset>']);
    const deleting = { ...pending, metadata: { ...pending.metadata, deletionTimestamp: ago(1) } };
    expect(row('persistentvolumeclaims', deleting)[1]).toBe('Terminating');
  });

  it('defaults volumeMode, phase Pending and mirrors the data source', () => {
    expect(defaulted('persistentvolumeclaims', {
      metadata: { name: 'copy' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, dataSource: { kind: 'PersistentVolumeClaim', name: 'orig' } },
    })).toEqual({
      metadata: { name: 'copy' },
      spec: {
        accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem',
        dataSource: { kind: 'PersistentVolumeClaim', name: 'orig' },
        dataSourceRef: { kind: 'PersistentVolumeClaim', name: 'orig' },
      },
      status: { phase: 'Pending' },
    });
    const snap = defaulted('persistentvolumeclaims', {
      metadata: { name: 'restore' },
      spec: { volumeMode: 'Block', dataSourceRef: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 's1' } },
      status: { phase: 'Bound' },
    });
    expect(snap.spec.volumeMode).toBe('Block');
    expect(snap.spec.dataSource).toEqual({ apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 's1' });
    expect(snap.status.phase).toBe('Bound');
    const crossNs = defaulted('persistentvolumeclaims', {
      metadata: { name: 'x' }, spec: { dataSourceRef: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 's1', namespace: 'other' } },
    });
    expect(crossNs.spec.dataSource).toBeUndefined();
  });
});

describe('resourcequotas and limitranges', () => {
  it('prints resourcequotas NAME AGE REQUEST LIMIT from status', () => {
    expect(headers('resourcequotas')).toEqual(['NAME', 'AGE', 'REQUEST', 'LIMIT']);
    const q = {
      metadata: { name: 'compute', creationTimestamp: ago(40) },
      spec: { hard: { pods: '10', 'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.cpu': '8', 'limits.memory': '16Gi' } },
      status: {
        hard: { pods: '10', 'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.cpu': '8', 'limits.memory': '16Gi' },
        used: { pods: '2', 'requests.cpu': '500m', 'limits.cpu': '1' },
      },
    };
    expect(row('resourcequotas', q)).toEqual([
      'compute', '40s', 'pods: 2/10, requests.cpu: 500m/4, requests.memory: 0/8Gi', 'limits.cpu: 1/8, limits.memory: 0/16Gi',
    ]);
    expect(row('resourcequotas', { metadata: { name: 'fresh', creationTimestamp: ago(3) }, spec: { hard: { pods: '1' } } }))
      .toEqual(['fresh', '3s', '', '']);
  });

  it('prints limitranges NAME CREATED AT', () => {
    expect(headers('limitranges')).toEqual(['NAME', 'CREATED AT']);
    const created = '2025-05-30T08:15:00Z';
    expect(row('limitranges', { metadata: { name: 'defaults', creationTimestamp: created } })).toEqual(['defaults', created]);
    expect(res('limitranges').columns![1].type).toBe('date');
  });

  it('defaults container limit ranges from max and min', () => {
    const out = defaulted('limitranges', {
      metadata: { name: 'defaults' },
      spec: {
        limits: [
          { type: 'Container', max: { cpu: '2', memory: '1Gi' }, min: { cpu: '100m', 'ephemeral-storage': '1Gi' }, default: { memory: '512Mi' } },
          { type: 'Pod', max: { cpu: '4' } },
          { type: 'Container', min: { cpu: '50m' } },
        ],
      },
    });
    expect(out.spec.limits).toEqual([
      {
        type: 'Container', max: { cpu: '2', memory: '1Gi' }, min: { cpu: '100m', 'ephemeral-storage': '1Gi' },
        default: { memory: '512Mi', cpu: '2' },
        defaultRequest: { memory: '512Mi', cpu: '2', 'ephemeral-storage': '1Gi' },
      },
      { type: 'Pod', max: { cpu: '4' } },
      { type: 'Container', min: { cpu: '50m' }, defaultRequest: { cpu: '50m' } },
    ]);
  });
});

describe('field selectors beyond metadata', () => {
  it('lets events be selected by the object they are about, as kubectl describe does', () => {
    const ev = { involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'a', uid: 'u' }, reason: 'Started', type: 'Normal', source: { component: 'kubelet' } };
    const f = res('events').selectableFields!;
    expect(f['involvedObject.name'](ev)).toBe('web-1');
    expect(f['involvedObject.kind'](ev)).toBe('Pod');
    expect(f.source(ev)).toBe('kubelet');
    expect(res('namespaces').selectableFields!['status.phase']({ status: { phase: 'Active' } })).toBe('Active');
    expect(res('secrets').selectableFields!.type({ type: 'Opaque' })).toBe('Opaque');
  });
});
