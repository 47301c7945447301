// The garbage collector: ownerReferences across every kind of a workspace. Dependents whose
// owners are all gone are deleted (background propagation); an owner deleted with
// propagationPolicy Foreground waits for its dependents to be deleted first, one deleted with
// Orphan releases them (their ownerReference to it is removed). One reverse index of owner uid →
// dependents, fed by one watch per resource for the whole process; no per-workspace timers.

import type { Logger } from 'pino';
import { ServedResource, builtinCatalogue } from '../../apis/catalogue.js';
import { ApiError } from '../../apis/errors.js';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, remove } from '../../apis/registry/delete.js';
import { Scope } from '../../apis/registry/scope.js';
import { computeUpdate, runUpdate } from '../../apis/registry/update.js';
import { KObject } from '../../apis/resources/model.js';
import { ChangeEvent, ObjectKey, Store, UNCHANGED, Watch } from '../../storage/store.js';
import { SYSTEM_USER } from '../bootstrap.js';
import { WorkspaceResolver } from '../workspaces.js';
import { WorkQueue } from './workQueue.js';

const RETRY_MS = 1000;
/** The field manager the collector's own updates are recorded under. */
const GC_MANAGER = 'kplane-garbage-collector';

interface OwnerRef {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
}

const keyText = (k: ObjectKey): string => `${k.cluster}\u0000${k.resource}\u0000${k.namespace}\u0000${k.name}`;
function keyOf(text: string): ObjectKey {
  const [cluster, resource, namespace, name] = text.split('\u0000');
  return { cluster, resource, namespace, name };
}
const ownerIndexKey = (cluster: string, uid: string): string => `${cluster}\u0000${uid}`;

function ownerRefs(obj: KObject | undefined): OwnerRef[] {
  return Array.isArray(obj?.metadata?.ownerReferences) ? obj!.metadata.ownerReferences : [];
}

/** False when an object's JSON can neither name an owner nor be mid-deletion. */
function mayConcernCollector(json: string): boolean {
  return json.includes('"ownerReferences"') || json.includes('"deletionTimestamp"');
}

function gcFinalizers(obj: KObject): boolean {
  const f: string[] = obj.metadata?.finalizers ?? [];
  return !!obj.metadata?.deletionTimestamp && (f.includes(FOREGROUND_FINALIZER) || f.includes(ORPHAN_FINALIZER));
}

export class GarbageCollector {
  /** owner (cluster, uid) → dependents' keys. */
  private readonly dependents = new Map<string, Set<string>>();
  /** dependent key → the owner uids it was indexed under. */
  private readonly indexedOwners = new Map<string, string[]>();
  /** Work items: "d" + key (check a dependent's owners) or "o" + key (an owner being deleted). */
  private readonly queue: WorkQueue;
  private watches: Watch[] = [];
  private readonly watched = new Set<string>();
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly workspaces: WorkspaceResolver,
    private readonly log: Logger,
  ) {
    this.queue = new WorkQueue(
      (item) => (item[0] === 'd' ? this.checkDependent(keyOf(item.slice(1))) : this.processOwner(keyOf(item.slice(1)))),
      (err, item) => this.log.warn({ err, item: item.slice(1).split('\u0000').join('/') }, 'garbage collection failed; retrying'),
      RETRY_MS,
    );
  }

  start(): void {
    for (const resource of builtinCatalogue().storageKeys()) this.watchResource(resource);
    void this.scan();
  }

  /**
   * Follows a resource in every workspace (custom resources: called when a definition is
   * served, before any of its objects can exist).
   */
  watchResource(resource: string): void {
    if (this.stopped || this.watched.has(resource)) return;
    this.watched.add(resource);
    this.watches.push(this.store.watch({ resource }, (ev) => this.onEvent(ev)));
  }

  stop(): void {
    this.stopped = true;
    this.queue.stop();
    for (const w of this.watches) w.stop();
  }

  /** Builds the index from what is stored (objects with owners, owners mid-deletion). */
  private async scan(): Promise<void> {
    for (const cluster of await this.workspaces.clusters()) {
      for (const resource of this.workspaces.catalogue(cluster).storageKeys()) {
        const page = await this.store.list({ cluster, resource, filter: (o) => ownerRefs(o).length > 0 || gcFinalizers(o) });
        for (const item of page.items) this.track(item.key, item.object, true);
      }
    }
  }

  private onEvent(ev: ChangeEvent): void {
    const k = keyText(ev.key);
    // Most objects have no owners and are not being deleted: skip them without parsing their JSON.
    if (ev.type !== 'DELETED' && !this.indexedOwners.has(k) && !mayConcernCollector(ev.json)) return;
    if (ev.type === 'DELETED') {
      this.untrack(k);
      // Dependents of the deleted object may now be orphans.
      for (const dep of this.dependents.get(ownerIndexKey(ev.key.cluster, ev.object.metadata?.uid)) ?? []) this.enqueue(`d${dep}`);
      // An owner waiting for its dependents may now be free to go.
      for (const ref of ownerRefs(ev.object)) this.enqueueOwnerByUid(ev.key.cluster, ref.uid);
      return;
    }
    const refsChanged = ev.type === 'ADDED' || JSON.stringify(ownerRefs(ev.prev)) !== JSON.stringify(ownerRefs(ev.object));
    this.track(ev.key, ev.object, refsChanged);
    if (ev.object.metadata?.deletionTimestamp) for (const ref of ownerRefs(ev.object)) this.enqueueOwnerByUid(ev.key.cluster, ref.uid);
  }

  private readonly deletingOwners = new Map<string, string>(); // owner (cluster, uid) → owner key

  private track(key: ObjectKey, obj: KObject, check: boolean): void {
    const k = keyText(key);
    this.untrack(k);
    const refs = ownerRefs(obj);
    if (refs.length) {
      const uids = refs.map((r) => r.uid);
      this.indexedOwners.set(k, uids);
      for (const uid of uids) {
        const ik = ownerIndexKey(key.cluster, uid);
        let set = this.dependents.get(ik);
        if (!set) this.dependents.set(ik, (set = new Set()));
        set.add(k);
      }
      if (check) this.enqueue(`d${k}`);
    }
    const uid = obj.metadata?.uid;
    if (uid && gcFinalizers(obj)) {
      this.deletingOwners.set(ownerIndexKey(key.cluster, uid), k);
      this.enqueue(`o${k}`);
    }
  }

  private untrack(k: string): void {
    const cluster = k.slice(0, k.indexOf('\u0000'));
    for (const uid of this.indexedOwners.get(k) ?? []) {
      const ik = ownerIndexKey(cluster, uid);
      const set = this.dependents.get(ik);
      set?.delete(k);
      if (set && set.size === 0) this.dependents.delete(ik);
    }
    this.indexedOwners.delete(k);
    for (const [ik, ok] of this.deletingOwners) if (ok === k) this.deletingOwners.delete(ik);
  }

  private enqueueOwnerByUid(cluster: string, uid: string): void {
    const owner = this.deletingOwners.get(ownerIndexKey(cluster, uid));
    if (owner) this.enqueue(`o${owner}`);
  }

  private enqueue(item: string): void {
    this.queue.add(item);
  }

  private scope(key: ObjectKey): Scope | undefined {
    const catalogue = this.workspaces.catalogue(key.cluster);
    const r = catalogue.byStorageKey(key.resource);
    return r ? { cluster: key.cluster, catalogue, r, namespace: key.namespace, user: SYSTEM_USER } : undefined;
  }

  /** Resolves an owner reference: true present, false absent, undefined when it cannot tell. */
  private async ownerPresent(cluster: string, namespace: string, ref: OwnerRef): Promise<boolean | undefined> {
    const catalogue = this.workspaces.catalogue(cluster);
    const [group, version] = ref.apiVersion.includes('/') ? ref.apiVersion.split('/') : ['', ref.apiVersion];
    const r: ServedResource | undefined = catalogue.byKind(group, version, ref.kind) ?? [...catalogue.allResources()].find((x) => x.group === group && x.kind === ref.kind);
    if (!r || r.virtual) return undefined;
    const owner = await this.store.get({ cluster, resource: r.storageKey, namespace: r.namespaced ? namespace : '', name: ref.name });
    return !!owner && owner.object.metadata?.uid === ref.uid;
  }

  /** Deletes a dependent whose owners are all gone; drops references to owners that are gone. */
  private async checkDependent(key: ObjectKey): Promise<boolean> {
    const s = this.scope(key);
    const current = await this.store.get(key);
    if (!s || !current) return true;
    const refs = ownerRefs(current.object);
    if (!refs.length) return true;
    const dangling: string[] = [];
    let anyPresent = false;
    for (const ref of refs) {
      const present = await this.ownerPresent(key.cluster, key.namespace, ref);
      if (present === false) dangling.push(ref.uid);
      else anyPresent = true; // present, or unknown kind: never delete on uncertainty
    }
    if (!dangling.length) return true;
    if (!anyPresent) {
      await this.ignoreGone(remove(this.store, s, key.name, { dryRun: false, propagationPolicy: 'Background', preconditions: { uid: current.object.metadata?.uid } }));
      return true;
    }
    await this.ignoreGone(
      runUpdate(this.store, s, key.name, { dryRun: false, fieldValidation: 'Ignore' }, (old) => {
        const next = structuredClone(old);
        next.metadata.ownerReferences = ownerRefs(old).filter((r) => !dangling.includes(r.uid));
        if (!next.metadata.ownerReferences.length) delete next.metadata.ownerReferences;
        return computeUpdate(s, next, old, '', GC_MANAGER);
      }),
    );
    return true;
  }

  /** Handles an owner deleted with Foreground or Orphan propagation. True when finished. */
  private async processOwner(key: ObjectKey): Promise<boolean> {
    const s = this.scope(key);
    const current = await this.store.get(key);
    if (!s || !current || !gcFinalizers(current.object)) return true;
    const uid = current.object.metadata.uid;
    const finalizers: string[] = current.object.metadata.finalizers;
    const deps = [...(this.dependents.get(ownerIndexKey(key.cluster, uid)) ?? [])].map(keyOf);
    if (finalizers.includes(ORPHAN_FINALIZER)) {
      for (const dk of deps) {
        const ds = this.scope(dk);
        if (!ds) continue;
        await this.ignoreGone(
          runUpdate(this.store, ds, dk.name, { dryRun: false, fieldValidation: 'Ignore' }, (old) => {
            const refs = ownerRefs(old).filter((r) => r.uid !== uid);
            if (refs.length === ownerRefs(old).length) return UNCHANGED;
            const next = structuredClone(old);
            if (refs.length) next.metadata.ownerReferences = refs;
            else delete next.metadata.ownerReferences;
            return computeUpdate(ds, next, old, '', GC_MANAGER);
          }),
        );
      }
      await this.dropFinalizer(s, key.name, ORPHAN_FINALIZER);
      return true;
    }
    // Foreground: delete the dependents (cascading), then let the owner go once none is left.
    let remaining = 0;
    for (const dk of deps) {
      const ds = this.scope(dk);
      const dep = await this.store.get(dk);
      if (!ds || !dep) continue;
      remaining++;
      if (!dep.object.metadata?.deletionTimestamp) {
        await this.ignoreGone(remove(this.store, ds, dk.name, { dryRun: false, propagationPolicy: 'Foreground' }));
      }
    }
    if (remaining > 0) return false;
    await this.dropFinalizer(s, key.name, FOREGROUND_FINALIZER);
    return true;
  }

  private async dropFinalizer(s: Scope, name: string, finalizer: string): Promise<void> {
    await this.ignoreGone(
      runUpdate(this.store, s, name, { dryRun: false, fieldValidation: 'Ignore' }, (old) => {
        const f: string[] = old.metadata.finalizers ?? [];
        if (!f.includes(finalizer)) return UNCHANGED;
        const next = structuredClone(old);
        next.metadata.finalizers = f.filter((x) => x !== finalizer);
        if (!next.metadata.finalizers.length) delete next.metadata.finalizers;
        // computeUpdate deletes the object when this was its last finalizer.
        return computeUpdate(s, next, old, '', GC_MANAGER);
      }),
    );
  }

  private async ignoreGone<T>(p: Promise<T>): Promise<T | undefined> {
    try {
      return await p;
    } catch (e) {
      if (e instanceof ApiError && (e.reason === 'NotFound' || e.reason === 'Conflict')) return undefined;
      throw e;
    }
  }
}
