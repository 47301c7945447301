// Reads of the change log for watch replay, and the range delete compaction runs.

import type { ObjectKey } from '../store.js';
import { LazyChangeEvent } from './rows.js';
import { TYPE_NAME } from './schema.js';
import { replayShapeIndex, type Statements } from './statements.js';

/** What a watch matches: a resource, optionally narrowed to a workspace, a namespace, a name. */
export interface WatchFilter {
  cluster?: string;
  resource: string;
  namespace?: string;
  name?: string;
}

export interface ReplaySource {
  /** Up to `limit` events matching `f` with revision in (from, to], in revision order. */
  read(f: WatchFilter, from: number, to: number, limit: number): LazyChangeEvent[];
}

type ReplayRow = [number, string, string, string, number, string, string | null];

export class ChangeLog implements ReplaySource {
  constructor(private readonly st: Statements) {}

  read(f: WatchFilter, from: number, to: number, limit: number): LazyChangeEvent[] {
    const shape = {
      cluster: f.cluster !== undefined,
      namespace: f.namespace !== undefined,
      name: f.name !== undefined,
    };
    const params: (string | number)[] = [from, to, f.resource];
    if (shape.cluster) params.push(f.cluster!);
    if (shape.namespace) params.push(f.namespace!);
    if (shape.name) params.push(f.name!);
    params.push(limit);
    const rows = this.st.replay[replayShapeIndex(shape)]!.all(...params) as ReplayRow[];
    const out: LazyChangeEvent[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const [rv, cluster, namespace, name, type, json, prevJson] = rows[i]!;
      const key: ObjectKey = { cluster, resource: f.resource, namespace, name };
      out[i] = new LazyChangeEvent(TYPE_NAME[type]!, key, rv, json, prevJson ?? undefined);
    }
    return out;
  }

  /**
   * Deletes the change-log rows with revision in (from, to] that are no longer any object's
   * current state. Runs inside the caller's transaction. Returns the number of rows deleted.
   */
  deleteSuperseded(from: number, to: number): number {
    return this.st.compactRange.run(from, to).changes;
  }
}
