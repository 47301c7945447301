// One mutation inside the group-commit transaction: read the current object, run the caller's
// apply, and turn its answer into either a write (with its event) or a final result. Nothing here
// writes: an exception thrown here fails this mutation only.

import {
  DELETE,
  UNCHANGED,
  type EventType,
  type JsonObject,
  type Mutation,
  type MutationResult,
  type ObjectKey,
  type StoredObject,
  type TxReader,
} from '../store.js';
import { formatKey, LazyStoredObject } from './rows.js';
import type { Statements } from './statements.js';

/** Reads the current state of a key (inside or outside a transaction). */
export function readObject(st: Statements, key: ObjectKey): StoredObject | undefined {
  const row = st.getObject.get(key.cluster, key.resource, key.namespace, key.name) as [number, string] | undefined;
  return row === undefined ? undefined : new LazyStoredObject(key, row[0], row[1]);
}

/** A change to write with revision `rv`. */
export interface PlannedWrite {
  kind: 'write';
  type: EventType;
  key: ObjectKey;
  /** The object's previous state (undefined for ADDED). */
  current: StoredObject | undefined;
  /** The object returned to the caller (metadata.resourceVersion already set). */
  object: JsonObject;
  json: string;
}

export interface PlannedResult {
  kind: 'result';
  result: MutationResult;
}

/**
 * Runs `m.apply` against the current object. `nextRv` is the revision a write would get;
 * `currentRv` the revision of the view (answered for UNCHANGED and dry runs).
 */
export function planMutation(
  st: Statements,
  tx: TxReader,
  m: Mutation,
  nextRv: number,
  currentRv: number,
): PlannedWrite | PlannedResult {
  const current = readObject(st, m.key);
  const out = m.apply(current, tx);

  if (out === UNCHANGED) {
    return {
      kind: 'result',
      // With nothing stored there is no object to answer with: an empty one.
      result: { type: 'UNCHANGED', object: current?.object ?? {}, json: current?.json ?? '{}', rv: currentRv },
    };
  }

  if (out === DELETE) {
    if (current === undefined) throw new Error(`cannot delete ${formatKey(m.key)}: it does not exist`);
    if (m.dryRun) {
      return { kind: 'result', result: { type: 'DELETED', object: current.object, json: current.json, rv: currentRv } };
    }
    // The DELETED event and result carry the last state with the deletion's revision.
    const last = JSON.parse(current.json) as JsonObject;
    const json = stamp(last, nextRv);
    return { kind: 'write', type: 'DELETED', key: m.key, current, object: last, json };
  }

  if (out === null || typeof out !== 'object' || Array.isArray(out) || typeof (out as any).then === 'function') {
    throw new TypeError(`mutation of ${formatKey(m.key)}: apply must return an object, DELETE or UNCHANGED`);
  }
  const type: EventType = current === undefined ? 'ADDED' : 'MODIFIED';
  if (m.dryRun) {
    const json = stamp(out, current?.rv);
    return { kind: 'result', result: { type, object: out, json, rv: currentRv } };
  }
  const json = stamp(out, nextRv);
  return { kind: 'write', type, key: m.key, current, object: out, json };
}

/** Sets (or, for undefined, removes) metadata.resourceVersion and serializes the object. */
function stamp(obj: JsonObject, rv: number | undefined): string {
  let meta = obj.metadata;
  if (meta === undefined || meta === null) {
    if (rv === undefined) return JSON.stringify(obj);
    meta = obj.metadata = {};
  }
  if (typeof meta !== 'object' || Array.isArray(meta)) throw new TypeError('metadata must be an object');
  if (rv === undefined) delete meta.resourceVersion;
  else meta.resourceVersion = String(rv);
  return JSON.stringify(obj);
}
