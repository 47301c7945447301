import { describe, expect, it } from 'vitest';
import {
  MANAGED_BY_LABEL, NAMESPACE_LOCATOR_ANNOTATION, SPEC_HASH_ANNOTATION, UPSTREAM_ANNOTATION, UPSTREAM_GENERATION_ANNOTATION,
  UPSTREAM_UID_ANNOTATION, downstreamNamespace, stateLabel, syncConditionAnnotation, syncerFinalizer,
} from '../apis/sync/contract.js';
import { BUILTIN_RESOURCES, CRDS } from './resources.js';
import { downstreamNamespaceObject, downstreamObject, memberContentHash, parseLocator, parseUpstreamRef, upstreamRef } from './transform.js';

const target = { key: 'k3y00001', workspace: 'root:compute', name: 'edge-1' };
const res = (plural: string) => BUILTIN_RESOURCES.find((r) => r.plural === plural)!;
const ws = 'cl1abc';

function upstream(kind: string, apiVersion: string, extra: Record<string, any> = {}): any {
  return {
    apiVersion,
    kind,
    metadata: {
      name: 'web',
      namespace: 'default',
      uid: 'u-1',
      resourceVersion: '42',
      generation: 3,
      creationTimestamp: '2024-01-01T00:00:00Z',
      managedFields: [{ manager: 'kubectl' }],
      ownerReferences: [{ kind: 'X', name: 'y', uid: 'z', apiVersion: 'v1' }],
      finalizers: [syncerFinalizer(target.key)],
      labels: { app: 'web', [stateLabel(target.key)]: 'Sync', [stateLabel('other')]: 'Sync' },
      annotations: {
        'kcp.io/cluster': ws,
        note: 'keep',
        'kubectl.kubernetes.io/last-applied-configuration': '{}',
        [syncConditionAnnotation(target.key)]: '{}',
        'deletion-policy.sync.kplane.io/k3y00001': 'Delete',
      },
    },
    status: { replicas: 1 },
    ...extra,
  };
}

describe('downstreamObject', () => {
  it('maps the namespace, strips server-set metadata and status, and annotates where it came from', () => {
    const { object, hash } = downstreamObject(res('deployments'), upstream('Deployment', 'apps/v1', { spec: { replicas: 2 } }), target);
    expect(object.metadata).toEqual({
      name: 'web',
      namespace: downstreamNamespace(target.key, ws, 'default'),
      labels: { app: 'web', [MANAGED_BY_LABEL]: target.key },
      annotations: {
        note: 'keep',
        [UPSTREAM_ANNOTATION]: `${ws}/default/web`,
        [UPSTREAM_UID_ANNOTATION]: 'u-1',
        [UPSTREAM_GENERATION_ANNOTATION]: '3',
        [SPEC_HASH_ANNOTATION]: hash,
      },
    });
    expect(object.status).toBeUndefined();
    expect(object.spec).toEqual({ replicas: 2 });
    expect(object.apiVersion).toBe('apps/v1');
    expect(object.kind).toBe('Deployment');
  });

  it('hashes what is applied: stable across key order and server-set fields, moving with the spec', () => {
    const a = downstreamObject(res('deployments'), upstream('Deployment', 'apps/v1', { spec: { replicas: 2, paused: false } }), target).hash;
    const reordered = upstream('Deployment', 'apps/v1', { spec: { paused: false, replicas: 2 } });
    reordered.metadata.resourceVersion = '99';
    reordered.status = { replicas: 5 };
    expect(downstreamObject(res('deployments'), reordered, target).hash).toBe(a);
    expect(downstreamObject(res('deployments'), upstream('Deployment', 'apps/v1', { spec: { replicas: 3, paused: false } }), target).hash).not.toBe(a);
  });

  it('strips what the member allocates on Services', () => {
    const svc = upstream('Service', 'v1', {
      spec: { type: 'NodePort', clusterIP: '10.0.0.5', clusterIPs: ['10.0.0.5'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', healthCheckNodePort: 31000, ports: [{ port: 80, nodePort: 30080 }], selector: { app: 'web' } },
    });
    expect(downstreamObject(res('services'), svc, target).object.spec).toEqual({ type: 'NodePort', ports: [{ port: 80 }], selector: { app: 'web' } });
    const headless = upstream('Service', 'v1', { spec: { clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 80 }] } });
    expect(downstreamObject(res('services'), headless, target).object.spec).toEqual({ clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 80 }] });
    const dual = upstream('Service', 'v1', { spec: { ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4', 'IPv6'] } });
    expect(downstreamObject(res('services'), dual, target).object.spec).toEqual({ ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4', 'IPv6'] });
  });

  it('strips generated Job selectors and pod labels, and claim bindings', () => {
    const job = upstream('Job', 'batch/v1', {
      spec: { selector: { matchLabels: { 'controller-uid': 'x' } }, template: { metadata: { labels: { app: 'j', 'controller-uid': 'x', 'job-name': 'web', 'batch.kubernetes.io/job-name': 'web', 'batch.kubernetes.io/controller-uid': 'x' } }, spec: {} } },
    });
    expect(downstreamObject(res('jobs'), job, target).object.spec).toEqual({ template: { metadata: { labels: { app: 'j' } }, spec: {} } });
    const manual = upstream('Job', 'batch/v1', { spec: { manualSelector: true, selector: { matchLabels: { a: 'b' } }, template: {} } });
    expect(downstreamObject(res('jobs'), manual, target).object.spec.selector).toEqual({ matchLabels: { a: 'b' } });
    const pvc = upstream('PersistentVolumeClaim', 'v1', { spec: { volumeName: 'pv-1', resources: { requests: { storage: '1Gi' } } } });
    pvc.metadata.annotations['pv.kubernetes.io/bind-completed'] = 'yes';
    const out = downstreamObject(res('persistentvolumeclaims'), pvc, target).object;
    expect(out.spec).toEqual({ resources: { requests: { storage: '1Gi' } } });
    expect(out.metadata.annotations['pv.kubernetes.io/bind-completed']).toBeUndefined();
  });

  it('points RoleBinding ServiceAccount subjects at their mapped namespaces', () => {
    const rb = upstream('RoleBinding', 'rbac.authorization.k8s.io/v1', {
      roleRef: { kind: 'Role', name: 'r', apiGroup: 'rbac.authorization.k8s.io' },
      subjects: [{ kind: 'ServiceAccount', name: 'app', namespace: 'default' }, { kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }],
    });
    const subjects = downstreamObject(res('rolebindings'), rb, target).object.subjects;
    expect(subjects).toEqual([{ kind: 'ServiceAccount', name: 'app', namespace: downstreamNamespace(target.key, ws, 'default') }, { kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }]);
  });

  it('keeps cluster-scoped objects (CRDs) without a namespace', () => {
    const crd = upstream('CustomResourceDefinition', 'apiextensions.k8s.io/v1', { spec: { group: 'example.com' } });
    delete crd.metadata.namespace;
    const { object } = downstreamObject(CRDS, crd, target);
    expect(object.metadata.namespace).toBeUndefined();
    expect(object.metadata.annotations[UPSTREAM_ANNOTATION]).toBe(`${ws}//web`);
  });
});

describe('downstreamNamespaceObject', () => {
  it('names the member namespace by hash and carries the locator', () => {
    const ns = { metadata: { name: 'default', uid: 'n-1', labels: { team: 'a', 'kubernetes.io/metadata.name': 'default', [stateLabel(target.key)]: 'Sync' }, annotations: { 'kcp.io/cluster': ws } } };
    const { object } = downstreamNamespaceObject(target, ws, 'default', ns);
    expect(object.metadata.name).toBe(downstreamNamespace(target.key, ws, 'default'));
    expect(object.metadata.name).toMatch(/^kplane-[0-9a-z]{12}$/);
    expect(object.metadata.labels).toEqual({ team: 'a', [MANAGED_BY_LABEL]: target.key });
    expect(parseLocator(object.metadata.annotations[NAMESPACE_LOCATOR_ANNOTATION])).toEqual({ workspace: ws, namespace: 'default', syncTarget: target });
    // Without the workspace namespace at hand, only ours.
    const minimal = downstreamNamespaceObject(target, ws, 'default').object;
    expect(minimal.metadata.labels).toEqual({ [MANAGED_BY_LABEL]: target.key });
  });
});

describe('refs and fingerprints', () => {
  it('round-trips upstream refs', () => {
    expect(parseUpstreamRef(upstreamRef(ws, 'default', 'a.b'))).toEqual({ cluster: ws, namespace: 'default', name: 'a.b' });
    expect(parseUpstreamRef(upstreamRef(ws, undefined, 'crd.example.com'))).toEqual({ cluster: ws, namespace: '', name: 'crd.example.com' });
    expect(parseUpstreamRef('nope')).toBeUndefined();
  });

  it('fingerprints member content without status and server bookkeeping', () => {
    const a = { metadata: { name: 'x', resourceVersion: '1', generation: 1, managedFields: [] }, spec: { a: 1 }, status: { b: 1 } };
    const b = { metadata: { name: 'x', resourceVersion: '2', generation: 1, managedFields: [{}] }, spec: { a: 1 }, status: { b: 2 } };
    expect(memberContentHash(a)).toBe(memberContentHash(b));
    expect(memberContentHash({ ...a, spec: { a: 2 } })).not.toBe(memberContentHash(a));
  });
});
