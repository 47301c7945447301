// kubectl create and kubectl get: the objects a user creates imperatively come back with the
// content they gave, in every output format kubectl offers.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E, lines, rows, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(async () => e?.stop());

describe('kubectl create makes the objects a user asks for', () => {
  it('creates a namespace, config maps from literals and files, a secret, a deployment and a service account', async () => {
    expect(await e.ok(['create', 'namespace', 'shop'])).toBe('namespace/shop created\n');
    const settings = e.file('settings.properties', 'color=blue\nsize=10\n');
    const outputs = await Promise.all([
      e.ok(['-n', 'shop', 'create', 'configmap', 'literal', '--from-literal=mode=prod', '--from-literal=replicas=3']),
      e.ok(['-n', 'shop', 'create', 'configmap', 'fromfile', `--from-file=${settings}`]),
      e.ok(['-n', 'shop', 'create', 'secret', 'generic', 'db', '--from-literal=password=s3cret']),
      // kubectl 1.32+ sends this create as a protobuf body.
      e.ok(['-n', 'shop', 'create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2']),
      e.ok(['-n', 'shop', 'create', 'serviceaccount', 'builder']),
    ]);
    expect(outputs).toEqual([
      'configmap/literal created\n',
      'configmap/fromfile created\n',
      'secret/db created\n',
      'deployment.apps/web created\n',
      'serviceaccount/builder created\n',
    ]);
  });

  it('stores what was given: config map data, secret data (base64), the deployment spec', async () => {
    const literal = await e.getJson(['-n', 'shop', 'configmap', 'literal']);
    expect(literal.data).toEqual({ mode: 'prod', replicas: '3' });
    expect(literal.metadata).toMatchObject({ name: 'literal', namespace: 'shop' });
    expect(literal.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(literal.metadata.resourceVersion)).toBeGreaterThan(0);

    const fromFile = await e.getJson(['-n', 'shop', 'configmap', 'fromfile']);
    expect(fromFile.data).toEqual({ 'settings.properties': 'color=blue\nsize=10\n' });

    const secret = await e.getJson(['-n', 'shop', 'secret', 'db']);
    expect(secret.type).toBe('Opaque');
    expect(Buffer.from(secret.data.password, 'base64').toString()).toBe('s3cret');

    const deploy = await e.getJson(['-n', 'shop', 'deployment', 'web']);
    expect(deploy.metadata.generation).toBe(1);
    expect(deploy.spec.replicas).toBe(2);
    expect(deploy.spec.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(deploy.spec.template.spec.containers).toEqual([expect.objectContaining({ name: 'nginx', image: 'nginx:1.27' })]);
    // Defaults a user sees on a real cluster.
    expect(deploy.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
    expect(deploy.spec.template.spec.restartPolicy).toBe('Always');

    const sa = await e.getJson(['-n', 'shop', 'serviceaccount', 'builder']);
    expect(sa).toMatchObject({ kind: 'ServiceAccount', apiVersion: 'v1', metadata: { name: 'builder', namespace: 'shop' } });
  });
});

describe('kubectl get prints objects in every output format', () => {
  it('-o yaml prints the object as YAML', async () => {
    const out = await e.ok(['-n', 'shop', 'get', 'configmap', 'literal', '-o', 'yaml']);
    expect(out).toMatch(/^apiVersion: v1\n/);
    expect(out).toContain('kind: ConfigMap\n');
    expect(out).toContain('data:\n  mode: prod\n  replicas: "3"\n');
    expect(out).toContain('  name: literal\n  namespace: shop\n');
  });

  it('-o json of a list wraps the items in a List', async () => {
    const list = JSON.parse(await e.ok(['-n', 'shop', 'get', 'configmaps', '-o', 'json']));
    expect(list.kind).toBe('List');
    expect(list.items.map((i: any) => i.metadata.name).sort()).toEqual(['fromfile', 'literal']);
    expect(list.items.every((i: any) => i.kind === 'ConfigMap' && i.apiVersion === 'v1')).toBe(true);
    const yaml = await e.ok(['-n', 'shop', 'get', 'configmaps', '-o', 'yaml']);
    expect(yaml).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n/);
    expect(yaml).toMatch(/\nkind: List\nmetadata:\n  resourceVersion: ""\n$/);
  });

  it('prints the deployment table, and -o wide adds containers, images and selector', async () => {
    const plain = rows(await e.ok(['-n', 'shop', 'get', 'deployments']));
    expect(plain).toEqual([{ NAME: 'web', READY: '0/2', 'UP-TO-DATE': '0', AVAILABLE: '0', AGE: expect.stringMatching(/^\d+s$/) }]);

    const out = await e.ok(['-n', 'shop', 'get', 'deployments', '-o', 'wide']);
    expect(lines(out)[0].split(/\s+/)).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    expect(rows(out)[0]).toMatchObject({ NAME: 'web', READY: '0/2', CONTAINERS: 'nginx', IMAGES: 'nginx:1.27', SELECTOR: 'app=web' });
  });

  it('-A adds a NAMESPACE column filled for every row', async () => {
    await e.ok(['create', 'configmap', 'in-default', '--from-literal=a=b']);
    const all = rows(await e.ok(['get', 'configmaps', '-A']));
    expect(all.map((r) => `${r.NAMESPACE}/${r.NAME}`).sort()).toEqual(['default/in-default', 'shop/fromfile', 'shop/literal']);
    expect(all.find((r) => r.NAME === 'literal')?.DATA).toBe('2');
  });

  it('--show-labels adds a LABELS column', async () => {
    const out = rows(await e.ok(['-n', 'shop', 'get', 'deployments', '--show-labels']));
    expect(out[0].LABELS).toBe('app=web');
    const ns = rows(await e.ok(['get', 'namespace', 'shop', '--show-labels']));
    expect(ns[0]).toMatchObject({ NAME: 'shop', STATUS: 'Active', LABELS: 'kubernetes.io/metadata.name=shop' });
  });

  it('-o name prints type/name', async () => {
    expect(lines(await e.ok(['-n', 'shop', 'get', 'configmaps,secrets,deployments', '-o', 'name']))).toEqual([
      'configmap/fromfile',
      'configmap/literal',
      'secret/db',
      'deployment.apps/web',
    ]);
  });

  it('-o jsonpath reads single fields', async () => {
    expect(await e.ok(['-n', 'shop', 'get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'])).toBe('nginx:1.27');
  });

  it('accepts the short names cm, deploy, ns, sa and svc', async () => {
    await e.ok(['-n', 'shop', 'create', 'service', 'clusterip', 'web', '--tcp=80:8080']);
    const [cm, deploy, ns, sa, svc] = await Promise.all(
      ['cm', 'deploy', 'ns', 'sa', 'svc'].map((short) => e.ok(['-n', 'shop', 'get', short, '-o', 'name'])),
    );
    expect(lines(cm)).toEqual(['configmap/fromfile', 'configmap/literal']);
    expect(lines(deploy)).toEqual(['deployment.apps/web']);
    expect(lines(ns)).toEqual(expect.arrayContaining(['namespace/default', 'namespace/kube-system', 'namespace/shop']));
    expect(lines(sa)).toContain('serviceaccount/builder');
    expect(lines(svc)).toEqual(['service/web']);
  });

  it('kubectl get all lists the workloads and services of a namespace', async () => {
    const out = await e.ok(['-n', 'shop', 'get', 'all']);
    expect(out).toMatch(/^service\/web\s+ClusterIP\s/m);
    expect(out).toMatch(/^deployment\.apps\/web\s+0\/2\s/m);
    expect(out).not.toContain('configmap');
  });

  it('filters by label selector and field selector', async () => {
    await e.ok(['-n', 'shop', 'label', 'configmap', 'literal', 'tier=backend']);
    expect(lines(await e.ok(['-n', 'shop', 'get', 'cm', '-l', 'tier=backend', '-o', 'name']))).toEqual(['configmap/literal']);
    expect(lines(await e.ok(['-n', 'shop', 'get', 'cm', '-l', 'tier!=backend', '-o', 'name']))).toEqual(['configmap/fromfile']);
    expect(lines(await e.ok(['get', 'cm', '-A', '--field-selector', 'metadata.namespace=default', '-o', 'name']))).toEqual(['configmap/in-default']);
  });
});

describe('paging with --chunk-size returns every object exactly once', () => {
  it('lists 7 config maps across 2 namespaces one per page', async () => {
    await Promise.all([e.ok(['create', 'ns', 'page-a']), e.ok(['create', 'ns', 'page-b'])]);
    const wanted = ['page-a/a1', 'page-a/a2', 'page-a/a3', 'page-a/a4', 'page-b/b1', 'page-b/b2', 'page-b/b3'];
    await Promise.all(wanted.map((w) => e.ok(['-n', w.split('/')[0], 'create', 'cm', w.split('/')[1], '--from-literal=k=v'])));

    const r = await e.kubectl(['get', 'cm', '-A', '--chunk-size=1', '-v=6']);
    expect(r.code).toBe(0);
    const seen = rows(r.stdout)
      .map((row) => `${row.NAMESPACE}/${row.NAME}`)
      .filter((n) => n.startsWith('page-'));
    expect(seen).toEqual(wanted);
    // It really paged: one request per object (plus the last, empty-continue page).
    const pages = r.stderr.split('\n').filter((l) => /verb="GET" url="[^"]*\/configmaps\?[^"]*limit=1/.test(l));
    expect(pages.length).toBeGreaterThanOrEqual(10);

    const names = lines(await e.ok(['get', 'cm', '-A', '--chunk-size=1', '-o', 'name']));
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBe(10);
  });
});
