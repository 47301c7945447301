import { describe, expect, it } from 'vitest';
import { boundClaim, claimStatus } from './persistentVolumeClaim.js';

const pvc = (spec: Record<string, unknown> = {}, annotations?: Record<string, string>) => ({
  metadata: { name: 'data', uid: 'u1', ...(annotations ? { annotations } : {}) },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } }, ...spec },
});

describe('boundClaim', () => {
  it('binds to the volume provisioned for it, with the binder annotations', () => {
    const b = boundClaim(pvc())!;
    expect(b.spec.volumeName).toBe('pvc-u1');
    expect(b.metadata.annotations).toEqual({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(boundClaim(b)).toBeUndefined();
  });

  it('a claim naming its volume is bound to it, not marked as bound by the controller', () => {
    const b = boundClaim(pvc({ volumeName: 'mine' }))!;
    expect(b.spec.volumeName).toBe('mine');
    expect(b.metadata.annotations).toEqual({ 'pv.kubernetes.io/bind-completed': 'yes' });
    expect(boundClaim(b)).toBeUndefined();
  });
});

describe('claimStatus', () => {
  it('is Bound with the requested capacity and access modes', () => {
    expect(claimStatus(pvc({ volumeName: 'pvc-u1' }))).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '5Gi' } });
  });
});
