import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExpiredError } from '../store.js';
import { compactionTarget, type CompactionOptions } from './compaction.js';
import { openSqliteStore, type SqliteStore } from './sqliteStore.js';
import { CM, Collector, create, key, memStore, quietLogger, remove, settle, tempDir, update } from './testHelpers.js';

let store: SqliteStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

describe('SQLite store: compaction', () => {
  it('compact(rv) expires watches from below rv; from rv and above still work', async () => {
    const s = (store = memStore());
    for (let i = 0; i < 10; i++) await create(s, key('a', `o${i}`));
    await s.compact(6);
    expect(s.compactedRevision()).toBe(6);
    expect(() => s.watch({ cluster: 'root', resource: CM, fromRv: 5 }, () => {})).toThrow(ExpiredError);
    try {
      s.watch({ resource: CM, fromRv: 0 }, () => {});
    } catch (err) {
      expect(err).toBeInstanceOf(ExpiredError);
      expect((err as ExpiredError).requested).toBe(0);
      expect((err as ExpiredError).oldest).toBe(6);
      expect((err as Error).message).toBe('too old resource version: 0 (6)');
    }
    const c = new Collector();
    s.watch({ cluster: 'root', resource: CM, fromRv: 6 }, c.sink);
    await c.waitFor(4);
    expect(c.rvs).toEqual([7, 8, 9, 10]);
    // Live-only watches are unaffected.
    expect(() => s.watch({ cluster: 'root', resource: CM }, () => {})).not.toThrow();
  });

  it('never compacts above the current revision, and never goes back', async () => {
    const s = (store = memStore());
    await create(s, key('a', 'x'));
    await s.compact(100);
    expect(s.compactedRevision()).toBe(1);
    await s.compact(0);
    expect(s.compactedRevision()).toBe(1);
  });

  it('keeps every current object readable; replayed prev is undefined once compacted away', async () => {
    const s = (store = memStore());
    const k = key('a', 'x');
    await create(s, k, { v: '1' }); // 1
    await update(s, k, { v: '2' }); // 2
    await update(s, k, { v: '3' }); // 3
    await create(s, key('a', 'y')); // 4
    await create(s, key('a', 'gone')); // 5
    await remove(s, key('a', 'gone')); // 6
    await s.compact(1);
    const c = new Collector();
    s.watch({ cluster: 'root', resource: CM, fromRv: 1 }, c.sink);
    await c.waitFor(5);
    expect(c.rvs).toEqual([2, 3, 4, 5, 6]);
    expect(c.events[0]!.prev).toBeUndefined(); // state at rv 1 was compacted away
    expect(c.events[1]!.prev?.data).toEqual({ v: '2' });

    await s.compact(s.currentRevision());
    expect((await s.get(k))?.object.data).toEqual({ v: '3' });
    expect((await s.get(key('a', 'y')))?.rv).toBe(4);
    const l = await s.list({ cluster: 'root', resource: CM });
    expect(l.items.map((i) => `${i.key.name}@${i.rv}`)).toEqual(['x@3', 'y@4']);
    expect(l.items.map((i) => i.object.metadata.name)).toEqual(['x', 'y']);
    // Still updatable after its log row was compacted; prev of the live event is known.
    const live = new Collector();
    s.watch({ cluster: 'root', resource: CM }, live.sink);
    await update(s, k, { v: '4' });
    expect(live.events[0]!.prev?.data).toEqual({ v: '3' });
  });

  it('compacts a long log in several short transactions', async () => {
    const s = (store = memStore());
    for (let i = 0; i < 25_000; i += 1000) {
      await Promise.all(Array.from({ length: 1000 }, (_, j) => create(s, key('a', `o${i + j}`))));
    }
    // Update half of them so that the log holds superseded rows too.
    await Promise.all(Array.from({ length: 12_500 }, (_, i) => update(s, key('a', `o${i * 2}`), { v: 'u' })));
    const before = s.stats().compactionTransactions;
    await s.compact(s.currentRevision());
    expect(s.compactedRevision()).toBe(37_500);
    expect(s.stats().compactionTransactions - before).toBe(4);
    const l = await s.list({ cluster: 'root', resource: CM });
    expect(l.items).toHaveLength(25_000);
    expect(l.items.filter((i) => i.object.data.v === 'u')).toHaveLength(12_500);
  });

  it('a replaying watch holds compaction back to what it has read, so it sees no gap', async () => {
    const s = (store = memStore());
    await Promise.all(Array.from({ length: 3000 }, (_, i) => create(s, key('a', `o${i}`))));
    const c = new Collector();
    let compactedAheadOfReader = false;
    s.watch({ cluster: 'root', resource: CM, fromRv: 10 }, (e) => {
      // Compaction may trail the reader, never pass it.
      if (s.compactedRevision() >= e.rv) compactedAheadOfReader = true;
      c.sink(e);
    });
    const compacting = s.compact(2000);
    await Promise.resolve();
    await Promise.resolve();
    // Before the watcher has read anything, compaction stopped at its starting point.
    expect(s.compactedRevision()).toBe(10);
    await compacting;
    expect(s.compactedRevision()).toBe(2000);
    await c.waitFor(2990);
    expect(c.rvs).toEqual(Array.from({ length: 2990 }, (_, i) => i + 11));
    expect(compactedAheadOfReader).toBe(false);
  });

  it('periodic compaction by age, min and max events', async () => {
    const s = (store = memStore({ compaction: { intervalMs: 1e9, retainMs: 1000, retainMinEvents: 2 } }));
    for (let i = 0; i < 5; i++) await create(s, key('a', `o${i}`));
    s.compactionTick(10_000); // remember rv 5 at t=10s
    for (let i = 5; i < 10; i++) await create(s, key('a', `o${i}`));
    s.compactionTick(10_500); // nothing is 1 s old yet
    await settle();
    expect(s.compactedRevision()).toBe(0);
    s.compactionTick(11_200); // rv 5 is now older than 1 s
    await settle();
    expect(s.compactedRevision()).toBe(5);
  });

  it('the timer runs by itself', async () => {
    const s = (store = memStore({ compaction: { intervalMs: 10, retainMs: 0, retainMinEvents: 1 } }));
    for (let i = 0; i < 5; i++) await create(s, key('a', `o${i}`));
    const start = Date.now();
    while (s.compactedRevision() < 4 && Date.now() - start < 3000) await new Promise((r) => setTimeout(r, 10));
    expect(s.compactedRevision()).toBe(4);
  });

  it('compactionTarget policy', () => {
    const o: CompactionOptions = { intervalMs: 1, retainMs: 100, retainMinEvents: 10 };
    const samples = [
      { t: 0, rv: 50 },
      { t: 100, rv: 80 },
      { t: 200, rv: 500 },
    ];
    expect(compactionTarget(samples, 250, 600, o)).toBe(80); // rv seen >= 100 ms ago
    expect(compactionTarget(samples, 300, 600, o)).toBe(500);
    expect(compactionTarget(samples, 300, 505, o)).toBe(495); // keep at least 10 events
    expect(compactionTarget(samples, 50, 600, o)).toBe(0); // nothing old enough
    expect(compactionTarget(samples, 50, 600, { ...o, retainMaxEvents: 100 })).toBe(500); // size cap
    expect(compactionTarget([], 0, 5, o)).toBe(0);
  });
});

describe('SQLite store: persistence', () => {
  it('the revision survives reopening after compaction and deletes', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, 'kplane.db');
      let s = openSqliteStore({ path, logger: quietLogger });
      for (let i = 0; i < 5; i++) await create(s, key('a', `o${i}`));
      for (let i = 0; i < 5; i++) await remove(s, key('a', `o${i}`));
      await s.compact(s.currentRevision());
      expect(s.currentRevision()).toBe(10);
      await s.close();

      s = openSqliteStore({ path, logger: quietLogger });
      expect(s.currentRevision()).toBe(10);
      expect(s.compactedRevision()).toBe(10);
      expect((await s.list({ cluster: 'root', resource: CM })).items).toEqual([]);
      expect(() => s.watch({ resource: CM, fromRv: 9 }, () => {})).toThrow(ExpiredError);
      const r = await create(s, key('a', 'new'));
      expect(r.rv).toBe(11);
      await s.close();
    } finally {
      cleanup();
    }
  });
});
