// The Store on SQLite: one database, one connection, used only from the main thread.
//
// How the pieces fit (each in its own file):
//   schema.ts       tables, pragmas (WAL, synchronous=FULL), migrations
//   statements.ts   every prepared statement
//   groupCommit.ts  mutate(): queue → one transaction per event-loop turn → publish → settle
//   applyMutation.ts one mutation inside that transaction
//   list.ts         get/list range scans
//   watchHub.ts     indexed in-process fan-out, replay from the change log
//   changeLog.ts    change-log reads (replay) and deletes (compaction)
//   compaction.ts   compact(rv) in short steps, optional periodic timer
//
// Nothing here is per workspace: a workspace is a key range in the same tables, and the only
// memory that grows is per registered watch.
//
// Durability: a mutation's promise resolves only after the COMMIT of its batch returned, and with
// WAL + synchronous=FULL that COMMIT fsynced the WAL. A resolved mutation is therefore in the
// database after kill -9 (see crashWriter.ts for a ready-made process test).

import {
  DELETE,
  UNCHANGED,
  ExpiredError,
  type ListOptions,
  type ListResult,
  type Mutation,
  type MutationResult,
  type ObjectKey,
  type Store,
  type StoredObject,
  type Watch,
  type WatchOptions,
  type WatchSink,
} from '../store.js';
import { readObject } from './applyMutation.js';
import { ChangeLog } from './changeLog.js';
import { Compactor, type CompactionOptions } from './compaction.js';
import { GroupCommitter, type GroupCommitOptions } from './groupCommit.js';
import { listObjects } from './list.js';
import { LazyStoredObject } from './rows.js';
import { openDatabase, type Db } from './schema.js';
import { consoleLogger, newStats, type RevisionState, type StoreLogger, type StoreStats } from './state.js';
import { prepareStatements, readPersistedCounters, type Statements } from './statements.js';
import { WatchHub } from './watchHub.js';

export interface SqliteStoreOptions {
  /** Database file; ':memory:' for tests. */
  path: string;
  /** Periodic compaction; none when absent (compact() still works). See DEFAULT_COMPACTION. */
  compaction?: CompactionOptions;
  /** pino-compatible logger (warn, error); defaults to the console. */
  logger?: StoreLogger;
  /** How long a write waits for a lock held by another process (default 5000 ms). */
  busyTimeoutMs?: number;
  /** Group-commit tuning (benchmarks and tests). */
  groupCommit?: GroupCommitOptions;
}

/** A Store with a few extras for operations and tests. */
export interface SqliteStore extends Store {
  /** Counters: transactions, batches, watchers (for tests and metrics). */
  stats(): StoreStats;
  /** Runs one periodic-compaction tick now (no-op without `compaction` options). */
  compactionTick(now?: number): void;
  /** The underlying database file path. */
  readonly path: string;
}

export function openSqliteStore(opts: SqliteStoreOptions): SqliteStore {
  const db = openDatabase(opts.path, { busyTimeoutMs: opts.busyTimeoutMs });
  try {
    return new SqliteStoreImpl(db, opts);
  } catch (err) {
    db.close();
    throw err;
  }
}

class SqliteStoreImpl implements SqliteStore {
  readonly path: string;
  private readonly st: Statements;
  private readonly rev: RevisionState;
  private readonly counters: StoreStats = newStats();
  private readonly hub: WatchHub;
  private readonly committer: GroupCommitter;
  private readonly compactor: Compactor;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    opts: SqliteStoreOptions,
  ) {
    this.path = opts.path;
    const logger = opts.logger ?? consoleLogger;
    this.st = prepareStatements(db);
    const persisted = readPersistedCounters(this.st);
    this.rev = { committed: persisted.revision, compacted: persisted.compacted };
    const log = new ChangeLog(this.st);
    this.hub = new WatchHub(log, logger);
    this.committer = new GroupCommitter(this.st, this.rev, this.hub, this.counters, logger, opts.groupCommit);
    this.compactor = new Compactor(this.st, log, this.rev, this.hub, this.counters, logger, opts.compaction);
  }

  async get(key: ObjectKey): Promise<StoredObject | undefined> {
    this.assertOpen();
    return readObject(this.st, key);
  }

  async list(opts: ListOptions): Promise<ListResult> {
    this.assertOpen();
    return listObjects(this.st, opts, this.rev.committed);
  }

  mutate(m: Mutation): Promise<MutationResult> {
    return this.committer.enqueue(m);
  }

  watch(opts: WatchOptions, sink: WatchSink): Watch {
    this.assertOpen();
    const { committed, compacted } = this.rev;
    const filter = { cluster: opts.cluster, resource: opts.resource, namespace: opts.namespace, name: opts.name };
    if (opts.fromRv === undefined) return this.hub.add({ ...filter, liveAfter: committed }, sink);
    const fromRv = Math.floor(opts.fromRv);
    if (fromRv < compacted) throw new ExpiredError(fromRv, compacted);
    if (fromRv >= committed) {
      // Nothing to replay; a revision from the future only skips changes up to it.
      return this.hub.add({ ...filter, liveAfter: fromRv }, sink);
    }
    return this.hub.add({ ...filter, liveAfter: committed, replayFrom: fromRv }, sink);
  }

  async clusterKeys(cluster: string): Promise<ObjectKey[]> {
    this.assertOpen();
    return (this.st.clusterKeys.all(cluster) as string[][]).map(([resource, namespace, name]) => ({ cluster, resource, namespace, name }));
  }

  async listAcrossClusters(resource: string): Promise<ListResult> {
    this.assertOpen();
    const rows = this.st.listAcrossClusters.all(resource) as [string, string, string, number, string][];
    const items = rows.map(([cluster, namespace, name, rv, json]) => new LazyStoredObject({ cluster, resource, namespace, name }, rv, json));
    return { items, rv: this.rev.committed };
  }

  async clusters(): Promise<string[]> {
    this.assertOpen();
    return (this.st.clusters.all() as string[][]).map(([c]) => c);
  }

  async deleteCluster(cluster: string): Promise<number> {
    const keys = await this.clusterKeys(cluster);
    // Queued together, the deletes share the group-commit transactions (up to maxBatch each).
    const results = await Promise.allSettled(keys.map((key) => this.mutate({ key, apply: (cur) => (cur ? DELETE : UNCHANGED) })));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    return results.filter((r) => r.status === 'fulfilled' && r.value.type === 'DELETED').length;
  }

  currentRevision(): number {
    return this.rev.committed;
  }

  compactedRevision(): number {
    return this.rev.compacted;
  }

  compact(rv: number): Promise<void> {
    if (this.closing) return Promise.reject(new Error('store is closed'));
    return this.compactor.compact(rv);
  }

  compactionTick(now?: number): void {
    this.compactor.tick(now);
  }

  stats(): StoreStats {
    return { ...this.counters, watchers: this.hub.size, replayingWatchers: this.hub.replaying };
  }

  close(): Promise<void> {
    return (this.closing ??= this.doClose());
  }

  private async doClose(): Promise<void> {
    this.committer.drainAndClose();
    this.hub.stopAll();
    await this.compactor.close();
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('store is closed');
  }
}
