// (f) The cost curve: how the figures grow with the number of stored objects. One kplane process
// (fresh data dir) is filled step by step to each of `sizes` 1 KB ConfigMaps. At each size, with
// the store holding exactly that many, it measures, each beside its ceiling at the same size:
//
//   GET p99      random objects among all stored (gets.ts); ceiling: one point read of the same
//                row in kplane's file (its b-trees are the size being measured).
//   LIST 1,000   a namespace of a fixed 1,000 objects among the growing store (list.ts); ceiling:
//                raw scan + JSON.parse of the same rows.
//   watch        one event to `watchers` streams (fanout.ts); ceiling: the bare fan-out, which
//                holds no store, so it is the same at every size.
//   creates/s    bursts into the store, removed again after each (createBursts.ts); ceiling: the
//                bare durable insert into a table seeded to the same number of rows.
//
// Before the first size, one untimed pass of every measure (with `warmup`'s smaller settings) warms
// the JIT of all three processes; without it the first size pays for compiling the code paths.
// Creates come last at each size, so that the reads see exactly `size` objects. What grows is the
// store: the ceilings grow with it where they have one, so a ratio that grows with the size is
// kplane's own cost growing faster than the data's.

import Database from 'better-sqlite3';
import path from 'node:path';
import { benchCreateBursts, type BurstOptions, type CreateBurstsResult } from './createBursts.js';
import { benchFanout, type FanoutResult } from './fanout.js';
import { benchGets, type GetsOptions, type GetsResult } from './gets.js';
import { measureList, type ListResult } from './list.js';
import { configMap } from './objects.js';
import { call, createConfigMaps, type StoredObject, type Target } from './target.js';

export interface CurveOptions {
  /** Stored ConfigMaps at each point, ascending; the first at least `listCount`. */
  sizes: number[];
  /** Objects in the listed namespace (part of every size). */
  listCount: number;
  listRuns: number;
  gets: GetsOptions;
  watch: { watchers: number; rounds: number };
  creates: BurstOptions;
  /** The untimed pass before the first size. */
  warmup: { gets: GetsOptions; listRuns: number; watch: { watchers: number; rounds: number }; creates: BurstOptions };
}

export interface CurvePoint {
  /** ConfigMaps the benchmark had stored. */
  size: number;
  /** Rows in kplane's objects table: everything it stores, the workspace's own objects included. */
  objectRows: number;
  gets: GetsResult;
  list: ListResult;
  watch: FanoutResult;
  creates: CreateBurstsResult;
}

export interface CurveResult {
  listCount: number;
  points: CurvePoint[];
}

const LIST_NAMESPACE = 'bench-curve-list';
const STORE_NAMESPACE = 'bench-curve-store';
const CREATES_NAMESPACE = 'bench-curve-creates';

/** Grows the ceiling's insert table to `rows` rows; its revision at that size. */
async function seedCeiling(ceiling: Target, rows: number): Promise<number> {
  const r = await call(ceiling, 'POST', '/seed', JSON.stringify({ rows, object: configMap('seed') }));
  if (r.status !== 200) throw new Error(`POST /seed: ${r.status} ${r.text.slice(0, 300)}`);
  return JSON.parse(r.text).rv;
}

export async function benchCurve(kplane: Target, ceiling: Target, dataDir: string, o: CurveOptions, progress: (s: string) => void = () => undefined): Promise<CurveResult> {
  if (o.sizes[0]! < o.listCount) throw new Error(`the smallest size (${o.sizes[0]}) must hold the listed ${o.listCount}`);
  const db = new Database(path.join(dataDir, 'kplane.db'), { readonly: true });
  const objectRows = db.prepare('SELECT COUNT(*) FROM objects').pluck();
  const points: CurvePoint[] = [];
  try {
    const stored: StoredObject[] = await createConfigMaps(kplane, LIST_NAMESPACE, 0, o.listCount);
    // Every measure at one size; `label` keeps the objects it creates apart from other passes'.
    const measure = async (label: string, m: Pick<CurveOptions, 'gets' | 'listRuns' | 'watch' | 'creates'>, ceilingRv: number) => {
      progress('get');
      const gets = await benchGets(kplane, ceiling, stored, m.gets);
      progress('list');
      const list = await measureList(kplane, ceiling, dataDir, LIST_NAMESPACE, { count: o.listCount, runs: m.listRuns });
      progress('watch');
      const watch = await benchFanout(kplane, ceiling, { ...m.watch, namespace: `bench-curve-watch-${label}` });
      progress('creates');
      const creates = await benchCreateBursts(kplane, ceiling, CREATES_NAMESPACE, ceilingRv, label, m.creates);
      return { gets, list, watch, creates };
    };
    for (const size of o.sizes) {
      progress(`${size}: filling`);
      const inStore = stored.length - o.listCount;
      stored.push(...(await createConfigMaps(kplane, STORE_NAMESPACE, inStore, size - o.listCount)));
      const ceilingRv = await seedCeiling(ceiling, size);
      const rows = Number(objectRows.get());
      if (size === o.sizes[0]) {
        progress('warm-up:');
        await measure('warmup', { ...o.warmup }, ceilingRv);
        progress('timed:');
      }
      points.push({ size, objectRows: rows, ...(await measure(String(size), o, ceilingRv)) });
    }
  } finally {
    db.close();
  }
  return { listCount: o.listCount, points };
}
