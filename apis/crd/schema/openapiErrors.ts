// Turns ajv's error list into go-openapi's Result (kube-openapi pkg/validation/validate): the
// same errors, in the same order, with upstream's messages. ajv reports more than go-openapi in
// three places, which are cut here:
// - a failing anyOf (or oneOf with no passing branch) keeps only the errors of its "best" branch
//   (highest MatchCount), and a oneOf with several passing branches keeps none;
// - of maxLength, minLength and pattern only the first failure of a node counts;
// - equal messages are reported once.
// allOf gets the summary error go-openapi adds and ajv does not.
//
// Order: go-openapi validates a node with its type, junctor, string, format, number, array,
// enum and object validators, in that order; arrays descend before minItems/maxItems, objects
// check min/maxProperties, then other keys, then declared properties, then `required`. Map
// iteration makes upstream's order among sibling properties random; here it is declaration order
// (and key order of the data for additionalProperties).

import type { ErrorObject } from 'ajv';
import { goQuote } from '../../machinery/goFormat.js';
import { type AjvNode, ajvProperty, nodeTypeSpec } from './ajvSchema.js';
import type { AjvCompiler } from './ajvInstance.js';
import { goSliceV, isInt64 } from './goValues.js';
import { BAD_PATTERN_KEYWORD, ENUM_KEYWORD, FORMAT_NAME_KEYWORD, NUMBER_KEYWORD, type NumberSpec, TYPE_KEYWORD, numberFailures, typeMismatch } from './keywords.js';
import { bestBranch } from './matchCount.js';

/** One go-openapi error (errors.Validation, or a composite message for the junctors). */
export interface GoError {
  code: 'required' | 'enum' | 'tooLong' | 'tooManyItems' | 'tooManyProperties' | 'invalidType' | 'other' | 'composite';
  /** Validation.Name: the path of the value in go-openapi's form ("spec.list[0].name"). */
  name: string;
  message: string;
  /** Validation.Value. */
  value?: unknown;
  /** Validation.Valid: the limit of TooLong and TooMany errors. */
  limit?: number;
  /** The enum values of an enum error. */
  values?: unknown[];
}

const RANK: Record<string, number> = {
  type: 1,
  [TYPE_KEYWORD]: 1,
  anyOf: 2,
  oneOf: 3,
  allOf: 4,
  not: 5,
  maxLength: 6,
  minLength: 6.1,
  pattern: 6.2,
  [BAD_PATTERN_KEYWORD]: 6.2,
  format: 7,
  [NUMBER_KEYWORD]: 8,
  items: 9,
  minItems: 9.1,
  maxItems: 9.2,
  [ENUM_KEYWORD]: 10,
  minProperties: 11,
  maxProperties: 11.1,
  additionalProperties: 11.2,
  properties: 11.3,
  required: 11.4,
};
const NUMBER_CHECKS = ['multipleOf', 'minimum', 'maximum'];

type Junctor = 'allOf' | 'anyOf' | 'oneOf';

/** A junctor branch an error was found under. */
interface Frame {
  kind: Junctor;
  nodeId: string;
  name: string;
  node: AjvNode;
  branch: number;
  /** Sort key of the junctor's node. */
  key: number[];
}

/** An ajv error placed in the schema and the data. */
interface Located {
  err: ErrorObject;
  /** Go path of the value the failing keyword applies to. */
  name: string;
  key: number[];
  frames: Frame[];
  /** The node the keyword belongs to, with its data. */
  nodeId: string;
  node: AjvNode;
  data: unknown;
}

const unescapePointer = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');
const isMap = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const childName = (name: string, k: string) => (name ? `${name}.${k}` : k);

function locate(err: ErrorObject, root: AjvNode, rootData: unknown): Located {
  const rawSegs = err.schemaPath.replace(/^#\/?/, '').split('/');
  const segs = rawSegs.map((s) => unescapePointer(decodeURIComponent(s)));
  const inst = err.instancePath ? err.instancePath.split('/').slice(1).map(unescapePointer) : [];
  let node = root;
  let data = rootData;
  let name = '';
  let j = 0;
  const key: number[] = [];
  const frames: Frame[] = [];
  const nodeId = (i: number) => `${rawSegs.slice(0, i).join('/')}|${inst.slice(0, j).join('/')}`;
  let i = 0;
  while (i < segs.length) {
    const kw = segs[i];
    const last = i === segs.length - 1;
    if (kw === 'else' && !last) {
      // The null guard around the junctors: same node, same value.
      node = node.else as AjvNode;
      i += 1;
    } else if (kw === 'properties' && !last) {
      const prop = segs[i + 1];
      const props = Object.keys((node.properties as object) ?? {});
      key.push(RANK.properties, props.indexOf(prop));
      node = ajvProperty(node, prop)!;
      data = isMap(data) ? data[prop] : undefined;
      name = childName(name, prop);
      j++;
      i += 2;
    } else if (kw === 'additionalProperties' && !last) {
      const k = inst[j];
      key.push(RANK.additionalProperties, isMap(data) ? Object.keys(data).indexOf(k) : 0);
      node = node.additionalProperties as AjvNode;
      data = isMap(data) ? data[k] : undefined;
      name = childName(name, k);
      j++;
      i += 1;
    } else if (kw === 'items' && !last) {
      const idx = Number(inst[j]);
      key.push(RANK.items, idx);
      node = node.items as AjvNode;
      data = Array.isArray(data) ? data[idx] : undefined;
      name = `${name}[${idx}]`;
      j++;
      i += 1;
    } else if ((kw === 'allOf' || kw === 'anyOf' || kw === 'oneOf') && !last) {
      const b = Number(segs[i + 1]);
      frames.push({ kind: kw, nodeId: nodeId(i), name, node, branch: b, key: [...key] });
      key.push(RANK[kw], b);
      node = (node[kw] as AjvNode[])[b];
      i += 2;
    } else {
      // The failing keyword itself.
      const id = nodeId(i);
      key.push(RANK[kw] ?? 99);
      if (kw === 'anyOf' || kw === 'oneOf') key.push(-1);
      if (kw === 'required') key.push(((node.required as string[]) ?? []).indexOf(err.params.missingProperty as string));
      if (kw === 'additionalProperties') key.push(isMap(data) ? Object.keys(data).indexOf(err.params.additionalProperty as string) : 0);
      return { err, name, key, frames, nodeId: id, node, data };
    }
  }
  return { err, name, key, frames, nodeId: nodeId(segs.length), node, data };
}

const junctorId = (kind: string, nodeId: string) => `${kind}@${nodeId}`;

/** The branch kept by each failing anyOf/oneOf (-1: none), and the oneOf summaries. */
function decideJunctors(errors: Located[], ajv: AjvCompiler): { keep: Map<string, number>; composites: { at: Located; message: string }[] } {
  const keep = new Map<string, number>();
  const composites: { at: Located; message: string }[] = [];
  for (const e of errors) {
    const kw = e.err.keyword;
    if (kw !== 'anyOf' && kw !== 'oneOf') continue;
    const branches = e.node[kw] as AjvNode[];
    const quoted = goQuote(e.name);
    if (kw === 'anyOf') {
      keep.set(junctorId(kw, e.nodeId), bestBranch(branches, e.data, ajv));
      composites.push({ at: e, message: `${quoted} must validate at least one schema (anyOf)` });
    } else if (e.err.params.passingSchemas === null || e.err.params.passingSchemas === undefined) {
      keep.set(junctorId(kw, e.nodeId), bestBranch(branches, e.data, ajv));
      composites.push({ at: e, message: `${quoted} must validate one and only one schema (oneOf). Found none valid` });
    } else {
      // ajv stops at the second passing branch; go-openapi counts them all.
      const passed = branches.filter((b) => ajv.isValid(b, e.data)).length;
      keep.set(junctorId(kw, e.nodeId), -1);
      composites.push({ at: e, message: `${quoted} must validate one and only one schema (oneOf). Found ${passed} valid alternatives` });
    }
  }
  return { keep, composites };
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** The JSON type go-openapi names for a value. */
function jsonType(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return isInt64(v) ? 'integer' : 'number';
  return typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'boolean' : 'string';
}

/**
 * The go-openapi errors of one (non-junctor) ajv error, each with the tail of its sort key. Our
 * keywords report only that they failed; the details come from the node and the value.
 */
function goErrorsOf(e: Located): { sub: number[]; error: GoError }[] {
  const { err, name, node, data } = e;
  const p = err.params as Record<string, unknown>;
  const at = `${name} in body`;
  const one = (error: GoError) => [{ sub: [], error }];
  switch (err.keyword) {
    case 'type':
    case TYPE_KEYWORD: {
      const m = typeMismatch(nodeTypeSpec(node)!, data) ?? { expected: nodeTypeSpec(node)!.types.join(','), actual: jsonType(data) };
      return one({ code: 'invalidType', name, message: `${at} must be of type ${m.expected}: ${goQuote(m.actual)}`, value: m.actual });
    }
    case 'format': {
      const written = (node[FORMAT_NAME_KEYWORD] as string) ?? String(p.format);
      return one({ code: 'invalidType', name, message: `${at} must be of type ${written}: ${goQuote(data as string)}`, value: data });
    }
    case 'required': {
      const n = `${name}.${p.missingProperty}`;
      return one({ code: 'required', name: n, message: `${n} in body is required` });
    }
    case 'maxLength':
      return one({ code: 'tooLong', name, message: `${at} should be at most ${p.limit} chars long`, value: data, limit: p.limit as number });
    case 'minLength':
      return one({ code: 'other', name, message: `${at} should be at least ${p.limit} chars long`, value: data });
    case 'pattern':
      return one({ code: 'other', name, message: `${at} should match '${p.pattern}'`, value: data });
    case BAD_PATTERN_KEYWORD:
      return one({ code: 'other', name, message: `${at} should match '${(node[BAD_PATTERN_KEYWORD] as { pattern: string }).pattern}'`, value: data });
    case NUMBER_KEYWORD:
      return numberFailures(node[NUMBER_KEYWORD] as NumberSpec, data as number).map((f) => ({
        sub: [NUMBER_CHECKS.indexOf(f.check)],
        error:
          f.positive !== undefined
            ? { code: 'other', name, message: `factor MultipleOf declared for ${name} must be positive: ${f.positive}`, value: f.factor }
            : { code: 'other', name, message: `${at} ${f.detail}`, value: data },
      }));
    case 'minItems':
      return one({ code: 'other', name, message: `${at} should have at least ${p.limit} items`, value: (data as unknown[]).length });
    case 'maxItems':
      return one({ code: 'tooManyItems', name, message: `${at} should have at most ${p.limit} items`, value: (data as unknown[]).length, limit: p.limit as number });
    case ENUM_KEYWORD: {
      const values = node[ENUM_KEYWORD] as unknown[];
      return one({ code: 'enum', name, message: `${at} should be one of ${goSliceV(values)}`, value: data, values });
    }
    case 'minProperties':
      return one({ code: 'other', name, message: `${at} should have at least ${p.limit} properties`, value: Object.keys(data as object).length });
    case 'maxProperties':
      return one({ code: 'tooManyProperties', name, message: `${at} should have at most ${p.limit} properties`, value: Object.keys(data as object).length, limit: p.limit as number });
    case 'additionalProperties':
      return one({ code: 'other', name, message: `${name}.${p.additionalProperty} in body is a forbidden property`, value: p.additionalProperty });
    case 'not':
      return one({ code: 'composite', name, message: `${goQuote(name)} must not validate the schema (not)` });
    default:
      return one({ code: 'other', name, message: `${at} is invalid (${err.keyword})`, value: data });
  }
}

/** Only the first of a node's maxLength, minLength and pattern failures counts. */
function firstStringErrors(errors: Located[]): Located[] {
  const failed = new Map<string, Set<string>>();
  for (const e of errors) {
    if (!failed.has(e.nodeId)) failed.set(e.nodeId, new Set());
    failed.get(e.nodeId)!.add(e.err.keyword);
  }
  return errors.filter((e) => {
    const kws = failed.get(e.nodeId)!;
    const kw = e.err.keyword;
    if (kw === 'minLength') return !kws.has('maxLength');
    if (kw === 'pattern' || kw === BAD_PATTERN_KEYWORD) return !kws.has('maxLength') && !kws.has('minLength');
    return true;
  });
}

/** go-openapi's Result.Errors for the ajv errors of validating `data` against `root`. */
export function toGoErrors(ajvErrors: readonly ErrorObject[], root: AjvNode, data: unknown, ajv: AjvCompiler): GoError[] {
  // The null guard's own "must match else" error is ajv's, not go-openapi's.
  const located = ajvErrors.filter((e) => e.keyword !== 'if').map((e) => locate(e, root, data));
  const { keep, composites } = decideJunctors(located, ajv);
  const kept = (e: Located) => e.frames.every((f) => f.kind === 'allOf' || (keep.get(junctorId(f.kind, f.nodeId)) ?? f.branch) === f.branch);
  const survivors = firstStringErrors(located.filter(kept));

  const out: { key: number[]; error: GoError }[] = [];
  for (const e of survivors) {
    if (e.err.keyword === 'anyOf' || e.err.keyword === 'oneOf') continue;
    for (const { sub, error } of goErrorsOf(e)) out.push({ key: [...e.key, ...sub], error });
  }
  for (const c of composites) if (kept(c.at)) out.push({ key: c.at.key, error: { code: 'composite', name: c.at.name, message: c.message } });

  // allOf: one summary per failing allOf, after its branches' errors.
  const allOfs = new Map<string, { frame: Frame; failed: Set<number> }>();
  for (const e of survivors) {
    for (const f of e.frames) {
      if (f.kind !== 'allOf') continue;
      const entry = allOfs.get(f.nodeId) ?? { frame: f, failed: new Set<number>() };
      entry.failed.add(f.branch);
      allOfs.set(f.nodeId, entry);
    }
  }
  for (const { frame, failed } of allOfs.values()) {
    const none = failed.size === (frame.node.allOf as AjvNode[]).length ? '. None validated' : '';
    out.push({ key: [...frame.key, RANK.allOf, Infinity], error: { code: 'composite', name: frame.name, message: `${goQuote(frame.name)} must validate all the schemas (allOf)${none}` } });
  }

  out.sort((a, b) => compareKeys(a.key, b.key));
  const seen = new Set<string>();
  return out.map((o) => o.error).filter((e) => !seen.has(e.message) && !!seen.add(e.message));
}
