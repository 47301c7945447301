// Test helpers: run a built-in resource's strategy the way admission does (defaults, then the
// kind's validate hook), and build the realistic objects the validator tests start from.

import { builtinCatalogue } from '../catalogue.js';
import type { FieldError, KObject } from './field.js';

/** The strategy of a served built-in resource. */
export function resourceOf(group: string, version: string, plural: string) {
  const r = builtinCatalogue().resource(group, version, plural);
  if (!r) throw new Error(`no resource ${group}/${version}/${plural}`);
  return r;
}

/** Defaults then validation of `obj` (a copy), as admit() runs them; `old` makes it an update. */
export function admitErrors(group: string, version: string, plural: string, obj: KObject, old?: KObject): FieldError[] {
  const r = resourceOf(group, version, plural);
  const o = structuredClone(obj);
  r.strategy?.defaults?.(o);
  let prev: KObject | undefined;
  if (old) {
    prev = structuredClone(old);
    r.strategy?.defaults?.(prev);
  }
  return r.strategy?.validate?.(o, prev) ?? [];
}

/** A deployment as `kubectl create deployment` would write it, with a few common extras. */
export function deployment(): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'u-1' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [{
            name: 'nginx',
            image: 'nginx:1.27',
            ports: [{ name: 'http', containerPort: 80 }],
            env: [{ name: 'MODE', value: 'prod' }, { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
            resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
            readinessProbe: { httpGet: { path: '/healthz', port: 'http' } },
            volumeMounts: [{ name: 'config', mountPath: '/etc/nginx/conf.d' }],
          }],
          volumes: [{ name: 'config', configMap: { name: 'nginx-conf' } }],
        },
      },
    },
  };
}
