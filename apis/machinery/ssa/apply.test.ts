import { describe, expect, it } from 'vitest';
import { ApiError } from '../../errors.js';
import { builtinCatalogue } from '../../catalogue.js';
import { pathString } from './pathElement.js';
import { FieldManagerOptions, applyConfiguration, applyConfigurationOrThrow, fieldPaths, updateManagedFields } from './fieldManager.js';
import { LAST_APPLIED_ANNOTATION } from './lastApplied.js';
import { ManagedFieldsEntry } from './managedFields.js';

const registry = builtinCatalogue().types;
const T0 = '2024-01-01T00:00:00Z';
const T1 = '2024-01-01T00:05:00Z';
const cmOpts: FieldManagerOptions = { registry, typeId: 'core/v1:ConfigMap', apiVersion: 'v1', now: T0 };
const depOpts: FieldManagerOptions = { registry, typeId: 'apps/v1:Deployment', apiVersion: 'apps/v1', now: T0, ignored: fieldPaths('status') };

type Obj = Record<string, any>;
const mf = (o: Obj | undefined): ManagedFieldsEntry[] | undefined => o?.metadata?.managedFields;
const owners = (o: Obj | undefined): Record<string, string> =>
  Object.fromEntries((mf(o) ?? []).map((e) => [`${e.manager}/${e.operation}${e.subresource ? `/${e.subresource}` : ''}`, JSON.stringify(e.fieldsV1)]));
const conflictsOf = (r: ReturnType<typeof applyConfiguration>): string[] => r.conflicts.map((c) => `${JSON.parse(c.manager).manager} ${pathString(c.path)}`);

const cm = (data: Record<string, string> | undefined, meta: Obj = {}): Obj => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'default', ...meta },
  ...(data ? { data } : {}),
});
const dep = (spec: Obj, meta: Obj = {}): Obj => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', ...meta }, spec });
const containers = (...list: Obj[]): Obj => ({ template: { spec: { containers: list } } });
/** Applies and fails the test on conflicts. */
const apply = (live: Obj | undefined, config: Obj, manager: string, opts: FieldManagerOptions, force = false): Obj =>
  applyConfigurationOrThrow(live, config, manager, force, opts);

describe('apply: creating', () => {
  it('creates the object from the configuration and records the applier', () => {
    const r = applyConfiguration(undefined, cm({ key1: 'v1', key3: 'v3' }, { labels: { app: 'a', tier: 'b' } }), 'kubectl', false, cmOpts);
    expect(r.conflicts).toEqual([]);
    expect(r.changed).toBe(true);
    expect(r.object).toEqual({ ...cm({ key1: 'v1', key3: 'v3' }, { labels: { app: 'a', tier: 'b' }, managedFields: r.managedFields }) });
    expect(r.managedFields).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'v1',
        time: T0,
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { 'f:key1': {}, 'f:key3': {} }, 'f:metadata': { 'f:labels': { 'f:app': {}, 'f:tier': {} } } },
      },
    ]);
  });

  it('records list items by key with a "." marker', () => {
    const out = apply(undefined, dep(containers({ name: 'nginx', image: 'nginx:1.27' }), { labels: { app: 'web' } }), 'kubectl', depOpts);
    expect(JSON.stringify(mf(out)![0].fieldsV1)).toBe(
      '{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:name":{}}}}}}}',
    );
  });
});

describe('apply: two appliers', () => {
  const base = apply(undefined, cm({ k1: 'a', k2: 'b' }), 'alpha', cmOpts);

  it('conflicts when changing a value another applier owns', () => {
    const r = applyConfiguration(base, cm({ k1: 'changed', k3: 'c' }), 'beta', false, cmOpts);
    expect(r.object).toBeUndefined();
    expect(conflictsOf(r)).toEqual(['alpha .data.k1']);
    expect(() => apply(base, cm({ k1: 'changed' }), 'beta', cmOpts)).toThrow('Apply failed with 1 conflict: conflict with "alpha": .data.k1');
  });

  it('moves ownership to the applier when forced', () => {
    const out = apply(base, cm({ k1: 'changed', k3: 'c' }), 'beta', cmOpts, true);
    expect(out.data).toEqual({ k1: 'changed', k2: 'b', k3: 'c' });
    expect(owners(out)).toEqual({ 'alpha/Apply': '{"f:data":{"f:k2":{}}}', 'beta/Apply': '{"f:data":{"f:k1":{},"f:k3":{}}}' });
  });

  it('shares ownership when both apply the same value', () => {
    const out = apply(base, cm({ k1: 'a' }), 'beta', cmOpts);
    expect(owners(out)).toEqual({ 'alpha/Apply': '{"f:data":{"f:k1":{},"f:k2":{}}}', 'beta/Apply': '{"f:data":{"f:k1":{}}}' });
    // A shared field survives when one owner stops applying it ...
    const alphaDrops = apply(out, cm({ k2: 'b' }), 'alpha', cmOpts);
    expect(alphaDrops.data).toEqual({ k1: 'a', k2: 'b' });
    expect(owners(alphaDrops)).toEqual({ 'alpha/Apply': '{"f:data":{"f:k2":{}}}', 'beta/Apply': '{"f:data":{"f:k1":{}}}' });
    // ... and goes when the last one does.
    const betaDrops = apply(alphaDrops, cm(undefined), 'beta', cmOpts);
    expect(betaDrops.data).toEqual({ k2: 'b' });
    expect(owners(betaDrops)).toEqual({ 'alpha/Apply': '{"f:data":{"f:k2":{}}}' });
  });

  it('removes a field its only applier stops applying, and maps left empty', () => {
    const labelled = apply(base, cm({ k1: 'a', k2: 'b' }, { labels: { app: 'x' } }), 'alpha', cmOpts);
    const out = apply(labelled, cm({ k1: 'a' }), 'alpha', cmOpts);
    expect(out.data).toEqual({ k1: 'a' });
    expect(out.metadata).not.toHaveProperty('labels');
  });

  it('keeps a dropped field that an Update manager also owns', () => {
    const edited = updateManagedFields(base, { ...base, data: { k1: 'a', k2: 'b', extra: 'e' } }, 'kubectl-edit', cmOpts);
    const out = apply(edited, cm({ k1: 'a' }), 'alpha', cmOpts);
    expect(out.data).toEqual({ k1: 'a', extra: 'e' });
  });
});

describe('apply: list, map and struct types', () => {
  it('merges map-list items of different appliers and removes only the dropped one', () => {
    const a = apply(undefined, dep(containers({ name: 'app', image: 'app:1' })), 'alpha', depOpts);
    const ab = apply(a, dep(containers({ name: 'sidecar', image: 'side:1' })), 'beta', depOpts);
    expect(ab.spec.template.spec.containers.map((c: Obj) => c.name)).toEqual(['app', 'sidecar']);
    const out = apply(ab, dep(containers({ name: 'sidecar', image: 'side:1' })), 'alpha', depOpts);
    // alpha switched to the sidecar, which beta owns too: app goes, sidecar stays shared.
    expect(out.spec.template.spec.containers).toEqual([{ name: 'sidecar', image: 'side:1' }]);
  });

  it('merges ports keyed by containerPort and protocol, defaulting protocol', () => {
    const a = apply(undefined, dep(containers({ name: 'c', ports: [{ containerPort: 80, protocol: 'TCP', name: 'http' }] })), 'alpha', depOpts);
    const out = apply(a, dep(containers({ name: 'c', ports: [{ containerPort: 80, hostPort: 8080 }] })), 'beta', depOpts);
    expect(out.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP', name: 'http', hostPort: 8080 }]);
    expect(owners(out)['beta/Apply']).toContain('"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{},"f:hostPort":{}}');
  });

  it('conflicts on atomic lists as a whole', () => {
    const a = apply(undefined, dep(containers({ name: 'c', args: ['--a'], command: ['run'] })), 'alpha', depOpts);
    const r = applyConfiguration(a, dep(containers({ name: 'c', args: ['--a', '--b'] })), 'beta', false, depOpts);
    expect(conflictsOf(r)).toEqual(['alpha .spec.template.spec.containers[name="c"].args']);
    const forced = apply(a, dep(containers({ name: 'c', args: ['--b'] })), 'beta', depOpts, true);
    expect(forced.spec.template.spec.containers[0]).toEqual({ name: 'c', args: ['--b'], command: ['run'] });
  });

  it('merges set lists member by member without conflicts', () => {
    const a = apply(undefined, cm(undefined, { finalizers: ['a.io/x'] }), 'alpha', cmOpts);
    const ab = apply(a, cm(undefined, { finalizers: ['b.io/y'] }), 'beta', cmOpts);
    expect(ab.metadata.finalizers).toEqual(['a.io/x', 'b.io/y']);
    expect(owners(ab)['beta/Apply']).toBe('{"f:metadata":{"f:finalizers":{"v:\\"b.io/y\\"":{}}}}');
    const out = apply(ab, cm(undefined), 'alpha', cmOpts);
    expect(out.metadata.finalizers).toEqual(['b.io/y']);
  });

  it('treats labels as granular and nodeSelector as atomic', () => {
    const spec = (sel: Obj) => ({ template: { metadata: { labels: sel }, spec: { nodeSelector: sel } } });
    const a = apply(undefined, dep(spec({ disk: 'ssd' })), 'alpha', depOpts);
    const r = applyConfiguration(a, dep(spec({ zone: 'z' })), 'beta', false, depOpts);
    expect(conflictsOf(r)).toEqual(['alpha .spec.template.spec.nodeSelector']);
    const out = apply(a, dep(spec({ zone: 'z' })), 'beta', depOpts, true);
    expect(out.spec.template.metadata.labels).toEqual({ disk: 'ssd', zone: 'z' });
    expect(out.spec.template.spec.nodeSelector).toEqual({ zone: 'z' });
  });

  it('replaces atomic structs (LabelSelector) whole', () => {
    const a = apply(undefined, dep({ selector: { matchLabels: { app: 'a', tier: 't' } } }), 'alpha', depOpts);
    const r = applyConfiguration(a, dep({ selector: { matchLabels: { app: 'a' } } }), 'beta', false, depOpts);
    expect(conflictsOf(r)).toEqual(['alpha .spec.selector']);
    const same = apply(a, dep({ selector: { matchLabels: { tier: 't', app: 'a' } } }), 'beta', depOpts);
    expect(owners(same)['beta/Apply']).toBe('{"f:spec":{"f:selector":{}}}');
  });
});

describe('apply after Update', () => {
  const created = apply(undefined, dep({ replicas: 2, template: { spec: { containers: [{ name: 'c', image: 'i' }] } } }), 'kubectl', depOpts);
  const scaled = updateManagedFields(created, { ...created, spec: { ...created.spec, replicas: 5 } }, 'kubectl', {
    ...depOpts,
    subresource: 'scale',
    now: T1,
  });

  it('moves a field an Update changed away from the applier', () => {
    expect(owners(scaled)).toEqual({
      'kubectl/Apply': '{"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\\"name\\":\\"c\\"}":{".":{},"f:image":{},"f:name":{}}}}}}}',
      'kubectl/Update/scale': '{"f:spec":{"f:replicas":{}}}',
    });
  });

  it('conflicts when re-applying another value (kubectl scale, then apply)', () => {
    const config = dep({ replicas: 2, template: { spec: { containers: [{ name: 'c', image: 'i' }] } } });
    const r = applyConfiguration(scaled, config, 'kubectl', false, depOpts);
    expect(() => applyConfigurationOrThrow(scaled, config, 'kubectl', false, depOpts)).toThrow(
      'Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas',
    );
    expect(r.conflicts.length).toBe(1);
    const forced = apply(scaled, config, 'kubectl', depOpts, true);
    expect(forced.spec.replicas).toBe(2);
    expect(Object.keys(owners(forced))).toEqual(['kubectl/Apply']);
  });

  it('does not conflict when the configuration has the live value', () => {
    const out = apply(scaled, dep({ replicas: 5, template: { spec: { containers: [{ name: 'c', image: 'i' }] } } }), 'kubectl', depOpts);
    expect(owners(out)['kubectl/Update/scale']).toBe('{"f:spec":{"f:replicas":{}}}');
    expect(owners(out)['kubectl/Apply']).toContain('"f:replicas"');
  });

  it('does not conflict on fields the configuration leaves out', () => {
    const out = apply(scaled, dep({ template: { spec: { containers: [{ name: 'c', image: 'j' }] } } }), 'kubectl', depOpts);
    expect(out.spec.replicas).toBe(5);
  });

  it('reports every conflict, grouped by manager', () => {
    const edited = updateManagedFields(created, { ...created, metadata: { ...created.metadata, labels: { a: '1', b: '2' } } }, 'kubectl-label', depOpts);
    const config = dep({ replicas: 2, template: { spec: { containers: [{ name: 'c', image: 'i' }] } } }, { labels: { a: 'x', b: 'y' } });
    let err: unknown;
    try {
      applyConfigurationOrThrow(edited, config, 'helm', false, depOpts);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    const status = (err as ApiError).toStatus();
    expect(status.code).toBe(409);
    expect(status.message).toBe('Apply failed with 2 conflicts: conflicts with "kubectl-label" using apps/v1:\n- .metadata.labels.a\n- .metadata.labels.b');
    expect(status.details!.causes).toEqual([
      { reason: 'FieldManagerConflict', message: 'conflict with "kubectl-label" using apps/v1', field: '.metadata.labels.a' },
      { reason: 'FieldManagerConflict', message: 'conflict with "kubectl-label" using apps/v1', field: '.metadata.labels.b' },
    ]);
  });
});

describe('apply: bookkeeping', () => {
  it('keeps the time of an apply that changes nothing', () => {
    const a = apply(undefined, cm({ k: 'v' }), 'alpha', cmOpts);
    const r = applyConfiguration(a, cm({ k: 'v' }), 'alpha', false, { ...cmOpts, now: T1 });
    expect(r.changed).toBe(false);
    expect(r.managedFields).toEqual(mf(a));
    expect(applyConfiguration(a, cm({ k: 'w' }), 'alpha', false, { ...cmOpts, now: T1 }).managedFields![0].time).toBe(T1);
  });

  it('does not give status to main-resource appliers', () => {
    const out = apply(undefined, { ...dep({ replicas: 1 }), status: { replicas: 1 } }, 'kubectl', depOpts);
    expect(owners(out)).toEqual({ 'kubectl/Apply': '{"f:spec":{"f:replicas":{}}}' });
  });

  it('records status-subresource appliers with their subresource', () => {
    const live = apply(undefined, dep({ replicas: 1 }), 'kubectl', depOpts);
    const out = apply(live, { ...dep({}), status: { readyReplicas: 1 } }, 'controller', {
      ...depOpts,
      ignored: undefined,
      subresource: 'status',
      restrictTo: fieldPaths('status'),
    });
    expect(owners(out)['controller/Apply/status']).toBe('{"f:status":{"f:readyReplicas":{}}}');
  });

  it('drops managers left with nothing', () => {
    const a = apply(undefined, cm({ k: 'v' }), 'alpha', cmOpts);
    const b = apply(a, cm({ k: 'w' }), 'beta', cmOpts, true);
    expect(Object.keys(owners(b))).toEqual(['beta/Apply']);
  });

  it('applies custom resources with the deduced structure', () => {
    const opts: FieldManagerOptions = { registry, apiVersion: 'example.com/v1', now: T0 };
    const cr = (spec: Obj) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec });
    const a = apply(undefined, cr({ size: 1, tags: ['x'], nested: { a: 1 } }), 'alpha', opts);
    expect(owners(a)).toEqual({ 'alpha/Apply': '{"f:spec":{".":{},"f:nested":{".":{},"f:a":{}},"f:size":{},"f:tags":{}}}' });
    const r = applyConfiguration(a, cr({ tags: ['y'], nested: { b: 2 } }), 'beta', false, opts);
    expect(conflictsOf(r)).toEqual(['alpha .spec.tags']);
    const out = apply(a, cr({ nested: { b: 2 } }), 'beta', opts);
    expect(out.spec).toEqual({ size: 1, tags: ['x'], nested: { a: 1, b: 2 } });
  });
});

describe('apply: refused configurations', () => {
  it('rejects managedFields in the configuration (400)', () => {
    expect(() => applyConfiguration(undefined, cm({}, { managedFields: [] }), 'm', false, cmOpts)).toThrow('metadata.managedFields must be nil');
    expect(applyConfiguration(undefined, cm({}, { managedFields: null }), 'm', false, cmOpts).conflicts).toEqual([]);
  });

  it('rejects another apiVersion (400)', () => {
    let err: unknown;
    try {
      applyConfiguration(undefined, { ...cm({}), apiVersion: 'v2' }, 'm', false, cmOpts);
    } catch (e) {
      err = e;
    }
    expect((err as ApiError).toStatus()).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: 'Incorrect version specified in apply patch. Specified patch version: v2, expected: v1',
    });
  });

  it('rejects duplicate keys and undeclared fields as upstream does (500)', () => {
    let err: unknown;
    try {
      applyConfiguration(undefined, dep({ template: { spec: { containers: [{ name: 'a' }, { name: 'a' }] } } }), 'm', false, depOpts);
    } catch (e) {
      err = e;
    }
    expect((err as ApiError).code).toBe(500);
    expect((err as ApiError).message).toBe(
      'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: duplicate entries for key [name="a"]',
    );
    expect(() => applyConfiguration(undefined, { ...cm({}), spec: {}, extra: 1 }, 'm', false, cmOpts)).toThrow(
      'failed to create typed patch object (default/settings; /v1, Kind=ConfigMap): .spec: field not declared in schema',
    );
    expect(() => applyConfiguration(undefined, dep(containers({ name: 'c', env: [{ value: 'v' }] })), 'm', false, depOpts)).toThrow(
      '.spec.template.spec.containers[name="c"].env: element 0: associative list with keys has an element that omits all key fields ["name"] (and doesn\'t have default values for any key fields)',
    );
    // Unless the caller deals with unknown fields itself.
    const lenient = applyConfigurationOrThrow(undefined, { ...cm({}), extra: { a: 1 } }, 'm', false, { ...cmOpts, allowUnknownFields: true });
    expect(owners(lenient)).toEqual({ 'm/Apply': '{"f:data":{},"f:extra":{".":{},"f:a":{}}}' });
    // A key field with a default is filled in, so this is fine.
    expect(applyConfiguration(undefined, dep(containers({ name: 'c', ports: [{ hostPort: 1 }] })), 'm', false, depOpts).conflicts).toEqual([]);
  });
});

describe('apply: upgrading from client-side apply', () => {
  // An object kubectl created with client-side apply: the annotation, and the fields owned by
  // the Update manager "kubectl-client-side-apply".
  const lastApplied = '{"apiVersion":"v1","data":{"key1":"value1","key2":"value2"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"settings","namespace":"default"}}\n';
  const csa = updateManagedFields(
    undefined,
    cm({ key1: 'value1', key2: 'value2' }, { annotations: { [LAST_APPLIED_ANNOTATION]: lastApplied } }),
    'kubectl-client-side-apply',
    cmOpts,
  );

  it('lets "kubectl" take over fields client-side apply set, and rewrites the annotation', () => {
    const config = cm({ key1: 'value1-changed', key3: 'value3' });
    const out = apply(csa, config, 'kubectl', { ...cmOpts, now: T1 });
    expect(out.data).toEqual({ key1: 'value1-changed', key2: 'value2', key3: 'value3' });
    expect(out.metadata.annotations[LAST_APPLIED_ANNOTATION]).toBe(
      '{"apiVersion":"v1","data":{"key1":"value1-changed","key3":"value3"},"kind":"ConfigMap","metadata":{"name":"settings","namespace":"default"}}\n',
    );
    expect(owners(out)['kubectl/Apply']).toBe('{"f:data":{"f:key1":{},"f:key3":{}}}');
    expect(owners(out)['kubectl-client-side-apply/Update']).not.toContain('key1');
  });

  it('still conflicts on fields changed since the last client-side apply', () => {
    const edited = updateManagedFields(csa, { ...csa, data: { key1: 'edited', key2: 'value2' } }, 'kubectl-client-side-apply', cmOpts);
    const r = applyConfiguration(edited, cm({ key1: 'mine', key2: 'mine' }), 'kubectl', false, cmOpts);
    expect(conflictsOf(r)).toEqual(['kubectl-client-side-apply .data.key1']);
  });

  it('only does so for the field manager "kubectl"', () => {
    const r = applyConfiguration(csa, cm({ key1: 'value1-changed' }), 'helm', false, cmOpts);
    expect(conflictsOf(r)).toEqual(['kubectl-client-side-apply .data.key1']);
  });
});
