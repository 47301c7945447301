// CustomResourceDefinitions for tests: the CronTab of the Kubernetes documentation, with
// defaults, bounds, a pattern, printer columns, status and scale subresources, a selectable
// field and a deprecated second version; and a wait for Established.

import { expect } from 'vitest';
import { ApiClient } from './http.js';
import { get } from './kube.js';

export const CRONTAB_SCHEMA = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        cronSpec: { type: 'string', pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$' },
        image: { type: 'string' },
        replicas: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
      },
    },
    status: {
      type: 'object',
      properties: {
        replicas: { type: 'integer' },
        labelSelector: { type: 'string' },
      },
    },
  },
};

export function crontabCRD(overrides: { scope?: string; group?: string } = {}): any {
  const group = overrides.group ?? 'stable.example.com';
  const version = (name: string, storage: boolean, extra: Record<string, unknown> = {}) => ({
    name,
    served: true,
    storage,
    schema: { openAPIV3Schema: CRONTAB_SCHEMA },
    subresources: { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.labelSelector' } },
    additionalPrinterColumns: [
      { name: 'Spec', type: 'string', description: 'The cron spec defining the interval a CronJob is run', jsonPath: '.spec.cronSpec' },
      { name: 'Replicas', type: 'integer', description: 'The number of jobs launched by the CronJob', jsonPath: '.spec.replicas' },
      { name: 'Image', type: 'string', priority: 1, jsonPath: '.spec.image' },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ],
    selectableFields: [{ jsonPath: '.spec.image' }],
    ...extra,
  });
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `crontabs.${group}` },
    spec: {
      group,
      scope: overrides.scope ?? 'Namespaced',
      names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', shortNames: ['ct'], categories: ['all'] },
      versions: [version('v1', true), version('v1beta1', false, { deprecated: true })],
    },
  };
}

/** Waits until the definition is Established (as `kubectl wait --for condition=established` does). */
export async function waitEstablished(c: ApiClient, name: string, workspace = '/clusters/root'): Promise<any> {
  for (let i = 0; i < 200; i++) {
    const r = workspace === '/clusters/root' ? await get(c, `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`) : await c.get(`${workspace}/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`);
    const crd = r.json();
    if (crd.status?.conditions?.some((x: any) => x.type === 'Established' && x.status === 'True')) return crd;
    await new Promise((res) => setTimeout(res, 20));
  }
  expect.fail(`${name} did not become Established`);
}
