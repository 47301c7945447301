import { describe, expect, it } from 'vitest';
import type { FieldError, KObject } from './field.js';
import { goValue } from './goValue.js';
import { admitErrors } from './testing.js';

describe('Namespace and ServiceAccount', () => {
  it('accepts a namespace (its kubernetes finalizer included) and rejects an unqualified finalizer', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' }, spec: { finalizers: ['kubernetes'] } };
    expect(admitErrors('', 'v1', 'namespaces', ns)).toEqual([]);
    expect(admitErrors('', 'v1', 'namespaces', { ...ns, spec: { finalizers: ['cleanup'] } })).toEqual([
      { type: 'Invalid', field: 'spec.finalizers', value: 'cleanup', detail: 'name is neither a standard finalizer name nor is it fully qualified' },
    ]);
  });

  it('has no service account rules beyond metadata', () => {
    expect(admitErrors('', 'v1', 'serviceaccounts', { metadata: { name: 'builder', namespace: 'ci' }, secrets: [{ name: 'x' }] })).toEqual([]);
  });
});

const quota = (spec: KObject): KObject => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'compute', namespace: 'team-a' }, spec });

describe('ResourceQuota', () => {
  const errorsOf = (o: KObject, old?: KObject) => admitErrors('', 'v1', 'resourcequotas', o, old);

  it('accepts a realistic quota', () => {
    expect(errorsOf(quota({ hard: { 'requests.cpu': '4', 'requests.memory': '8Gi', pods: '20', 'count/deployments.apps': '5' } }))).toEqual([]);
    expect(errorsOf(quota({ hard: { pods: '10' }, scopes: ['BestEffort'] }))).toEqual([]);
  });

  const cases: [string, KObject, FieldError[]][] = [
    ['an unknown resource', quota({ hard: { gpus: '1' } }), [
      { type: 'Invalid', field: 'spec.hard[gpus]', value: 'gpus', detail: 'must be a standard resource type or fully qualified' },
      { type: 'Invalid', field: 'spec.hard[gpus]', value: 'gpus', detail: 'must be a standard resource for quota' },
    ]],
    ['a fractional pod count', quota({ hard: { pods: '1500m' } }), [{ type: 'Invalid', field: 'spec.hard[pods]', value: goValue('1500m'), detail: 'must be an integer' }]],
    ['a negative quantity', quota({ hard: { cpu: '-1' } }), [{ type: 'Invalid', field: 'spec.hard[cpu]', value: '-1', detail: 'must be greater than or equal to 0' }]],
    ['conflicting scopes', quota({ hard: { pods: '1' }, scopes: ['BestEffort', 'NotBestEffort'] }), [
      { type: 'Invalid', field: 'spec.scopes', value: goValue('[]core.ResourceQuotaScope{"BestEffort", "NotBestEffort"}'), detail: 'conflicting scopes' },
    ]],
    ['a scope that does not apply to a resource', quota({ hard: { 'requests.cpu': '1' }, scopes: ['BestEffort'] }), [
      { type: 'Invalid', field: 'spec.scopes', value: goValue('[]core.ResourceQuotaScope{"BestEffort"}'), detail: 'unsupported scope applied to resource' },
    ]],
  ];

  it.each(cases)('rejects %s', (_name, o, expected) => {
    expect(errorsOf(o)).toEqual(expected);
  });

  it('keeps scopes immutable', () => {
    expect(errorsOf(quota({ hard: { pods: '1' }, scopes: ['NotTerminating'] }), quota({ hard: { pods: '1' }, scopes: ['Terminating'] }))).toEqual([
      { type: 'Invalid', field: 'spec.scopes', value: goValue('[]core.ResourceQuotaScope{"NotTerminating"}'), detail: 'field is immutable' },
    ]);
  });
});

const limitRange = (limits: KObject[]): KObject => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', namespace: 'team-a' }, spec: { limits } });

describe('LimitRange', () => {
  const errorsOf = (o: KObject) => admitErrors('', 'v1', 'limitranges', o);

  it('accepts a realistic limit range', () => {
    expect(errorsOf(limitRange([
      { type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m' }, max: { cpu: '2' }, min: { cpu: '50m' } },
      { type: 'PersistentVolumeClaim', max: { storage: '50Gi' } },
    ]))).toEqual([]);
  });

  const cases: [string, KObject, FieldError[]][] = [
    ['an unknown type', limitRange([{ type: 'Node', max: { cpu: '1' } }]), [
      { type: 'Invalid', field: 'spec.limits[0].type', value: 'Node', detail: 'must be a standard limit type or fully qualified' },
    ]],
    ['two items of one type', limitRange([{ type: 'Pod', max: { cpu: '1' } }, { type: 'Pod', max: { memory: '1Gi' } }]), [
      { type: 'Duplicate', field: 'spec.limits[1].type', value: 'Pod' },
    ]],
    ['min above max', limitRange([{ type: 'Container', min: { cpu: '2' }, max: { cpu: '1' } }]), [
      { type: 'Invalid', field: 'spec.limits[0].min[cpu]', value: goValue('2'), detail: 'min value 2 is greater than max value 1' },
      { type: 'Invalid', field: 'spec.limits[0].defaultRequest[cpu]', value: goValue('1'), detail: 'min value 2 is greater than default request value 1' },
      { type: 'Invalid', field: 'spec.limits[0].default[cpu]', value: goValue('2'), detail: 'min value 2 is greater than default value 1' },
    ]],
    ['a default on a Pod item', limitRange([{ type: 'Pod', default: { cpu: '1' } }]), [
      { type: 'Forbidden', field: 'spec.limits[0].default', detail: "may not be specified when `type` is 'Pod'" },
    ]],
    ['a claim item without storage bounds', limitRange([{ type: 'PersistentVolumeClaim', max: { 'requests.storage': '1Gi' } }]), [
      { type: 'Required', field: 'spec.limits[0].limits', detail: 'either minimum or maximum storage value is required, but neither was provided' },
    ]],
  ];

  it.each(cases)('rejects %s', (_name, o, expected) => {
    expect(errorsOf(o)).toEqual(expected);
  });
});
