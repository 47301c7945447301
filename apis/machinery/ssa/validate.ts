// Checks an applied configuration against the schema the way upstream's conversion to a typed
// value does before merging: associative list items must be keyable and unique, and a struct
// that does not preserve unknown fields must declare every field. Upstream fails the request
// with "failed to create typed patch object (...)" (see typedPatchError).

import { isJsonObject } from '../jsonEqual.js';
import { PatchError } from '../errors.js';
import { ListItemError, SsaSchema, TypeRef, keysOf } from './schema.js';
import { elementId, elementString, fieldElement, indexElement } from './pathElement.js';

export interface SchemaViolation {
  /** Rendered path of the offending node, e.g. ".spec.containers[name=\"a\"].env"; "" at the root. */
  path: string;
  message: string;
}

export interface ValidateOptions {
  /** Do not report fields a struct does not declare. */
  allowUnknownFields?: boolean;
}

/** Problems that make upstream refuse `config` as an apply configuration. */
export function validateApplyConfig(schema: SsaSchema, config: unknown, ref: TypeRef = schema.root(), opts: ValidateOptions = {}): SchemaViolation[] {
  const out: SchemaViolation[] = [];
  check(schema, ref, config, '', out, opts);
  return out;
}

function check(schema: SsaSchema, ref: TypeRef, v: unknown, at: string, out: SchemaViolation[], opts: ValidateOptions): void {
  if (v === null || v === undefined) return;
  const shape = schema.shape(ref, v);
  if (shape === 'leaf') {
    // Atomic lists are still walked for the shapes of their items (index paths).
    if (ref.t === 'list' && Array.isArray(v)) v.forEach((item, i) => check(schema, ref.elem, item, at + elementString(indexElement(i)), out, opts));
    else if (ref.t === 'struct' && isJsonObject(v)) checkFields(schema, ref, v, at, out, opts);
    else if (ref.t === 'map' && isJsonObject(v)) for (const k of keysOf(v)) check(schema, ref.elem, v[k], at + elementString(fieldElement(k)), out, opts);
    return;
  }
  if (shape === 'list') {
    const lref = ref as TypeRef & { t: 'list' };
    const seen = new Set<string>();
    for (let i = 0; i < (v as unknown[]).length; i++) {
      const item = (v as unknown[])[i];
      let pe;
      try {
        pe = schema.itemElement(lref, item);
      } catch (e) {
        if (!(e instanceof ListItemError)) throw e;
        out.push({ path: at, message: `element ${i}: ${e.message}` });
        return;
      }
      const id = elementId(pe);
      if (seen.has(id)) out.push({ path: at, message: `duplicate entries for key ${elementString(pe)}` });
      seen.add(id);
      check(schema, lref.elem, item, at + elementString(pe), out, opts);
    }
    return;
  }
  checkFields(schema, ref, v as Record<string, unknown>, at, out, opts);
}

function checkFields(schema: SsaSchema, ref: TypeRef, v: Record<string, unknown>, at: string, out: SchemaViolation[], opts: ValidateOptions): void {
  for (const k of keysOf(v)) {
    const p = at + elementString(fieldElement(k));
    if (!opts.allowUnknownFields && schema.closed(ref) && !schema.declares(ref, k)) {
      out.push({ path: p, message: 'field not declared in schema' });
      return; // upstream stops at the first undeclared field of an object
    }
    check(schema, schema.child(ref, k), v[k], p, out, opts);
  }
}

/** ValidationErrors.Error(): one error as "path: message", several as an indented list. */
export function violationsText(errs: readonly SchemaViolation[]): string {
  const one = (e: SchemaViolation): string => (e.path ? `${e.path}: ${e.message}` : e.message);
  if (errs.length === 1) return one(errs[0]);
  return ['errors:', ...errs.map((e) => `  ${one(e)}`)].join('\n');
}

/** "<namespace>/<name>; <group>/<version>, Kind=<Kind>" of an object, as upstream names it in errors. */
export function objectGVKNN(obj: unknown): string {
  const o = isJsonObject(obj) ? obj : {};
  const meta = isJsonObject(o.metadata) ? o.metadata : {};
  const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : '';
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const str = (x: unknown): string => (typeof x === 'string' ? x : '');
  return `${str(meta.namespace)}/${str(meta.name)}; ${group}/${version}, Kind=${str(o.kind)}`;
}

/**
 * The error kube-apiserver answers an apply configuration that does not fit the schema with:
 * 500, no reason, "failed to create typed patch object (<ns>/<name>; <gvk>): <errors>".
 */
export function typedPatchError(config: unknown, errs: readonly SchemaViolation[]): PatchError {
  const message = `failed to create typed patch object (${objectGVKNN(config)}): ${violationsText(errs)}`;
  return new PatchError(500, '', message, message);
}
