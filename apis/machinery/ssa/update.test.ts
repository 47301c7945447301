import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from '../../catalogue.js';
import { FieldManagerOptions, fieldPaths, updateManagedFields } from './fieldManager.js';
import { ManagedFieldsEntry } from './managedFields.js';

const registry = builtinCatalogue().types;
const T0 = '2024-01-01T00:00:00Z';
const T1 = '2024-01-01T00:01:00Z';
const cmOpts: FieldManagerOptions = { registry, typeId: 'core/v1:ConfigMap', apiVersion: 'v1', now: T0 };
const depOpts: FieldManagerOptions = { registry, typeId: 'apps/v1:Deployment', apiVersion: 'apps/v1', now: T0 };

type Obj = Record<string, any>;
const mf = (o: Obj): ManagedFieldsEntry[] | undefined => o.metadata?.managedFields;
/** manager → FieldsV1 text, for compact expectations. */
const owners = (o: Obj): Record<string, string> =>
  Object.fromEntries((mf(o) ?? []).map((e) => [`${e.manager}/${e.operation}${e.subresource ? `/${e.subresource}` : ''}`, JSON.stringify(e.fieldsV1)]));
const cm = (data: Record<string, string>, meta: Obj = {}): Obj => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'default', uid: 'u1', resourceVersion: '5', creationTimestamp: T0, ...meta },
  data,
});

describe('Update ownership: create', () => {
  it('gives the creator every field it set, with upstream markers', () => {
    const created = updateManagedFields(undefined, cm({ a: '1', b: '2' }, { labels: { app: 'x' } }), 'kubectl-create', cmOpts);
    expect(mf(created)).toEqual([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'v1',
        time: T0,
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { '.': {}, 'f:a': {}, 'f:b': {} }, 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } },
      },
    ]);
  });

  it('reproduces what kubectl create deployment records', () => {
    const dep = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' }, generation: 1 },
      spec: {
        replicas: 1,
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        selector: { matchLabels: { app: 'nginx' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        template: {
          metadata: { labels: { app: 'nginx' } },
          spec: {
            containers: [
              { name: 'nginx', image: 'nginx', imagePullPolicy: 'Always', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' },
            ],
            dnsPolicy: 'ClusterFirst',
            restartPolicy: 'Always',
            schedulerName: 'default-scheduler',
            securityContext: {},
            terminationGracePeriodSeconds: 30,
          },
        },
      },
    };
    expect(JSON.stringify(mf(updateManagedFields(undefined, dep, 'kubectl-create', depOpts))![0].fieldsV1)).toBe(
      '{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:progressDeadlineSeconds":{},"f:replicas":{},"f:revisionHistoryLimit":{},"f:selector":{},' +
        '"f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}},"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},' +
        '"f:spec":{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:resources":{},"f:terminationMessagePath":{},' +
        '"f:terminationMessagePolicy":{}}},"f:dnsPolicy":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{}}}}}',
    );
  });

  it('records nothing for an object with only server-owned metadata', () => {
    const created = updateManagedFields(undefined, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', uid: 'u', resourceVersion: '1' } }, 'm', cmOpts);
    expect(created.metadata).not.toHaveProperty('managedFields');
  });

  it('does not modify its inputs', () => {
    const obj = cm({ a: '1' });
    const copy = JSON.parse(JSON.stringify(obj));
    updateManagedFields(undefined, obj, 'm', cmOpts);
    expect(obj).toEqual(copy);
  });
});

describe('Update ownership: changes', () => {
  const created = updateManagedFields(undefined, cm({ a: '1', b: '2', c: '3' }), 'creator', cmOpts);

  it('moves changed fields to the writer and drops removed ones from everybody', () => {
    const next = cm({ a: 'changed', c: '3', d: 'new' });
    next.metadata.managedFields = created.metadata.managedFields;
    const out = updateManagedFields(created, next, 'kubectl-edit', { ...cmOpts, now: T1 });
    expect(owners(out)).toEqual({
      'creator/Update': '{"f:data":{".":{},"f:c":{}}}',
      'kubectl-edit/Update': '{"f:data":{"f:a":{},"f:d":{}}}',
    });
    expect(mf(out)!.map((e) => e.time)).toEqual([T0, T1]);
  });

  it('merges later writes of the same manager into its entry and drops emptied entries', () => {
    const edit1 = updateManagedFields(created, cm({ a: 'x', b: '2', c: '3' }), 'editor', { ...cmOpts, now: T1 });
    const edit2 = updateManagedFields(edit1, cm({ a: 'x', b: 'y', c: '3' }), 'editor', { ...cmOpts, now: T1 });
    expect(owners(edit2)).toEqual({ 'creator/Update': '{"f:data":{".":{},"f:c":{}}}', 'editor/Update': '{"f:data":{"f:a":{},"f:b":{}}}' });
    const edit3 = updateManagedFields(edit2, cm({ a: 'x', b: 'y', c: 'z' }), 'editor', { ...cmOpts, now: T1 });
    // The creator still owns the data map itself (".").
    expect(owners(edit3)).toEqual({ 'creator/Update': '{"f:data":{}}', 'editor/Update': '{"f:data":{"f:a":{},"f:b":{},"f:c":{}}}' });
  });

  it('keeps entries and their times when nothing the writer owns changes', () => {
    const same = updateManagedFields(created, cm({ a: '1', b: '2', c: '3' }, { resourceVersion: '6' }), 'other', { ...cmOpts, now: T1 });
    expect(mf(same)).toEqual(mf(created));
  });

  it('keeps one Update entry per apiVersion and subresource', () => {
    const v2 = updateManagedFields(created, cm({ a: '9', b: '2', c: '3' }), 'creator', { ...cmOpts, apiVersion: 'v2' });
    expect(mf(v2)!.map((e) => `${e.manager}@${e.apiVersion}`)).toEqual(['creator@v1', 'creator@v2']);
  });

  it('lets other managers keep fields a writer does not touch', () => {
    const labelled = updateManagedFields(created, cm({ a: '1', b: '2', c: '3' }, { labels: { env: 'prod' } }), 'kubectl-label', cmOpts);
    expect(owners(labelled)['kubectl-label/Update']).toBe('{"f:metadata":{"f:labels":{".":{},"f:env":{}}}}');
    expect(owners(labelled)['creator/Update']).toBe('{"f:data":{".":{},"f:a":{},"f:b":{},"f:c":{}}}');
  });
});

describe('Update ownership: managedFields sent by the client', () => {
  const created = updateManagedFields(undefined, cm({ a: '1' }), 'creator', cmOpts);
  const rewritten: ManagedFieldsEntry[] = [
    { manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', time: T0, fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:a': {} } } },
  ];

  it('takes valid client-written entries (kubectl migration JSON patch)', () => {
    const next = cm({ a: '1' }, { managedFields: rewritten, resourceVersion: '6' });
    expect(mf(updateManagedFields(created, next, 'kubectl', cmOpts))).toEqual(rewritten);
  });

  it('falls back to the live entries when the client sent invalid or no entries', () => {
    for (const bad of [[{ manager: 'x', operation: 'Bogus' }], undefined]) {
      const next = cm({ a: '1' }, bad ? { managedFields: bad } : {});
      expect(mf(updateManagedFields(created, next, 'kubectl', cmOpts))).toEqual(mf(created));
    }
  });

  it('resets on [] or [{}], keeping only what this write changes', () => {
    for (const reset of [[], [{}]]) {
      expect(mf(updateManagedFields(created, cm({ a: '1' }, { managedFields: reset }), 'x', cmOpts))).toBeUndefined();
      expect(owners(updateManagedFields(created, cm({ a: '2' }, { managedFields: reset }), 'x', cmOpts))).toEqual({ 'x/Update': '{"f:data":{"f:a":{}}}' });
    }
  });

  it('ignores client-written entries on subresource writes', () => {
    const next = cm({ a: '1' }, { managedFields: rewritten });
    expect(mf(updateManagedFields(created, next, 'x', { ...cmOpts, subresource: 'status' }))).toEqual(mf(created));
  });
});

describe('Update ownership with a status subresource', () => {
  const dep = (replicas: number, status: Obj = {}): Obj => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd', namespace: 'default' },
    spec: { replicas, template: { spec: { containers: [{ name: 'c', image: 'i' }] } } },
    status,
  });
  const main: FieldManagerOptions = { ...depOpts, ignored: fieldPaths('status') };
  const status: FieldManagerOptions = { ...depOpts, subresource: 'status', restrictTo: fieldPaths('status') };

  it('main-resource writers never own status; status writers own only status', () => {
    const created = updateManagedFields(undefined, dep(1, { replicas: 0 }), 'kubectl-create', main);
    expect(owners(created)['kubectl-create/Update']).not.toContain('status');
    const reported = updateManagedFields(created, dep(2, { replicas: 1, readyReplicas: 1 }), 'controller', status);
    expect(owners(reported)['controller/Update/status']).toBe('{"f:status":{"f:readyReplicas":{},"f:replicas":{}}}');
    expect(owners(reported)['kubectl-create/Update']).toContain('"f:replicas"');
  });

  it('status writes do not take status fields away through main-resource writes', () => {
    const created = updateManagedFields(undefined, dep(1), 'kubectl-create', main);
    const reported = updateManagedFields(created, dep(1, { replicas: 1 }), 'controller', status);
    const edited = updateManagedFields(reported, dep(3, { replicas: 5 }), 'kubectl-edit', main);
    expect(owners(edited)['controller/Update/status']).toBe('{"f:status":{"f:replicas":{}}}');
    expect(owners(edited)['kubectl-edit/Update']).toBe('{"f:spec":{"f:replicas":{}}}');
  });

  it('records scale writes as their own subresource entry', () => {
    const created = updateManagedFields(undefined, dep(1), 'kubectl-create', main);
    const scaled = updateManagedFields(created, dep(4), 'kubectl', { ...depOpts, subresource: 'scale', ignored: fieldPaths('status') });
    expect(mf(scaled)!.find((e) => e.subresource === 'scale')).toMatchObject({
      manager: 'kubectl',
      operation: 'Update',
      apiVersion: 'apps/v1',
      fieldsV1: { 'f:spec': { 'f:replicas': {} } },
    });
    expect(owners(scaled)['kubectl-create/Update']).not.toContain('replicas');
  });
});

describe('Update ownership of objects without a catalogue type', () => {
  it('tracks custom resources with the deduced structure', () => {
    const opts: FieldManagerOptions = { registry, apiVersion: 'example.com/v1', now: T0 };
    const cr = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 1, list: [1] } };
    const created = updateManagedFields(undefined, cr, 'kubectl-create', opts);
    expect(owners(created)).toEqual({ 'kubectl-create/Update': '{"f:spec":{".":{},"f:list":{},"f:size":{}}}' });
    const next = { ...cr, spec: { size: 2, list: [1, 2] } };
    const edited = updateManagedFields(created, next, 'editor', opts);
    expect(owners(edited)).toEqual({
      'kubectl-create/Update': '{"f:spec":{}}',
      'editor/Update': '{"f:spec":{"f:list":{},"f:size":{}}}',
    });
  });
});
