// metadata.managedFields in both directions. Internally each entry is a field set keyed by a
// manager identifier built as upstream builds it (BuildManagerIdentifier): the entry's JSON
// without fieldsType, fieldsV1 and time, and without apiVersion for Apply entries. So there is
// one Apply entry per (manager, subresource) and one Update entry per (manager, apiVersion,
// subresource): Update writes of the same manager merge into one entry.

import { isJsonObject } from '../jsonEqual.js';
import { FieldSet } from './fieldSet.js';
import { FieldsV1, FieldsV1Error, decodeFieldsV1, encodeFieldsV1 } from './fieldsV1.js';
import { compareStrings, goQuote } from './pathElement.js';

export type Operation = 'Apply' | 'Update';

/** One metadata.managedFields entry as it appears on the wire. */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: Operation;
  apiVersion?: string;
  time?: string;
  fieldsType?: 'FieldsV1';
  fieldsV1?: FieldsV1;
  subresource?: string;
}

/** One manager's fields: what an identifier maps to. */
export interface ManagerEntry {
  manager: string;
  operation: Operation;
  apiVersion: string;
  subresource?: string;
  /** RFC 3339, second precision; absent when unknown. */
  time?: string;
  set: FieldSet;
}

/** Manager identifier → entry. */
export type Managers = Map<string, ManagerEntry>;

export class ManagedFieldsError extends Error {}

/**
 * The identifier of a manager: the JSON upstream builds ({"manager","operation","apiVersion"
 * (Update only),"subresource"}, empty values left out). Sorting identifiers sorts managers as
 * upstream's conflict messages do.
 */
export function managerIdentifier(e: { manager: string; operation: Operation; apiVersion: string; subresource?: string }): string {
  const o: Record<string, string> = {};
  if (e.manager) o.manager = e.manager;
  if (e.operation) o.operation = e.operation;
  if (e.operation !== 'Apply' && e.apiVersion) o.apiVersion = e.apiVersion;
  if (e.subresource) o.subresource = e.subresource;
  return JSON.stringify(o).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Decodes metadata.managedFields (DecodeManagedFields). Throws ManagedFieldsError with
 * upstream's wording for an invalid entry. Entries with the same identifier: the last wins.
 */
export function decodeManagedFields(entries: unknown): Managers {
  const out: Managers = new Map();
  if (entries === undefined || entries === null) return out;
  if (!Array.isArray(entries)) throw new ManagedFieldsError('managedFields must be a list');
  entries.forEach((raw, i) => {
    if (!isJsonObject(raw)) throw new ManagedFieldsError(`managed fields entry ${i} must be an object`);
    const operation = raw.operation;
    if (operation !== 'Apply' && operation !== 'Update') throw new ManagedFieldsError('operation must be `Apply` or `Update`');
    const apiVersion = typeof raw.apiVersion === 'string' ? raw.apiVersion : '';
    if (!apiVersion) throw new ManagedFieldsError('apiVersion must not be empty');
    const fieldsType = raw.fieldsType ?? '';
    if (fieldsType === '') throw new ManagedFieldsError(`missing fieldsType in managed fields entry ${i}`);
    if (fieldsType !== 'FieldsV1') throw new ManagedFieldsError(`invalid fieldsType ${goQuote(String(fieldsType))} in managed fields entry ${i}`);
    let set: FieldSet;
    try {
      set = decodeFieldsV1(raw.fieldsV1);
    } catch (e) {
      if (e instanceof FieldsV1Error) throw new ManagedFieldsError(`error decoding versioned set: error decoding set: ${e.message}`);
      throw e;
    }
    const entry: ManagerEntry = {
      manager: typeof raw.manager === 'string' ? raw.manager : '',
      operation,
      apiVersion,
      set,
    };
    if (typeof raw.subresource === 'string' && raw.subresource) entry.subresource = raw.subresource;
    if (typeof raw.time === 'string' && raw.time) entry.time = raw.time;
    out.set(managerIdentifier(entry), entry);
  });
  return out;
}

/** Decodes, or returns undefined when the entries are invalid. */
export function tryDecodeManagedFields(entries: unknown): Managers | undefined {
  try {
    return decodeManagedFields(entries);
  } catch (e) {
    if (e instanceof ManagedFieldsError) return undefined;
    throw e;
  }
}

function seconds(t: string | undefined): number {
  if (!t) return 0;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

/**
 * Encodes managers as metadata.managedFields, sorted as upstream sorts them (operation, then
 * time, manager, apiVersion, subresource); undefined when there are none.
 */
export function encodeManagedFields(managers: Managers): ManagedFieldsEntry[] | undefined {
  if (managers.size === 0) return undefined;
  const list = [...managers.values()].sort(
    (p, q) =>
      compareStrings(p.operation, q.operation) ||
      seconds(p.time) - seconds(q.time) ||
      compareStrings(p.manager, q.manager) ||
      compareStrings(p.apiVersion, q.apiVersion) ||
      compareStrings(p.subresource ?? '', q.subresource ?? ''),
  );
  return list.map((m) => {
    const e: ManagedFieldsEntry = {};
    if (m.manager) e.manager = m.manager;
    e.operation = m.operation;
    e.apiVersion = m.apiVersion;
    if (m.time) e.time = m.time;
    e.fieldsType = 'FieldsV1';
    e.fieldsV1 = encodeFieldsV1(m.set);
    if (m.subresource) e.subresource = m.subresource;
    return e;
  });
}

/** RFC 3339 at second precision in UTC, as metav1.Time marshals. */
export function formatTime(t: Date | string | undefined): string {
  const d = t === undefined ? new Date() : typeof t === 'string' ? new Date(t) : t;
  return new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The most Update entries kept; older ones are merged into "ancient-changes" (upstream's default). */
export const DEFAULT_MAX_UPDATE_MANAGERS = 10;
export const ANCIENT_CHANGES_MANAGER = 'ancient-changes';

/**
 * Caps the number of Update entries (capManagersManager): while there are more than `max`, the
 * oldest entries are merged, per apiVersion, into an "ancient-changes" entry.
 */
export function capUpdateManagers(managers: Managers, max = DEFAULT_MAX_UPDATE_MANAGERS): Managers {
  const updaters = [...managers.entries()].filter(([, m]) => m.operation === 'Update').map(([id]) => id);
  if (updaters.length <= max) return managers;
  const out: Managers = new Map(managers);
  updaters.sort((a, b) => seconds(out.get(a)!.time) - seconds(out.get(b)!.time) || compareStrings(a, b));
  const firstOfVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > max; i++) {
    const id = updaters[i];
    const m = out.get(id)!;
    const bucket = managerIdentifier({ manager: ANCIENT_CHANGES_MANAGER, operation: 'Update', apiVersion: m.apiVersion });
    const first = firstOfVersion.get(m.apiVersion);
    if (first === undefined) {
      firstOfVersion.set(m.apiVersion, id);
      continue;
    }
    if (!out.has(bucket)) {
      const f = out.get(first)!;
      out.delete(first);
      out.set(bucket, { ...f, manager: ANCIENT_CHANGES_MANAGER, subresource: undefined });
    }
    const b = out.get(bucket)!;
    out.set(bucket, { ...b, set: m.set.union(b.set), time: m.time });
    out.delete(id);
    length--;
  }
  return out;
}
