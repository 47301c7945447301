// A view list: every object of one resource placed on the target, in every workspace (or one),
// read namespace by placed namespace (cluster-scoped resources: workspace by placed workspace),
// so its cost follows what the target has, not the size of the store.
//
// Revision: the smallest of the reads' revisions and of the revision the placement index was
// current with when the reads began. A namespace placed after that revision, and every object
// labelled after it, comes as a watch event from it; nothing falls between list and watch (a
// change seen by both is only a duplicate, which the agent applies idempotently).
//
// Relies on the placement controller stamping a namespace before the objects in it (it does, and
// objects created later are stamped at write time). When unplacing it unstamps the namespace
// first: a list in between misses objects that are leaving anyway, and their DELETED events
// still come by watch (watches filter by label alone, not by this index).

import type { FastifyReply } from 'fastify';
import { ServedResource } from '../../apis/catalogue.js';
import { fromStorage } from '../../apis/registry/scope.js';
import { JsonObject, Store, StoredObject } from '../../storage/store.js';
import { spliceJsonList } from '../http/jsonList.js';
import { sendJsonText } from '../http/respond.js';
import { PlacedNamespaces } from './placedNamespaces.js';
import { servedJson } from './viewResource.js';
import { isPlaced } from './writeRules.js';

export interface PlacedQuery {
  store: Store;
  index: PlacedNamespaces;
  key: string;
  r: ServedResource;
  /** One workspace; undefined for every workspace. */
  cluster?: string;
  /** The URL's namespace; "" for all. */
  namespace: string;
  /** The request's own selectors, on the served object. */
  matches?: (obj: JsonObject) => boolean;
  /** An exact metadata.name from the field selector. */
  name?: string;
}

export async function listPlaced(q: PlacedQuery): Promise<{ items: StoredObject[]; rv: number }> {
  // Read in the same turn as the snapshot below: the index is current with this revision.
  let rv = q.store.currentRevision();
  const placements = q.index.placements(q.key);
  const filter = (o: JsonObject): boolean => isPlaced(o, q.key) && (!q.matches || q.matches(fromStorage(q.r, o)));
  const items: StoredObject[] = [];
  for (const cluster of [...placements.keys()].sort()) {
    if (q.cluster !== undefined && cluster !== q.cluster) continue;
    const namespaces = q.r.namespaced ? placements.get(cluster)!.filter((ns) => !q.namespace || ns === q.namespace) : [undefined];
    for (const namespace of namespaces) {
      const res = await q.store.list({ cluster, resource: q.r.storageKey, namespace, name: q.name, filter });
      for (const item of res.items) items.push(item);
      rv = Math.min(rv, res.rv);
    }
  }
  return { items, rv };
}

/** Sends a <Kind>List of the items (JSON only). */
export function sendViewList(reply: FastifyReply, r: ServedResource, items: StoredObject[], rv: number): FastifyReply {
  const head = `{"kind":${JSON.stringify(r.listKind)},"apiVersion":${JSON.stringify(r.apiVersion)},"metadata":{"resourceVersion":"${rv}"},"items":[`;
  return sendJsonText(reply, 200, spliceJsonList(head, items.map((i) => servedJson(r, i)), ']}'));
}
