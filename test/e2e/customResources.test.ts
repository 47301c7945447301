// A tenant brings their own API with kubectl: a CronTab CustomResourceDefinition with defaults,
// bounds, a pattern, printer columns and status/scale subresources becomes a live API in the
// workspace (api-resources, explain, get all, wait), refuses invalid objects with upstream's
// messages, works with apply (client- and server-side), patch, scale and diff, stays invisible
// in other workspaces, and takes its objects with it when deleted. A VerticalPodAutoscaler
// definition that keeps unknown fields stores a real VPA manifest unchanged.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E, eventually, lines, rows, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
  await e.ok(['create', 'ns', 'jobs']);
});
afterAll(async () => e?.stop());

const CRONTAB_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.stable.example.com
spec:
  group: stable.example.com
  scope: Namespaced
  names:
    plural: crontabs
    singular: crontab
    kind: CronTab
    shortNames: [ct]
    categories: [all]
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        description: A job that runs on a schedule.
        properties:
          spec:
            type: object
            description: What to run and when.
            properties:
              cronSpec:
                type: string
                description: When to run, in cron syntax.
                pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'
              image:
                type: string
                description: The container image to run.
              replicas:
                type: integer
                description: How many jobs run at once.
                minimum: 1
                maximum: 10
                default: 1
            required: [cronSpec, image]
          status:
            type: object
            properties:
              replicas: {type: integer}
              labelSelector: {type: string}
    subresources:
      status: {}
      scale:
        specReplicasPath: .spec.replicas
        statusReplicasPath: .status.replicas
        labelSelectorPath: .status.labelSelector
    additionalPrinterColumns:
    - {name: Spec, type: string, description: The cron spec, jsonPath: .spec.cronSpec}
    - {name: Replicas, type: integer, jsonPath: .spec.replicas}
    - {name: Image, type: string, priority: 1, jsonPath: .spec.image}
    - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
`;

const crontab = (name: string, spec: string): string => `apiVersion: stable.example.com/v1
kind: CronTab
metadata:
  name: ${name}
  namespace: jobs
spec:
${spec}`;

describe('a CronTab definition with kubectl', () => {
  it('is created and becomes established', async () => {
    expect(await e.ok(['apply', '-f', e.file('crd.yaml', CRONTAB_CRD)])).toContain('customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com created');
    expect(await e.ok(['wait', '--for', 'condition=established', '--timeout=30s', 'crd/crontabs.stable.example.com'])).toContain('condition met');
  });

  it('shows up in api-resources and explain', async () => {
    const resources = rows(await e.ok(['api-resources', '--api-group=stable.example.com']));
    expect(resources).toEqual([{ NAME: 'crontabs', SHORTNAMES: 'ct', APIVERSION: 'stable.example.com/v1', NAMESPACED: 'true', KIND: 'CronTab' }]);
    const explain = await e.ok(['explain', 'crontab.spec']);
    expect(explain).toContain('What to run and when.');
    expect(explain).toMatch(/cronSpec\s+<string>/);
    expect(explain).toMatch(/replicas\s+<integer>/);
  });

  it('creates objects with defaults and prints the columns', async () => {
    expect(await e.ok(['apply', '-f', e.file('nightly.yaml', crontab('nightly', '  cronSpec: "0 3 * * *"\n  image: backup:1.2\n'))])).toContain('crontab.stable.example.com/nightly created');
    const obj = await e.getJson(['crontab', 'nightly', '-n', 'jobs']);
    expect(obj.spec).toEqual({ cronSpec: '0 3 * * *', image: 'backup:1.2', replicas: 1 });
    const table = rows(await e.ok(['get', 'ct', '-n', 'jobs']));
    expect(table).toEqual([{ NAME: 'nightly', SPEC: '0 3 * * *', REPLICAS: '1', AGE: expect.stringMatching(/^\d+s$/) }]);
    expect(rows(await e.ok(['get', 'ct', '-n', 'jobs', '-o', 'wide']))[0]).toMatchObject({ IMAGE: 'backup:1.2' });
    expect(await e.ok(['get', 'all', '-n', 'jobs'])).toContain('crontab.stable.example.com/nightly');
  });

  it('refuses objects outside the schema with upstream’s messages', async () => {
    const tooMany = await e.fails(['apply', '-f', e.file('big.yaml', crontab('big', '  cronSpec: "* * * * */5"\n  image: x\n  replicas: 11\n'))]);
    expect(tooMany).toContain('spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10');
    const badSpec = await e.fails(['apply', '-f', e.file('bad.yaml', crontab('bad', '  cronSpec: "every minute"\n  image: x\n'))]);
    expect(badSpec).toContain('spec.cronSpec: Invalid value: "every minute": spec.cronSpec in body should match');
    const missing = await e.fails(['apply', '-f', e.file('missing.yaml', crontab('missing', '  cronSpec: "* * * * *"\n'))]);
    expect(missing).toContain('spec.image: Required value');
    const unknown = await e.fails(['apply', '-f', e.file('unknown.yaml', crontab('unknown', '  cronSpec: "* * * * *"\n  image: x\n  colour: blue\n'))]);
    expect(unknown).toContain('unknown field "spec.colour"');
  });

  it('changes objects with apply, patch, scale and server-side apply', async () => {
    expect(await e.ok(['apply', '-f', e.file('nightly.yaml', crontab('nightly', '  cronSpec: "0 4 * * *"\n  image: backup:1.3\n'))])).toContain('configured');
    expect((await e.getJson(['ct', 'nightly', '-n', 'jobs'])).spec).toMatchObject({ cronSpec: '0 4 * * *', image: 'backup:1.3' });
    expect(await e.fails(['patch', 'ct', 'nightly', '-n', 'jobs', '-p', '{"spec":{"replicas":2}}'])).toContain('application/strategic-merge-patch+json is not supported');
    await e.ok(['patch', 'ct', 'nightly', '-n', 'jobs', '--type=merge', '-p', '{"spec":{"replicas":2}}']);
    expect(await e.ok(['scale', 'ct', 'nightly', '-n', 'jobs', '--replicas=4'])).toContain('scaled');
    expect(await e.ok(['get', 'ct', 'nightly', '-n', 'jobs', '-o', 'jsonpath={.spec.replicas}'])).toBe('4');
    const ssa = crontab('weekly', '  cronSpec: "0 0 * * 0"\n  image: report:2\n');
    expect(await e.ok(['apply', '--server-side', '-f', e.file('weekly.yaml', ssa)])).toContain('serverside-applied');
    const weekly = await e.getJson(['ct', 'weekly', '-n', 'jobs', '--show-managed-fields']);
    expect(weekly.metadata.managedFields.map((m: any) => m.manager)).toContain('kubectl');
    const diff = await e.kubectl(['diff', '-f', e.file('weekly2.yaml', ssa.replace('report:2', 'report:3'))]);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('+  image: report:3');
  });

  it('is invisible from another workspace', async () => {
    await e.ok(['apply', '-f', e.file('ws.yaml', 'apiVersion: tenancy.kcp.io/v1alpha1\nkind: Workspace\nmetadata: {name: other}\n')]);
    await eventually(async () => (await e.kubectl(['get', 'workspace', 'other', '-o', 'jsonpath={.status.phase}'])).stdout === 'Ready', 'workspace other Ready');
    const other = ['--server', `${e.server.baseURL}/clusters/root:other`];
    expect(await e.fails([...other, 'get', 'crontabs', '-A'])).toContain('the server doesn\'t have a resource type "crontabs"');
    expect(await e.ok([...other, 'get', 'crd'])).not.toContain('crontabs');
    // The same definition there is a separate API with separate objects.
    await e.ok([...other, 'apply', '-f', e.file('crd.yaml', CRONTAB_CRD)]);
    await e.ok([...other, 'wait', '--for', 'condition=established', 'crd/crontabs.stable.example.com']);
    await e.ok([...other, 'create', 'ns', 'jobs']);
    expect(lines(await e.kubectl([...other, 'get', 'ct', '-n', 'jobs']).then((r) => r.stdout + r.stderr))).toEqual(['No resources found in jobs namespace.']);
  });

  it('deleting the definition deletes its objects', async () => {
    expect(await e.ok(['delete', 'crd', 'crontabs.stable.example.com'])).toContain('deleted');
    // kubectl's cached discovery may still know the resource; the server no longer serves it.
    expect(await e.fails(['get', 'ct', '-n', 'jobs'])).toMatch(/the server doesn't have a resource type "ct"|the server could not find the requested resource/);
    expect(e.server.store).toBeDefined();
    expect((await e.server.store.list({ cluster: 'root', resource: 'stable.example.com/crontabs' })).items).toEqual([]);
  });
});

const VPA_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: verticalpodautoscalers.autoscaling.k8s.io
  annotations:
    api-approved.kubernetes.io: https://github.com/kubernetes/kubernetes/pull/63797
spec:
  group: autoscaling.k8s.io
  scope: Namespaced
  names:
    plural: verticalpodautoscalers
    singular: verticalpodautoscaler
    kind: VerticalPodAutoscaler
    listKind: VerticalPodAutoscalerList
    shortNames: [vpa]
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            x-kubernetes-preserve-unknown-fields: true
          status:
            type: object
            x-kubernetes-preserve-unknown-fields: true
  - name: v1beta2
    served: true
    storage: false
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            x-kubernetes-preserve-unknown-fields: true
          status:
            type: object
            x-kubernetes-preserve-unknown-fields: true
`;

const VPA = `apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata:
  name: web
  namespace: jobs
spec:
  targetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  updatePolicy:
    updateMode: Auto
    minReplicas: 2
  resourcePolicy:
    containerPolicies:
    - containerName: '*'
      minAllowed: {cpu: 100m, memory: 50Mi}
      maxAllowed: {cpu: 1, memory: 500Mi}
      controlledResources: [cpu, memory]
      controlledValues: RequestsAndLimits
`;

describe('a VerticalPodAutoscaler under a definition that keeps unknown fields', () => {
  it('stores the manifest as written and reads it at both versions', async () => {
    await e.ok(['apply', '-f', e.file('vpa-crd.yaml', VPA_CRD)]);
    await e.ok(['wait', '--for', 'condition=established', 'crd/verticalpodautoscalers.autoscaling.k8s.io']);
    expect(await e.ok(['apply', '-f', e.file('vpa.yaml', VPA)])).toContain('verticalpodautoscaler.autoscaling.k8s.io/web created');
    const vpa = await e.getJson(['vpa', 'web', '-n', 'jobs']);
    expect(vpa.spec).toEqual({
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      updatePolicy: { updateMode: 'Auto', minReplicas: 2 },
      resourcePolicy: { containerPolicies: [{ containerName: '*', minAllowed: { cpu: '100m', memory: '50Mi' }, maxAllowed: { cpu: 1, memory: '500Mi' }, controlledResources: ['cpu', 'memory'], controlledValues: 'RequestsAndLimits' }] },
    });
    const beta = await e.getJson(['verticalpodautoscalers.v1beta2.autoscaling.k8s.io', 'web', '-n', 'jobs']);
    expect(beta.apiVersion).toBe('autoscaling.k8s.io/v1beta2');
    expect(beta.spec).toEqual(vpa.spec);
    expect(await e.ok(['apply', '-f', e.file('vpa.yaml', VPA)])).toContain('unchanged');
  });

  it('a definition in a protected group needs the approval annotation', async () => {
    const unapproved = VPA_CRD.replace('    api-approved.kubernetes.io: https://github.com/kubernetes/kubernetes/pull/63797\n', '    note: none\n').replace(/verticalpodautoscalers/g, 'vpas2').replace(/VerticalPodAutoscaler/g, 'Vpa2').replace('shortNames: [vpa]', 'shortNames: [vpa2]');
    expect(await e.fails(['apply', '-f', e.file('vpa2.yaml', unapproved)])).toContain('protected groups must have approval annotation "api-approved.kubernetes.io"');
  });
});
