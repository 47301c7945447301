import { describe, expect, it } from 'vitest';
import { driftedPaths, isSubset } from './drift.js';

describe('isSubset (drift)', () => {
  it('ignores fields the member adds', () => {
    expect(isSubset({ spec: { replicas: 2, template: { spec: { containers: [{ name: 'a', image: 'x' }] } } } },
      { spec: { replicas: 2, strategy: {}, template: { spec: { containers: [{ name: 'a', image: 'x', imagePullPolicy: 'Always' }], dnsPolicy: 'ClusterFirst' } } }, status: {} })).toBe(true);
  });

  it('sees changed values and changed list lengths', () => {
    expect(isSubset({ spec: { replicas: 2 } }, { spec: { replicas: 5 } })).toBe(false);
    expect(isSubset({ data: { a: '1' } }, { data: {} })).toBe(false);
    expect(isSubset({ ports: [{ port: 80 }] }, { ports: [{ port: 80 }, { port: 81 }] })).toBe(false);
    expect(driftedPaths({ spec: { replicas: 2, x: { y: 1 } } }, { spec: { replicas: 5, x: { y: 2 } } })).toEqual(['spec.replicas', 'spec.x.y']);
  });

  it('treats nulls and empty values as absent', () => {
    expect(isSubset({ metadata: { creationTimestamp: null }, spec: { a: {}, b: [] } }, { metadata: {}, spec: {} })).toBe(true);
  });
});
