// RFC 6902 JSON patch (`application/json-patch+json`, `kubectl patch --type json`) over
// fast-json-patch, with kube-apiserver's limits and answers:
//   - the body must decode as an array of objects, else 400 BadRequest (Go's decoding message);
//     a `null` body is an empty patch;
//   - more than 10000 operations: 413 RequestEntityTooLarge;
//   - any operation that fails (missing path, failed test, bad index, unknown op, copies adding
//     more than 3 MiB in total): 422 Invalid "the server rejected our request due to an error in
//     our request";
//   - atomic: on failure the caller's document is untouched; on success a new document is returned.
// Paths are resolved with own-property semantics, indexes without leading zeros; like upstream's
// evanphx/json-patch v4, a negative array index counts from the end.

import jsonpatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { patchErrors } from './errors.js';
import { byteLength } from './validation.js';
import { cloneJson, isJsonObject } from './jsonEqual.js';

/** kube-apiserver's maxJSONPatchOperations. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;
/** kube-apiserver's default JSONPatchMaxCopyBytes (accumulated size of all copied values). */
export const MAX_JSON_PATCH_COPY_BYTES = 3 * 1024 * 1024;

export interface JsonPatchOptions {
  maxOperations?: number;
  maxCopyBytes?: number;
}

type Op = { op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test'; path: string; from?: string; value?: unknown };

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

/** Go's name for a JSON value's kind in "cannot unmarshal X into ..." messages. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'object': return 'object';
    case 'string': return 'string';
    case 'number': return 'number';
    case 'boolean': return 'bool';
    default: return typeof v;
  }
}

/** Checks the patch body's shape (jsonpatch.DecodePatch) and the operation limit. */
function decode(ops: unknown, maxOperations: number): unknown[] {
  if (ops === null || ops === undefined) return [];
  if (!Array.isArray(ops)) throw patchErrors.badRequest(`json: cannot unmarshal ${jsonKind(ops)} into Go value of type jsonpatch.Patch`);
  for (const op of ops) {
    if (op !== null && !isJsonObject(op)) throw patchErrors.badRequest(`json: cannot unmarshal ${jsonKind(op)} into Go value of type jsonpatch.Operation`);
  }
  if (ops.length > maxOperations) {
    throw patchErrors.tooLarge(`The allowed maximum operations in a JSON patch is ${maxOperations}, got ${ops.length}`);
  }
  return ops;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`invalid JSON pointer "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const formatPointer = (tokens: string[]) => tokens.map((t) => `/${t.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/**
 * Resolves a pointer against `doc` and returns it with array indexes normalised (negative
 * indexes counted from the end). `forAdd`: the last token may name a new member or position.
 */
function resolve(doc: unknown, pointer: string, forAdd: boolean): { pointer: string; value?: unknown } {
  const tokens = parsePointer(pointer);
  const out: string[] = [];
  let cur = doc;
  for (let i = 0; i < tokens.length; i++) {
    const last = i === tokens.length - 1;
    let tok = tokens[i];
    if (Array.isArray(cur)) {
      const size = last && forAdd ? cur.length + 1 : cur.length;
      if (last && forAdd && tok === '-') {
        tok = String(cur.length);
      } else {
        if (!/^(0|-?[1-9][0-9]*)$/.test(tok)) throw new Error(`invalid array index "${tok}" in "${pointer}"`);
        let idx = Number(tok);
        if (idx < 0) {
          if (idx < -size) throw new Error(`invalid index ${idx} in "${pointer}"`);
          idx += size;
        }
        if (idx >= size) throw new Error(`invalid index ${idx} in "${pointer}"`);
        tok = String(idx);
      }
      out.push(tok);
      if (!last || !forAdd) cur = cur[Number(tok)];
    } else if (isJsonObject(cur)) {
      if (tok === '__proto__') throw new Error(`path "${pointer}" is not allowed`);
      const present = Object.prototype.hasOwnProperty.call(cur, tok);
      if (!present && !(last && forAdd)) throw new Error(`doc is missing path: "${pointer}"`);
      out.push(tok);
      cur = present ? cur[tok] : undefined;
    } else {
      throw new Error(`doc is missing path: "${pointer}"`);
    }
  }
  return { pointer: formatPointer(out), value: cur };
}

function checkOp(raw: unknown): Op {
  if (!isJsonObject(raw)) throw new Error('Unexpected kind: unknown');
  const op = raw.op;
  if (typeof op !== 'string' || !OPS.has(op)) throw new Error(`Unexpected kind: ${typeof op === 'string' ? op : 'unknown'}`);
  if (typeof raw.path !== 'string') throw new Error(`${op} operation missing path field`);
  if ((op === 'move' || op === 'copy') && typeof raw.from !== 'string') throw new Error(`${op} operation missing from field`);
  if ((op === 'add' || op === 'replace' || op === 'test') && !Object.prototype.hasOwnProperty.call(raw, 'value')) {
    throw new Error(`${op} operation missing value field`);
  }
  return raw as Op;
}

/** Applies one checked operation to `doc` (mutated) and returns the new root. */
function applyOne(doc: unknown, op: Op, copied: { bytes: number }, maxCopyBytes: number): unknown {
  const run = (o: { op: string; path: string; value?: unknown }) =>
    jsonpatch.applyOperation(doc, o as Operation, false, true, true).newDocument;
  switch (op.op) {
    case 'add':
      return run({ op: 'add', path: resolve(doc, op.path, true).pointer, value: cloneJson(op.value) });
    case 'replace':
      return run({ op: 'replace', path: resolve(doc, op.path, false).pointer, value: cloneJson(op.value) });
    case 'remove': {
      const path = resolve(doc, op.path, false).pointer;
      if (path === '') throw new Error('cannot remove the whole document');
      return run({ op: 'remove', path });
    }
    case 'test': {
      const path = resolve(doc, op.path, false).pointer;
      try {
        return run({ op: 'test', path, value: op.value });
      } catch {
        throw new Error(`testing value ${op.path} failed`);
      }
    }
    case 'copy': {
      const from = resolve(doc, op.from!, false);
      const value = cloneJson(from.value);
      copied.bytes += byteLength(JSON.stringify(value) ?? 'null');
      if (maxCopyBytes > 0 && copied.bytes > maxCopyBytes) {
        throw new Error(`Unable to complete the copy, the accumulated size increase of copy is ${copied.bytes}, exceeding the limit ${maxCopyBytes}`);
      }
      return run({ op: 'add', path: resolve(doc, op.path, true).pointer, value });
    }
    case 'move': {
      const from = resolve(doc, op.from!, false);
      const fromTokens = parsePointer(from.pointer);
      const toTokens = parsePointer(op.path);
      if (toTokens.length > fromTokens.length && fromTokens.every((t, i) => t === toTokens[i])) {
        throw new Error(`move operation does not apply: "${op.path}" is inside "${op.from}"`);
      }
      if (from.pointer === '') throw new Error('cannot move the whole document');
      const removed = jsonpatch.applyOperation(doc, { op: 'remove', path: from.pointer }, false, true, true).removed;
      return run({ op: 'add', path: resolve(doc, op.path, true).pointer, value: removed });
    }
  }
}

/**
 * Applies an RFC 6902 patch (the decoded request body) to a copy of `doc` and returns the
 * result. Throws PatchError (400, 413 or 422, see above).
 */
export function applyJsonPatch(doc: unknown, ops: unknown, opts: JsonPatchOptions = {}): unknown {
  const list = decode(ops, opts.maxOperations ?? MAX_JSON_PATCH_OPERATIONS);
  const maxCopyBytes = opts.maxCopyBytes ?? MAX_JSON_PATCH_COPY_BYTES;
  const copied = { bytes: 0 };
  let result = cloneJson(doc);
  list.forEach((raw, i) => {
    try {
      result = applyOne(result, checkOp(raw), copied, maxCopyBytes);
    } catch (e) {
      throw patchErrors.rejected(`operation ${i}: ${(e as Error).message}`);
    }
  });
  return result;
}
