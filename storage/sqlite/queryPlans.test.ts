// Guards the query plans: every read is a primary-key seek (never a scan of a workspace or of
// the whole log), and paging seeks to the continue position instead of re-reading earlier pages.

import { afterAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { openDatabase } from './schema.js';
import { prepareStatements } from './statements.js';

function plan(db: Database.Database, stmt: Database.Statement): string[] {
  const params = Array((stmt.source.match(/\?/g) ?? []).length).fill(1);
  return (db.prepare(`EXPLAIN QUERY PLAN ${stmt.source}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}

describe('SQLite store: query plans', () => {
  const db = openDatabase(':memory:');
  const st = prepareStatements(db);
  afterAll(() => db.close());
  const JSON_LOOKUP = 'SEARCH c USING INTEGER PRIMARY KEY (rowid=?)';

  it('get is a key lookup plus a rowid lookup', () => {
    expect(plan(db, st.getObject)).toEqual([
      'SEARCH o USING PRIMARY KEY (cluster=? AND resource=? AND namespace=? AND name=?)',
      JSON_LOOKUP,
    ]);
  });

  it('list pages seek to their start', () => {
    expect(plan(db, st.listNsAfter)).toEqual([
      'SEARCH o USING PRIMARY KEY (cluster=? AND resource=? AND namespace=? AND name>?)',
      JSON_LOOKUP,
    ]);
    expect(plan(db, st.listNsFrom)).toEqual([
      'SEARCH o USING PRIMARY KEY (cluster=? AND resource=? AND namespace=? AND name>?)',
      JSON_LOOKUP,
    ]);
    for (const s of [st.listAllAfter, st.listAllFrom, st.listNameAfter, st.listNameFrom]) {
      expect(plan(db, s)).toEqual([
        'SEARCH o USING PRIMARY KEY (cluster=? AND resource=? AND (namespace,name)>(?,?))',
        JSON_LOOKUP,
      ]);
    }
  });

  it('replay and compaction read a rowid range of the log', () => {
    for (const s of st.replay) {
      expect(plan(db, s)).toEqual([
        'SEARCH c USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)',
        'SEARCH p USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN',
      ]);
    }
    expect(plan(db, st.compactRange)[0]).toBe('SEARCH change_log USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)');
  });
});
