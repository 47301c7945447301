// (d) Many empty workspaces in one kplane process: how fast they are created and what each costs
// in memory.
//
// Rate. `count` Workspaces are POSTed into root by `conns` closed-loop keep-alive clients over
// HTTPS; one watch on root's Workspaces notes when each is Ready (scheduled, its logical cluster
// initialized: LogicalCluster, namespaces default and kube-system, their default ServiceAccounts,
// the workspace-admin binding). "Accepted" = count ÷ (last 201 − first POST); "Ready" = count ÷
// (last Ready − first POST).
// Ceiling: the same writes as plain objects. From kplane's database: how many change-log rows
// (= committed writes) and bytes one workspace cost. Then as many ConfigMaps of that mean stored
// size are POSTed into one namespace of root, over the same HTTPS path, from the same client with
// the same connections. That rate ÷ writes per workspace is the rate at which kplane could create
// workspaces if it did nothing but write their objects through its API.
//
// Memory. kplane is started with --inspect-port; its inspector is turned on (SIGUSR1) only after
// the timed part is over. RSS and heap are read inside the process after a forced settle (full GC,
// `settleMs` idle, full GC), after a warm-up of `warmup` workspaces and again after the `count`
// workspaces. Per workspace = growth ÷ count.
// Ceiling: a bare Node process (sqliteHolder.ts) that inserts the same number of rows of the same
// mean size under kplane's schema and pragmas, measured the same way.

import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { RemoteInspector, type MemorySample } from './inspector.js';
import { configMapBody } from './objects.js';
import { startSqliteHolder, type RowShape } from './sqliteHolder.js';
import { quantile } from './stats.js';
import { call, createNamespace, type Target } from './target.js';
import { createWorkspaces, postAll } from './wsClient.js';

/** A kplane child process the workspace benchmarks may inspect. */
export interface KplaneProcess {
  target: Target;
  pid: number;
  /** The --inspect-port it was started with. */
  inspectPort: number;
  dataDir: string;
}

export interface WorkspacesOptions {
  count: number;
  conns: number;
  warmup: number;
  settleMs: number;
  timeoutMs: number;
}

export interface MemoryFigures {
  before: MemorySample;
  after: MemorySample;
  rssPerWorkspaceKiB: number;
  heapUsedPerWorkspaceKiB: number;
}

export interface WorkspacesResult {
  count: number;
  conns: number;
  kplane: {
    acceptedPerSec: number;
    readyPerSec: number;
    acceptedSeconds: number;
    readySeconds: number;
    /** From each POST leaving to its workspace being Ready. */
    timeToReadyP50Ms: number;
    timeToReadyP99Ms: number;
  };
  /** What kplane wrote per workspace (from its database). */
  writes: { changeRowsPerWorkspace: number; objectRowsPerWorkspace: number; meanJsonBytes: number; diskBytesPerWorkspace: number };
  ceiling: { configMaps: number; storedBytes: number; configMapsPerSec: number; workspacesPerSec: number };
  /** kplane Ready rate ÷ ceiling workspaces/s. */
  rateRatio: number;
  /**
   * CPU time of the kplane process (user + system, /proc/<pid>/stat): per workspace from the first
   * POST until all were Ready, and for the ceiling's ConfigMaps × writes per workspace. Less moved
   * by other load on the machine than the rates are.
   */
  cpu: { kplaneMsPerWorkspace: number; ceilingMsPerWorkspace: number };
  /** Group commits while the workspaces were created (kplane's metrics). */
  commits: { transactions: number; mutations: number; mutationsPerTransaction: number };
  memory: MemoryFigures;
  memoryCeiling: MemoryFigures;
  /** kplane RSS per workspace ÷ the bare SQLite holder's. */
  memoryRatio: number;
}

const CEILING_NAMESPACE = 'bench-ws-ceiling';

function figures(before: MemorySample, after: MemorySample, count: number): MemoryFigures {
  return { before, after, rssPerWorkspaceKiB: (after.rss - before.rss) / count / 1024, heapUsedPerWorkspaceKiB: (after.heapUsed - before.heapUsed) / count / 1024 };
}

/** CPU seconds (user + system) a process has used so far (Linux /proc; clock ticks of 10 ms). */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ", utime and stime are fields 12 and 13 (0-based), in 1/100 s.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The store's commit counters, from kplane's /metrics. */
async function commitCounters(t: Target): Promise<{ transactions: number; mutations: number }> {
  const r = await call(t, 'GET', '/metrics');
  if (r.status !== 200) throw new Error(`GET /metrics: ${r.status} ${r.text.slice(0, 300)}`);
  const gauge = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(r.text)?.[1] ?? NaN);
  return { transactions: gauge('kplane_storage_write_transactions'), mutations: gauge('kplane_storage_mutations') };
}

function dbBytes(dataDir: string): number {
  let n = 0;
  for (const s of ['', '-wal']) {
    try {
      n += fs.statSync(path.join(dataDir, 'kplane.db' + s)).size;
    } catch {
      // no WAL right now
    }
  }
  return n;
}

export const maxOf = (xs: readonly number[]): number => xs.reduce((a, b) => (b > a ? b : a), -Infinity);

const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`);

export async function benchWorkspaces(kp: KplaneProcess, o: WorkspacesOptions, progress: (s: string) => void = () => undefined): Promise<WorkspacesResult> {
  const t = kp.target;
  const db = new Database(path.join(kp.dataDir, 'kplane.db'), { readonly: true });
  const revision = db.prepare("SELECT v FROM meta WHERE k = 'revision'").pluck();
  const objectRows = db.prepare('SELECT COUNT(*) FROM objects').pluck();
  const changeRows = db.prepare('SELECT COUNT(*) AS n, SUM(LENGTH(CAST(json AS BLOB))) AS bytes FROM change_log WHERE rv > ? AND rv <= ?');
  let inspector: RemoteInspector | undefined;
  try {
    // Warm-up (JIT, page cache, connections), then the baseline.
    await createWorkspaces(t, 'root', names('warm', o.warmup), o.conns, o.timeoutMs);
    progress('baseline');
    inspector = await RemoteInspector.attach(kp.pid, kp.inspectPort);
    const before = await inspector.settled(o.settleMs);
    const rv0 = Number(revision.get());
    const objects0 = Number(objectRows.get());
    const disk0 = dbBytes(kp.dataDir);

    const commits0 = await commitCounters(t);

    progress(`creating ${o.count}`);
    const cpu0 = cpuSeconds(kp.pid);
    const t0 = performance.now();
    const created = await createWorkspaces(t, 'root', names('ws', o.count), o.conns, o.timeoutMs);
    const cpu1 = cpuSeconds(kp.pid);
    const commits1 = await commitCounters(t);
    const lastAccepted = maxOf(created.acceptedAt);
    const lastReady = maxOf(created.readyAt);
    const toReady = created.readyAt.map((r, i) => r - created.sentAt[i]!);

    progress('settling');
    const after = await inspector.settled(o.settleMs);
    const rv1 = Number(revision.get());
    const objects1 = Number(objectRows.get());
    const disk1 = dbBytes(kp.dataDir);
    const cr = changeRows.get(rv0, rv1) as { n: number; bytes: number };
    const writes = {
      changeRowsPerWorkspace: cr.n / o.count,
      objectRowsPerWorkspace: (objects1 - objects0) / o.count,
      meanJsonBytes: cr.bytes / cr.n,
      diskBytesPerWorkspace: (disk1 - disk0) / o.count,
    };

    // Rate ceiling: the same number of writes, of the same mean stored size, as plain ConfigMaps.
    progress('ceiling: configmaps');
    await createNamespace(t, CEILING_NAMESPACE);
    const cmPath = `/clusters/root/api/v1/namespaces/${CEILING_NAMESPACE}/configmaps`;
    const probe = await call(t, 'POST', cmPath, configMapBody('probe-000000'));
    if (probe.status !== 201) throw new Error(`POST ${cmPath}: ${probe.status} ${probe.text.slice(0, 300)}`);
    const filler = Math.max(0, 912 + Math.round(writes.meanJsonBytes) - Buffer.byteLength(probe.text));
    const cmBody = (i: number) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${String(i).padStart(6, '0')}`, labels: { app: 'bench' } }, data: { filler: 'x'.repeat(filler) } });
    const storedBytes = Buffer.byteLength(probe.text) - 912 + filler;
    const nCm = Math.round(writes.changeRowsPerWorkspace * o.count);
    const cmCpu0 = cpuSeconds(kp.pid);
    const c0 = performance.now();
    const cms = await postAll(t, cmPath, cmBody, nCm, o.conns);
    const cmCpu1 = cpuSeconds(kp.pid);
    const cmRate = nCm / ((maxOf(cms.acceptedAt) - c0) / 1000);

    // Memory ceiling: the same rows in a bare process.
    progress('ceiling: sqlite holder');
    const holder = await startSqliteHolder(path.join(path.dirname(kp.dataDir), 'holder.db'));
    let memoryCeiling: MemoryFigures;
    try {
      const shape: RowShape = { changeRowsPerWorkspace: writes.changeRowsPerWorkspace, objectRowsPerWorkspace: writes.objectRowsPerWorkspace, meanJsonBytes: writes.meanJsonBytes, batch: 50 };
      await holder.fill(0, o.warmup, shape);
      const hBefore = await holder.settled(o.settleMs);
      await holder.fill(o.warmup, o.count, shape);
      const hAfter = await holder.settled(o.settleMs);
      memoryCeiling = figures(hBefore, hAfter, o.count);
    } finally {
      await holder.stop();
    }

    const memory = figures(before, after, o.count);
    const readyPerSec = o.count / ((lastReady - t0) / 1000);
    const ceilingWsRate = cmRate / writes.changeRowsPerWorkspace;
    return {
      count: o.count,
      conns: o.conns,
      kplane: {
        acceptedPerSec: o.count / ((lastAccepted - t0) / 1000),
        readyPerSec,
        acceptedSeconds: (lastAccepted - t0) / 1000,
        readySeconds: (lastReady - t0) / 1000,
        timeToReadyP50Ms: quantile(toReady, 0.5),
        timeToReadyP99Ms: quantile(toReady, 0.99),
      },
      writes,
      ceiling: { configMaps: nCm, storedBytes, configMapsPerSec: cmRate, workspacesPerSec: ceilingWsRate },
      rateRatio: readyPerSec / ceilingWsRate,
      cpu: { kplaneMsPerWorkspace: ((cpu1 - cpu0) * 1000) / o.count, ceilingMsPerWorkspace: (((cmCpu1 - cmCpu0) * 1000) / nCm) * writes.changeRowsPerWorkspace },
      commits: {
        transactions: commits1.transactions - commits0.transactions,
        mutations: commits1.mutations - commits0.mutations,
        mutationsPerTransaction: (commits1.mutations - commits0.mutations) / (commits1.transactions - commits0.transactions),
      },
      memory,
      memoryCeiling,
      memoryRatio: memory.rssPerWorkspaceKiB / memoryCeiling.rssPerWorkspaceKiB,
    };
  } finally {
    inspector?.close();
    db.close();
  }
}
