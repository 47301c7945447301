// The placement controller: for every workspace with Placements, decides which SyncTargets each
// selected namespace goes to (server/sync/placementDecisions.ts), writes the decisions into the
// Placement's status, and stamps what is placed: the namespace (state label, policy annotations,
// syncer finalizer), every syncable object in it (label and finalizer), and the workspace's CRDs
// (label only). What is no longer placed loses its stamps, the namespace first, then its objects.
//
// The unit of work is a tenant workspace, since several Placements may place the same namespace.
// One queue and one watch per resource for the whole process (Placements, Namespaces, SyncTargets,
// CRDs, and workspaces for locations that do not resolve yet). Objects written after a namespace
// is stamped are stamped at write time (server/sync/stampOnWrite.ts), so a namespace's objects
// are swept only when the set of keys it is placed on changes, or after a restart. Every write
// goes through the registry's update path, computed inside the write transaction, and only when
// something differs: once everything is placed the controller writes nothing.

import type { Logger } from 'pino';
import { Catalogue } from '../../apis/catalogue.js';
import { ApiError } from '../../apis/errors.js';
import { deepEqual } from '../../apis/machinery/jsonEqual.js';
import { timestamp } from '../../apis/registry/meta.js';
import { Scope } from '../../apis/registry/scope.js';
import { computeUpdate, runUpdate } from '../../apis/registry/update.js';
import { KObject } from '../../apis/resources/model.js';
import { STATE_LABEL_PREFIX, SYNCER_FINALIZER_PREFIX } from '../../apis/sync/contract.js';
import { LOGICAL_CLUSTERS, WORKSPACES } from '../../apis/tenancy/names.js';
import { ChangeEvent, Store, UNCHANGED, Watch } from '../../storage/store.js';
import { SYSTEM_USER } from '../bootstrap.js';
import { NamespaceView, PlacementDecision, TargetView, decidePlacement } from '../sync/placementDecisions.js';
import { placementStatus } from '../sync/placementStatus.js';
import { PlacementPolicies, WantedKeys, restamp, stampedKeys } from '../sync/stamps.js';
import { isSyncableObject, syncableResources } from '../sync/syncable.js';
import { WorkspaceResolver } from '../workspaces.js';
import { WorkQueue } from './workQueue.js';

const PLACEMENTS = 'sync.kplane.io/placements';
const SYNC_TARGETS = 'sync.kplane.io/synctargets';
const NAMESPACES = '/namespaces';
const CRDS = 'apiextensions.k8s.io/customresourcedefinitions';
/** The field manager of the controller's writes. */
const MANAGER = 'kplane-placement-controller';
const RETRY_MS = 1000;
const WRITE = { dryRun: false, fieldValidation: 'Ignore' } as const;
const NOTHING: WantedKeys = new Map();

const nsId = (cluster: string, namespace: string): string => `${cluster}\u0000${namespace}`;
const byName = (a: KObject, b: KObject): number => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0);
/** True when stored JSON may carry a stamp (spares parsing the rest). */
const mayBeStamped = (json: string): boolean => json.includes(STATE_LABEL_PREFIX) || json.includes(SYNCER_FINALIZER_PREFIX);
const isStamped = (obj: KObject | undefined): boolean => stampedKeys(obj?.metadata).size > 0;

function namespaceView(ns: KObject): NamespaceView {
  return { name: ns.metadata.name, labels: ns.metadata.labels, deleting: !!ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating' };
}

function targetView(t: KObject): TargetView {
  // A target being deleted keeps what it has and takes nothing new, like an unschedulable one.
  return { name: t.metadata.name, labels: t.metadata.labels, unschedulable: !!t.spec?.unschedulable || !!t.metadata.deletionTimestamp };
}

function policiesOf(p: KObject): PlacementPolicies {
  return { conflictPolicy: p.spec?.conflictPolicy || 'Abort', deletionPolicy: p.spec?.deletionPolicy || 'Delete' };
}

/** True when a change of an object may change what placement does with it. */
function metaChanged(ev: ChangeEvent, also: (o: KObject | undefined) => unknown = () => undefined): boolean {
  if (ev.type !== 'MODIFIED' || !ev.prev) return true;
  const a = ev.prev.metadata ?? {};
  const b = ev.object.metadata ?? {};
  return (
    !deepEqual(a.labels, b.labels) || !deepEqual(a.annotations, b.annotations) || !deepEqual(a.finalizers, b.finalizers) ||
    a.deletionTimestamp !== b.deletionTimestamp || !deepEqual(also(ev.prev), also(ev.object))
  );
}

export class PlacementController {
  /** Keys: logical cluster ids of tenant workspaces. */
  private readonly queue: WorkQueue;
  private watches: Watch[] = [];
  /** Placement names per workspace, kept by the watch. */
  private readonly placements = new Map<string, Set<string>>();
  /** Compute workspace → tenant workspaces whose placements resolved to it at their last sync. */
  private readonly tenantsOf = new Map<string, Set<string>>();
  private readonly computesOf = new Map<string, Set<string>>();
  /** Tenant workspaces with a location that did not resolve at their last sync. */
  private readonly unresolved = new Set<string>();
  /** Workspaces with something placed after their last sync. */
  private readonly placing = new Set<string>();
  /** Per namespace: its uid and the keys its objects were last swept to ("," joined). */
  private readonly swept = new Map<string, { uid: string; keys: string }>();
  /** Namespaces found at start holding stamped objects, until swept. */
  private readonly dirty = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly workspaces: WorkspaceResolver,
    private readonly log: Logger,
  ) {
    this.queue = new WorkQueue(
      (cluster) => this.sync(cluster),
      (err, cluster) => this.log.warn({ err, cluster }, 'placement sync failed; retrying'),
      RETRY_MS,
    );
  }

  start(): void {
    this.watches.push(
      this.store.watch({ resource: PLACEMENTS }, (ev) => this.onPlacement(ev)),
      this.store.watch({ resource: NAMESPACES }, (ev) => this.onNamespace(ev)),
      this.store.watch({ resource: SYNC_TARGETS }, (ev) => this.onTarget(ev)),
      this.store.watch({ resource: CRDS }, (ev) => this.onCrd(ev)),
      this.store.watch({ resource: LOGICAL_CLUSTERS }, (ev) => this.onWorkspace(ev)),
      this.store.watch({ resource: WORKSPACES }, (ev) => this.onWorkspace(ev)),
    );
    void this.resync().catch((err) => this.log.warn({ err }, 'placement resync failed'));
  }

  stop(): void {
    this.queue.stop();
    for (const w of this.watches) w.stop();
    this.watches = [];
  }

  // ---- events -------------------------------------------------------------------------------

  private onPlacement(ev: ChangeEvent): void {
    const { cluster, name } = ev.key;
    let names = this.placements.get(cluster);
    if (ev.type === 'DELETED') {
      names?.delete(name);
      if (names?.size === 0) this.placements.delete(cluster);
    } else {
      if (!names) this.placements.set(cluster, (names = new Set()));
      names.add(name);
    }
    this.queue.add(cluster);
  }

  /** Whether a workspace's changes can matter: it has Placements or something placed. */
  private concerns(cluster: string): boolean {
    return this.placements.has(cluster) || this.placing.has(cluster);
  }

  private onNamespace(ev: ChangeEvent): void {
    const { cluster, name } = ev.key;
    if (ev.type === 'DELETED') {
      this.swept.delete(nsId(cluster, name));
      this.dirty.delete(nsId(cluster, name));
    }
    if (!this.concerns(cluster) && !isStamped(ev.object) && !isStamped(ev.prev)) return;
    if (metaChanged(ev, (o) => o?.status?.phase === 'Terminating')) this.queue.add(cluster);
  }

  private onTarget(ev: ChangeEvent): void {
    if (!metaChanged(ev, (o) => !!o?.spec?.unschedulable)) return;
    for (const tenant of this.tenantsOf.get(ev.key.cluster) ?? []) this.queue.add(tenant);
  }

  private onCrd(ev: ChangeEvent): void {
    if (ev.type === 'DELETED' || !this.concerns(ev.key.cluster)) return;
    if (metaChanged(ev)) this.queue.add(ev.key.cluster);
  }

  /** A workspace appeared or went: locations may resolve differently now. */
  private onWorkspace(ev: ChangeEvent): void {
    if (ev.type === 'MODIFIED' && ev.prev?.spec?.cluster === ev.object.spec?.cluster) return;
    for (const tenant of this.unresolved) this.queue.add(tenant);
    if (ev.type === 'DELETED') for (const tenant of this.tenantsOf.get(ev.key.cluster) ?? []) this.queue.add(tenant);
  }

  /**
   * Finds the work an earlier run left: workspaces with Placements or stamped namespaces and
   * CRDs, and namespaces holding stamped objects (their namespace may have lost its stamps just
   * before a crash), which are swept once.
   */
  private async resync(): Promise<void> {
    for (const item of (await this.store.listAcrossClusters(PLACEMENTS)).items) {
      const names = this.placements.get(item.key.cluster) ?? new Set();
      this.placements.set(item.key.cluster, names.add(item.key.name));
      this.queue.add(item.key.cluster);
    }
    for (const resource of [NAMESPACES, CRDS]) {
      for (const item of (await this.store.listAcrossClusters(resource)).items) if (mayBeStamped(item.json)) this.queue.add(item.key.cluster);
    }
    const keys = new Set<string>();
    for (const cluster of await this.workspaces.clusters()) for (const r of syncableResources(this.workspaces.catalogue(cluster))) keys.add(r.storageKey);
    for (const resource of keys) {
      for (const item of (await this.store.listAcrossClusters(resource)).items) {
        if (!mayBeStamped(item.json) || !isStamped(item.object)) continue;
        const id = nsId(item.key.cluster, item.key.namespace);
        if (!this.swept.has(id)) this.dirty.add(id);
        this.queue.add(item.key.cluster);
      }
    }
  }

  // ---- work ---------------------------------------------------------------------------------

  private scope(cluster: string, catalogue: Catalogue, resource: string, namespace = ''): Scope | undefined {
    const r = catalogue.byStorageKey(resource);
    return r && { cluster, catalogue, r, namespace, user: SYSTEM_USER };
  }

  /** Places the namespaces of one workspace. True when done. */
  private async sync(cluster: string): Promise<boolean> {
    const catalogue = this.workspaces.catalogue(cluster);
    const namespaces = (await this.store.list({ cluster, resource: NAMESPACES })).items.map((i) => i.object);
    const wanted = await this.decideAll(cluster, catalogue, namespaces.map(namespaceView));

    // Stamp (or unstamp) each namespace before its objects, then the CRDs.
    const placed = new Set<string>();
    const nsScope = this.scope(cluster, catalogue, NAMESPACES);
    for (const ns of namespaces) {
      const keys: WantedKeys = wanted.get(ns.metadata.name) ?? NOTHING;
      for (const k of keys.keys()) placed.add(k);
      await this.restamp(nsScope, ns, keys, true);
      await this.sweepIfNeeded(cluster, catalogue, ns, [...keys.keys()].sort());
    }
    const crds = this.scope(cluster, catalogue, CRDS);
    if (crds) {
      const keys: WantedKeys = new Map([...placed].map((k) => [k, undefined]));
      for (const item of (await this.store.list({ cluster, resource: CRDS })).items) await this.restamp(crds, item.object, keys, false);
    }
    if (placed.size) this.placing.add(cluster);
    else this.placing.delete(cluster);
    return true;
  }

  /**
   * Decides every Placement of a workspace (writing their status) and returns namespace → target
   * key → policies; the first Placement (by name) to place a namespace on a target sets its policies.
   */
  private async decideAll(cluster: string, catalogue: Catalogue, views: NamespaceView[]): Promise<Map<string, Map<string, PlacementPolicies>>> {
    const placements = (await this.store.list({ cluster, resource: PLACEMENTS })).items.map((i) => i.object).filter((p) => !p.metadata?.deletionTimestamp);
    const wanted = new Map<string, Map<string, PlacementPolicies>>();
    const targets = new Map<string, TargetView[]>();
    const computes = new Set<string>();
    let unresolved = false;
    for (const p of placements.sort(byName)) {
      const location = p.spec?.location?.workspace;
      const compute = typeof location === 'string' && location ? await this.workspaces.resolve(location) : undefined;
      if (compute) computes.add(compute);
      else unresolved = true;
      if (compute && !targets.has(compute)) targets.set(compute, (await this.store.list({ cluster: compute, resource: SYNC_TARGETS })).items.map((i) => targetView(i.object)));
      const decisions = await this.decide(cluster, catalogue, p.metadata.name, compute, compute ? targets.get(compute)! : [], views);
      for (const d of decisions) {
        let keys = wanted.get(d.namespace);
        if (!keys) wanted.set(d.namespace, (keys = new Map()));
        if (!keys.has(d.targetKey)) keys.set(d.targetKey, policiesOf(p));
      }
    }
    this.remember(cluster, computes, unresolved);
    return wanted;
  }

  private remember(cluster: string, computes: Set<string>, unresolved: boolean): void {
    for (const c of this.computesOf.get(cluster) ?? []) {
      const tenants = this.tenantsOf.get(c);
      tenants?.delete(cluster);
      if (tenants?.size === 0) this.tenantsOf.delete(c);
    }
    for (const c of computes) {
      const tenants = this.tenantsOf.get(c) ?? new Set();
      this.tenantsOf.set(c, tenants.add(cluster));
    }
    if (computes.size) this.computesOf.set(cluster, computes);
    else this.computesOf.delete(cluster);
    if (unresolved) this.unresolved.add(cluster);
    else this.unresolved.delete(cluster);
  }

  /** Decides one Placement against the current one in the write transaction; writes its status when it changed. */
  private async decide(cluster: string, catalogue: Catalogue, name: string, compute: string | undefined, targets: TargetView[], namespaces: NamespaceView[]): Promise<PlacementDecision[]> {
    const s = this.scope(cluster, catalogue, PLACEMENTS);
    if (!s) return [];
    let decisions: PlacementDecision[] = [];
    await this.tolerate(
      runUpdate(this.store, s, name, WRITE, (old) => {
        decisions = [];
        if (old.metadata?.deletionTimestamp) return UNCHANGED;
        const result = decidePlacement({ cluster, placement: old, computeCluster: compute, targets, namespaces });
        decisions = result.decisions;
        const status = placementStatus(old, result, timestamp());
        return deepEqual(status, old.status) ? UNCHANGED : computeUpdate(s, { ...old, status }, old, 'status', MANAGER);
      }),
      s,
      name,
    );
    return decisions;
  }

  /** Sweeps a namespace's objects when the keys they were last swept to are not `keys`. */
  private async sweepIfNeeded(cluster: string, catalogue: Catalogue, ns: KObject, keys: string[]): Promise<void> {
    const id = nsId(cluster, ns.metadata.name);
    const uid: string = ns.metadata.uid ?? '';
    const memo = this.swept.get(id);
    const last = memo && memo.uid === uid ? memo.keys : this.dirty.has(id) ? undefined : '';
    const text = keys.join(',');
    if (last === text) return;
    const wanted: WantedKeys = new Map(keys.map((k) => [k, undefined]));
    for (const r of syncableResources(catalogue)) {
      const s: Scope = { cluster, catalogue, r, namespace: ns.metadata.name, user: SYSTEM_USER };
      for (const item of (await this.store.list({ cluster, resource: r.storageKey, namespace: ns.metadata.name })).items) {
        await this.restamp(s, item.object, isSyncableObject(r, item.object) ? wanted : NOTHING, true);
      }
    }
    this.dirty.delete(id);
    if (text) this.swept.set(id, { uid, keys: text });
    else this.swept.delete(id);
  }

  /** Gives `obj` exactly the `wanted` stamps, when it does not have them already. */
  private async restamp(s: Scope | undefined, obj: KObject, wanted: WantedKeys, finalizer: boolean): Promise<void> {
    if (!s || !restamp(obj.metadata, wanted, { finalizer })) return;
    const name: string = obj.metadata.name;
    await this.tolerate(
      runUpdate(this.store, s, name, WRITE, (old) => {
        const meta = restamp(old.metadata, wanted, { finalizer });
        return meta ? computeUpdate(s, { ...old, metadata: meta }, old, '', MANAGER) : UNCHANGED;
      }),
      s,
      name,
    );
  }

  /**
   * Runs a write; an object gone meanwhile is fine, and one the registry refuses (an object
   * stored before a validation rule existed) is logged and left alone rather than retried forever.
   */
  private async tolerate(write: Promise<unknown>, s: Scope, name: string): Promise<void> {
    try {
      await write;
    } catch (e) {
      if (e instanceof ApiError && e.reason === 'NotFound') return;
      if (e instanceof ApiError && (e.reason === 'Invalid' || e.reason === 'Forbidden')) {
        this.log.warn({ err: e, cluster: s.cluster, resource: s.r.storageKey, namespace: s.namespace, name }, 'cannot stamp object for placement');
        return;
      }
      throw e;
    }
  }
}
