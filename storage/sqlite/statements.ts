// Every SQL statement the store runs, prepared once when the store opens. Queries whose WHERE
// clause depends on which filters are given have one prepared variant per combination (a handful),
// never SQL built per call.
//
// Joins are written `objects CROSS JOIN change_log` so SQLite keeps that order (key range scan on
// objects, then a rowid lookup of the JSON), whatever statistics it collects.

import type Database from 'better-sqlite3';
import type { Db } from './schema.js';

type Stmt = Database.Statement;

/** Which optional equality filters a watch/replay query has. */
export interface ReplayShape {
  cluster: boolean;
  namespace: boolean;
  name: boolean;
}

export function replayShapeIndex(s: ReplayShape): number {
  return (s.cluster ? 1 : 0) | (s.namespace ? 2 : 0) | (s.name ? 4 : 0);
}

export interface Statements {
  begin: Stmt;
  commit: Stmt;
  rollback: Stmt;

  /** (cluster, resource, namespace, name) → raw [rv, json] */
  getObject: Stmt;
  /** (cluster, resource, namespace, name, rv) */
  insertObject: Stmt;
  /** (rv, cluster, resource, namespace, name) */
  updateObject: Stmt;
  /** (cluster, resource, namespace, name) */
  deleteObject: Stmt;
  /** (rv, cluster, resource, namespace, name, type, prev_rv, json) */
  insertChange: Stmt;
  /** (v, k) */
  setMeta: Stmt;
  /** (k) → v */
  getMeta: Stmt;
  /** () → the highest revision in the change log, or null */
  maxLoggedRv: Stmt;

  /**
   * List variants, raw rows [namespace, name, rv, json], ordered by (namespace, name).
   * All namespaces (± name): cluster, resource, [name], afterNamespace, afterName, limit (-1: all).
   * One namespace: cluster, resource, namespace, afterName, limit (a row-value bound would not
   * seek past the namespace equality, so this one bounds the name alone).
   * `From` variants start at the bound inclusive (('', '') or '': the whole range); `After` ones
   * strictly after it.
   */
  listAllFrom: Stmt;
  listAllAfter: Stmt;
  listNsFrom: Stmt;
  listNsAfter: Stmt;
  listNameFrom: Stmt;
  listNameAfter: Stmt;

  /**
   * Replay variants indexed by replayShapeIndex: raw rows
   * [rv, cluster, namespace, name, type, json, prevJson] with rv in (from, to], in rv order.
   * Parameters: from, to, resource, [cluster], [namespace], [name], limit.
   */
  replay: Stmt[];

  /** (from, to): deletes superseded change-log rows with rv in (from, to]. */
  compactRange: Stmt;

  /** (cluster) → raw rows [resource, namespace, name]: every key of one workspace. */
  clusterKeys: Stmt;
  /** () → raw rows [cluster]: every workspace holding an object. */
  clusters: Stmt;
  /** (resource) → raw rows [cluster, namespace, name, rv, json]: one resource in every workspace (a full scan). */
  listAcrossClusters: Stmt;
}

const SELECT_LIST = `SELECT o.namespace, o.name, o.rv, c.json
  FROM objects o CROSS JOIN change_log c ON c.rv = o.rv`;

export function prepareStatements(db: Db): Statements {
  const raw = (sql: string) => db.prepare(sql).raw(true);

  const replay: Stmt[] = [];
  for (let i = 0; i < 8; i++) {
    const where = ['c.rv > ?', 'c.rv <= ?', 'c.resource = ?'];
    if (i & 1) where.push('c.cluster = ?');
    if (i & 2) where.push('c.namespace = ?');
    if (i & 4) where.push('c.name = ?');
    replay[i] = raw(`SELECT c.rv, c.cluster, c.namespace, c.name, c.type, c.json, p.json
      FROM change_log c LEFT JOIN change_log p ON p.rv = c.prev_rv
      WHERE ${where.join(' AND ')} ORDER BY c.rv LIMIT ?`);
  }

  return {
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),

    getObject: raw(`SELECT o.rv, c.json FROM objects o CROSS JOIN change_log c ON c.rv = o.rv
      WHERE o.cluster = ? AND o.resource = ? AND o.namespace = ? AND o.name = ?`),
    insertObject: db.prepare('INSERT INTO objects (cluster, resource, namespace, name, rv) VALUES (?, ?, ?, ?, ?)'),
    updateObject: db.prepare(
      'UPDATE objects SET rv = ? WHERE cluster = ? AND resource = ? AND namespace = ? AND name = ?',
    ),
    deleteObject: db.prepare('DELETE FROM objects WHERE cluster = ? AND resource = ? AND namespace = ? AND name = ?'),
    insertChange: db.prepare(`INSERT INTO change_log (rv, cluster, resource, namespace, name, type, prev_rv, json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    setMeta: db.prepare('UPDATE meta SET v = ? WHERE k = ?'),
    getMeta: db.prepare('SELECT v FROM meta WHERE k = ?').pluck(),
    maxLoggedRv: db.prepare('SELECT MAX(rv) FROM change_log').pluck(),

    listAllFrom: raw(`${SELECT_LIST} WHERE o.cluster = ? AND o.resource = ?
      AND (o.namespace, o.name) >= (?, ?) ORDER BY o.namespace, o.name LIMIT ?`),
    listAllAfter: raw(`${SELECT_LIST} WHERE o.cluster = ? AND o.resource = ?
      AND (o.namespace, o.name) > (?, ?) ORDER BY o.namespace, o.name LIMIT ?`),
    listNsFrom: raw(`${SELECT_LIST} WHERE o.cluster = ? AND o.resource = ? AND o.namespace = ?
      AND o.name >= ? ORDER BY o.name LIMIT ?`),
    listNsAfter: raw(`${SELECT_LIST} WHERE o.cluster = ? AND o.resource = ? AND o.namespace = ?
      AND o.name > ? ORDER BY o.name LIMIT ?`),
    listNameFrom: raw(`${SELECT_LIST} WHERE o.cluster = ? AND o.resource = ? AND o.name = ?
      AND (o.namespace, o.name) >= (?, ?) ORDER BY o.namespace, o.name LIMIT ?`),
    listNameAfter: raw(`${SELECT_LIST} WHERE o.cluster = ? AND o.resource = ? AND o.name = ?
      AND (o.namespace, o.name) > (?, ?) ORDER BY o.namespace, o.name LIMIT ?`),

    replay,

    // A DELETED row is never current; any other row is superseded unless `objects` still points
    // at it (a point lookup on the objects primary key).
    compactRange: db.prepare(`DELETE FROM change_log WHERE rv > ? AND rv <= ? AND (type = 2 OR NOT EXISTS (
      SELECT 1 FROM objects o WHERE o.cluster = change_log.cluster AND o.resource = change_log.resource
        AND o.namespace = change_log.namespace AND o.name = change_log.name AND o.rv = change_log.rv))`),

    clusterKeys: raw('SELECT resource, namespace, name FROM objects WHERE cluster = ?'),
    clusters: raw('SELECT DISTINCT cluster FROM objects'),
    listAcrossClusters: raw(`SELECT o.cluster, o.namespace, o.name, o.rv, c.json
      FROM objects o CROSS JOIN change_log c ON c.rv = o.rv WHERE o.resource = ?`),
  };
}

export interface PersistedCounters {
  revision: number;
  compacted: number;
}

/** Reads the persisted revision counters (the log's maximum guards against a stale meta row). */
export function readPersistedCounters(st: Statements): PersistedCounters {
  const revision = Number(st.getMeta.get('revision') ?? 0);
  const logged = Number(st.maxLoggedRv.get() ?? 0);
  return { revision: Math.max(revision, logged), compacted: Number(st.getMeta.get('compacted') ?? 0) };
}
