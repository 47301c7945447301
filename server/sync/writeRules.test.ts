import { describe, expect, it } from 'vitest';
import { DELETE, UNCHANGED } from '../../storage/store.js';
import { isPlaced, isSyncerVisible, refusedChanges } from './writeRules.js';

const KEY = 'k1';
const FIN = 'sync.kplane.io/syncer-k1';
const COND = 'condition.sync.kplane.io/k1';

function obj(meta: Record<string, unknown> = {}, rest: Record<string, unknown> = {}): any {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'a', namespace: 'ns', resourceVersion: '5', labels: { 'state.sync.kplane.io/k1': 'Sync' }, finalizers: [FIN, 'other'], annotations: { keep: 'x' }, ...meta },
    data: { k: 'v' },
    ...rest,
  };
}

describe('isPlaced / isSyncerVisible', () => {
  it('placed means the label with value Sync; visible also with the finalizer alone', () => {
    expect(isPlaced(obj(), KEY)).toBe(true);
    expect(isPlaced(obj({ labels: { 'state.sync.kplane.io/k1': 'Pending' } }), KEY)).toBe(false);
    expect(isPlaced(obj(), 'k2')).toBe(false);
    expect(isSyncerVisible(obj({ labels: {} }), KEY)).toBe(true);
    expect(isSyncerVisible(obj({ labels: {}, finalizers: ['other'] }), KEY)).toBe(false);
    expect(isSyncerVisible(undefined, KEY)).toBe(false);
  });
});

describe('refusedChanges', () => {
  it('allows no-ops, removing its own finalizer, and its own condition annotation', () => {
    const old = obj();
    expect(refusedChanges(old, UNCHANGED, KEY)).toEqual([]);
    expect(refusedChanges(old, obj({ resourceVersion: '6', managedFields: [{ manager: 'm' }] }), KEY)).toEqual([]);
    expect(refusedChanges(old, obj({ finalizers: ['other'] }), KEY)).toEqual([]);
    expect(refusedChanges(old, obj({ annotations: { keep: 'x', [COND]: '{"type":"Synced"}' } }), KEY)).toEqual([]);
    expect(refusedChanges(obj({ annotations: { [COND]: 'a' } }), obj({ annotations: undefined }), KEY)).toEqual([]);
    expect(refusedChanges(obj({ finalizers: [FIN] }), obj({ finalizers: undefined }), KEY)).toEqual([]);
  });

  it('refuses everything else, naming the fields', () => {
    const old = obj();
    expect(refusedChanges(old, obj({}, { data: { k: 'changed' } }), KEY)).toEqual(['data']);
    expect(refusedChanges(old, obj({ finalizers: [FIN] }), KEY)).toEqual(['metadata.finalizers']);
    expect(refusedChanges(old, obj({ finalizers: [FIN, 'other', 'new'] }), KEY)).toEqual(['metadata.finalizers']);
    expect(refusedChanges(old, obj({ labels: {} }), KEY)).toEqual(['metadata.labels']);
    expect(refusedChanges(old, obj({ annotations: { keep: 'y' } }), KEY)).toEqual(['metadata.annotations[keep]']);
    expect(refusedChanges(old, obj({ annotations: { keep: 'x', 'condition.sync.kplane.io/k2': 'z' } }), KEY)).toEqual(['metadata.annotations[condition.sync.kplane.io/k2]']);
  });

  it('lets the object go only when its own finalizer was the last one', () => {
    expect(refusedChanges(obj({ finalizers: [FIN] }), DELETE, KEY)).toEqual([]);
    expect(refusedChanges(obj(), DELETE, KEY)).toEqual(['metadata.finalizers']);
  });
});
