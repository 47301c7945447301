// Process-level durability check ("no acknowledged write is lost on kill -9").
//
// Recipe:
//   1. Spawn a child running runCrashWriter(dbPath), e.g. `node dist/storage/sqlite/crashWriter.js
//      <dbPath>` after `tsc -b`, with stdout piped.
//   2. The child writes through the store forever. After each mutate() resolved it writes one line
//      to fd 1 synchronously, before doing anything else:
//        "ack create <namespace>/<name> <rv>"   a new object
//        "ack update <namespace>/<name> <rv> <seq>"  a per-worker counter object now at `seq`
//   3. After some acks (or a random delay), child.kill('SIGKILL').
//   4. verifyAcknowledged(dbPath, everything read from stdout) reopens the database and reports
//      every acknowledged create that is missing, every counter older than its last ack, and
//      whether the revision went back. All three must be empty/false.
// A line cut short by the kill is ignored (it was never fully acknowledged).

import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { JsonObject } from '../store.js';
import { openSqliteStore } from './sqliteStore.js';

const CLUSTER = 'crash-test';
const RESOURCE = '/configmaps';

export interface CrashWriterOptions {
  /** Concurrent writers (default 16), so batches hold several mutations. */
  concurrency?: number;
  /** Bytes of data per object (default 1000). */
  size?: number;
  /** Stop after this many writes per worker (default: never). */
  maxPerWorker?: number;
}

function ackLine(line: string): void {
  const buf = Buffer.from(line + '\n');
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(1, buf, off);
    } catch (err: any) {
      if (err?.code !== 'EAGAIN') throw err;
    }
  }
}

export async function runCrashWriter(dbPath: string, opts: CrashWriterOptions = {}): Promise<void> {
  const store = openSqliteStore({ path: dbPath });
  const concurrency = opts.concurrency ?? 16;
  const filler = 'x'.repeat(opts.size ?? 1000);
  const max = opts.maxPerWorker ?? Infinity;
  const worker = async (w: number) => {
    const namespace = `ns-${w}`;
    for (let i = 0; i < max; i++) {
      const name = `cm-${process.pid}-${i}`;
      const created = await store.mutate({
        key: { cluster: CLUSTER, resource: RESOURCE, namespace, name },
        apply: () => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { filler } }),
      });
      ackLine(`ack create ${namespace}/${name} ${created.rv}`);
      const updated = await store.mutate({
        key: { cluster: CLUSTER, resource: RESOURCE, namespace, name: 'counter' },
        apply: (cur) => {
          const seq = Number(cur?.object.data?.seq ?? 0) + 1;
          return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'counter', namespace }, data: { seq: String(seq) } };
        },
      });
      ackLine(`ack update ${namespace}/counter ${updated.rv} ${(updated.object as JsonObject).data.seq}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  await store.close();
}

export interface CrashCheck {
  /** Complete ack lines read. */
  acked: number;
  /** Acknowledged creates not found ("namespace/name"). */
  missing: string[];
  /** Counters whose stored seq is below their last acknowledged seq. */
  stale: string[];
  /** The highest acknowledged revision. */
  maxAckedRv: number;
  /** The store's revision after reopening (must be >= maxAckedRv). */
  revision: number;
}

export async function verifyAcknowledged(dbPath: string, output: string): Promise<CrashCheck> {
  const lines = output.split('\n');
  lines.pop(); // the last piece has no newline: either empty or cut short by the kill
  const store = openSqliteStore({ path: dbPath });
  try {
    const check: CrashCheck = { acked: 0, missing: [], stale: [], maxAckedRv: 0, revision: store.currentRevision() };
    const lastSeq = new Map<string, number>();
    for (const line of lines) {
      const [tag, kind, path, rvText, seqText] = line.split(' ');
      if (tag !== 'ack' || !path) continue;
      check.acked++;
      check.maxAckedRv = Math.max(check.maxAckedRv, Number(rvText));
      const [namespace, name] = path.split('/') as [string, string];
      if (kind === 'create') {
        const got = await store.get({ cluster: CLUSTER, resource: RESOURCE, namespace, name });
        if (!got) check.missing.push(path);
      } else if (kind === 'update') {
        lastSeq.set(path, Math.max(lastSeq.get(path) ?? 0, Number(seqText)));
      }
    }
    for (const [path, seq] of lastSeq) {
      const [namespace, name] = path.split('/') as [string, string];
      const got = await store.get({ cluster: CLUSTER, resource: RESOURCE, namespace, name });
      if (!got || Number(got.object.data?.seq) < seq) check.stale.push(path);
    }
    return check;
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dbPath = process.argv[2];
  if (!dbPath) {
    console.error('usage: crashWriter.js <db-path> [concurrency]');
    process.exit(2);
  }
  runCrashWriter(dbPath, { concurrency: process.argv[3] ? Number(process.argv[3]) : undefined }).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
