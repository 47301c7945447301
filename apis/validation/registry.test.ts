// The registry path end to end: a create or update through the generic registry functions runs
// the kind validators after defaulting and answers 422 Invalid with the message kubectl prints.

import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from '../catalogue.js';
import { ApiError } from '../errors.js';
import { prepareCreate } from '../registry/create.js';
import type { Scope } from '../registry/scope.js';
import { computeUpdate } from '../registry/update.js';
import type { KObject } from './field.js';
import { deployment } from './testing.js';

function scope(group: string, version: string, plural: string, namespace = 'default'): Scope {
  const catalogue = builtinCatalogue();
  const r = catalogue.resource(group, version, plural);
  if (!r) throw new Error(`no ${plural}`);
  return { cluster: 'root', catalogue, r, namespace, user: { username: 'admin', groups: ['system:masters'] } };
}

function thrown(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('422 Invalid from the registry', () => {
  it('rejects a create whose template labels miss the selector, with kubectl’s message', () => {
    const d = deployment();
    d.spec.template.metadata.labels = { app: 'x' };
    const e = thrown(() => prepareCreate(scope('apps', 'v1', 'deployments'), d, Date.now(), undefined));
    const status = e.toStatus();
    expect(status.code).toBe(422);
    expect(status.reason).toBe('Invalid');
    expect(status.message).toBe('Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`');
    expect(status.details).toEqual({
      name: 'web', group: 'apps', kind: 'Deployment',
      causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`', field: 'spec.template.metadata.labels' }],
    });
  });

  it('rejects a deployment without selector and containers with every error', () => {
    const d = deployment();
    delete d.spec.selector;
    d.spec.template.spec.containers = [];
    const e = thrown(() => prepareCreate(scope('apps', 'v1', 'deployments'), d, Date.now(), undefined));
    expect(e.message).toBe('Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: '
      + 'map[string]string{"app":"web"}: `selector` does not match template `labels`, spec.template.spec.containers: Required value]');
    expect(e.details?.causes?.map((c) => c.reason)).toEqual(['FieldValueRequired', 'FieldValueInvalid', 'FieldValueRequired']);
  });

  it('accepts a valid create, and a Job gets and passes its generated selector', () => {
    const d = deployment();
    prepareCreate(scope('apps', 'v1', 'deployments'), d, Date.now(), undefined);
    expect(d.spec.strategy.type).toBe('RollingUpdate');
    const job: KObject = { metadata: { name: 'pi' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } } };
    prepareCreate(scope('batch', 'v1', 'jobs'), job, Date.now(), undefined);
    expect(job.spec.selector.matchLabels['batch.kubernetes.io/controller-uid']).toBe(job.metadata.uid);
  });

  it('rejects an update that changes the selector, and accepts a status write to the same object', () => {
    const s = scope('apps', 'v1', 'deployments');
    const stored = deployment();
    prepareCreate(s, stored, Date.now(), undefined);
    stored.metadata.resourceVersion = '5';
    const next = structuredClone(stored);
    next.spec.selector.matchLabels = { app: 'api' };
    next.spec.template.metadata.labels = { app: 'api' };
    const e = thrown(() => computeUpdate(s, next, structuredClone(stored), '', 'kubectl', { trackFields: false }));
    expect(e.message).toBe('Deployment.apps "web" is invalid: spec.selector: Invalid value: '
      + '&LabelSelector{MatchLabels:map[string]string{app: api,},MatchExpressions:[]LabelSelectorRequirement{},}: field is immutable');
    const status = computeUpdate(s, { ...structuredClone(stored), status: { replicas: 2 } }, structuredClone(stored), 'status', 'kubectl', { trackFields: false });
    expect((status as KObject).status).toEqual({ replicas: 2 });
  });

  it('names the kind without a group for core resources', () => {
    const cm = { metadata: { name: 'settings' }, data: { 'bad key': 'x' } };
    const e = thrown(() => prepareCreate(scope('', 'v1', 'configmaps'), cm, Date.now(), undefined));
    expect(e.message).toBe("ConfigMap \"settings\" is invalid: data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
  });
});
