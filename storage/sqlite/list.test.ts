import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ListOptions, StoredObject } from '../store.js';
import type { SqliteStore } from './sqliteStore.js';
import { configMap, CM, key, memStore } from './testHelpers.js';

let store: SqliteStore;

/** ns-a: 5 objects, ns-b: 5, ns-c: 5 in root; plus other workspaces, resources and cluster-scoped. */
beforeEach(async () => {
  store = memStore();
  const ps = [];
  for (const ns of ['ns-c', 'ns-a', 'ns-b']) {
    for (let i = 4; i >= 0; i--) {
      const k = key(ns, `o${i}`);
      const obj = configMap(k, { i: String(i) });
      obj.metadata.labels = { parity: i % 2 ? 'odd' : 'even' };
      ps.push(store.mutate({ key: k, apply: () => obj }));
    }
  }
  ps.push(store.mutate({ key: key('ns-a', 'o0', 'root:other'), apply: () => configMap(key('ns-a', 'o0')) }));
  ps.push(store.mutate({ key: key('ns-a', 'x', 'root', '/secrets'), apply: () => ({ kind: 'Secret', metadata: {} }) }));
  ps.push(store.mutate({ key: key('', 'ns-a', 'root', '/namespaces'), apply: () => ({ kind: 'Namespace', metadata: {} }) }));
  await Promise.all(ps);
});
afterEach(async () => {
  await store.close();
});

const names = (items: StoredObject[]) => items.map((i) => `${i.key.namespace}/${i.key.name}`);

async function pageAll(opts: ListOptions) {
  const pages: string[][] = [];
  let after: ListOptions['after'];
  for (let guard = 0; guard < 100; guard++) {
    const r = await store.list({ ...opts, after });
    pages.push(names(r.items));
    if (!r.continueAfter) return pages;
    after = r.continueAfter;
  }
  throw new Error('paging did not end');
}

describe('SQLite store: list', () => {
  it('lists one namespace ordered by name, consistent with the current revision', async () => {
    const r = await store.list({ cluster: 'root', resource: CM, namespace: 'ns-b' });
    expect(names(r.items)).toEqual(['ns-b/o0', 'ns-b/o1', 'ns-b/o2', 'ns-b/o3', 'ns-b/o4']);
    expect(r.rv).toBe(store.currentRevision());
    expect(r.continueAfter).toBeUndefined();
    expect(r.items[0]!.object.metadata.resourceVersion).toBe(String(r.items[0]!.rv));
    expect(r.items.every((i) => i.key.cluster === 'root' && i.key.resource === CM)).toBe(true);
  });

  it('lists all namespaces of one workspace ordered by (namespace, name), nothing from others', async () => {
    const r = await store.list({ cluster: 'root', resource: CM });
    expect(r.items).toHaveLength(15);
    expect(names(r.items).slice(0, 6)).toEqual(['ns-a/o0', 'ns-a/o1', 'ns-a/o2', 'ns-a/o3', 'ns-a/o4', 'ns-b/o0']);
    const other = await store.list({ cluster: 'root:other', resource: CM });
    expect(names(other.items)).toEqual(['ns-a/o0']);
    const nss = await store.list({ cluster: 'root', resource: '/namespaces' });
    expect(names(nss.items)).toEqual(['/ns-a']);
  });

  it('pages across namespaces with limit + after; continueAfter only when more rows follow', async () => {
    const pages = await pageAll({ cluster: 'root', resource: CM, limit: 4 });
    expect(pages.map((p) => p.length)).toEqual([4, 4, 4, 3]);
    expect(pages.flat()).toEqual(names((await store.list({ cluster: 'root', resource: CM })).items));
    // Exactly divisible: the last full page has no continueAfter.
    const exact = await pageAll({ cluster: 'root', resource: CM, limit: 5 });
    expect(exact.map((p) => p.length)).toEqual([5, 5, 5]);
  });

  it('pages one namespace', async () => {
    const pages = await pageAll({ cluster: 'root', resource: CM, namespace: 'ns-c', limit: 2 });
    expect(pages).toEqual([['ns-c/o0', 'ns-c/o1'], ['ns-c/o2', 'ns-c/o3'], ['ns-c/o4']]);
  });

  it('an `after` from another namespace starts at the right place', async () => {
    const before = await store.list({ cluster: 'root', resource: CM, namespace: 'ns-b', after: { namespace: 'ns-a', name: 'zzz' } });
    expect(before.items).toHaveLength(5);
    const past = await store.list({ cluster: 'root', resource: CM, namespace: 'ns-b', after: { namespace: 'ns-c', name: '' } });
    expect(past.items).toHaveLength(0);
  });

  it('filters by name in one namespace and across namespaces', async () => {
    const one = await store.list({ cluster: 'root', resource: CM, namespace: 'ns-a', name: 'o3' });
    expect(names(one.items)).toEqual(['ns-a/o3']);
    const none = await store.list({ cluster: 'root', resource: CM, namespace: 'ns-a', name: 'nope' });
    expect(none.items).toEqual([]);
    const all = await store.list({ cluster: 'root', resource: CM, name: 'o3' });
    expect(names(all.items)).toEqual(['ns-a/o3', 'ns-b/o3', 'ns-c/o3']);
    const paged = await pageAll({ cluster: 'root', resource: CM, name: 'o3', limit: 2 });
    expect(paged).toEqual([['ns-a/o3', 'ns-b/o3'], ['ns-c/o3']]);
    // point read respects `after`
    const afterIt = await store.list({ cluster: 'root', resource: CM, namespace: 'ns-a', name: 'o3', after: { namespace: 'ns-a', name: 'o3' } });
    expect(afterIt.items).toEqual([]);
  });

  it('filters (label selector) without limit', async () => {
    const r = await store.list({ cluster: 'root', resource: CM, filter: (o) => o.metadata.labels?.parity === 'odd' });
    expect(names(r.items)).toEqual(['ns-a/o1', 'ns-a/o3', 'ns-b/o1', 'ns-b/o3', 'ns-c/o1', 'ns-c/o3']);
    expect(r.continueAfter).toBeUndefined();
  });

  it('filter + limit keeps scanning until limit matches; pages concatenate to the full result', async () => {
    const filter = (o: any) => o.metadata.labels?.parity === 'odd';
    const pages = await pageAll({ cluster: 'root', resource: CM, filter, limit: 4 });
    expect(pages.flat()).toEqual(['ns-a/o1', 'ns-a/o3', 'ns-b/o1', 'ns-b/o3', 'ns-c/o1', 'ns-c/o3']);
    expect(pages[0]).toHaveLength(4);
    // A filter matching nothing after the first page: the second page is empty and ends.
    const r = await store.list({ cluster: 'root', resource: CM, filter: (o) => o.metadata.name === 'o0' && o.metadata.namespace === 'ns-a', limit: 1 });
    expect(names(r.items)).toEqual(['ns-a/o0']);
    if (r.continueAfter) {
      const r2 = await store.list({ cluster: 'root', resource: CM, filter: (o) => o.metadata.name === 'o0' && o.metadata.namespace === 'ns-a', limit: 1, after: r.continueAfter });
      expect(r2.items).toEqual([]);
      expect(r2.continueAfter).toBeUndefined();
    }
  });

  it('filter + limit where the last match is the last row: no continueAfter', async () => {
    const r = await store.list({ cluster: 'root', resource: CM, filter: (o) => o.metadata.namespace === 'ns-c' && o.metadata.name === 'o4', limit: 1 });
    expect(names(r.items)).toEqual(['ns-c/o4']);
    expect(r.continueAfter).toBeUndefined();
  });

  it('filter + limit across many chunks', async () => {
    const s = memStore();
    try {
      await Promise.all(Array.from({ length: 3000 }, (_, i) => s.mutate({ key: key('ns', `o${String(i).padStart(5, '0')}`), apply: () => configMap(key('ns', `o${i}`), { i: String(i) }) })));
      // Matches only every 700th object: each page scans several chunks.
      const filter = (o: any) => Number(o.data.i) % 700 === 0;
      const first = await s.list({ cluster: 'root', resource: CM, filter, limit: 2 });
      expect(first.items.map((i) => i.object.data.i)).toEqual(['0', '700']);
      expect(first.continueAfter).toBeDefined();
      const second = await s.list({ cluster: 'root', resource: CM, filter, limit: 2, after: first.continueAfter });
      expect(second.items.map((i) => i.object.data.i)).toEqual(['1400', '2100']);
      expect(second.continueAfter).toBeDefined();
      const third = await s.list({ cluster: 'root', resource: CM, filter, limit: 2, after: second.continueAfter });
      expect(third.items.map((i) => i.object.data.i)).toEqual(['2800']);
      expect(third.continueAfter).toBeUndefined();
    } finally {
      await s.close();
    }
  });

  it('does not parse JSON when no filter is given', async () => {
    const r = await store.list({ cluster: 'root', resource: CM });
    const spy = JSON.parse;
    let calls = 0;
    JSON.parse = ((...a: Parameters<typeof JSON.parse>) => {
      calls++;
      return spy(...a);
    }) as typeof JSON.parse;
    try {
      const again = await store.list({ cluster: 'root', resource: CM });
      expect(again.items).toHaveLength(r.items.length);
      expect(calls).toBe(0);
      again.items[0]!.object;
      expect(calls).toBe(1);
    } finally {
      JSON.parse = spy;
    }
  });
});
