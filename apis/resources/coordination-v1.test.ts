import { describe, expect, it } from 'vitest';
import { resources } from './coordination-v1.js';

describe('coordination.k8s.io/v1 leases', () => {
  const lease = resources.find((r) => r.plural === 'leases')!;
  const now = Date.parse('2025-01-01T00:10:00Z');

  it('is a namespaced resource with the standard verbs', () => {
    expect(lease).toMatchObject({ group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', namespaced: true, type: 'coordination/v1:Lease' });
    expect(lease.verbs).toContain('watch');
  });

  it('prints NAME, HOLDER and AGE', () => {
    expect(lease.columns!.map((c) => c.name)).toEqual(['Name', 'Holder', 'Age']);
    const obj = { metadata: { name: 'kube-scheduler', creationTimestamp: '2025-01-01T00:00:00Z' }, spec: { holderIdentity: 'node-1_abc' } };
    expect(lease.columns!.map((c) => c.cell(obj, now))).toEqual(['kube-scheduler', 'node-1_abc', '10m']);
  });

  it('prints an empty holder when nobody holds the lease', () => {
    const obj = { metadata: { name: 'l', creationTimestamp: '2025-01-01T00:00:00Z' }, spec: {} };
    expect(lease.columns![1].cell(obj, now)).toBe('');
  });
});
