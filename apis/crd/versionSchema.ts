// A version's schema as the custom resource codec and strategy use it: decode (prune unknown
// fields, apply defaults) and validate (OpenAPI schema with list types and embedded resources,
// then the CEL rules). Compiled on first use and shared by every definition with the same schema
// (a workspace's catalogue is rebuilt whenever one of its definitions changes).

import { FieldError, KObject } from '../resources/model.js';
import { compileSchema, CompiledSchema, SchemaCoercionError } from './schema/index.js';
import { compileSchemaRules, CompiledRules, evaluateRules } from './cel/index.js';
import { deepEqual } from '../machinery/jsonEqual.js';

export interface VersionSchema {
  /** Prunes and defaults `obj` in place; returns the pruned paths. Throws SchemaCoercionError. */
  decode(obj: KObject): string[];
  /** Validation errors of `obj` (an update when `old` is set). */
  validate(obj: KObject, old: KObject | undefined): FieldError[];
}

export { SchemaCoercionError };

const PASS_THROUGH: VersionSchema = { decode: () => [], validate: () => [] };
const CACHE_SIZE = 512;
const cache = new Map<string, VersionSchema>();

class CompiledVersionSchema implements VersionSchema {
  private compiled?: CompiledSchema;
  private rules?: CompiledRules;

  constructor(private readonly schema: KObject) {}

  private schemaOf(): CompiledSchema {
    return (this.compiled ??= compileSchema(this.schema));
  }

  private rulesOf(): CompiledRules {
    // Definitions are validated when written, so compile errors cannot occur here.
    return (this.rules ??= compileSchemaRules(this.schema, '', { suppressPerExpressionCost: true }).rules);
  }

  decode(obj: KObject): string[] {
    const compiled = this.schemaOf();
    const pruned = compiled.prune(obj);
    compiled.applyDefaults(obj);
    return pruned;
  }

  validate(obj: KObject, old: KObject | undefined): FieldError[] {
    let errs = this.schemaOf().validate(obj);
    // Validation ratcheting (GA upstream): on update, a value that did not change may stay invalid.
    if (old && errs.length) errs = errs.filter((e) => !unchangedAt(e.field, obj, old));
    // Upstream runs the rules only on objects that pass the schema.
    if (errs.length) return errs;
    return evaluateRules(this.rulesOf(), obj, old);
  }
}

/** The steps of a field-error path: "spec.ports[0].name", "spec.labels[app]". */
function steps(path: string): string[] {
  const out: string[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) out.push(m[1] ?? m[2]!);
  return out;
}

function at(v: unknown, path: string[]): { found: boolean; value?: unknown } {
  let cur: unknown = v;
  for (const p of path) {
    if (Array.isArray(cur) && /^\d+$/.test(p)) cur = cur[Number(p)];
    else if (cur && typeof cur === 'object' && !Array.isArray(cur) && Object.prototype.hasOwnProperty.call(cur, p)) cur = (cur as KObject)[p];
    else return { found: false };
    if (cur === undefined) return { found: false };
  }
  return { found: true, value: cur };
}

/** True when the field an error names holds the same value in both objects. */
function unchangedAt(field: string, obj: KObject, old: KObject): boolean {
  if (!field || field === '<nil>') return false;
  const path = steps(field);
  const a = at(obj, path);
  const b = at(old, path);
  return a.found && b.found && deepEqual(a.value, b.value);
}

/** The (shared, lazily compiled) schema machinery of a version's openAPIV3Schema. */
export function versionSchema(schema: KObject | undefined): VersionSchema {
  if (!schema) return PASS_THROUGH;
  const key = JSON.stringify(schema);
  let vs = cache.get(key);
  if (vs) {
    cache.delete(key);
  } else {
    vs = new CompiledVersionSchema(schema);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, vs);
  return vs;
}
