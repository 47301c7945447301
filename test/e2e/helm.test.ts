// helm 4 (server-side apply by default) managing a release in a workspace: the chart from
// `helm create`, installed, upgraded with --set, rolled back, listed and uninstalled.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, RunResult } from '../support/kubectl.js';
import { helmPath } from '../support/tools.js';
import { E2E, startE2E } from './harness.js';

let e: E2E;
let work: string;
let helm: (args: string[]) => Promise<RunResult>;

beforeAll(async () => {
  e = await startE2E();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kplane-helm-'));
  const env = { KUBECONFIG: e.server.kubeconfigPath, HOME: work, XDG_CACHE_HOME: path.join(work, 'cache'), XDG_CONFIG_HOME: path.join(work, 'config'), XDG_DATA_HOME: path.join(work, 'data') };
  helm = (args) => run(helmPath(), args, env, { timeoutMs: 60_000 });
  const created = await helm(['create', path.join(work, 'mychart')]);
  expect(created.code, created.stderr).toBe(0);
});
afterAll(async () => {
  await e?.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

async function ok(args: string[]): Promise<string> {
  const r = await helm(args);
  expect(r.code, `helm ${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

describe('helm 4 against a workspace', () => {
  it('installs the chart into a new namespace', async () => {
    const out = await ok(['install', 'web', path.join(work, 'mychart'), '-n', 'shop', '--create-namespace']);
    expect(out).toContain('STATUS: deployed');
    const d = await e.getJson(['-n', 'shop', 'deploy', 'web-mychart']);
    expect(d.spec.replicas).toBe(1);
    expect(d.metadata.labels['app.kubernetes.io/managed-by']).toBe('Helm');
    expect(d.metadata.annotations['meta.helm.sh/release-name']).toBe('web');
    expect((await e.getJson(['-n', 'shop', 'svc', 'web-mychart'])).spec.ports[0].port).toBe(80);
    expect((await e.getJson(['-n', 'shop', 'sa', 'web-mychart'])).metadata.name).toBe('web-mychart');
    const releases = await e.getJson(['-n', 'shop', 'secrets', '-l', 'owner=helm']);
    expect(releases.items.map((s: any) => s.type)).toEqual(['helm.sh/release.v1']);
  });

  it('upgrades with --set, through server-side apply', async () => {
    expect(await ok(['upgrade', 'web', path.join(work, 'mychart'), '-n', 'shop', '--set', 'replicaCount=3'])).toContain('has been upgraded');
    const d = await e.getJson(['-n', 'shop', 'deploy', 'web-mychart', '--show-managed-fields']);
    expect(d.spec.replicas).toBe(3);
    expect(d.metadata.managedFields.some((m: any) => m.operation === 'Apply')).toBe(true);
  });

  it('rolls back to the first revision and shows the history', async () => {
    expect(await ok(['rollback', 'web', '1', '-n', 'shop'])).toContain('Rollback was a success');
    expect((await e.getJson(['-n', 'shop', 'deploy', 'web-mychart'])).spec.replicas).toBe(1);
    const history = await ok(['history', 'web', '-n', 'shop']);
    expect(history).toMatch(/1\s.*superseded/);
    expect(history).toMatch(/3\s.*deployed.*Rollback to 1/);
  });

  it('lists the release', async () => {
    const list = await ok(['list', '-n', 'shop', '-o', 'json']);
    expect(JSON.parse(list)).toMatchObject([{ name: 'web', namespace: 'shop', revision: '3', status: 'deployed', chart: 'mychart-0.1.0' }]);
  });

  it('uninstalls everything it installed', async () => {
    expect(await ok(['uninstall', 'web', '-n', 'shop'])).toContain('release "web" uninstalled');
    for (const kind of ['deploy', 'svc', 'sa']) {
      const r = await e.kubectl(['-n', 'shop', 'get', kind, 'web-mychart']);
      expect(r.code, kind).not.toBe(0);
    }
    expect((await e.getJson(['-n', 'shop', 'secrets', '-l', 'owner=helm'])).items).toEqual([]);
    expect(JSON.parse(await ok(['list', '-n', 'shop', '-o', 'json']))).toEqual([]);
  });
});
