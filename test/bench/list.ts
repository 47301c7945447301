// (b) LIST latency: `count` 1 KB ConfigMaps in one namespace, GET …/configmaps as JSON over HTTPS
// (time until the whole body is received), against the ceiling: a raw scan of the same rows in
// kplane's own database file (read-only connection, in this process), with and without
// JSON.parse of every row.

import Database from 'better-sqlite3';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Pool } from 'undici';
import { configMapBody } from './objects.js';
import { median, quantile } from './stats.js';
import { createNamespace, headers, postMany, type Target } from './target.js';

export interface ListOptions {
  count: number;
  runs: number;
}

export interface Latency {
  medianMs: number;
  p99Ms: number;
}

export interface ListResult {
  count: number;
  responseBytes: number;
  kplane: Latency;
  /** Raw scan + JSON.parse of every row (the target's denominator). */
  rawScanParse: Latency;
  /** Raw scan only. */
  rawScan: Latency;
  /** kplane median ÷ raw scan + parse median. */
  ratio: number;
}

const NAMESPACE = 'bench-list';

function latency(xs: number[]): Latency {
  return { medianMs: median(xs), p99Ms: quantile(xs, 0.99) };
}

// A collected heap before each timed run steadies the figures (no --expose-gc needed on the CLI).
v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export async function benchList(kplane: Target, dataDir: string, o: ListOptions): Promise<ListResult> {
  await createNamespace(kplane, NAMESPACE);
  await postMany(kplane, `/clusters/root/api/v1/namespaces/${NAMESPACE}/configmaps`, o.count, 50, (i) => configMapBody(`cm-${String(i).padStart(6, '0')}`));

  // kplane over HTTPS, one keep-alive connection.
  const pool = new Pool(kplane.origin, { connections: 1, connect: { ca: kplane.caPem }, allowH2: false });
  const get = async () => {
    const res = await pool.request({ method: 'GET', path: `/clusters/root/api/v1/namespaces/${NAMESPACE}/configmaps`, headers: headers(kplane, { accept: 'application/json' }) });
    const body = Buffer.from(await res.body.arrayBuffer());
    if (res.statusCode !== 200) throw new Error(`list: ${res.statusCode} ${body.toString().slice(0, 300)}`);
    return body;
  };
  const first = await get();
  const items = (JSON.parse(first.toString()) as { items: unknown[] }).items.length;
  if (items !== o.count) throw new Error(`list returned ${items} items, expected ${o.count}`);
  await get();
  const kp: number[] = [];
  for (let r = 0; r < o.runs; r++) {
    gc();
    const t = performance.now();
    await get();
    kp.push(performance.now() - t);
  }
  await pool.close();

  // The ceiling, on the same rows of the same file.
  const db = new Database(path.join(dataDir, 'kplane.db'), { readonly: true });
  const scan = db
    .prepare(
      `SELECT c.json FROM objects o CROSS JOIN change_log c ON c.rv = o.rv
       WHERE o.cluster = 'root' AND o.resource = '/configmaps' AND o.namespace = ? ORDER BY o.name`,
    )
    .pluck();
  const rows = scan.all(NAMESPACE) as string[];
  if (rows.length !== o.count) throw new Error(`raw scan found ${rows.length} rows, expected ${o.count}`);
  const time = (f: () => unknown) => {
    f();
    const xs: number[] = [];
    for (let r = 0; r < o.runs; r++) {
      gc();
      const t = performance.now();
      f();
      xs.push(performance.now() - t);
    }
    return xs;
  };
  const rawScan = time(() => scan.all(NAMESPACE));
  const rawScanParse = time(() => (scan.all(NAMESPACE) as string[]).map((j) => JSON.parse(j)));
  db.close();

  const kpl = latency(kp);
  const parse = latency(rawScanParse);
  return { count: o.count, responseBytes: first.length, kplane: kpl, rawScanParse: parse, rawScan: latency(rawScan), ratio: kpl.medianMs / parse.medianMs };
}
