// The FieldsV1 wire form of a field set (metadata.managedFields[].fieldsV1): a JSON object
// whose keys are serialized path elements and whose values are the child sets, with "{}" for a
// member without children and a "." key for a member that also has children. Keys are written
// in path-element order (fields, then keys, values, indexes), exactly as upstream writes them.

import { isJsonObject } from '../jsonEqual.js';
import { FieldSet } from './fieldSet.js';
import { PathElement, PathElementError, compareElements, elementId, parseElement, serializeElement } from './pathElement.js';

export type FieldsV1 = { [key: string]: FieldsV1 };

/** Encodes a set as FieldsV1. */
export function encodeFieldsV1(set: FieldSet): FieldsV1 {
  return emit(set, false);
}

function emit(set: FieldSet, includeSelf: boolean): FieldsV1 {
  const out: FieldsV1 = {};
  const entries = new Map<string, { pe: PathElement; member: boolean; child?: FieldSet }>();
  for (const pe of set.sortedMembers()) entries.set(elementId(pe), { pe, member: true });
  for (const c of set.sortedChildren()) {
    const id = elementId(c.pe);
    const e = entries.get(id);
    if (e) e.child = c.set;
    else entries.set(id, { pe: c.pe, member: false, child: c.set });
  }
  if (includeSelf && entries.size) define(out, '.', {});
  const ordered = [...entries.values()].sort((a, b) => compareElements(a.pe, b.pe));
  for (const e of ordered) define(out, serializeElement(e.pe), e.child ? emit(e.child, e.member) : {});
  return out;
}

/** Own enumerable property, also for keys like "f:__proto__" (never a prototype change). */
function define(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

export class FieldsV1Error extends Error {}

/**
 * Decodes FieldsV1 into a set. Keys of unknown element types are dropped, as upstream does (a
 * later version may know them); malformed keys and non-object values throw FieldsV1Error.
 * `null` counts as an empty object. Key order does not matter.
 */
export function decodeFieldsV1(v: unknown): FieldSet {
  if (v === null || v === undefined) return new FieldSet();
  if (!isJsonObject(v)) throw new FieldsV1Error(`fieldsV1 must be a JSON object, got ${Array.isArray(v) ? 'an array' : typeof v}`);
  return read(v, '').set ?? new FieldSet();
}

/** The children of one trie node, and whether the node itself is a member. */
function read(obj: Record<string, unknown>, at: string): { set: FieldSet | undefined; member: boolean } {
  let set: FieldSet | undefined;
  let member = false;
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (key === '.') {
      member = true;
      continue;
    }
    let pe: PathElement | undefined;
    try {
      pe = parseElement(key);
    } catch (e) {
      if (e instanceof PathElementError) throw new FieldsV1Error(`parsing key as path element: ${e.message}${at ? ` (under ${at})` : ''}`);
      throw e;
    }
    if (!pe) continue;
    if (value !== null && value !== undefined && !isJsonObject(value)) {
      throw new FieldsV1Error(`the value of ${JSON.stringify(key)} must be an object${at ? ` (under ${at})` : ''}`);
    }
    const sub = read((value ?? {}) as Record<string, unknown>, at ? `${at} ${key}` : key);
    set ??= new FieldSet();
    if (sub.member) set.addMember(pe);
    if (sub.set) set.addChild(pe, sub.set);
  }
  // A node without (known) children is a member: "f:x": {}.
  if (!set) member = true;
  return { set, member };
}
