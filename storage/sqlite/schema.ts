// The SQLite schema and connection settings of the embedded store.
//
// Tables (every workspace lives in the same three tables: a workspace is a key range):
//
//   objects     current state, one row per live object, keyed by (cluster, resource, namespace,
//               name). WITHOUT ROWID, so the primary key order is the storage order: a list of a
//               namespace, of all namespaces of a workspace, or a continue-token page, is one
//               ordered range scan. It holds the key and `rv`, the revision of the object's last
//               change; the object's JSON is the change_log row with that revision (see below).
//   change_log  one row per committed change, keyed by revision (INTEGER PRIMARY KEY = rowid, so
//               appends are sequential and a range of revisions is a rowid range). Holds the key
//               columns, the event type, the object JSON after the change (for DELETED: its last
//               state with resourceVersion = the deletion's revision), and prev_rv, the revision of
//               the key's previous change (NULL for ADDED), through which a resumed watch finds
//               the previous state.
//   meta        the current revision (written by every batch, so the counter never goes back even
//               when the log is compacted and the newest objects are deleted) and the compacted
//               revision.
//
// Why the JSON is not also stored in `objects` (measured, see storage/BENCH-NOTES.md): objects are
// 1–30 KB, and a WITHOUT ROWID table is an index b-tree whose rows spill to overflow pages past
// ~1/4 of a page; keeping the JSON there made creates 2.5–4.5× slower, the file 2× larger, and
// wrote every object twice per change (kine's `old_value` mistake). The object's current JSON is
// already in the change log, so `objects` points at it, and compaction keeps the change-log rows
// that are still some object's current state (it deletes only superseded rows). The cost is one
// rowid lookup per listed object.

import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

/** Bumped when the schema changes; a database from a newer kplane is refused. */
export const SCHEMA_VERSION = 1;

/** Event type codes in change_log.type. */
export const TYPE_CODE = { ADDED: 0, MODIFIED: 1, DELETED: 2 } as const;
export const TYPE_NAME = ['ADDED', 'MODIFIED', 'DELETED'] as const;

const DDL = `
CREATE TABLE objects (
  cluster   TEXT    NOT NULL,
  resource  TEXT    NOT NULL,
  namespace TEXT    NOT NULL,
  name      TEXT    NOT NULL,
  rv        INTEGER NOT NULL,
  PRIMARY KEY (cluster, resource, namespace, name)
) WITHOUT ROWID;

CREATE TABLE change_log (
  rv        INTEGER PRIMARY KEY,
  cluster   TEXT    NOT NULL,
  resource  TEXT    NOT NULL,
  namespace TEXT    NOT NULL,
  name      TEXT    NOT NULL,
  type      INTEGER NOT NULL,
  prev_rv   INTEGER,
  json      TEXT    NOT NULL
);

CREATE TABLE meta (
  k TEXT PRIMARY KEY,
  v INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO meta (k, v) VALUES ('revision', 0), ('compacted', 0);
`;

/**
 * Opens (creating if needed) the database with the store's settings.
 *
 * Durability: journal_mode=WAL with synchronous=FULL makes SQLite fsync the WAL before COMMIT
 * returns, and the store resolves a mutation only after COMMIT returned. So a mutation whose
 * promise resolved survives kill -9 and power loss (as far as the disk honours fsync).
 */
export function openDatabase(path: string, opts: { busyTimeoutMs?: number } = {}): Db {
  const inMemory = path === ':memory:' || path === '';
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    // page_size only applies to a new database, before its first table and before WAL.
    // 8 KiB measured best for 1–8 KB change-log rows (fewer overflow pages, denser key pages).
    db.pragma('page_size = 8192');
    if (!inMemory) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (String(mode).toLowerCase() !== 'wal') throw new Error(`cannot enable WAL on ${path} (got ${mode})`);
    }
    db.pragma('synchronous = FULL');
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    db.pragma('cache_size = -65536'); // 64 MiB page cache
    db.pragma('temp_store = MEMORY');
    db.pragma('journal_size_limit = 67108864'); // truncate the WAL back to 64 MiB after checkpoints
    db.pragma('foreign_keys = OFF');
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

function migrate(db: Db): void {
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version === SCHEMA_VERSION) return;
  if (version > SCHEMA_VERSION) {
    throw new Error(`database schema version ${version} is newer than this kplane supports (${SCHEMA_VERSION})`);
  }
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec(DDL);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    db.exec('COMMIT');
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}
