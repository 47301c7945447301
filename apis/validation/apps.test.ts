import { describe, expect, it } from 'vitest';
import { errors } from '../errors.js';
import type { FieldError, KObject } from './field.js';
import { goValue } from './goValue.js';
import { admitErrors, deployment } from './testing.js';

const EMPTY_SELECTOR = goValue('&LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{},}');
const IMMUTABLE = 'field is immutable';

const edit = (base: KObject, fn: (o: KObject) => void): KObject => {
  const o = structuredClone(base);
  fn(o);
  return o;
};

describe('Deployment', () => {
  const errorsOf = (d: KObject, old?: KObject) => admitErrors('apps', 'v1', 'deployments', d, old);

  it('rejects a deployment without selector and containers, as kubectl shows it', () => {
    const d = edit(deployment(), (o) => {
      delete o.spec.selector;
      o.spec.template.spec.containers = [];
    });
    const errs = errorsOf(d);
    expect(errs).toEqual([
      { type: 'Required', field: 'spec.selector' },
      { type: 'Invalid', field: 'spec.template.metadata.labels', value: goValue('map[string]string{"app":"web"}'), detail: '`selector` does not match template `labels`' },
      { type: 'Required', field: 'spec.template.spec.containers' },
    ]);
    expect(errors.invalid({ group: 'apps', kind: 'Deployment' }, 'web', errs).message).toBe(
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: '
      + 'map[string]string{"app":"web"}: `selector` does not match template `labels`, spec.template.spec.containers: Required value]',
    );
  });

  const cases: [string, (o: KObject) => void, FieldError[]][] = [
    ['a selector that misses the template labels', (o) => { o.spec.template.metadata.labels = { app: 'x' }; }, [
      { type: 'Invalid', field: 'spec.template.metadata.labels', value: goValue('map[string]string{"app":"x"}'), detail: '`selector` does not match template `labels`' },
    ]],
    ['an empty selector', (o) => { o.spec.selector = {}; }, [{ type: 'Invalid', field: 'spec.selector', value: EMPTY_SELECTOR, detail: 'empty selector is invalid for deployment' }]],
    ['an invalid selector operator', (o) => { o.spec.selector = { matchExpressions: [{ key: 'app', operator: 'Is', values: ['web'] }] }; }, [
      { type: 'Invalid', field: 'spec.selector.matchExpressions[0].operator', value: 'Is', detail: 'not a valid selector operator' },
      { type: 'Invalid', field: 'spec.selector', value: goValue('&LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:app,Operator:Is,Values:[web],},},}'), detail: 'invalid label selector' },
    ]],
    ['negative replicas', (o) => { o.spec.replicas = -1; }, [{ type: 'Invalid', field: 'spec.replicas', value: -1, detail: 'must be greater than or equal to 0' }]],
    ['maxSurge and maxUnavailable both 0', (o) => { o.spec.strategy = { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }; }, [
      { type: 'Invalid', field: 'spec.strategy.rollingUpdate.maxUnavailable', value: goValue('0'), detail: 'may not be 0 when `maxSurge` is 0' },
    ]],
    ['maxUnavailable above 100%', (o) => { o.spec.strategy = { rollingUpdate: { maxUnavailable: '110%' } }; }, [
      { type: 'Invalid', field: 'spec.strategy.rollingUpdate.maxUnavailable', value: goValue('110%'), detail: 'must not be greater than 100%' },
    ]],
    ['maxSurge that is not a percentage', (o) => { o.spec.strategy = { rollingUpdate: { maxSurge: 'lots' } }; }, [
      { type: 'Invalid', field: 'spec.strategy.rollingUpdate.maxSurge', value: goValue('lots'), detail: "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')" },
    ]],
    ['negative maxSurge', (o) => { o.spec.strategy = { rollingUpdate: { maxSurge: -1 } }; }, [
      { type: 'Invalid', field: 'spec.strategy.rollingUpdate.maxSurge', value: -1, detail: 'must be greater than or equal to 0' },
    ]],
    ['rollingUpdate with Recreate', (o) => { o.spec.strategy = { type: 'Recreate', rollingUpdate: { maxSurge: 1 } }; }, [
      { type: 'Forbidden', field: 'spec.strategy.rollingUpdate', detail: "may not be specified when strategy `type` is 'Recreate'" },
    ]],
    ['an unknown strategy type', (o) => { o.spec.strategy = { type: 'BlueGreen' }; }, [
      { type: 'NotSupported', field: 'spec.strategy', value: goValue('apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}'), supported: ['Recreate', 'RollingUpdate'] },
    ]],
    ['a negative revisionHistoryLimit', (o) => { o.spec.revisionHistoryLimit = -1; }, [{ type: 'Invalid', field: 'spec.revisionHistoryLimit', value: -1, detail: 'must be greater than or equal to 0' }]],
    ['a progress deadline not above minReadySeconds', (o) => { o.spec.minReadySeconds = 30; o.spec.progressDeadlineSeconds = 30; }, [
      { type: 'Invalid', field: 'spec.progressDeadlineSeconds', value: 30, detail: 'must be greater than minReadySeconds' },
    ]],
    ['a template restart policy other than Always', (o) => { o.spec.template.spec.restartPolicy = 'OnFailure'; }, [
      { type: 'NotSupported', field: 'spec.template.spec.restartPolicy', value: 'OnFailure', supported: ['Always'] },
    ]],
  ];

  it('accepts a realistic deployment', () => {
    expect(errorsOf(deployment())).toEqual([]);
  });

  it.each(cases)('rejects %s', (_name, fn, expected) => {
    expect(errorsOf(edit(deployment(), fn))).toEqual(expected);
  });

  it('keeps the selector immutable on update', () => {
    const next = edit(deployment(), (o) => {
      o.spec.selector.matchLabels = { app: 'api' };
      o.spec.template.metadata.labels = { app: 'api' };
    });
    expect(errorsOf(next, deployment())).toEqual([
      { type: 'Invalid', field: 'spec.selector', value: goValue('&LabelSelector{MatchLabels:map[string]string{app: api,},MatchExpressions:[]LabelSelectorRequirement{},}'), detail: IMMUTABLE },
    ]);
  });

  it('allows a scale and an image change on update', () => {
    const next = edit(deployment(), (o) => {
      o.spec.replicas = 5;
      o.spec.template.spec.containers[0].image = 'nginx:1.28';
    });
    expect(errorsOf(next, deployment())).toEqual([]);
  });
});

function replicaSet(): KObject {
  const d = deployment();
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-7d4b9', namespace: 'default' }, spec: { replicas: 1, selector: d.spec.selector, template: d.spec.template } };
}

describe('ReplicaSet', () => {
  const errorsOf = (o: KObject, old?: KObject) => admitErrors('apps', 'v1', 'replicasets', o, old);

  it('accepts a realistic replica set', () => {
    expect(errorsOf(replicaSet())).toEqual([]);
  });

  it('uses the Deployment wording for an empty selector, as upstream does', () => {
    expect(errorsOf(edit(replicaSet(), (o) => { o.spec.selector = {}; }))).toEqual([
      { type: 'Invalid', field: 'spec.selector', value: EMPTY_SELECTOR, detail: 'empty selector is invalid for deployment' },
    ]);
  });

  it('keeps the selector immutable', () => {
    const next = edit(replicaSet(), (o) => { o.spec.selector.matchLabels.tier = 'web'; o.spec.template.metadata.labels.tier = 'web'; });
    expect(errorsOf(next, replicaSet())).toEqual([
      { type: 'Invalid', field: 'spec.selector', value: goValue('&LabelSelector{MatchLabels:map[string]string{app: web,tier: web,},MatchExpressions:[]LabelSelectorRequirement{},}'), detail: IMMUTABLE },
    ]);
  });
});

function statefulSet(): KObject {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'default' },
    spec: {
      serviceName: 'db', replicas: 3, selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'postgres', image: 'postgres:17' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  };
}

describe('StatefulSet', () => {
  const errorsOf = (o: KObject, old?: KObject) => admitErrors('apps', 'v1', 'statefulsets', o, old);

  it('accepts a realistic stateful set', () => {
    expect(errorsOf(statefulSet())).toEqual([]);
  });

  const cases: [string, (o: KObject) => void, FieldError[]][] = [
    ['an unknown pod management policy', (o) => { o.spec.podManagementPolicy = 'AllAtOnce'; }, [
      { type: 'Invalid', field: 'spec.podManagementPolicy', value: 'AllAtOnce', detail: "must be 'OrderedReady' or 'Parallel'" },
    ]],
    ['rollingUpdate with OnDelete', (o) => { o.spec.updateStrategy = { type: 'OnDelete', rollingUpdate: { partition: 1 } }; }, [
      { type: 'Invalid', field: 'spec.updateStrategy.rollingUpdate', value: goValue('apps.RollingUpdateStatefulSetStrategy{Partition:1, MaxUnavailable:(*intstr.IntOrString)(nil)}'), detail: "only allowed for updateStrategy 'RollingUpdate'" },
    ]],
    ['a negative partition', (o) => { o.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: -1 } }; }, [
      { type: 'Invalid', field: 'spec.updateStrategy.rollingUpdate.partition', value: -1, detail: 'must be greater than or equal to 0' },
    ]],
    ['no selector', (o) => { delete o.spec.selector; }, [
      { type: 'Required', field: 'spec.selector' },
      { type: 'Invalid', field: 'spec.template.metadata.labels', value: goValue('map[string]string{"app":"db"}'), detail: '`selector` does not match template `labels`' },
    ]],
    ['an empty selector', (o) => { o.spec.selector = {}; }, [{ type: 'Invalid', field: 'spec.selector', value: EMPTY_SELECTOR, detail: 'empty selector is invalid for statefulset' }]],
    ['a template restart policy other than Always', (o) => { o.spec.template.spec.restartPolicy = 'Never'; }, [
      { type: 'NotSupported', field: 'spec.template.spec.restartPolicy', value: 'Never', supported: ['Always'] },
    ]],
    ['an unknown claim retention policy', (o) => { o.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Keep' }; }, [
      { type: 'NotSupported', field: 'spec.persistentVolumeClaimRetentionPolicy.whenDeleted', value: 'Keep', supported: ['Retain', 'Delete'] },
    ]],
    ['a name with a dot (pod host names are DNS labels)', (o) => { o.metadata.name = 'db.v1'; }, [
      { type: 'Invalid', field: 'metadata.name', value: 'db.v1', detail: 'must not contain dots' },
    ]],
  ];

  it.each(cases)('rejects %s', (_name, fn, expected) => {
    expect(errorsOf(edit(statefulSet(), fn))).toEqual(expected);
  });

  it('does not validate the pod spec, as upstream (only its template metadata)', () => {
    expect(errorsOf(edit(statefulSet(), (o) => { o.spec.template.spec.containers = []; }))).toEqual([]);
  });

  it('forbids updates outside replicas, template, updateStrategy and the like', () => {
    expect(errorsOf(edit(statefulSet(), (o) => { o.spec.serviceName = 'db-headless'; }), statefulSet())).toEqual([
      { type: 'Forbidden', field: 'spec', detail: "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden" },
    ]);
    expect(errorsOf(edit(statefulSet(), (o) => { o.spec.replicas = 5; o.spec.template.spec.containers[0].image = 'postgres:18'; }), statefulSet())).toEqual([]);
  });
});

function daemonSet(): KObject {
  return {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'fluent-bit:3' }], tolerations: [{ operator: 'Exists' }] } },
    },
  };
}

describe('DaemonSet', () => {
  const errorsOf = (o: KObject, old?: KObject) => admitErrors('apps', 'v1', 'daemonsets', o, old);

  it('accepts a realistic daemon set', () => {
    expect(errorsOf(daemonSet())).toEqual([]);
  });

  const cases: [string, (o: KObject) => void, FieldError[]][] = [
    ['no selector (reported as a template mismatch, as upstream)', (o) => { delete o.spec.selector; }, [
      { type: 'Invalid', field: 'spec.template.metadata.labels', value: goValue('map[string]string{"app":"agent"}'), detail: '`selector` does not match template `labels`' },
    ]],
    ['maxSurge with maxUnavailable', (o) => { o.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } }; }, [
      { type: 'Invalid', field: 'spec.updateStrategy.rollingUpdate.maxSurge', value: goValue('1'), detail: 'may not be set when maxUnavailable is non-zero' },
    ]],
    ['neither maxSurge nor maxUnavailable', (o) => { o.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }; }, [
      { type: 'Required', field: 'spec.updateStrategy.rollingUpdate.maxUnavailable', detail: 'cannot be 0 when maxSurge is 0' },
    ]],
    ['an unknown update strategy', (o) => { o.spec.updateStrategy = { type: 'Rolling' }; }, [
      { type: 'NotSupported', field: 'spec.updateStrategy', value: goValue('apps.DaemonSetUpdateStrategy{Type:"Rolling", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}'), supported: ['RollingUpdate', 'OnDelete'] },
    ]],
    ['no containers', (o) => { o.spec.template.spec.containers = []; }, [{ type: 'Required', field: 'spec.template.spec.containers' }]],
  ];

  it.each(cases)('rejects %s', (_name, fn, expected) => {
    expect(errorsOf(edit(daemonSet(), fn))).toEqual(expected);
  });

  it('keeps the selector immutable', () => {
    const next = edit(daemonSet(), (o) => { o.spec.selector = { matchLabels: { app: 'agent', v: '2' } }; o.spec.template.metadata.labels.v = '2'; });
    expect(errorsOf(next, daemonSet())).toEqual([
      { type: 'Invalid', field: 'spec.selector', value: goValue('&LabelSelector{MatchLabels:map[string]string{app: agent,v: 2,},MatchExpressions:[]LabelSelectorRequirement{},}'), detail: IMMUTABLE },
    ]);
  });
});
