// List: one ordered range scan of the objects primary key (cluster, resource, namespace, name),
// joined to the JSON by revision. Without a filter no JSON is parsed. With a filter, rows are
// read in chunks and parsed one by one until `limit` matches or the end of the range.
//
// Consistency: the scan runs synchronously on the store's only connection, outside any write
// transaction, so it sees exactly the last commit, and `rv` (read in the same turn) is that commit.

import type { ListOptions, ListResult, ObjectKey, StoredObject } from '../store.js';
import { readObject } from './applyMutation.js';
import { LazyStoredObject } from './rows.js';
import type { Statements } from './statements.js';

type ListRow = [string, string, number, string];

const MAX_FILTER_CHUNK = 1000;

export function listObjects(st: Statements, opts: ListOptions, rv: number): ListResult {
  const { cluster, resource, namespace, name, after, filter } = opts;
  const limit = opts.limit !== undefined && opts.limit > 0 ? Math.floor(opts.limit) : 0;

  // One object by key: a point read.
  if (namespace !== undefined && name !== undefined) {
    const key: ObjectKey = { cluster, resource, namespace, name };
    if (after !== undefined && !keyAfter(namespace, name, after)) return { items: [], rv };
    const obj = readObject(st, key);
    return { items: obj !== undefined && (!filter || filter(obj.object)) ? [obj] : [], rv };
  }

  const scan = scanner(st, opts);
  const toItem = (r: ListRow): StoredObject =>
    new LazyStoredObject({ cluster, resource, namespace: r[0], name: r[1] }, r[2], r[3]);

  if (!filter) {
    const rows = scan(after, limit ? limit + 1 : -1);
    let continueAfter: ListResult['continueAfter'];
    if (limit && rows.length > limit) {
      rows.length = limit;
      const last = rows[limit - 1]!;
      continueAfter = { namespace: last[0], name: last[1] };
    }
    const items: StoredObject[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) items[i] = toItem(rows[i]!);
    return continueAfter ? { items, rv, continueAfter } : { items, rv };
  }

  // Filtered: scan in chunks until `limit` matches or the end of the range.
  const chunk = limit ? Math.min(Math.max(limit + 1, 64), MAX_FILTER_CHUNK) : MAX_FILTER_CHUNK;
  const items: StoredObject[] = [];
  let cursor = after;
  for (;;) {
    const rows = scan(cursor, chunk);
    for (let i = 0; i < rows.length; i++) {
      const item = toItem(rows[i]!);
      if (!filter(item.object)) continue;
      items.push(item);
      if (items.length === limit) {
        const last = { namespace: item.key.namespace, name: item.key.name };
        const more = i < rows.length - 1 || (rows.length === chunk && scan(last, 1).length > 0);
        return more ? { items, rv, continueAfter: last } : { items, rv };
      }
    }
    if (rows.length < chunk) return { items, rv };
    const lastRow = rows[rows.length - 1]!;
    cursor = { namespace: lastRow[0], name: lastRow[1] };
  }
}

type Cursor = { namespace: string; name: string } | undefined;

/** Returns a function reading up to `limit` rows (-1: all) of the list's range after `cursor`. */
function scanner(st: Statements, opts: ListOptions): (cursor: Cursor, limit: number) => ListRow[] {
  const { cluster, resource, namespace, name } = opts;
  if (namespace !== undefined) {
    return (cursor, limit) => {
      if (cursor === undefined || cursor.namespace < namespace) {
        return st.listNsFrom.all(cluster, resource, namespace, '', limit) as ListRow[];
      }
      if (cursor.namespace > namespace) return [];
      return st.listNsAfter.all(cluster, resource, namespace, cursor.name, limit) as ListRow[];
    };
  }
  const [from, after, head] =
    name !== undefined
      ? [st.listNameFrom, st.listNameAfter, [cluster, resource, name]]
      : [st.listAllFrom, st.listAllAfter, [cluster, resource]];
  return (cursor, limit) =>
    (cursor === undefined
      ? from.all(...head, '', '', limit)
      : after.all(...head, cursor.namespace, cursor.name, limit)) as ListRow[];
}

/** Whether (namespace, name) sorts strictly after `after`. */
function keyAfter(namespace: string, name: string, after: { namespace: string; name: string }): boolean {
  return namespace > after.namespace || (namespace === after.namespace && name > after.name);
}
