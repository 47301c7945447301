import { describe, expect, it } from 'vitest';
import { conflictPolicyAnnotation, deletionPolicyAnnotation, stateLabel, syncConditionAnnotation, syncerFinalizer } from '../../apis/sync/contract.js';
import { hasStateLabel, placedKeys, restamp, stampedKeys } from './stamps.js';

const POLICIES = { conflictPolicy: 'Abort', deletionPolicy: 'Delete' };
const keys = (...k: string[]) => new Map(k.map((x) => [x, undefined]));

describe('restamp', () => {
  it('adds label and finalizer for wanted keys, keeping what else is there', () => {
    const meta = { name: 'x', labels: { app: 'web' }, finalizers: ['other'] };
    expect(restamp(meta, keys('k1'), { finalizer: true })).toEqual({
      name: 'x',
      labels: { app: 'web', [stateLabel('k1')]: 'Sync' },
      finalizers: ['other', syncerFinalizer('k1')],
    });
    expect(meta).toEqual({ name: 'x', labels: { app: 'web' }, finalizers: ['other'] });
  });

  it('returns undefined when nothing differs', () => {
    const meta = { labels: { [stateLabel('k1')]: 'Sync' }, finalizers: [syncerFinalizer('k1')] };
    expect(restamp(meta, keys('k1'), { finalizer: true })).toBeUndefined();
    expect(restamp({ name: 'x' }, keys(), { finalizer: true })).toBeUndefined();
  });

  it('writes the policies as annotations on namespaces', () => {
    const next = restamp({ name: 'ns' }, new Map([['k1', { conflictPolicy: 'Adopt', deletionPolicy: 'Orphan' }]]), { finalizer: true });
    expect(next!.annotations).toEqual({ [conflictPolicyAnnotation('k1')]: 'Adopt', [deletionPolicyAnnotation('k1')]: 'Orphan' });
    expect(restamp(next, new Map([['k1', POLICIES]]), { finalizer: true })!.annotations).toEqual({ [conflictPolicyAnnotation('k1')]: 'Abort', [deletionPolicyAnnotation('k1')]: 'Delete' });
  });

  it('removes everything of keys no longer wanted, and drops maps left empty', () => {
    const meta = {
      name: 'ns',
      labels: { [stateLabel('k1')]: 'Sync', [stateLabel('k2')]: 'Sync' },
      annotations: { [conflictPolicyAnnotation('k2')]: 'Abort', [deletionPolicyAnnotation('k2')]: 'Delete', [syncConditionAnnotation('k2')]: '{}', keep: 'me' },
      finalizers: [syncerFinalizer('k2'), syncerFinalizer('k1')],
    };
    expect(restamp(meta, keys('k1'), { finalizer: true })).toEqual({
      name: 'ns',
      labels: { [stateLabel('k1')]: 'Sync' },
      annotations: { keep: 'me' },
      finalizers: [syncerFinalizer('k1')],
    });
    expect(restamp(meta, keys(), { finalizer: true })).toEqual({ name: 'ns', annotations: { keep: 'me' } });
  });

  it('adds nothing to an object being deleted, but still removes', () => {
    const deleting = { deletionTimestamp: '2026-01-01T00:00:00Z', labels: { [stateLabel('k1')]: 'Sync' }, finalizers: [syncerFinalizer('k2')] };
    // k1 lost its finalizer (released by the agent): not re-added; k3 is new: nothing added.
    expect(restamp(deleting, keys('k1', 'k3'), { finalizer: true })).toEqual({ deletionTimestamp: deleting.deletionTimestamp, labels: { [stateLabel('k1')]: 'Sync' } });
  });

  it('only adds with addOnly, and stamps CRDs without a finalizer', () => {
    const meta = { labels: { [stateLabel('old')]: 'Sync' } };
    expect(restamp(meta, keys('k1'), { finalizer: true, addOnly: true })).toEqual({
      labels: { [stateLabel('old')]: 'Sync', [stateLabel('k1')]: 'Sync' },
      finalizers: [syncerFinalizer('k1')],
    });
    expect(restamp({}, keys('k1'), { finalizer: false })).toEqual({ labels: { [stateLabel('k1')]: 'Sync' } });
  });
});

describe('reading stamps', () => {
  it('finds keys in labels, finalizers and keyed annotations; placed keys only from Sync labels', () => {
    const meta = {
      labels: { [stateLabel('a')]: 'Sync', [stateLabel('p')]: 'Pending', other: 'x' },
      finalizers: [syncerFinalizer('b')],
      annotations: { [syncConditionAnnotation('c')]: '{}' },
    };
    expect([...stampedKeys(meta)].sort()).toEqual(['a', 'b', 'c', 'p']);
    expect(placedKeys({ metadata: meta })).toEqual(['a']);
    expect(hasStateLabel({ metadata: meta })).toBe(true);
    expect(hasStateLabel({ metadata: { labels: { other: 'x' } } })).toBe(false);
  });
});
