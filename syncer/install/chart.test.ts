// The Helm chart in syncer/chart: it lints, and renders the same member-side objects as
// `kplane syncer-manifest` (names, RBAC rules, agent arguments, security settings).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { run } from '../../test/support/kubectl.js';
import { helmPath } from '../../test/support/tools.js';
import { helmValues } from './helmValues.js';
import { memberObjects } from './manifest.js';
import { memberClusterRules } from './memberRbac.js';

const chart = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'chart');
const KUBECONFIG = 'apiVersion: v1\nkind: Config\ncurrent-context: edge-1\n';
let work: string;
let env: Record<string, string>;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kplane-chart-'));
  env = { HOME: work, XDG_CACHE_HOME: path.join(work, 'cache'), XDG_CONFIG_HOME: path.join(work, 'config'), XDG_DATA_HOME: path.join(work, 'data') };
});
afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

function valuesFile(extra: Record<string, unknown> = {}): string {
  const file = path.join(work, `values-${Math.random().toString(36).slice(2)}.yaml`);
  const values = { ...YAML.parse(helmValues({ target: 'edge-1', image: 'ghcr.io/acme/kplane:0.1.0', upstreamKubeconfig: KUBECONFIG })), ...extra };
  fs.writeFileSync(file, YAML.stringify(values));
  return file;
}

async function template(args: string[]): Promise<any[]> {
  const r = await run(helmPath(), ['template', 'syncer', chart, '-n', 'kplane-syncer', ...args], env);
  expect(r.code, r.stderr).toBe(0);
  return YAML.parseAllDocuments(r.stdout).map((d) => d.toJSON()).filter((o) => o);
}

const find = (objs: any[], kind: string): any => objs.find((o) => o.kind === kind);

describe('syncer Helm chart', () => {
  it('passes helm lint --strict', async () => {
    const r = await run(helmPath(), ['lint', chart, '--strict', '-f', valuesFile()], env);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('0 chart(s) failed');
  });

  it('renders the same objects as kplane syncer-manifest, namespace aside', async () => {
    const rendered = await template(['-f', valuesFile()]);
    const plain = memberObjects({ target: 'edge-1', image: 'ghcr.io/acme/kplane:0.1.0', upstreamKubeconfig: KUBECONFIG }).filter((o) => o.kind !== 'Namespace');
    expect(rendered.map((o) => o.kind).sort()).toEqual(plain.map((o) => o.kind).sort());
    for (const p of plain) {
      const r = find(rendered, p.kind);
      expect(r.metadata.name, p.kind).toBe(p.metadata.name);
      expect(r.metadata.namespace, p.kind).toBe(p.metadata.namespace);
      expect(r.metadata.labels, p.kind).toMatchObject(p.metadata.labels);
      for (const field of ['rules', 'roleRef', 'subjects', 'data'] as const) if (p[field]) expect(r[field], `${p.kind}.${field}`).toEqual(p[field]);
    }
    const d = find(rendered, 'Deployment');
    const pd = find(plain, 'Deployment');
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.strategy).toEqual(pd.spec.strategy);
    expect(d.spec.selector).toEqual(pd.spec.selector);
    const pod = d.spec.template.spec;
    const ppod = pd.spec.template.spec;
    expect(pod.serviceAccountName).toBe(ppod.serviceAccountName);
    expect(pod.securityContext).toEqual(ppod.securityContext);
    const [c] = pod.containers;
    const [pc] = ppod.containers;
    for (const field of ['image', 'args', 'securityContext', 'resources', 'volumeMounts'] as const) expect(c[field], field).toEqual(pc[field]);
    expect(pod.volumes.find((v: any) => v.name === 'upstream').secret).toMatchObject({ secretName: 'kplane-syncer-upstream', defaultMode: 0o440 });
  });

  it('narrows or drops the custom resource rule', async () => {
    const listed = find(await template(['-f', valuesFile({ customResourceGroups: ['example.com'] })]), 'ClusterRole');
    expect(listed.rules).toEqual(memberClusterRules(['example.com']));
    const none = find(await template(['-f', valuesFile({ customResourceGroups: [] })]), 'ClusterRole');
    expect(none.rules).toEqual(memberClusterRules([]));
  });

  it('uses an existing Secret instead of upstreamKubeconfig', async () => {
    const objs = await template(['-f', valuesFile({ upstreamKubeconfig: '', existingSecret: 'hub-creds', existingSecretKey: 'config' })]);
    expect(find(objs, 'Secret')).toBeUndefined();
    const vol = find(objs, 'Deployment').spec.template.spec.volumes.find((v: any) => v.name === 'upstream');
    expect(vol.secret).toMatchObject({ secretName: 'hub-creds', items: [{ key: 'config', path: 'kubeconfig' }] });
  });

  it('places the pod as asked, pulls by digest when given', async () => {
    const objs = await template([
      '-f', valuesFile({ nodeSelector: { 'kubernetes.io/os': 'linux' }, tolerations: [{ key: 'edge', operator: 'Exists' }] }),
      '--set', 'image.digest=sha256:0123', '--set', 'image.pullPolicy=Always',
    ]);
    const pod = find(objs, 'Deployment').spec.template.spec;
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(pod.tolerations).toEqual([{ key: 'edge', operator: 'Exists' }]);
    expect(pod.containers[0]).toMatchObject({ image: 'ghcr.io/acme/kplane@sha256:0123', imagePullPolicy: 'Always' });
  });

  it('refuses to render without a target or a kubeconfig', async () => {
    const noTarget = await run(helmPath(), ['template', 'syncer', chart, '--set', 'upstreamKubeconfig=x'], env);
    expect(noTarget.code).not.toBe(0);
    expect(noTarget.stderr).toContain('syncTarget is required');
    const noKubeconfig = await run(helmPath(), ['template', 'syncer', chart, '--set', 'syncTarget=edge-1'], env);
    expect(noKubeconfig.code).not.toBe(0);
    expect(noKubeconfig.stderr).toContain('upstreamKubeconfig (or existingSecret) is required');
  });
});
