// (g) What a custom resource's schema costs per object, beside a built-in kind: the request body
// decoded and prepared for create exactly as the create handler does it (structural decode,
// defaults, validation — the built-in kind's hand-written validators; the custom resource's
// OpenAPI schema with patterns, bounds and CEL rules — and managedFields), in this process, with
// no HTTP and no storage, so the difference is the validation itself. The ceiling is JSON.parse
// of the same bytes: what reading a body costs before anything is checked.

import { Catalogue } from '../../apis/catalogue.js';
import { customResourceDefs } from '../../apis/crd/served.js';
import { prepareCreate } from '../../apis/registry/create.js';
import { decodeBody, type Scope } from '../../apis/registry/scope.js';
import { BUILTIN_RESOURCES } from '../../apis/resources/index.js';
import { typeRegistry } from '../../apis/types/index.js';
import { median, round } from './stats.js';

export interface ValidationFigure {
  /** Microseconds per object (median of the rounds). */
  usPerObject: number;
  bodyBytes: number;
}

export interface ValidationResult {
  objects: number;
  rounds: number;
  parseCeiling: { deployment: ValidationFigure; customResource: ValidationFigure };
  deployment: ValidationFigure;
  customResource: ValidationFigure;
  /** Custom resource ÷ Deployment, per object. */
  ratio: number;
}

/** A CronTab definition as operators write them: typed fields, bounds, a pattern, defaults, CEL rules. */
function crontabDefinition(): Record<string, unknown> {
  const schema = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        required: ['cronSpec', 'image'],
        'x-kubernetes-validations': [
          { rule: 'self.minReplicas <= self.replicas', message: 'replicas must be at least minReplicas' },
          { rule: "self.image.startsWith('registry.example.com/') || self.image.contains(':')", message: 'image must be pinned' },
        ],
        properties: {
          cronSpec: { type: 'string', pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$' },
          image: { type: 'string', maxLength: 256 },
          replicas: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
          minReplicas: { type: 'integer', minimum: 0, default: 0 },
          env: {
            type: 'array', maxItems: 32, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'],
            items: { type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 64 }, value: { type: 'string' } } },
          },
          suspend: { type: 'boolean', default: false },
        },
      },
      status: { type: 'object', properties: { replicas: { type: 'integer' } } },
    },
  };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'crontabs.stable.example.com' },
    spec: {
      group: 'stable.example.com',
      scope: 'Namespaced',
      names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', listKind: 'CronTabList' },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema }, subresources: { status: {} } }],
    },
    status: {
      acceptedNames: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', listKind: 'CronTabList' },
      conditions: [{ type: 'Established', status: 'True' }, { type: 'NamesAccepted', status: 'True' }],
    },
  };
}

function deploymentBody(i: number): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `web-${i}`, labels: { app: 'web', tier: 'frontend' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web', tier: 'frontend' } },
        spec: {
          containers: [{
            name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }],
            env: [{ name: 'MODE', value: 'production' }, { name: 'LEVEL', value: 'info' }],
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
            readinessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5 },
          }],
        },
      },
    },
  });
}

function crontabBody(i: number): string {
  return JSON.stringify({
    apiVersion: 'stable.example.com/v1',
    kind: 'CronTab',
    metadata: { name: `tab-${i}`, labels: { app: 'web', tier: 'frontend' } },
    spec: {
      cronSpec: '*/5 * * * *', image: 'registry.example.com/jobs/report:1.4', replicas: 3, minReplicas: 1,
      env: [{ name: 'MODE', value: 'production' }, { name: 'LEVEL', value: 'info' }],
    },
  });
}

function scopeOf(catalogue: Catalogue, group: string, version: string, plural: string): Scope {
  const r = catalogue.resource(group, version, plural);
  if (!r) throw new Error(`no ${group}/${version}/${plural}`);
  return { cluster: 'bench', catalogue, r, namespace: 'default', user: { username: 'admin', groups: ['system:masters'] } };
}

/** Median µs per object over `rounds` passes of `bodies`, after one warm-up pass. */
function perObject(bodies: string[], rounds: number, work: (body: string) => void): number {
  const samples: number[] = [];
  for (let round = -1; round < rounds; round++) {
    const t0 = performance.now();
    for (const b of bodies) work(b);
    const us = ((performance.now() - t0) * 1000) / bodies.length;
    if (round >= 0) samples.push(us);
  }
  return median(samples);
}

export function benchValidation(p: { objects: number; rounds: number }): ValidationResult {
  const catalogue = new Catalogue([...BUILTIN_RESOURCES, ...customResourceDefs(crontabDefinition())], typeRegistry());
  const deployments = scopeOf(catalogue, 'apps', 'v1', 'deployments');
  const crontabs = scopeOf(catalogue, 'stable.example.com', 'v1', 'crontabs');
  const now = Date.now();
  const prepare = (s: Scope) => (body: string) => {
    const { obj } = decodeBody(s, JSON.parse(body), 'Strict');
    prepareCreate(s, obj, now, 'kubectl-client-side-apply');
  };
  const dBodies = Array.from({ length: p.objects }, (_, i) => deploymentBody(i));
  const cBodies = Array.from({ length: p.objects }, (_, i) => crontabBody(i));
  // Both must pass: a rejected object would measure the error path.
  prepare(deployments)(dBodies[0]!);
  prepare(crontabs)(cBodies[0]!);
  const figure = (bodies: string[], work: (b: string) => void): ValidationFigure => ({
    usPerObject: round(perObject(bodies, p.rounds, work), 2),
    bodyBytes: bodies[0]!.length,
  });
  const deployment = figure(dBodies, prepare(deployments));
  const customResource = figure(cBodies, prepare(crontabs));
  return {
    objects: p.objects,
    rounds: p.rounds,
    parseCeiling: { deployment: figure(dBodies, (b) => JSON.parse(b)), customResource: figure(cBodies, (b) => JSON.parse(b)) },
    deployment,
    customResource,
    ratio: round(customResource.usPerObject / deployment.usPerObject, 2),
  };
}
