// Which (workspace, namespace) pairs are placed on which sync target, in memory, so the syncer
// view lists only what a target has instead of scanning the store. Fed by one cross-workspace
// watch on namespaces (events arrive inside the commit that makes them, so the index is current
// with store.currentRevision() at every event-loop turn once loaded).
//
// A namespace counts for a target while it carries the target's state label or still holds its
// syncer finalizer: while an unplaced namespace waits for the agent to release it, the objects in
// it that still carry the label stay visible to a relist.

import { STATE_LABEL_PREFIX, SYNCER_FINALIZER_PREFIX } from '../../apis/sync/contract.js';
import { ChangeEvent, JsonObject, Store, Watch } from '../../storage/store.js';

const NAMESPACES = '/namespaces';
const SEP = '\u0000';

/** The target keys a namespace is placed on: its state labels and syncer finalizers. */
export function placedKeys(ns: JsonObject | undefined): Set<string> {
  const keys = new Set<string>();
  const meta = ns?.metadata;
  for (const label of Object.keys(meta?.labels ?? {})) if (label.startsWith(STATE_LABEL_PREFIX)) keys.add(label.slice(STATE_LABEL_PREFIX.length));
  for (const f of Array.isArray(meta?.finalizers) ? meta.finalizers : []) {
    if (typeof f === 'string' && f.startsWith(SYNCER_FINALIZER_PREFIX)) keys.add(f.slice(SYNCER_FINALIZER_PREFIX.length));
  }
  return keys;
}

export class PlacedNamespaces {
  /** cluster SEP namespace → the revision last seen and the keys it is placed on. */
  private readonly byNamespace = new Map<string, { rv: number; keys: Set<string> }>();
  /** key → cluster → namespaces. */
  private readonly byKey = new Map<string, Map<string, Set<string>>>();
  private watch?: Watch;
  private loading?: Promise<void>;
  private loaded = false;

  constructor(private readonly store: Store) {}

  /** Loads the index and follows changes; concurrent callers share one load. */
  ready(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  private async load(): Promise<void> {
    // The watch is registered first, in the same turn as the scan, so nothing falls between them;
    // the per-namespace revision keeps an older scan row from undoing a newer event.
    this.watch = this.store.watch({ resource: NAMESPACES }, (ev) => this.onEvent(ev));
    const all = await this.store.listAcrossClusters(NAMESPACES);
    for (const item of all.items) this.set(item.key.cluster, item.key.name, item.rv, placedKeys(item.object));
    // From now on events come in order: only placed namespaces need an entry.
    this.loaded = true;
    for (const [id, e] of this.byNamespace) if (e.keys.size === 0) this.byNamespace.delete(id);
  }

  stop(): void {
    this.watch?.stop();
  }

  private onEvent(ev: ChangeEvent): void {
    this.set(ev.key.cluster, ev.key.name, ev.rv, ev.type === 'DELETED' ? new Set() : placedKeys(ev.object));
  }

  private set(cluster: string, namespace: string, rv: number, keys: Set<string>): void {
    const id = cluster + SEP + namespace;
    const old = this.byNamespace.get(id);
    if (old && old.rv >= rv) return;
    for (const key of old?.keys ?? []) if (!keys.has(key)) this.remove(key, cluster, namespace);
    for (const key of keys) {
      let clusters = this.byKey.get(key);
      if (!clusters) this.byKey.set(key, (clusters = new Map()));
      let nss = clusters.get(cluster);
      if (!nss) clusters.set(cluster, (nss = new Set()));
      nss.add(namespace);
    }
    // While loading, unplaced and deleted namespaces keep their revision too, so that an older
    // scan row cannot bring them back.
    if (keys.size === 0 && this.loaded) this.byNamespace.delete(id);
    else this.byNamespace.set(id, { rv, keys });
  }

  private remove(key: string, cluster: string, namespace: string): void {
    const clusters = this.byKey.get(key);
    const nss = clusters?.get(cluster);
    if (!clusters || !nss) return;
    nss.delete(namespace);
    if (nss.size === 0) clusters.delete(cluster);
    if (clusters.size === 0) this.byKey.delete(key);
  }

  /** A snapshot of the workspaces and namespaces placed on `key`. */
  placements(key: string): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const [cluster, nss] of this.byKey.get(key) ?? []) out.set(cluster, [...nss].sort());
    return out;
  }
}

const indexes = new WeakMap<Store, PlacedNamespaces>();

/**
 * The process's index for a store, started on first use (its watch ends when the store closes),
 * so the view needs no wiring of its own.
 */
export async function placedNamespaces(store: Store): Promise<PlacedNamespaces> {
  let index = indexes.get(store);
  if (!index) indexes.set(store, (index = new PlacedNamespaces(store)));
  await index.ready();
  return index;
}
