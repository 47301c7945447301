// What kubectl learns about the server before it does anything else: its version, the resource
// types it serves (with short names), their schema (kubectl explain, from OpenAPI v3), and the
// health endpoints an operator checks.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E, lines, rows, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(async () => e?.stop());

describe('kubectl version', () => {
  it('shows the client and a server version', async () => {
    const out = await e.ok(['version']);
    expect(out).toMatch(/^Client Version: v1\.33\.\d+$/m);
    expect(out).toMatch(/^Server Version: v1\.\d+\.\d+\S*$/m);
  });

  it('-o json carries the server version fields clients parse', async () => {
    const v = JSON.parse(await e.ok(['version', '-o', 'json']));
    expect(v.serverVersion).toMatchObject({ major: '1', minor: expect.stringMatching(/^\d+$/), gitVersion: expect.stringMatching(/^v1\.\d+\.\d+/) });
    expect(v.serverVersion.platform).toMatch(/\//);
  });
});

describe('kubectl api-resources and api-versions', () => {
  it('lists deployments with the short name deploy, in apps/v1, namespaced', async () => {
    const resources = rows(await e.ok(['api-resources']));
    expect(resources.find((r) => r.NAME === 'deployments')).toEqual({ NAME: 'deployments', SHORTNAMES: 'deploy', APIVERSION: 'apps/v1', NAMESPACED: 'true', KIND: 'Deployment' });
    const byName = new Map(resources.map((r) => [r.NAME, r]));
    expect(byName.get('configmaps')).toMatchObject({ SHORTNAMES: 'cm', APIVERSION: 'v1', NAMESPACED: 'true' });
    expect(byName.get('namespaces')).toMatchObject({ SHORTNAMES: 'ns', NAMESPACED: 'false' });
    expect(byName.get('serviceaccounts')).toMatchObject({ SHORTNAMES: 'sa' });
    expect(byName.get('services')).toMatchObject({ SHORTNAMES: 'svc' });
    expect(byName.get('customresourcedefinitions')).toMatchObject({ SHORTNAMES: 'crd,crds', APIVERSION: 'apiextensions.k8s.io/v1', NAMESPACED: 'false' });
  });

  it('filters by API group and scope', async () => {
    const apps = rows(await e.ok(['api-resources', '--api-group=apps']));
    expect(apps.map((r) => r.NAME)).toEqual(['daemonsets', 'deployments', 'replicasets', 'statefulsets']);
    const clusterScoped = rows(await e.ok(['api-resources', '--namespaced=false']));
    expect(clusterScoped.every((r) => r.NAMESPACED === 'false')).toBe(true);
    expect(clusterScoped.map((r) => r.NAME)).toContain('namespaces');
  });

  it('-o wide shows the verbs', async () => {
    const out = await e.ok(['api-resources', '--api-group=apps', '-o', 'wide']);
    const deploy = lines(out).find((l) => l.startsWith('deployments '));
    expect(deploy).toMatch(/\screate,delete,deletecollection,get,list,patch,update,watch\s/);
    expect(deploy).toMatch(/\sall\s*$/);
  });

  it('api-versions lists the core and the apps group versions', async () => {
    const versions = lines(await e.ok(['api-versions']));
    expect(versions).toEqual(expect.arrayContaining(['v1', 'apps/v1', 'batch/v1', 'rbac.authorization.k8s.io/v1', 'apiextensions.k8s.io/v1']));
  });
});

describe('kubectl explain reads the OpenAPI v3 schema', () => {
  it('explains deployment.spec.replicas', async () => {
    const out = await e.ok(['explain', 'deployment.spec.replicas']);
    expect(out).toMatch(/^GROUP:\s+apps$/m);
    expect(out).toMatch(/^KIND:\s+Deployment$/m);
    expect(out).toMatch(/^VERSION:\s+v1$/m);
    expect(out).toMatch(/^FIELD: replicas <integer>$/m);
    expect(out).toMatch(/^DESCRIPTION:\n\s+\S/m);
  });

  it('lists the fields of a nested object', async () => {
    const out = await e.ok(['explain', 'deployment.spec.template.spec.containers']);
    expect(out).toMatch(/^FIELD: containers <\[\]Container>$/m);
    for (const field of ['image', 'livenessProbe', 'resources', 'volumeMounts']) expect(out).toMatch(new RegExp(`^  ${field}\\s+<`, 'm'));
    // Required fields are marked.
    expect(out).toMatch(/^  name\s+<string> -required-$/m);
  });

  it('explains a core kind and an unknown field is an error', async () => {
    expect(await e.ok(['explain', 'configmap.data'])).toMatch(/^FIELD: data <map\[string\]string>$/m);
    const stderr = await e.fails(['explain', 'deployment.spec.nope']);
    expect(stderr).toContain('field "nope" does not exist');
  });
});

describe('health endpoints through kubectl get --raw', () => {
  it('/readyz?verbose lists each check', async () => {
    const out = await e.ok(['get', '--raw', '/readyz?verbose']);
    const checks = lines(out).filter((l) => l.startsWith('[+]'));
    expect(checks).toContain('[+]ping ok');
    expect(checks.length).toBeGreaterThanOrEqual(2);
    expect(lines(out).filter((l) => l.startsWith('[-]'))).toEqual([]);
    expect(lines(out).at(-1)).toBe('readyz check passed');
  });

  it('/livez and /version answer too', async () => {
    expect(lines(await e.ok(['get', '--raw', '/livez?verbose'])).at(-1)).toBe('livez check passed');
    expect(JSON.parse(await e.ok(['get', '--raw', '/version'])).major).toBe('1');
  });

  it('kubectl cluster-info names the workspace URL', async () => {
    expect(await e.ok(['cluster-info'])).toContain(`Kubernetes control plane is running at ${e.server.baseURL}/clusters/root`);
  });
});
