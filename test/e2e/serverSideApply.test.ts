// kubectl apply --server-side: create on apply, ownership, conflicts and --force-conflicts, the
// client-side → server-side apply migration kubectl performs, dry run and diff, across versions.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E, startE2E } from './harness.js';
import { kubectlPath } from '../support/tools.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
  await e.ok(['create', 'namespace', 'ssa']);
});
afterAll(async () => e?.stop());

const cm = (data: Record<string, string>, name = 'app-config'): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: ssa, labels: {app: shop}}\ndata:\n${Object.entries(data).map(([k, v]) => `  ${k}: "${v}"`).join('\n')}\n`;

const managers = (o: any): string[] => (o.metadata.managedFields ?? []).map((m: any) => `${m.manager}/${m.operation}${m.subresource ? `/${m.subresource}` : ''}`).sort();

describe('server-side apply', () => {
  it('creates, updates, and removes fields its manager stopped applying', async () => {
    expect(await e.ok(['apply', '--server-side', '-f', e.file('a1.yaml', cm({ key1: 'v1', key2: 'v2' }))])).toContain('configmap/app-config serverside-applied');
    await e.ok(['apply', '--server-side', '-f', e.file('a2.yaml', cm({ key1: 'changed', key3: 'v3' }))]);
    const o = await e.getJson(['-n', 'ssa', 'cm', 'app-config', '--show-managed-fields']);
    expect(o.data).toEqual({ key1: 'changed', key3: 'v3' });
    expect(managers(o)).toEqual(['kubectl/Apply']);
    expect(o.metadata.managedFields[0].fieldsV1).toEqual({ 'f:data': { 'f:key1': {}, 'f:key3': {} }, 'f:metadata': { 'f:labels': { 'f:app': {} } } });
  });

  it('refuses to take a field another manager owns, then takes it with --force-conflicts', async () => {
    const f = e.file('other.yaml', cm({ key1: 'mine' }));
    const err = await e.fails(['apply', '--server-side', '--field-manager=other', '-f', f]);
    expect(err).toContain('Apply failed with 1 conflict: conflict with "kubectl": .data.key1');
    expect(err).toContain('--force-conflicts');
    await e.ok(['apply', '--server-side', '--field-manager=other', '--force-conflicts', '-f', f]);
    const o = await e.getJson(['-n', 'ssa', 'cm', 'app-config', '--show-managed-fields']);
    expect(o.data).toEqual({ key1: 'mine', key3: 'v3' });
    expect(managers(o)).toEqual(['kubectl/Apply', 'other/Apply']);
  });

  it('records Update managers for imperative commands, and reports their conflicts', async () => {
    await e.ok(['-n', 'ssa', 'create', 'deployment', 'web', '--image=nginx:1.26']);
    await e.ok(['-n', 'ssa', 'scale', 'deployment', 'web', '--replicas=4']);
    const d = await e.getJson(['-n', 'ssa', 'deploy', 'web', '--show-managed-fields']);
    expect(managers(d)).toContain('kubectl-create/Update');
    expect(d.metadata.managedFields.some((m: any) => m.subresource === 'scale' && JSON.stringify(m.fieldsV1).includes('f:replicas'))).toBe(true);
    const manifest = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: ssa}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: nginx, image: "nginx:1.27"}]\n`;
    const err = await e.fails(['apply', '--server-side', '-f', e.file('web.yaml', manifest)]);
    expect(err).toMatch(/conflict/);
    expect(err).toContain('.spec.replicas');
  });

  it('takes over an object managed by client-side apply without conflicts (the migration kubectl performs)', async () => {
    const v1 = e.file('csa1.yaml', cm({ a: '1', b: '2' }, 'migrated'));
    await e.ok(['apply', '-f', v1]);
    await e.ok(['apply', '--server-side', '-f', e.file('csa2.yaml', cm({ a: '10', b: '2' }, 'migrated'))]);
    const o = await e.getJson(['-n', 'ssa', 'cm', 'migrated', '--show-managed-fields']);
    expect(o.data).toEqual({ a: '10', b: '2' });
    expect(managers(o)).toContain('kubectl/Apply');
  });

  it('dry-runs and diffs without storing anything', async () => {
    const before = await e.getJson(['-n', 'ssa', 'cm', 'app-config']);
    const f = e.file('dry.yaml', cm({ key1: 'mine', key3: 'dry' }));
    expect(await e.ok(['apply', '--server-side', '--field-manager=other', '--force-conflicts', '--dry-run=server', '-f', f])).toContain('(server dry run)');
    const diff = await e.kubectl(['diff', '--server-side', '--field-manager=other', '--force-conflicts', '-f', f], { env: { KUBECTL_EXTERNAL_DIFF: 'diff -u' } });
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('+  key3: dry');
    const after = await e.getJson(['-n', 'ssa', 'cm', 'app-config']);
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it('works with kubectl 1.27 (which loads OpenAPI v2 first)', async () => {
    const out = await e.ok(['apply', '--server-side', '-f', e.file('k127.yaml', cm({ old: 'client' }, 'from-127'))], { bin: kubectlPath('27') });
    expect(out).toContain('serverside-applied');
  });
});
