import { afterEach, describe, expect, it } from 'vitest';
import { memStore } from '../../storage/sqlite/testHelpers.js';
import { DELETE, JsonObject, Store } from '../../storage/store.js';
import { PlacedNamespaces, placedKeys } from './placedNamespaces.js';

const ns = (name: string, labels: Record<string, string> = {}, finalizers: string[] = []): JsonObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels, finalizers } });

function put(store: Store, cluster: string, obj: JsonObject | typeof DELETE) {
  const name = obj === DELETE ? '' : obj.metadata.name;
  return store.mutate({ key: { cluster, resource: '/namespaces', namespace: '', name }, apply: () => obj });
}

describe('placedKeys', () => {
  it('reads state labels and syncer finalizers', () => {
    expect([...placedKeys(ns('a', { 'state.sync.kplane.io/k1': 'Sync', other: 'x' }, ['sync.kplane.io/syncer-k2', 'kubernetes']))].sort()).toEqual(['k1', 'k2']);
    expect(placedKeys(undefined).size).toBe(0);
  });
});

describe('PlacedNamespaces', () => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
  });

  it('loads what is placed and follows changes', async () => {
    store = memStore();
    await put(store, 'c1', ns('a', { 'state.sync.kplane.io/k1': 'Sync' }));
    await put(store, 'c1', ns('b'));
    const index = new PlacedNamespaces(store);
    await index.ready();
    expect(index.placements('k1')).toEqual(new Map([['c1', ['a']]]));
    await put(store, 'c2', ns('x', { 'state.sync.kplane.io/k1': 'Sync' }));
    await put(store, 'c1', ns('b', {}, ['sync.kplane.io/syncer-k1']));
    expect(index.placements('k1')).toEqual(new Map([['c1', ['a', 'b']], ['c2', ['x']]]));
    await put(store, 'c1', ns('a'));
    await store.mutate({ key: { cluster: 'c2', resource: '/namespaces', namespace: '', name: 'x' }, apply: () => DELETE });
    expect(index.placements('k1')).toEqual(new Map([['c1', ['b']]]));
    expect(index.placements('k2').size).toBe(0);
    index.stop();
  });
});
