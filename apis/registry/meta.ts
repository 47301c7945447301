// Object metadata the server owns: uid, timestamps, generation, and what an update may not
// change. Pure functions over JSON objects.

import { randomUUID } from 'node:crypto';
import { KObject } from '../resources/model.js';
import { deepEqual } from '../machinery/jsonEqual.js';
import { CLUSTER_ANNOTATION } from '../tenancy/names.js';

/** RFC 3339 at second precision, as metav1.Time marshals. */
export function timestamp(ms = Date.now()): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function newUid(): string {
  return randomUUID();
}

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

/** A name from a generateName prefix: up to 58 characters of it plus 5 random characters. */
export function generateName(prefix: string): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += NAME_CHARS[Math.floor(Math.random() * NAME_CHARS.length)];
  return `${prefix.length > 58 ? prefix.slice(0, 58) : prefix}${suffix}`;
}

/** Metadata fields the server sets on create, overriding whatever the client sent. */
export function prepareCreateMeta(obj: KObject, opts: { generation: boolean; now: number }): void {
  const meta = (obj.metadata ??= {});
  meta.uid = newUid();
  meta.creationTimestamp = timestamp(opts.now);
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  delete meta.selfLink;
  delete meta.resourceVersion;
  if (opts.generation) meta.generation = 1;
  else delete meta.generation;
}

/** Server-owned metadata an update keeps from the stored object. */
export function carryOverMeta(obj: KObject, old: KObject): void {
  const meta = (obj.metadata ??= {});
  const o = old.metadata ?? {};
  for (const k of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const) {
    if (o[k] === undefined) delete meta[k];
    else meta[k] = o[k];
  }
  delete meta.selfLink;
  if (meta.managedFields === undefined && o.managedFields !== undefined) meta.managedFields = o.managedFields;
}

/** True when anything besides apiVersion, kind, metadata and status differs (the "spec"). */
export function specChanged(a: KObject, b: KObject): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (k === 'metadata' || k === 'status' || k === 'apiVersion' || k === 'kind') continue;
    if (!deepEqual(a[k], b[k])) return true;
  }
  return false;
}

/** True when the object's deletion waits for finalizers. */
export function hasFinalizers(obj: KObject): boolean {
  return (obj.metadata?.finalizers?.length ?? 0) > 0;
}

/**
 * Stamps the logical cluster id on an object (kcp's `kcp.io/cluster` annotation). Done at write
 * time, after field ownership is computed, so every read returns it at no cost and no field
 * manager owns it.
 */
export function stampCluster(obj: KObject, cluster: string): KObject {
  const meta = (obj.metadata ??= {});
  if (meta.annotations?.[CLUSTER_ANNOTATION] !== cluster) meta.annotations = { ...(meta.annotations ?? {}), [CLUSTER_ANNOTATION]: cluster };
  return obj;
}
