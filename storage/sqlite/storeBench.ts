// Micro-benchmark of the SQLite store against raw better-sqlite3 ceilings measured in the same run.
//
//   npx tsc -b && node --expose-gc dist/storage/sqlite/storeBench.js [--quick]
//
// The HTTP part forks this same file as the load generator (`http-client <port> <conns> <ms>`),
// so requests reach the store through real socket I/O: that is where the flush schedule matters.
//
// Figures (medians of several runs) are recorded in storage/BENCH-NOTES.md.

import Database from 'better-sqlite3';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { JsonObject, ObjectKey } from '../store.js';
import type { FlushSchedule } from './groupCommit.js';
import { openSqliteStore } from './sqliteStore.js';

const quiet = { warn: () => {}, error: () => {} };
const FILLER = 'x'.repeat(900);

function configMap(k: ObjectKey, i: number): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: k.name, namespace: k.namespace, labels: { app: `app-${i % 10}` } },
    data: { filler: FILLER },
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function tmpDb(dir: string, name: string): string {
  const p = join(dir, name);
  for (const suffix of ['', '-wal', '-shm']) rmSync(p + suffix, { force: true });
  return p;
}

/** Raw ceiling: one row per transaction (autocommit), WAL + synchronous=FULL, 1 KB values. */
function rawSingleRowInserts(path: string, n: number): number {
  const db = new Database(path);
  db.pragma('page_size = 8192');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT NOT NULL)');
  const ins = db.prepare('INSERT INTO t (k, v) VALUES (?, ?)');
  const start = performance.now();
  for (let i = 0; i < n; i++) ins.run(`ns-${i % 100}/cm-${i}`, JSON.stringify(configMap({ cluster: 'root', resource: '/configmaps', namespace: `ns-${i % 100}`, name: `cm-${i}` }, i)));
  const rate = n / ((performance.now() - start) / 1000);
  db.close();
  return rate;
}

/** Raw ceiling for our schema: the same two rows per mutation, `batch` mutations per transaction. */
function rawBatchedOurSchema(path: string, n: number, batch: number): number {
  const store = openSqliteStore({ path, logger: quiet }); // creates the schema with the store's pragmas
  void store.close();
  const db = new Database(path);
  db.pragma('synchronous = FULL');
  const insO = db.prepare('INSERT INTO objects (cluster, resource, namespace, name, rv) VALUES (?, ?, ?, ?, ?)');
  const insC = db.prepare('INSERT INTO change_log (rv, cluster, resource, namespace, name, type, prev_rv, json) VALUES (?, ?, ?, ?, ?, 0, NULL, ?)');
  const meta = db.prepare("UPDATE meta SET v = ? WHERE k = 'revision'");
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const start = performance.now();
  for (let i = 0; i < n; i += batch) {
    begin.run();
    for (let j = i; j < i + batch; j++) {
      const k = { cluster: 'root', resource: '/configmaps', namespace: `ns-${j % 100}`, name: `cm-${j}` };
      const obj = configMap(k, j);
      obj.metadata.resourceVersion = String(j + 1);
      insO.run(k.cluster, k.resource, k.namespace, k.name, j + 1);
      insC.run(j + 1, k.cluster, k.resource, k.namespace, k.name, JSON.stringify(obj));
    }
    meta.run(i + batch);
    commit.run();
  }
  const rate = n / ((performance.now() - start) / 1000);
  db.close();
  return rate;
}

/** The store: `clients` concurrent closed-loop clients, each creating 1 KB ConfigMaps. */
async function storeConcurrentCreates(path: string, n: number, clients: number, schedule: FlushSchedule) {
  const store = openSqliteStore({ path, logger: quiet, groupCommit: { schedule } });
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < n; i = next++) {
        const k = { cluster: `ws-${i % 7}`, resource: '/configmaps', namespace: `ns-${i % 100}`, name: `cm-${i}` };
        await store.mutate({
          key: k,
          apply: (cur) => {
            if (cur) throw new Error('exists');
            return configMap(k, i);
          },
        });
      }
    }),
  );
  const rate = n / ((performance.now() - start) / 1000);
  const s = store.stats();
  await store.close();
  return { rate, avgBatch: s.mutations / s.batches };
}

async function listBench(path: string, runs: number) {
  const store = openSqliteStore({ path, logger: quiet });
  // 10,000 objects in one namespace of one workspace, interleaved with 20,000 elsewhere.
  for (let i = 0; i < 30_000; i += 1000) {
    await Promise.all(
      Array.from({ length: 1000 }, (_, j) => {
        const n = i + j;
        const k =
          n % 3 === 0
            ? { cluster: 'root:team', resource: '/configmaps', namespace: 'big', name: `cm-${String(n).padStart(6, '0')}` }
            : { cluster: `ws-${n % 5}`, resource: '/configmaps', namespace: `ns-${n % 10}`, name: `cm-${n}` };
        return store.mutate({ key: k, apply: () => configMap(k, n) });
      }),
    );
  }
  const opts = { cluster: 'root:team', resource: '/configmaps', namespace: 'big' };
  const db = new Database(path, { readonly: true });
  const rawJson = db
    .prepare(`SELECT c.json FROM objects o CROSS JOIN change_log c ON c.rv = o.rv
      WHERE o.cluster = ? AND o.resource = ? AND o.namespace = ? ORDER BY o.namespace, o.name`)
    .pluck();
  const rawRows = db
    .prepare(`SELECT o.namespace, o.name, o.rv, c.json FROM objects o CROSS JOIN change_log c ON c.rv = o.rv
      WHERE o.cluster = ? AND o.resource = ? AND o.namespace = ? ORDER BY o.namespace, o.name`)
    .raw(true);
  // Run with --expose-gc for steadier figures: each timed run then starts from a collected heap.
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const time = (f: () => unknown) => {
    const xs: number[] = [];
    for (let r = 0; r < runs; r++) {
      gc();
      const t = performance.now();
      f();
      xs.push(performance.now() - t);
    }
    return median(xs);
  };
  const timeAsync = async (f: () => Promise<unknown>) => {
    const xs: number[] = [];
    for (let r = 0; r < runs; r++) {
      gc();
      const t = performance.now();
      await f();
      xs.push(performance.now() - t);
    }
    return median(xs);
  };
  const count = (await store.list(opts)).items.length;
  const rawScan = time(() => rawJson.all(...Object.values(opts)));
  const rawScanKeys = time(() => rawRows.all(...Object.values(opts)));
  const rawScanParse = time(() => (rawJson.all(...Object.values(opts)) as string[]).map((j) => JSON.parse(j)));
  const storeList = await timeAsync(() => store.list(opts));
  const storeListParse = await timeAsync(async () => (await store.list(opts)).items.map((i) => i.object));
  const storePaged = await timeAsync(async () => {
    let after;
    do {
      const r = await store.list({ ...opts, limit: 500, after });
      after = r.continueAfter;
    } while (after);
  });
  const storeFiltered = await timeAsync(() => store.list({ ...opts, filter: (o) => o.metadata.labels?.app === 'app-3' }));
  db.close();
  await store.close();
  return { count, rawScan, rawScanKeys, rawScanParse, storeList, storeListParse, storePaged, storeFiltered };
}

async function watchFanout(runs: number) {
  const store = openSqliteStore({ path: ':memory:', logger: quiet });
  let delivered = 0;
  for (let i = 0; i < 1000; i++) {
    store.watch({ cluster: `ws-${i}`, resource: '/configmaps', namespace: 'default' }, () => delivered++);
  }
  store.watch({ resource: '/configmaps' }, () => delivered++);
  const xs: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    await Promise.all(
      Array.from({ length: 1000 }, (_, i) => {
        const k = { cluster: `ws-${i}`, resource: '/configmaps', namespace: 'default', name: `cm-${r}` };
        return store.mutate({ key: k, apply: () => configMap(k, i) });
      }),
    );
    xs.push(performance.now() - t);
  }
  await store.close();
  return { batchOf1000With1001Watchers: median(xs), delivered };
}

/** HTTP POST → store.mutate(create) → 201, driven by a forked closed-loop client. */
async function httpCreates(path: string, schedule: FlushSchedule, conns: number, ms: number) {
  const store = openSqliteStore({ path, logger: quiet, groupCommit: { schedule } });
  const server = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const id = Number(req.url!.slice(1));
    const k = { cluster: `ws-${id % 7}`, resource: '/configmaps', namespace: `ns-${id % 100}`, name: `cm-${id}` };
    const obj = { ...configMap(k, id), data: JSON.parse(body).data };
    const r = await store.mutate({ key: k, apply: () => obj });
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(r.json);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const result = await new Promise<{ rate: number; p50: number; p99: number }>((resolve, reject) => {
    const child = fork(process.argv[1]!, ['http-client', String(port), String(conns), String(ms)]);
    child.on('message', (m) => resolve(m as { rate: number; p50: number; p99: number }));
    child.on('error', reject);
  });
  server.close();
  const s = store.stats();
  await store.close();
  return { ...result, avgBatch: s.mutations / s.batches };
}

async function httpClient(port: number, conns: number, ms: number): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: conns });
  const body = JSON.stringify({ data: { filler: FILLER } });
  const lat: number[] = [];
  let id = 0;
  let stop = false;
  setTimeout(() => (stop = true), ms);
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(
        { port, host: '127.0.0.1', method: 'POST', path: `/${id++}`, agent, headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: conns }, async () => {
      while (!stop) {
        const t = performance.now();
        await one();
        lat.push(performance.now() - t);
      }
    }),
  );
  lat.sort((a, b) => a - b);
  process.send!({ rate: lat.length / (ms / 1000), p50: lat[lat.length >> 1], p99: lat[Math.floor(lat.length * 0.99)] });
  agent.destroy();
  process.exit(0);
}

export async function runStoreBench(quick = false): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kplane-bench-'));
  const runs = quick ? 1 : 3;
  const fmt = (x: number) => x.toFixed(0);
  try {
    const raw1: number[] = [];
    const raw50: number[] = [];
    const imm: { rate: number; avgBatch: number }[] = [];
    const micro: { rate: number; avgBatch: number }[] = [];
    for (let r = 0; r < runs; r++) {
      raw1.push(rawSingleRowInserts(tmpDb(dir, 'raw1.db'), quick ? 1000 : 3000));
      raw50.push(rawBatchedOurSchema(tmpDb(dir, 'raw50.db'), 20_000, 50));
      imm.push(await storeConcurrentCreates(tmpDb(dir, 'imm.db'), 20_000, 50, 'setImmediate'));
      micro.push(await storeConcurrentCreates(tmpDb(dir, 'micro.db'), 20_000, 50, 'queueMicrotask'));
    }
    console.log('writes (1 KB objects, WAL + synchronous=FULL, file DB), median of', runs);
    console.log(`  raw better-sqlite3, 1 row per transaction:          ${fmt(median(raw1))} rows/s`);
    console.log(`  raw, our schema, 50 mutations per transaction:      ${fmt(median(raw50))} mutations/s`);
    console.log(
      `  store, 50 concurrent clients, setImmediate flush:   ${fmt(median(imm.map((x) => x.rate)))} mutations/s (avg batch ${median(imm.map((x) => x.avgBatch)).toFixed(1)})`,
    );
    console.log(
      `  store, 50 concurrent clients, queueMicrotask flush: ${fmt(median(micro.map((x) => x.rate)))} mutations/s (avg batch ${median(micro.map((x) => x.avgBatch)).toFixed(1)})`,
    );

    for (const schedule of ['setImmediate', 'queueMicrotask'] as const) {
      const xs: Awaited<ReturnType<typeof httpCreates>>[] = [];
      for (let r = 0; r < runs; r++) xs.push(await httpCreates(tmpDb(dir, 'http.db'), schedule, 50, quick ? 1500 : 4000));
      const m = (f: (x: (typeof xs)[number]) => number) => median(xs.map(f));
      console.log(
        `  HTTP POST → create, 50 keep-alive conns, ${schedule.padEnd(14)}: ${fmt(m((x) => x.rate))} req/s, p50 ${m((x) => x.p50).toFixed(1)} ms, p99 ${m((x) => x.p99).toFixed(1)} ms (avg batch ${m((x) => x.avgBatch).toFixed(1)})`,
      );
    }

    const l = await listBench(tmpDb(dir, 'list.db'), quick ? 3 : 15);
    console.log(`list of ${l.count} objects (1 KB) out of 30,000, median ms:`);
    console.log(`  raw SELECT of the same rows (JSON only):     ${l.rawScan.toFixed(1)}`);
    console.log(`  raw SELECT of the same rows with key columns: ${l.rawScanKeys.toFixed(1)}`);
    console.log(`  raw SELECT + JSON.parse:                     ${l.rawScanParse.toFixed(1)}`);
    console.log(`  store.list (JSON kept as text):              ${l.storeList.toFixed(1)}`);
    console.log(`  store.list + .object of every item:          ${l.storeListParse.toFixed(1)}`);
    console.log(`  store.list, 20 pages of limit=500:           ${l.storePaged.toFixed(1)}`);
    console.log(`  store.list with a label filter (10% match):  ${l.storeFiltered.toFixed(1)}`);

    const w = await watchFanout(quick ? 3 : 9);
    console.log(
      `watch: 1000 creates in one batch, 1000 namespace watchers (1 match each) + 1 global: ${w.batchOf1000With1001Watchers.toFixed(1)} ms per batch`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2] === 'http-client') {
  void httpClient(Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5]));
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runStoreBench(process.argv.includes('--quick')).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
