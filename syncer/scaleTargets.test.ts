import { describe, expect, it } from 'vitest';
import { BUILTIN_RESOURCES } from './resources.js';
import { ScaleTargets } from './scaleTargets.js';
import { downstreamObject } from './transform.js';

const hpa = (kind: string, name: string) => ({ spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind, name } } });
const ref = (name: string) => ({ cluster: 'c1', namespace: 'web', name });

describe('ScaleTargets', () => {
  it('tells which workloads an autoscaler scales, and which changed hands', () => {
    const t = new ScaleTargets();
    expect(t.set(ref('a'), hpa('Deployment', 'web'))).toEqual([{ resourceId: 'apps/deployments', ref: ref('web') }]);
    expect(t.scaled('Deployment', ref('web'))).toBe(true);
    expect(t.scaled('StatefulSet', ref('web'))).toBe(false);
    // A second autoscaler on the same workload changes nothing; the first going neither.
    expect(t.set(ref('b'), hpa('Deployment', 'web'))).toEqual([]);
    expect(t.set(ref('a'), undefined)).toEqual([]);
    expect(t.scaled('Deployment', ref('web'))).toBe(true);
    // Retargeted: both workloads change hands.
    expect(t.set(ref('b'), hpa('StatefulSet', 'db'))).toEqual([{ resourceId: 'apps/deployments', ref: ref('web') }, { resourceId: 'apps/statefulsets', ref: ref('db') }]);
    expect(t.scaled('Deployment', ref('web'))).toBe(false);
    expect(t.set(ref('c'), hpa('ReplicaSet', 'x'))).toEqual([]);
  });

  it('leaves spec.replicas out of an autoscaled workload', () => {
    const deploy = BUILTIN_RESOURCES.find((r) => r.plural === 'deployments')!;
    const up = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'web', annotations: { 'kcp.io/cluster': 'c1' } }, spec: { replicas: 3, paused: false } };
    const target = { key: 'k', workspace: 'root:compute', name: 't' };
    expect(downstreamObject(deploy, up, target).object.spec).toEqual({ replicas: 3, paused: false });
    const scaled = downstreamObject(deploy, up, target, { autoscaled: true });
    expect(scaled.object.spec).toEqual({ paused: false });
    expect(scaled.hash).not.toBe(downstreamObject(deploy, up, target).hash);
  });
});
