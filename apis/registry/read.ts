// GET and LIST: single objects, and lists with selectors, paging (limit/continue) and
// resourceVersion semantics.

import { errors } from '../errors.js';
import { FieldError, KObject } from '../resources/model.js';
import { Store, StoredObject } from '../../storage/store.js';
import { Scope, fromStorage, objectKey, servedAsStored } from './scope.js';

export interface ListQuery {
  /** Keeps only matching objects (label and field selectors). */
  filter?: (obj: KObject) => boolean;
  /** Exact name from a metadata.name field selector (storage fast path). */
  name?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
}

export interface ListPage {
  /** Items as stored JSON when it can be served as-is, else converted objects. */
  items: Array<{ json?: string; object: KObject }>;
  resourceVersion: string;
  continue?: string;
}

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

export function encodeContinue(rv: number, after: { namespace: string; name: string }): string {
  const token: ContinueToken = { v: 'meta.k8s.io/v1', rv, start: `${after.namespace}\u0000${after.name}` };
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

export function decodeContinue(token: string): { rv: number; after: { namespace: string; name: string } } {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinueToken;
    if (t.v !== 'meta.k8s.io/v1' || typeof t.rv !== 'number' || typeof t.start !== 'string' || !t.start.includes('\u0000')) throw new Error('bad');
    const i = t.start.indexOf('\u0000');
    return { rv: t.rv, after: { namespace: t.start.slice(0, i), name: t.start.slice(i + 1) } };
  } catch {
    throw errors.badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

function served(s: Scope, o: StoredObject): { json?: string; object: KObject } {
  return servedAsStored(s.r) ? { json: o.json, get object() { return o.object; } } : { object: fromStorage(s.r, o.object) };
}

export async function get(store: Store, s: Scope, name: string): Promise<KObject> {
  return (await getServed(store, s, name)).object;
}

/** One object, with its stored JSON when that can be sent as-is (no parse, no re-serialisation). */
export async function getServed(store: Store, s: Scope, name: string): Promise<{ json?: string; object: KObject }> {
  const o = await store.get(objectKey(s, name));
  if (!o) throw errors.notFound(s.r.gr, name);
  return served(s, o);
}

/** Upstream's ValidateListOptions for a list (not a watch): a 422 on ListOptions. */
export function validateListOptions(o: { resourceVersion?: string; resourceVersionMatch?: string; continue?: string; sendInitialEvents?: boolean }): void {
  const errs: FieldError[] = [];
  const match = o.resourceVersionMatch;
  if (match) {
    if (!o.resourceVersion) errs.push({ type: 'Forbidden', field: 'resourceVersionMatch', detail: 'resourceVersionMatch is forbidden unless resourceVersion is provided' });
    if (o.continue) errs.push({ type: 'Forbidden', field: 'resourceVersionMatch', detail: 'resourceVersionMatch is forbidden when continue is provided' });
    if (match !== 'Exact' && match !== 'NotOlderThan') errs.push({ type: 'NotSupported', field: 'resourceVersionMatch', value: match, supported: ['Exact', 'NotOlderThan', ''] });
    if (match === 'Exact' && o.resourceVersion === '0') errs.push({ type: 'Forbidden', field: 'resourceVersionMatch', detail: 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"' });
  }
  if (o.sendInitialEvents !== undefined) errs.push({ type: 'Forbidden', field: 'sendInitialEvents', detail: 'sendInitialEvents is forbidden for list' });
  if (errs.length) throw errors.invalid({ group: 'meta.k8s.io', kind: 'ListOptions' }, '', errs);
}

/** Checks a resourceVersion against what storage can serve (we serve only the latest state). */
export function checkReadRV(store: Store, rv: string | undefined, match: string | undefined): void {
  if (match && match !== 'Exact' && match !== 'NotOlderThan') {
    throw errors.badRequest(`resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`);
  }
  if (!rv || rv === '0') {
    if (match === 'Exact') throw errors.badRequest('resourceVersionMatch "Exact" is forbidden for resourceVersion "0"');
    return;
  }
  const n = Number(rv);
  if (!/^\d+$/.test(rv)) throw errors.badRequest(`Invalid value: "${rv}": resourceVersion must be a non-negative integer`);
  const current = store.currentRevision();
  if (n > current) throw errors.tooLargeResourceVersion(n, current);
  if (match === 'Exact' && n !== current) throw errors.expired(`too old resource version: ${n} (${current})`);
}

export async function list(store: Store, s: Scope, q: ListQuery): Promise<ListPage> {
  checkReadRV(store, q.resourceVersion, q.resourceVersionMatch);
  const limit = q.limit && q.limit > 0 ? q.limit : undefined;
  const start = q.continue ? decodeContinue(q.continue) : undefined;
  const res = await store.list({
    cluster: s.cluster,
    resource: s.r.storageKey,
    namespace: s.r.namespaced && s.namespace ? s.namespace : undefined,
    name: q.name,
    limit,
    after: start?.after,
    filter: q.filter ? (o) => q.filter!(fromStorage(s.r, o)) : undefined,
  });
  return {
    items: res.items.map((o) => served(s, o)),
    resourceVersion: String(res.rv),
    continue: res.continueAfter ? encodeContinue(res.rv, res.continueAfter) : undefined,
  };
}
