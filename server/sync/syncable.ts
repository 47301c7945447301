// What placement stamps: every stored namespaced resource of a workspace's catalogue (built-in and
// custom alike) except those the member makes itself, and every object of them except the ones
// each member namespace has of its own; in every namespace except the system ones.

import { Catalogue, ServedResource } from '../../apis/catalogue.js';
import { KObject } from '../../apis/resources/model.js';
import { UNSYNCED_RESOURCES, isMemberOwned } from '../../apis/sync/contract.js';

/** Namespaces a placement never places (each member cluster has its own). */
export const UNPLACEABLE_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export function isSyncableResource(r: ServedResource): boolean {
  return r.namespaced && !r.virtual && !UNSYNCED_RESOURCES.has(r.storageKey);
}

/** True when objects like `obj` of `r` are stamped in a placed namespace. */
export function isSyncableObject(r: ServedResource, obj: KObject): boolean {
  return isSyncableResource(r) && !isMemberOwned(r.storageKey, obj);
}

/** The syncable resources of a catalogue, one per storage key (served as stored). */
export function syncableResources(catalogue: Catalogue): ServedResource[] {
  const out: ServedResource[] = [];
  for (const key of catalogue.storageKeys()) {
    const r = catalogue.byStorageKey(key);
    if (r && isSyncableResource(r)) out.push(r);
  }
  return out;
}
