// POST: create an object (kube-apiserver's create handler + generic registry Create).

import { ApiError, errors } from '../errors.js';
import { KObject } from '../resources/model.js';
import { Store, StoredObject, TxReader } from '../../storage/store.js';
import { generateName, hasFinalizers, prepareCreateMeta, stampCluster } from './meta.js';
import { Scope, WriteOptions, decodeBody, fromStorage, namespaceKey, objectKey, servedAsStored, toStorage } from './scope.js';
import { admit } from './admit.js';
import { trackUpdate } from './managedFields.js';
import { hookCreate } from './writeHooks.js';

export interface WriteResult {
  object: KObject;
  /** The stored JSON of `object`, when the response can send it as-is (served as stored). */
  json?: string;
  /** 201 for a create, 200 for an update. */
  code: 200 | 201;
  warnings: string[];
}

/**
 * Checks, inside the write transaction, that the namespace of a new object exists and is active;
 * returns it (undefined for cluster-scoped resources) for the write hooks.
 */
export function checkNamespaceActive(s: Scope, name: string, tx: TxReader): StoredObject | undefined {
  if (!s.r.namespaced) return undefined;
  const ns = tx.get(namespaceKey(s.cluster, s.namespace));
  if (!ns) throw errors.notFound({ group: '', resource: 'namespaces' }, s.namespace);
  if (ns.object.metadata?.deletionTimestamp || ns.object.status?.phase === 'Terminating') {
    const e = errors.forbidden(s.r.gr, name, `unable to create new content in namespace ${s.namespace} because it is being terminated`);
    e.details!.causes = [{ reason: 'NamespaceTerminating', message: `namespace ${s.namespace} is being terminated`, field: 'metadata.namespace' }];
    throw e;
  }
  return ns;
}

/** Sets the object's namespace from the URL; 400 when the body names another one. */
export function bindNamespace(s: Scope, obj: KObject): void {
  const meta = (obj.metadata ??= {});
  if (!s.r.namespaced) {
    delete meta.namespace;
    return;
  }
  if (meta.namespace && meta.namespace !== s.namespace) {
    throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  meta.namespace = s.namespace;
}

/**
 * Prepares a decoded object for create: server metadata, status reset, defaults, validation, and
 * the creator's field ownership (unless server-side apply recorded it already: manager undefined).
 */
export function prepareCreate(s: Scope, obj: KObject, now: number, manager: string | undefined, keepStatus = false): KObject {
  if (s.r.custom?.terminating) throw errors.forbidden(s.r.gr, obj.metadata?.name ?? '', 'create not allowed while custom resource definition is terminating');
  bindNamespace(s, obj);
  prepareCreateMeta(obj, { generation: !!s.r.generation, now });
  if (s.r.status && !keepStatus) delete obj.status;
  s.r.strategy?.prepareForCreate?.(obj);
  admit(s, obj, undefined);
  return stampCluster(manager === undefined ? obj : trackUpdate(s, undefined, obj, manager), s.cluster);
}

export async function create(store: Store, s: Scope, body: unknown, opts: WriteOptions): Promise<WriteResult> {
  const { obj, warnings } = decodeBody(s, body, opts.fieldValidation, undefined, undefined, undefined, opts.duplicateFields);
  const now = Date.now();
  const meta = (obj.metadata ??= {});
  const prefix: string | undefined = !meta.name && meta.generateName ? meta.generateName : undefined;
  if (prefix) meta.name = generateName(prefix);
  let prepared = prepareCreate(s, obj, now, opts.fieldManager ?? '', opts.keepStatus);
  for (let attempt = 0; ; attempt++) {
    const name: string = prepared.metadata.name;
    try {
      const stored = toStorage(s.r, prepared);
      const res = await store.mutate({
        key: objectKey(s, name),
        dryRun: opts.dryRun,
        apply(current: StoredObject | undefined, tx) {
          if (current) throw errors.alreadyExists(s.r.gr, name);
          return hookCreate(s.r, stored, checkNamespaceActive(s, name, tx));
        },
      });
      return { object: fromStorage(s.r, res.object), json: servedAsStored(s.r) ? res.json : undefined, code: 201, warnings };
    } catch (e) {
      // A generated name that collides is retried with another one, like upstream.
      if (prefix && e instanceof ApiError && e.reason === 'AlreadyExists' && attempt < 7) {
        prepared = { ...prepared, metadata: { ...prepared.metadata, name: generateName(prefix) } };
        continue;
      }
      throw e;
    }
  }
}

/** True when deleting `obj` must wait (finalizers pending, or the kind holds deletion itself). */
export function deletionDeferred(s: Scope, obj: KObject): boolean {
  return hasFinalizers(obj) || !!s.r.strategy?.holdsDeletion?.(obj);
}
