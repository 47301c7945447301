import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../store.js';
import type { SqliteStore } from './sqliteStore.js';
import { CM, Collector, create, key, memStore, remove, settle, update } from './testHelpers.js';

let store: SqliteStore;
afterEach(async () => {
  await store?.close();
});

describe('SQLite store: live watch', () => {
  it('delivers ADDED/MODIFIED/DELETED with prev, for one namespace only', async () => {
    store = memStore();
    const c = new Collector();
    store.watch({ cluster: 'root', resource: CM, namespace: 'a' }, c.sink);
    const k = key('a', 'x');
    await create(store, k, { v: '1' });
    await create(store, key('b', 'x'));
    await create(store, key('a', 'x', 'root:other'));
    await store.mutate({ key: key('a', 'x', 'root', '/secrets'), apply: () => ({ metadata: {} }) });
    await update(store, k, { v: '2' });
    await remove(store, k);
    expect(c.names).toEqual(['ADDED root/a/x', 'MODIFIED root/a/x', 'DELETED root/a/x']);
    const [added, modified, deleted] = c.events as [ChangeEvent, ChangeEvent, ChangeEvent];
    expect(added.prev).toBeUndefined();
    expect(added.object.metadata.resourceVersion).toBe(String(added.rv));
    expect(modified.prev?.data).toEqual({ v: '1' });
    expect(modified.object.data).toEqual({ v: '2' });
    expect(deleted.object.data).toEqual({ v: '2' });
    expect(deleted.object.metadata.resourceVersion).toBe(String(deleted.rv));
    expect(deleted.prev?.metadata.resourceVersion).toBe(String(modified.rv));
    expect(JSON.parse(deleted.json)).toEqual(deleted.object);
  });

  it('events are published before the mutation promise resolves', async () => {
    store = memStore();
    const c = new Collector();
    store.watch({ cluster: 'root', resource: CM }, c.sink);
    const r = await create(store, key('a', 'x'));
    expect(c.rvs).toEqual([r.rv]);
  });

  it('all namespaces of a workspace, and nothing of other workspaces', async () => {
    store = memStore();
    const c = new Collector();
    store.watch({ cluster: 'root', resource: CM }, c.sink);
    await Promise.all([create(store, key('a', 'x')), create(store, key('b', 'y')), create(store, key('a', 'x', 'root:o'))]);
    expect(c.names).toEqual(['ADDED root/a/x', 'ADDED root/b/y']);
  });

  it('cross-workspace watch (cluster undefined) sees every workspace, in revision order', async () => {
    store = memStore();
    const all = new Collector();
    const nsOnly = new Collector();
    const byName = new Collector();
    store.watch({ resource: CM }, all.sink);
    store.watch({ resource: CM, namespace: 'b' }, nsOnly.sink);
    store.watch({ resource: CM, name: 'y' }, byName.sink);
    await Promise.all([
      create(store, key('a', 'x', 'root:w1')),
      create(store, key('b', 'y', 'root:w2')),
      create(store, key('b', 'z', 'root')),
      store.mutate({ key: key('b', 'y', 'root', '/secrets'), apply: () => ({ metadata: {} }) }),
    ]);
    expect(all.names).toEqual(['ADDED root:w1/a/x', 'ADDED root:w2/b/y', 'ADDED root/b/z']);
    expect(all.rvs).toEqual([1, 2, 3]);
    expect(nsOnly.names).toEqual(['ADDED root:w2/b/y', 'ADDED root/b/z']);
    expect(byName.names).toEqual(['ADDED root:w2/b/y']);
  });

  it('by name, in a namespace and across namespaces', async () => {
    store = memStore();
    const exact = new Collector();
    const anyNs = new Collector();
    store.watch({ cluster: 'root', resource: CM, namespace: 'a', name: 'x' }, exact.sink);
    store.watch({ cluster: 'root', resource: CM, name: 'x' }, anyNs.sink);
    await Promise.all([create(store, key('a', 'x')), create(store, key('a', 'y')), create(store, key('b', 'x'))]);
    expect(exact.names).toEqual(['ADDED root/a/x']);
    expect(anyNs.names).toEqual(['ADDED root/a/x', 'ADDED root/b/x']);
  });

  it('a throwing sink does not break other watchers or the writer', async () => {
    const errors: unknown[] = [];
    store = memStore({ logger: { warn: () => {}, error: (o) => errors.push(o) } });
    const c = new Collector();
    store.watch({ cluster: 'root', resource: CM }, () => {
      throw new Error('bad sink');
    });
    store.watch({ cluster: 'root', resource: CM }, c.sink);
    const r = await create(store, key('a', 'x'));
    await create(store, key('a', 'y'));
    expect(r.rv).toBe(1);
    expect(c.rvs).toEqual([1, 2]);
    expect(errors).toHaveLength(2);
  });

  it('stop() is idempotent, frees the watcher, and may be called from inside the sink', async () => {
    store = memStore();
    const c = new Collector();
    const w = store.watch({ cluster: 'root', resource: CM, namespace: 'a' }, c.sink);
    let selfStopped = 0;
    const self = store.watch({ resource: CM }, () => {
      selfStopped++;
      self.stop();
    });
    expect(store.stats().watchers).toBe(2);
    await Promise.all([create(store, key('a', 'x')), create(store, key('a', 'y'))]);
    expect(selfStopped).toBe(1);
    expect(store.stats().watchers).toBe(1);
    w.stop();
    w.stop();
    self.stop();
    expect(store.stats().watchers).toBe(0);
    await create(store, key('a', 'z'));
    expect(c.rvs).toEqual([1, 2]);
  });

  it('a watch registered inside a sink during a batch sees neither that batch nor duplicates', async () => {
    store = memStore();
    const late = new Collector();
    let registered = false;
    store.watch({ cluster: 'root', resource: CM }, () => {
      if (!registered) {
        registered = true;
        store.watch({ cluster: 'root', resource: CM }, late.sink);
      }
    });
    await Promise.all([create(store, key('a', '1')), create(store, key('a', '2')), create(store, key('a', '3'))]);
    await create(store, key('a', '4'));
    expect(late.rvs).toEqual([4]);
  });

  it('a watch from a future revision skips changes up to it', async () => {
    store = memStore();
    const c = new Collector();
    store.watch({ cluster: 'root', resource: CM, fromRv: 2 }, c.sink);
    for (let i = 0; i < 4; i++) await create(store, key('a', `o${i}`));
    expect(c.rvs).toEqual([3, 4]);
  });
});

describe('SQLite store: resumed watch', () => {
  it('replays from the change log with prev, then continues live', async () => {
    store = memStore();
    const k = key('a', 'x');
    await create(store, k, { v: '1' }); // 1
    await create(store, key('b', 'y')); // 2
    await update(store, k, { v: '2' }); // 3
    await remove(store, k); // 4
    const c = new Collector();
    store.watch({ cluster: 'root', resource: CM, namespace: 'a', fromRv: 1 }, c.sink);
    expect(c.events).toHaveLength(0); // never called inside watch()
    await create(store, key('a', 'z')); // 5, live
    await c.waitFor(3);
    expect(c.names).toEqual(['MODIFIED root/a/x', 'DELETED root/a/x', 'ADDED root/a/z']);
    expect(c.rvs).toEqual([3, 4, 5]);
    const [mod, del] = c.events as [ChangeEvent, ChangeEvent];
    expect(mod.prev?.data).toEqual({ v: '1' });
    expect(mod.prev?.metadata.resourceVersion).toBe('1');
    expect(del.prev?.data).toEqual({ v: '2' });
    expect(del.object.metadata.resourceVersion).toBe('4');
  });

  it('fromRv equal to the current revision is live only; fromRv 0 replays everything', async () => {
    store = memStore();
    await create(store, key('a', 'x'));
    await create(store, key('a', 'y'));
    const now = new Collector();
    const all = new Collector();
    store.watch({ cluster: 'root', resource: CM, fromRv: store.currentRevision() }, now.sink);
    store.watch({ cluster: 'root', resource: CM, fromRv: 0 }, all.sink);
    await create(store, key('a', 'z'));
    await all.waitFor(3);
    expect(now.rvs).toEqual([3]);
    expect(all.rvs).toEqual([1, 2, 3]);
  });

  it('no gap and no duplicate while writes continue during a long replay', async () => {
    store = memStore();
    // A log longer than several replay steps, spread over workspaces and namespaces.
    const total = 12_000;
    for (let i = 0; i < total; i += 1000) {
      await Promise.all(
        Array.from({ length: 1000 }, (_, j) => create(store, key(`ns${(i + j) % 3}`, `o${i + j}`, (i + j) % 2 ? 'root' : 'root:t'))),
      );
    }
    const fromRv = 150;
    const cAll = new Collector();
    const cNs = new Collector();
    const cGlobal = new Collector();
    store.watch({ cluster: 'root', resource: CM, fromRv }, cAll.sink);
    store.watch({ cluster: 'root', resource: CM, namespace: 'ns1', fromRv }, cNs.sink);
    store.watch({ resource: CM, fromRv }, cGlobal.sink);
    expect(store.stats().replayingWatchers).toBe(3);
    // Keep writing (in several batches) while the replay runs.
    const extra = 3000;
    let overlapped = 0;
    for (let i = 0; i < extra; i += 100) {
      if (store.stats().replayingWatchers > 0) overlapped++;
      await Promise.all(
        Array.from({ length: 100 }, (_, j) => create(store, key(`ns${(i + j) % 3}`, `late${i + j}`, (i + j) % 2 ? 'root' : 'root:t'))),
      );
    }
    const last = store.currentRevision();
    expect(last).toBe(total + extra);
    expect(overlapped).toBeGreaterThan(3); // the writes really happened during the replay
    await cGlobal.waitFor(last - fromRv);
    await settle(10);
    const expectAll = Array.from({ length: last - fromRv }, (_, i) => fromRv + 1 + i);
    expect(cGlobal.rvs).toEqual(expectAll);
    // Which revision went where: creates i were assigned rv i+1 (first phase) in order.
    const rootRvs = expectAll.filter((rv) => {
      const i = rv <= total ? rv - 1 : rv - total - 1;
      return i % 2 === 1;
    });
    expect(cAll.rvs).toEqual(rootRvs);
    expect(cNs.events.every((e) => e.key.namespace === 'ns1' && e.key.cluster === 'root')).toBe(true);
    const nsRvs = cNs.rvs;
    expect(new Set(nsRvs).size).toBe(nsRvs.length);
    expect([...nsRvs].sort((a, b) => a - b)).toEqual(nsRvs);
    expect(nsRvs.length).toBeGreaterThan(2000);
    expect(store.stats().replayingWatchers).toBe(0);
  });

  it('stop() during replay stops delivery and frees the watcher', async () => {
    store = memStore();
    await Promise.all(Array.from({ length: 2000 }, (_, i) => create(store, key('a', `o${i}`))));
    const c = new Collector();
    const w = store.watch({ cluster: 'root', resource: CM, fromRv: 0 }, (e) => {
      c.sink(e);
      if (c.events.length === 10) w.stop();
    });
    await settle(20);
    expect(c.events).toHaveLength(10);
    expect(store.stats().watchers).toBe(0);
    expect(store.stats().replayingWatchers).toBe(0);
  });
});
