// PodDisruptionBudgets, HorizontalPodAutoscalers (v2 and v1), RBAC, Leases and CRDs.
import { describe, expect, it } from 'vitest';
import type { FieldError, KObject } from './field.js';
import { goValue } from './goValue.js';
import { admitErrors } from './testing.js';

const pdb = (spec: KObject): KObject => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'default' }, spec });

describe('PodDisruptionBudget', () => {
  const errorsOf = (o: KObject) => admitErrors('policy', 'v1', 'poddisruptionbudgets', o);
  it('accepts minAvailable or maxUnavailable', () => {
    expect(errorsOf(pdb({ minAvailable: 2, selector: { matchLabels: { app: 'web' } } }))).toEqual([]);
    expect(errorsOf(pdb({ maxUnavailable: '25%', selector: { matchLabels: { app: 'web' } } }))).toEqual([]);
  });
  it.each<[string, KObject, FieldError[]]>([
    ['both minAvailable and maxUnavailable', pdb({ minAvailable: 1, maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } }), [{
      type: 'Invalid', field: 'spec', detail: 'minAvailable and maxUnavailable cannot be both set',
      value: goValue('policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000010000), Selector:(*v1.LabelSelector)(0xc000010020), MaxUnavailable:(*intstr.IntOrString)(0xc000010040), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}'),
    }]],
    ['a percentage above 100', pdb({ maxUnavailable: '150%' }), [{ type: 'Invalid', field: 'spec.maxUnavailable', value: goValue('150%'), detail: 'must not be greater than 100%' }]],
    ['a negative count', pdb({ minAvailable: -1 }), [{ type: 'Invalid', field: 'spec.minAvailable', value: -1, detail: 'must be greater than or equal to 0' }]],
    ['an unknown eviction policy', pdb({ minAvailable: 1, unhealthyPodEvictionPolicy: 'Never' }), [
      { type: 'NotSupported', field: 'spec.unhealthyPodEvictionPolicy', value: 'Never', supported: ['AlwaysAllow', 'IfHealthyBudget'] },
    ]],
  ])('rejects %s', (_name, o, expected) => {
    expect(errorsOf(o)).toEqual(expected);
  });
});

const hpa = (spec: KObject): KObject => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'default' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 10, ...spec },
});
const cpu = (target: KObject) => ({ type: 'Resource', resource: { name: 'cpu', target } });

describe('HorizontalPodAutoscaler', () => {
  const errorsOf = (o: KObject) => admitErrors('autoscaling', 'v2', 'horizontalpodautoscalers', o);
  it('accepts a realistic autoscaler', () => {
    expect(errorsOf(hpa({ metrics: [cpu({ type: 'Utilization', averageUtilization: 70 })] }))).toEqual([]);
  });
  it.each<[string, KObject, FieldError[]]>([
    ['maxReplicas below minReplicas', hpa({ minReplicas: 5, maxReplicas: 3 }), [
      { type: 'Invalid', field: 'spec.maxReplicas', value: 3, detail: 'must be greater than or equal to `minReplicas`' },
    ]],
    ['minReplicas 0', hpa({ minReplicas: 0 }), [
      { type: 'Invalid', field: 'spec.minReplicas', value: 0, detail: 'must be greater than or equal to 1' },
      { type: 'Forbidden', field: 'spec.metrics', detail: 'must specify at least one Object or External metric to support scaling to zero replicas' },
    ]],
    ['a target without name', hpa({ scaleTargetRef: { kind: 'Deployment' } }), [{ type: 'Required', field: 'spec.scaleTargetRef.name' }]],
    ['a resource metric without target values', hpa({ metrics: [cpu({ type: 'Utilization' })] }), [
      { type: 'Required', field: 'spec.metrics[0].resource.target.averageUtilization', detail: 'must set either a target raw value or a target utilization' },
    ]],
    ['a metric of the wrong source', hpa({ metrics: [{ type: 'Pods', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] }), [
      { type: 'Required', field: 'spec.metrics[0].pods', detail: 'must populate information for the given metric source' },
    ]],
    ['a metric with two sources', hpa({ metrics: [{ ...cpu({ type: 'Utilization', averageUtilization: 50 }), external: { metric: { name: 'queue' }, target: { type: 'Value', value: '10' } } }] }), [
      { type: 'Forbidden', field: 'spec.metrics[0].external', detail: 'must populate the given metric source only' },
    ]],
    ['a zero utilization', hpa({ metrics: [cpu({ type: 'Utilization', averageUtilization: 0 })] }), [
      { type: 'Invalid', field: 'spec.metrics[0].resource.target.averageUtilization', value: 0, detail: 'must be greater than 0' },
    ]],
    ['a scaling policy without period', hpa({ behavior: { scaleDown: { policies: [{ type: 'Pods', value: 1, periodSeconds: 0 }] } } }), [
      { type: 'Invalid', field: 'spec.behavior.scaleDown.policies[0].periodSeconds', value: 0, detail: 'must be greater than zero' },
    ]],
  ])('rejects %s', (_name, o, expected) => {
    expect(errorsOf(o)).toEqual(expected);
  });
  it('validates autoscaling/v1 objects in their v2 form', () => {
    const v1 = { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'default' },
      spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 3, maxReplicas: 2, targetCPUUtilizationPercentage: 80 } };
    expect(admitErrors('autoscaling', 'v1', 'horizontalpodautoscalers', v1)).toEqual([
      { type: 'Invalid', field: 'spec.maxReplicas', value: 2, detail: 'must be greater than or equal to `minReplicas`' },
    ]);
  });
});

describe('RBAC', () => {
  const role = (rules: KObject[]): KObject => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader', namespace: 'default' }, rules });
  const binding = (extra: KObject = {}): KObject => ({
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'read', namespace: 'default' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
    subjects: [{ kind: 'User', name: 'jane' }, { kind: 'ServiceAccount', name: 'ci', namespace: 'default' }], ...extra,
  });

  it('accepts realistic roles and bindings', () => {
    expect(admitErrors('rbac.authorization.k8s.io', 'v1', 'roles', role([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }]))).toEqual([]);
    expect(admitErrors('rbac.authorization.k8s.io', 'v1', 'clusterroles', { metadata: { name: 'metrics' }, rules: [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }] })).toEqual([]);
    expect(admitErrors('rbac.authorization.k8s.io', 'v1', 'rolebindings', binding())).toEqual([]);
  });

  it.each<[string, KObject[], FieldError[]]>([
    ['a rule without verbs', [{ apiGroups: [''], resources: ['pods'] }], [{ type: 'Required', field: 'rules[0].verbs', detail: 'verbs must contain at least one value' }]],
    ['a resource rule without groups and resources', [{ verbs: ['get'] }], [
      { type: 'Required', field: 'rules[0].apiGroups', detail: 'resource rules must supply at least one api group' },
      { type: 'Required', field: 'rules[0].resources', detail: 'resource rules must supply at least one resource' },
    ]],
    ['a non-resource URL in a namespaced role', [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }], [
      { type: 'Invalid', field: 'rules[0].nonResourceURLs', value: goValue('[]string{"/healthz"}'), detail: 'namespaced rules cannot apply to non-resource URLs' },
    ]],
  ])('rejects a role with %s', (_name, rules, expected) => {
    expect(admitErrors('rbac.authorization.k8s.io', 'v1', 'roles', role(rules))).toEqual(expected);
  });

  it('rejects bad subjects and role references', () => {
    expect(admitErrors('rbac.authorization.k8s.io', 'v1', 'rolebindings', binding({ roleRef: { kind: 'Policy', name: 'x' }, subjects: [{ kind: 'Robot', name: 'r2' }, { kind: 'User' }] }))).toEqual([
      { type: 'NotSupported', field: 'roleRef.kind', value: 'Policy', supported: ['Role', 'ClusterRole'] },
      { type: 'NotSupported', field: 'subjects[0].kind', value: 'Robot', supported: ['ServiceAccount', 'User', 'Group'] },
      { type: 'Required', field: 'subjects[1].name' },
    ]);
    expect(admitErrors('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', {
      metadata: { name: 'ci' }, roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'ServiceAccount', name: 'ci' }],
    })).toEqual([{ type: 'Required', field: 'subjects[0].namespace' }]);
  });

  it('forbids changing roleRef', () => {
    const next = binding({ roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' } });
    expect(admitErrors('rbac.authorization.k8s.io', 'v1', 'rolebindings', next, binding())).toEqual([
      { type: 'Invalid', field: 'roleRef', value: goValue('rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"view"}'), detail: 'cannot change roleRef' },
    ]);
  });
});

describe('Lease', () => {
  const lease = (spec: KObject) => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'leader', namespace: 'kube-system' }, spec });
  const errorsOf = (o: KObject) => admitErrors('coordination.k8s.io', 'v1', 'leases', o);
  it('accepts a held lease', () => {
    expect(errorsOf(lease({ holderIdentity: 'node-1', leaseDurationSeconds: 15, leaseTransitions: 2 }))).toEqual([]);
  });
  it('rejects a zero duration, negative transitions and a preferred holder without strategy', () => {
    expect(errorsOf(lease({ leaseDurationSeconds: 0, leaseTransitions: -1, preferredHolder: 'node-2' }))).toEqual([
      { type: 'Invalid', field: 'spec.leaseDurationSeconds', value: 0, detail: 'must be greater than 0' },
      { type: 'Invalid', field: 'spec.leaseTransitions', value: -1, detail: 'must be greater than or equal to 0' },
      { type: 'Forbidden', field: 'spec.preferredHolder', detail: 'may only be specified if `strategy` is defined' },
    ]);
  });
});
