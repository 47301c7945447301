// (b) LIST latency: `count` 1 KB ConfigMaps in one namespace, GET …/configmaps as JSON over HTTPS
// (time until the whole body is received), against the ceiling: a raw scan of the same rows in
// kplane's own database file (read-only connection, in this process), with and without
// JSON.parse of every row. For reference, the transport alone: the same response bytes served
// from memory by the bare fastify server, through the same client. measureList() times a namespace
// that is already filled (the cost curve lists a fixed 1,000 among a growing store).

import Database from 'better-sqlite3';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Pool } from 'undici';
import { median, quantile } from './stats.js';
import { call, configMapsPath, createConfigMaps, headers, type Target } from './target.js';

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
  /** The same response bytes served from memory by the bare fastify server (reference). */
  transport: Latency;
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

async function fetchBody(t: Target, path: string, pool?: Pool): Promise<Buffer> {
  const p = pool ?? new Pool(t.origin, { connections: 1, connect: { ca: t.caPem }, allowH2: false });
  try {
    const res = await p.request({ method: 'GET', path, headers: headers(t, { accept: 'application/json' }) });
    const body = Buffer.from(await res.body.arrayBuffer());
    if (res.statusCode !== 200) throw new Error(`GET ${path}: ${res.statusCode} ${body.toString().slice(0, 300)}`);
    return body;
  } finally {
    if (!pool) await p.close();
  }
}

export async function benchList(kplane: Target, ceiling: Target, dataDir: string, o: ListOptions): Promise<ListResult> {
  await createConfigMaps(kplane, NAMESPACE, 0, o.count);
  return measureList(kplane, ceiling, dataDir, NAMESPACE, o);
}

/** Times the list of `namespace`, which must hold exactly `o.count` ConfigMaps. */
export async function measureList(kplane: Target, ceiling: Target, dataDir: string, namespace: string, o: ListOptions): Promise<ListResult> {
  // kplane over HTTPS, one keep-alive connection.
  const kplanePath = configMapsPath(namespace);
  const first = await fetchBody(kplane, kplanePath);
  const items = (JSON.parse(first.toString()) as { items: unknown[] }).items.length;
  if (items !== o.count) throw new Error(`list returned ${items} items, expected ${o.count}`);
  // The same bytes from the ceiling server's memory, through the same client: the transport floor.
  const up = await call(ceiling, 'PUT', '/blob', first, 'application/octet-stream');
  if (up.status !== 204) throw new Error(`PUT /blob: ${up.status}`);

  // The ceiling, on the same rows of the same file.
  const db = new Database(path.join(dataDir, 'kplane.db'), { readonly: true });
  const scan = db
    .prepare(
      `SELECT c.json FROM objects o CROSS JOIN change_log c ON c.rv = o.rv
       WHERE o.cluster = 'root' AND o.resource = '/configmaps' AND o.namespace = ? ORDER BY o.name`,
    )
    .pluck();
  const rows = scan.all(namespace) as string[];
  if (rows.length !== o.count) throw new Error(`raw scan found ${rows.length} rows, expected ${o.count}`);

  // Runs alternate between the four measures (after two untimed runs of each), so that whatever
  // else the machine does weighs on all of them alike.
  const kpPool = new Pool(kplane.origin, { connections: 1, connect: { ca: kplane.caPem }, allowH2: false });
  const blobPool = new Pool(ceiling.origin, { connections: 1, connect: { ca: ceiling.caPem }, allowH2: false });
  const measures: Array<[number[], () => unknown]> = [
    [[], () => fetchBody(kplane, kplanePath, kpPool)],
    [[], () => fetchBody(ceiling, '/blob', blobPool)],
    [[], () => (scan.all(namespace) as string[]).map((j) => JSON.parse(j))],
    [[], () => scan.all(namespace)],
  ];
  try {
    for (let r = -2; r < o.runs; r++) {
      for (const [xs, f] of measures) {
        gc();
        const start = performance.now();
        await f();
        if (r >= 0) xs.push(performance.now() - start);
      }
    }
  } finally {
    await kpPool.close();
    await blobPool.close();
    db.close();
  }
  const [kp, transport, rawScanParse, rawScan] = measures.map((m) => m[0]) as [number[], number[], number[], number[]];

  const kpl = latency(kp);
  const parse = latency(rawScanParse);
  return { count: o.count, responseBytes: first.length, kplane: kpl, rawScanParse: parse, rawScan: latency(rawScan), transport: latency(transport), ratio: kpl.medianMs / parse.medianMs };
}
