// The embedded SQLite implementation of the Store (see ../store.ts for the contract).
export { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqliteStore.js';
export { DEFAULT_COMPACTION, compactionTarget, type CompactionOptions } from './compaction.js';
export type { GroupCommitOptions, FlushSchedule } from './groupCommit.js';
export type { StoreLogger, StoreStats } from './state.js';
export { SCHEMA_VERSION } from './schema.js';
export { runCrashWriter, verifyAcknowledged, type CrashCheck } from './crashWriter.js';
