// Small shared pieces of the SQLite store: the in-memory revision counters, counters for tests and
// metrics, and the logger shape.

/** The revision counters, shared by the committer, the watch hub and the compactor. */
export interface RevisionState {
  /** The revision of the last committed change (what currentRevision() returns). */
  committed: number;
  /** Change-log rows at or below this revision may be gone; watches must start at or above it. */
  compacted: number;
}

/** Counters exposed by SqliteStore.stats() (for tests, benchmarks and metrics). */
export interface StoreStats {
  /** Write transactions committed by group commit (one per batch that wrote something). */
  writeTransactions: number;
  /** Batches run (including ones that wrote nothing: only UNCHANGED, dry runs or failures). */
  batches: number;
  /** Mutations processed, whatever their outcome. */
  mutations: number;
  /** The largest batch so far. */
  maxBatchSize: number;
  /** Batches rolled back as a whole (a SQLite error while writing or committing). */
  failedBatches: number;
  /** Transactions run by compaction. */
  compactionTransactions: number;
  /** Watches currently registered. */
  watchers: number;
  /** Watches still replaying from the change log. */
  replayingWatchers: number;
}

export function newStats(): StoreStats {
  return {
    writeTransactions: 0,
    batches: 0,
    mutations: 0,
    maxBatchSize: 0,
    failedBatches: 0,
    compactionTransactions: 0,
    watchers: 0,
    replayingWatchers: 0,
  };
}

/** The subset of a pino logger the store uses. */
export interface StoreLogger {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const consoleLogger: StoreLogger = {
  warn: (obj, msg) => console.warn(`[storage] ${msg ?? ''}`, obj),
  error: (obj, msg) => console.error(`[storage] ${msg ?? ''}`, obj),
};
