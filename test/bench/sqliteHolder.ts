// The memory ceiling of (d): a bare Node process that holds the rows kplane writes for its
// workspaces in SQLite, and nothing else. It opens a fresh database with kplane's own schema and
// pragmas (storage/sqlite/schema.ts: WAL, synchronous=FULL, 8 KiB pages, 64 MiB page cache) and
// inserts, per workspace, the same number of change-log and object rows of the same mean size as
// kplane wrote (measured from kplane's database), under a random 16-character logical cluster id,
// through kplane's own prepared statements, in transactions of `batch` rows. Its RSS growth per
// workspace is what holding those rows costs any process using SQLite this way.
//
// Started by startSqliteHolder() (fork, with --expose-gc); driven over IPC.

import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { randomClusterId } from '../../apis/tenancy/names.js';
import { openDatabase } from '../../storage/sqlite/schema.js';
import { prepareStatements } from '../../storage/sqlite/statements.js';
import type { MemorySample } from './inspector.js';

/** What kplane wrote per workspace (means; fractions are spread over the workspaces). */
export interface RowShape {
  changeRowsPerWorkspace: number;
  objectRowsPerWorkspace: number;
  meanJsonBytes: number;
  /** Rows per transaction. */
  batch: number;
}

export interface SqliteHolder {
  pid: number;
  /** Inserts the rows of workspaces [from, from + count). */
  fill(from: number, count: number, shape: RowShape): Promise<void>;
  /** Full GC, `idleMs` idle, full GC, then process.memoryUsage(). */
  settled(idleMs: number): Promise<MemorySample>;
  stop(): Promise<void>;
}

export async function startSqliteHolder(dbPath: string): Promise<SqliteHolder> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['hold', dbPath], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let seq = 0;
  const waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  child.on('message', (m: any) => {
    const w = waiting.get(m.seq);
    if (!w) return;
    waiting.delete(m.seq);
    if (m.error) w.reject(new Error(m.error));
    else w.resolve(m.value);
  });
  child.once('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`sqlite holder exited (${code})`));
    waiting.clear();
  });
  const ask = (msg: object): Promise<any> =>
    new Promise((resolve, reject) => {
      const s = ++seq;
      waiting.set(s, { resolve, reject });
      child.send({ ...msg, seq: s });
    });
  await ask({ op: 'ping' });
  return {
    pid: child.pid!,
    fill: (from, count, shape) => ask({ op: 'fill', from, count, shape }),
    settled: (idleMs) => ask({ op: 'settled', idleMs }),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const RESOURCES = ['core.kcp.io/logicalclusters', '/namespaces', '/serviceaccounts', 'rbac.authorization.k8s.io/clusterrolebindings', 'tenancy.kcp.io/workspaces'];

function hold(dbPath: string): void {
  for (const s of ['', '-wal', '-shm']) fs.rmSync(dbPath + s, { force: true });
  const db = openDatabase(dbPath);
  const st = prepareStatements(db);
  let rv = 0;
  let filler = '';

  const fill = (from: number, count: number, shape: RowShape): void => {
    // One shared filler: the rows' bytes live in SQLite, not in this heap.
    const body = Math.max(0, Math.round(shape.meanJsonBytes) - 40);
    if (filler.length !== body) filler = 'x'.repeat(body);
    const spread = (perWs: number, i: number) => Math.floor(perWs * (i + 1)) - Math.floor(perWs * i);
    let inTx = 0;
    st.begin.run();
    for (let i = from; i < from + count; i++) {
      const cluster = randomClusterId();
      const changes = Math.max(1, spread(shape.changeRowsPerWorkspace, i));
      const objects = Math.min(changes, Math.max(1, spread(shape.objectRowsPerWorkspace, i)));
      const keys: Array<[string, string, string, number]> = [];
      for (let j = 0; j < changes; j++) {
        rv++;
        if (j < objects) {
          const key: [string, string, string, number] = [RESOURCES[j % RESOURCES.length]!, j % 2 ? 'default' : '', `object-${j}`, rv];
          keys.push(key);
          st.insertObject.run(cluster, key[0], key[1], key[2], rv);
          st.insertChange.run(rv, cluster, key[0], key[1], key[2], 0, null, `{"metadata":{"resourceVersion":"${rv}"},"f":"${filler}"}`);
        } else {
          // A later version of one of the objects (the Workspace object's updates in kplane).
          const key = keys[j % keys.length]!;
          st.updateObject.run(rv, cluster, key[0], key[1], key[2]);
          st.insertChange.run(rv, cluster, key[0], key[1], key[2], 1, key[3], `{"metadata":{"resourceVersion":"${rv}"},"f":"${filler}"}`);
          key[3] = rv;
        }
        if (++inTx >= shape.batch) {
          st.setMeta.run(rv, 'revision');
          st.commit.run();
          st.begin.run();
          inTx = 0;
        }
      }
    }
    st.setMeta.run(rv, 'revision');
    st.commit.run();
  };

  const gc = (globalThis as { gc?: () => void }).gc!;
  process.on('message', async (m: any) => {
    try {
      let value: unknown;
      if (m.op === 'fill') fill(m.from, m.count, m.shape);
      else if (m.op === 'settled') {
        gc();
        await new Promise((r) => setTimeout(r, m.idleMs));
        gc();
        gc();
        const u = process.memoryUsage();
        value = { rss: u.rss, heapUsed: u.heapUsed, heapTotal: u.heapTotal, external: u.external, arrayBuffers: u.arrayBuffers } satisfies MemorySample;
      }
      process.send!({ seq: m.seq, value });
    } catch (e) {
      process.send!({ seq: m.seq, error: String((e as Error)?.stack ?? e) });
    }
  });
  process.on('SIGTERM', () => {
    db.close();
    process.exit(0);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2] === 'hold') hold(process.argv[3]!);
