// What happens when SQLite itself fails: the whole batch is rolled back and rejected, the
// revision counter is not advanced, and the next batch works.

import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqliteStore.js';
import { CM, Collector, create, key, quietLogger, tempDir } from './testHelpers.js';

describe('SQLite store: SQLite failures', () => {
  it('a write error rolls the whole batch back; revisions and watchers are untouched', async () => {
    const { dir, cleanup } = tempDir();
    const path = join(dir, 'kplane.db');
    const store = openSqliteStore({ path, logger: quietLogger });
    try {
      await create(store, key('a', 'before'));
      // Another connection installs a trigger that makes one insert fail inside our transaction.
      const other = new Database(path);
      other.exec(`CREATE TRIGGER explode BEFORE INSERT ON objects WHEN NEW.name = 'explode'
        BEGIN SELECT RAISE(ABORT, 'exploded'); END`);
      const c = new Collector();
      store.watch({ cluster: 'root', resource: CM }, c.sink);
      const settled = await Promise.allSettled([create(store, key('a', 'ok1')), create(store, key('a', 'explode')), create(store, key('a', 'ok2'))]);
      expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect(String((settled[1] as PromiseRejectedResult).reason)).toMatch(/exploded/);
      expect(store.currentRevision()).toBe(1);
      expect(store.stats().failedBatches).toBe(1);
      expect(await store.get(key('a', 'ok1'))).toBeUndefined();
      expect(c.events).toEqual([]);

      other.exec('DROP TRIGGER explode');
      other.close();
      const r = await create(store, key('a', 'ok1'));
      expect(r.rv).toBe(2);
      expect(c.rvs).toEqual([2]);
    } finally {
      await store.close();
      cleanup();
    }
  });

  it('a lock held by another process fails the batch after busyTimeoutMs', async () => {
    const { dir, cleanup } = tempDir();
    const path = join(dir, 'kplane.db');
    const store = openSqliteStore({ path, logger: quietLogger, busyTimeoutMs: 50 });
    try {
      const other = new Database(path);
      other.exec('BEGIN IMMEDIATE');
      await expect(create(store, key('a', 'x'))).rejects.toThrow(/locked|busy/i);
      expect(store.currentRevision()).toBe(0);
      other.exec('ROLLBACK');
      other.close();
      expect((await create(store, key('a', 'x'))).rv).toBe(1);
    } finally {
      await store.close();
      cleanup();
    }
  });
});
