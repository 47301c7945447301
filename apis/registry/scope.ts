// What every REST operation works on: the workspace, the resource (at the request's version),
// the namespace from the URL, and the caller; plus storage keys and version conversion.

import { Catalogue, ServedResource } from '../catalogue.js';
import { ApiError, errors } from '../errors.js';
import { CustomResourceHooks, KObject } from '../resources/model.js';
import { ObjectKey } from '../../storage/store.js';
import { DecodeIssues, decodeStructural } from '../admission/structural.js';
import { SchemaCoercionError } from '../crd/schema/index.js';

export interface Caller {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

export interface Scope {
  /** Logical cluster id of the workspace. */
  cluster: string;
  catalogue: Catalogue;
  r: ServedResource;
  /** Namespace from the URL; "" for cluster-scoped resources and all-namespace requests. */
  namespace: string;
  user: Caller;
}

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions {
  dryRun: boolean;
  fieldManager?: string;
  fieldValidation: FieldValidation;
  /** Keys the request body repeated (found by the server before parsing). */
  duplicateFields?: string[];
  /** Keep the status of a created object (controllers writing objects they own, never requests). */
  keepStatus?: boolean;
}

export function objectKey(s: Scope, name: string): ObjectKey {
  const bad = pathSegmentNameErrors(name);
  // Upstream's NamespaceKeyFunc: a name that cannot be a path segment never reaches storage.
  if (bad.length) throw errors.badRequest(`Name parameter invalid: ${JSON.stringify(name)}: ${bad.join(';')}`);
  return { cluster: s.cluster, resource: s.r.storageKey, namespace: s.r.namespaced ? s.namespace : '', name };
}

/** path.IsValidPathSegmentName. */
export function pathSegmentNameErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
}

export function namespaceKey(cluster: string, namespace: string): ObjectKey {
  return { cluster, resource: '/namespaces', namespace: '', name: namespace };
}

/** The stored form of an object of `r` (its storage version). */
export function toStorage(r: ServedResource, obj: KObject): KObject {
  return r.storage && r.storage.version !== r.apiVersion ? r.storage.toStorage(obj) : obj;
}

/** A stored object at the version of `r`. */
export function fromStorage(r: ServedResource, obj: KObject): KObject {
  return r.storage && r.storage.version !== r.apiVersion ? r.storage.fromStorage(obj) : obj;
}

/** True when stored JSON can be served as-is for `r` (no version conversion needed). */
export function servedAsStored(r: ServedResource): boolean {
  return !r.storage || r.storage.version === r.apiVersion;
}

/**
 * Checks a request body's kind/apiVersion against the URL, decodes it against the catalogue type
 * (unknown fields per fieldValidation, type errors as 400) and returns the warnings to send.
 */
export function decodeBody(s: Scope, body: unknown, validation: FieldValidation, kind = s.r.kind, apiVersion = s.r.apiVersion, type = s.r.type, duplicates: string[] = []): { obj: KObject; warnings: string[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw errors.badRequest(`the object provided is unrecognized (must be of type ${kind}): couldn't get version/kind; json parse error: cannot unmarshal ${Array.isArray(body) ? 'array' : typeof body} into Go value of type struct`);
  }
  const obj = body as KObject;
  if (obj.apiVersion !== undefined && obj.apiVersion !== apiVersion) {
    throw errors.badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${apiVersion})`);
  }
  if (obj.kind !== undefined && obj.kind !== kind) {
    throw errors.badRequest(`the kind in the data (${obj.kind}) does not match the expected kind (${kind})`);
  }
  const issues = s.r.custom && type === s.r.type ? decodeCustom(s.catalogue, s.r.custom, obj) : decodeStructural(s.catalogue.types, type, obj);
  const handled = `${kind} in version "${apiVersion.split('/').pop()}" cannot be handled as a ${kind}`;
  if (issues.errors.length) throw errors.badRequest(`${handled}: ${issues.errors[0]}`);
  const problems = [...duplicates.map((d) => `duplicate field "${d}"`), ...issues.unknown.map((u) => `unknown field "${u}"`)];
  if (problems.length && validation === 'Strict') throw errors.badRequest(`${handled}: strict decoding error: ${problems.join(', ')}`);
  const warnings = validation === 'Warn' ? problems : [];
  obj.apiVersion = apiVersion;
  obj.kind = kind;
  return { obj, warnings };
}

/**
 * A custom object as the custom resource codec decodes it: metadata as ObjectMeta (type errors
 * are decode errors), everything else pruned to the schema and defaulted.
 */
function decodeCustom(c: Catalogue, custom: CustomResourceHooks, obj: KObject): DecodeIssues {
  const issues: DecodeIssues = { unknown: [], errors: [] };
  if (obj.metadata !== undefined && obj.metadata !== null) {
    if (typeof obj.metadata !== 'object' || Array.isArray(obj.metadata)) {
      issues.errors.push(`json: cannot unmarshal ${Array.isArray(obj.metadata) ? 'array' : typeof obj.metadata} into Go struct field ObjectMeta.metadata of type v1.ObjectMeta`);
      return issues;
    }
    const meta = decodeStructural(c.types, 'meta/v1:ObjectMeta', obj.metadata);
    issues.errors.push(...meta.errors);
    issues.unknown.push(...meta.unknown.map((u) => `metadata.${u}`));
  } else if (obj.metadata === null) {
    delete obj.metadata;
  }
  try {
    issues.unknown.push(...custom.decode(obj));
  } catch (e) {
    // An embedded resource whose apiVersion, kind or metadata cannot be decoded.
    if (!(e instanceof SchemaCoercionError)) throw e;
    issues.errors.push(e.message);
  }
  return issues;
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
