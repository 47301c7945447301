import { afterEach, describe, expect, it } from 'vitest';
import { DELETE, UNCHANGED, type MutationResult } from '../store.js';
import type { SqliteStore } from './sqliteStore.js';
import { configMap, create, key, memStore, remove, update } from './testHelpers.js';

let store: SqliteStore;
afterEach(async () => {
  await store?.close();
});

describe('SQLite store: mutations', () => {
  it('creates, reads, updates and deletes with strictly increasing revisions', async () => {
    store = memStore();
    expect(store.currentRevision()).toBe(0);
    const k = key('default', 'a');

    const c = await create(store, k, { x: '1' });
    expect(c.type).toBe('ADDED');
    expect(c.rv).toBe(1);
    expect(c.object.metadata.resourceVersion).toBe('1');
    expect(JSON.parse(c.json).metadata.resourceVersion).toBe('1');
    expect(store.currentRevision()).toBe(1);

    const g = await store.get(k);
    expect(g?.rv).toBe(1);
    expect(g?.object).toEqual({
      ...configMap(k, { x: '1' }),
      metadata: { name: 'a', namespace: 'default', resourceVersion: '1' },
    });
    expect(JSON.parse(g!.json)).toEqual(g!.object);

    const u = await update(store, k, { x: '2' });
    expect(u.type).toBe('MODIFIED');
    expect(u.rv).toBe(2);
    expect((await store.get(k))?.object.data).toEqual({ x: '2' });
    expect((await store.get(k))?.object.metadata.resourceVersion).toBe('2');

    const d = await remove(store, k);
    expect(d.type).toBe('DELETED');
    expect(d.rv).toBe(3);
    // DELETED answers with the last state, stamped with the deletion's revision.
    expect(d.object.data).toEqual({ x: '2' });
    expect(d.object.metadata.resourceVersion).toBe('3');
    expect(await store.get(k)).toBeUndefined();
    expect(store.currentRevision()).toBe(3);

    // Re-create after delete: ADDED again, next revision.
    const again = await create(store, k);
    expect(again.type).toBe('ADDED');
    expect(again.rv).toBe(4);
  });

  it('assigns one revision per write, in queue order, across workspaces', async () => {
    store = memStore();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => create(store, key('ns', `o${i}`, i % 2 ? 'root' : 'root:acme'))),
    );
    expect(results.map((r) => r.rv)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('a throwing mutation fails alone; the rest of its batch commits in the same transaction', async () => {
    store = memStore();
    const before = store.stats();
    const ps = [
      create(store, key('ns', 'ok1')),
      store.mutate({
        key: key('ns', 'bad'),
        apply: () => {
          throw new Error('boom');
        },
      }),
      create(store, key('ns', 'ok2')),
      // apply returning garbage also fails only itself
      store.mutate({ key: key('ns', 'bad2'), apply: () => 42 as any }),
      create(store, key('ns', 'ok3')),
    ];
    const settled = await Promise.allSettled(ps);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason.message).toBe('boom');
    expect(settled.filter((s) => s.status === 'fulfilled').map((s) => (s as PromiseFulfilledResult<MutationResult>).value.rv)).toEqual([1, 2, 3]);
    const after = store.stats();
    // All five were one batch, written by exactly one transaction.
    expect(after.batches - before.batches).toBe(1);
    expect(after.writeTransactions - before.writeTransactions).toBe(1);
    expect(after.maxBatchSize).toBe(5);
    expect(await store.get(key('ns', 'bad'))).toBeUndefined();
    expect((await store.list({ cluster: 'root', resource: '/configmaps' })).items.map((i) => i.key.name)).toEqual([
      'ok1',
      'ok2',
      'ok3',
    ]);
  });

  it('apply sees the current object and earlier writes of the same batch (read-modify-write)', async () => {
    store = memStore();
    const k = key('ns', 'counter');
    const inc = () =>
      store.mutate({
        key: k,
        apply: (cur) => ({ ...configMap(k), data: { n: String(Number(cur?.object.data.n ?? 0) + 1) } }),
      });
    const rs = await Promise.all(Array.from({ length: 50 }, inc));
    expect(rs.at(-1)!.object.data.n).toBe('50');
    expect((await store.get(k))?.object.data.n).toBe('50');
    expect(store.stats().writeTransactions).toBe(1);
  });

  it('TxReader.get reads other objects inside the transaction', async () => {
    store = memStore();
    const ns = key('', 'team-a', 'root', '/namespaces');
    const cm = key('team-a', 'cfg');
    const [, r] = await Promise.all([
      store.mutate({ key: ns, apply: () => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } }) }),
      store.mutate({
        key: cm,
        apply: (_cur, tx) => {
          const parent = tx.get(ns);
          if (!parent) throw new Error('namespace not found');
          return { ...configMap(cm), data: { nsrv: String(parent.rv) } };
        },
      }),
    ]);
    expect(r.object.data.nsrv).toBe('1');
    await expect(
      store.mutate({
        key: key('nope', 'cfg'),
        apply: (_c, tx) => {
          if (!tx.get(key('', 'nope', 'root', '/namespaces'))) throw new Error('namespace not found');
          return {};
        },
      }),
    ).rejects.toThrow('namespace not found');
  });

  it('UNCHANGED writes nothing, consumes no revision and answers with the current object', async () => {
    store = memStore();
    const k = key('ns', 'a');
    await create(store, k, { v: '1' });
    const tx = store.stats().writeTransactions;
    const r = await store.mutate({ key: k, apply: () => UNCHANGED });
    expect(r.type).toBe('UNCHANGED');
    expect(r.rv).toBe(1);
    expect(r.object.metadata.resourceVersion).toBe('1');
    expect(store.currentRevision()).toBe(1);
    expect(store.stats().writeTransactions).toBe(tx);
    // Absent object: empty answer, nothing written
    const none = await store.mutate({ key: key('ns', 'zz'), apply: () => UNCHANGED });
    expect(none.type).toBe('UNCHANGED');
    expect(none.object).toEqual({});
    expect(store.currentRevision()).toBe(1);
  });

  it('dry run applies but writes nothing, consumes no revision, emits nothing', async () => {
    store = memStore();
    const k = key('ns', 'a');
    const events: unknown[] = [];
    store.watch({ cluster: 'root', resource: '/configmaps' }, (e) => events.push(e));

    const c = await store.mutate({ key: k, dryRun: true, apply: () => configMap(k, { v: '1' }) });
    expect(c.type).toBe('ADDED');
    expect(c.rv).toBe(0);
    expect(c.object.metadata.resourceVersion).toBeUndefined();
    expect(JSON.parse(c.json).data).toEqual({ v: '1' });
    expect(await store.get(k)).toBeUndefined();
    expect(store.currentRevision()).toBe(0);

    await create(store, k, { v: '1' });
    const u = await store.mutate({ key: k, dryRun: true, apply: (cur) => ({ ...cur!.object, data: { v: '2' } }) });
    expect(u.type).toBe('MODIFIED');
    expect(u.rv).toBe(1);
    expect(u.object.metadata.resourceVersion).toBe('1');
    expect(u.object.data).toEqual({ v: '2' });
    expect((await store.get(k))?.object.data).toEqual({ v: '1' });

    const d = await store.mutate({ key: k, dryRun: true, apply: () => DELETE });
    expect(d.type).toBe('DELETED');
    expect(d.rv).toBe(1);
    expect(d.object.metadata.resourceVersion).toBe('1');
    expect(await store.get(k)).toBeDefined();
    expect(store.currentRevision()).toBe(1);

    // A real write after dry runs gets the next revision: none was consumed.
    const u2 = await update(store, k, { v: '3' });
    expect(u2.rv).toBe(2);
    await new Promise((r) => setImmediate(r));
    expect(events.map((e: any) => `${e.type}@${e.rv}`)).toEqual(['ADDED@1', 'MODIFIED@2']);
  });

  it('DELETE of an absent object fails that mutation', async () => {
    store = memStore();
    await expect(store.mutate({ key: key('ns', 'ghost'), apply: () => DELETE })).rejects.toThrow(/does not exist/);
    expect(store.currentRevision()).toBe(0);
  });

  it('keeps the JSON text as stored; object is parsed lazily and cached', async () => {
    store = memStore();
    const k = key('ns', 'a');
    await create(store, k, { v: '1' });
    const g = (await store.get(k))!;
    expect(typeof g.json).toBe('string');
    expect(g.object).toBe(g.object);
  });

  it('splits a queue larger than maxBatch into several transactions', async () => {
    store = memStore({ groupCommit: { maxBatch: 10 } });
    const rs = await Promise.all(Array.from({ length: 35 }, (_, i) => create(store, key('ns', `o${i}`))));
    expect(rs.map((r) => r.rv)).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
    expect(store.stats().writeTransactions).toBe(4);
  });

  it('queueMicrotask scheduling also batches same-turn mutations', async () => {
    store = memStore({ groupCommit: { schedule: 'queueMicrotask' } });
    await Promise.all(Array.from({ length: 10 }, (_, i) => create(store, key('ns', `o${i}`))));
    expect(store.stats().writeTransactions).toBe(1);
  });

  it('close() commits what is queued, then refuses work', async () => {
    store = memStore();
    const p = create(store, key('ns', 'last'));
    await store.close();
    expect((await p).rv).toBe(1);
    await expect(create(store, key('ns', 'late'))).rejects.toThrow(/closed/);
    await expect(store.get(key('ns', 'last'))).rejects.toThrow(/closed/);
    await store.close(); // idempotent
  });
});

describe('workspace range operations', () => {
  it('lists, enumerates and deletes one workspace by key range, with a DELETED event per object', async () => {
    const { openSqliteStore } = await import('./index.js');
    const store = openSqliteStore({ path: ':memory:' });
    const put = (cluster: string, resource: string, namespace: string, name: string) =>
      store.mutate({ key: { cluster, resource, namespace, name }, apply: () => ({ metadata: { name } }) });
    await Promise.all([put('a', '/configmaps', 'ns', 'x'), put('a', '/namespaces', '', 'ns'), put('b', '/configmaps', 'ns', 'y')]);
    expect((await store.clusters()).sort()).toEqual(['a', 'b']);
    expect((await store.clusterKeys('a')).map((k) => `${k.resource}/${k.name}`).sort()).toEqual(['/configmaps/x', '/namespaces/ns']);
    const seen: string[] = [];
    const w = store.watch({ resource: '/configmaps' }, (ev) => seen.push(`${ev.type} ${ev.key.cluster}/${ev.key.name}`));
    expect(await store.deleteCluster('a')).toBe(2);
    expect(await store.clusterKeys('a')).toEqual([]);
    expect(await store.clusters()).toEqual(['b']);
    expect(seen).toEqual(['DELETED a/x']);
    w.stop();
    await store.close();
  });
});
