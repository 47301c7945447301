import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from '../../apis/catalogue.js';
import { stateLabel, syncerFinalizer } from '../../apis/sync/contract.js';
import { stampPlacedObjects } from './stampOnWrite.js';

const c = builtinCatalogue();
const configmaps = c.resource('', 'v1', 'configmaps')!;
const events = c.resource('', 'v1', 'events')!;
const placedNs = { metadata: { name: 'web', labels: { [stateLabel('k1')]: 'Sync', [stateLabel('k2')]: 'Pending' } } };

describe('stampPlacedObjects', () => {
  it('stamps syncable objects of placed namespaces with the Sync keys', () => {
    const obj = { metadata: { name: 'cfg', namespace: 'web' } };
    const out = stampPlacedObjects.mutate(configmaps, obj, placedNs);
    expect(out.metadata).toEqual({ name: 'cfg', namespace: 'web', labels: { [stateLabel('k1')]: 'Sync' }, finalizers: [syncerFinalizer('k1')] });
    expect(obj.metadata).toEqual({ name: 'cfg', namespace: 'web' });
  });

  it('leaves alone unsynced resources, member-owned objects, unplaced namespaces and objects being deleted', () => {
    const obj = { metadata: { name: 'p', namespace: 'web' } };
    expect(stampPlacedObjects.mutate(events, obj, placedNs)).toBe(obj);
    const rootCa = { metadata: { name: 'kube-root-ca.crt', namespace: 'web' } };
    expect(stampPlacedObjects.mutate(configmaps, rootCa, placedNs)).toBe(rootCa);
    expect(stampPlacedObjects.mutate(configmaps, obj, { metadata: { name: 'web' } })).toBe(obj);
    const deleting = { metadata: { name: 'cfg', deletionTimestamp: '2026-01-01T00:00:00Z', labels: { [stateLabel('k1')]: 'Sync' } } };
    expect(stampPlacedObjects.mutate(configmaps, deleting, placedNs)).toBe(deleting);
  });

  it('never removes: keys the namespace lost are the controller\'s', () => {
    const obj = { metadata: { name: 'cfg', labels: { [stateLabel('gone')]: 'Sync' }, finalizers: [syncerFinalizer('gone')] } };
    const out = stampPlacedObjects.mutate(configmaps, obj, placedNs);
    expect(out.metadata.labels).toEqual({ [stateLabel('gone')]: 'Sync', [stateLabel('k1')]: 'Sync' });
    expect(out.metadata.finalizers).toEqual([syncerFinalizer('gone'), syncerFinalizer('k1')]);
  });

  it('asks for the namespace only on updates of objects that carry a state label', () => {
    expect(stampPlacedObjects.concernsUpdate({ metadata: { labels: { [stateLabel('k1')]: 'Sync' } } })).toBe(true);
    expect(stampPlacedObjects.concernsUpdate({ metadata: { labels: { app: 'x' } } })).toBe(false);
  });
});
