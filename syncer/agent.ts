// The syncer agent: reads what is placed on its SyncTarget through the hub's syncer view and keeps
// the member cluster in line with it; writes status, conditions and its heartbeat back.
//
// Start order: member inventory (what carries our managed-by label) per resource, then the view:
// namespaces first, then CRDs, then the built-in kinds; custom resources once their CRD is synced
// (applied only when Established on the member). Each resource is one list+watch on the view
// (resumed from the stored revision when there is one) and one on the member (drift and status);
// all object work goes through one keyed queue, so one object is never worked on twice at once.

import os from 'node:os';
import pino, { Logger } from 'pino';
import { KPLANE_VERSION } from '../apis/version.js';
import { MANAGED_BY_LABEL, SPEC_HASH_ANNOTATION, UPSTREAM_ANNOTATION } from '../apis/sync/contract.js';
import { ApiError, KObject, KubeClient } from './client.js';
import { AgentContext, RetryLater, viewCollectionPath, viewObjectPath } from './context.js';
import { CrdTracker } from './crds.js';
import { discoverGroups } from './discovery.js';
import { Heartbeat } from './heartbeat.js';
import { resolveTarget, splitServer, targetNameFromCredential } from './identity.js';
import { Inventory, NamespacePolicies, ObjectRef, parseRecordKey, recordKey } from './inventory.js';
import { KubeconfigSource, loadConnection } from './kubeconfig.js';
import { ListWatch } from './listWatch.js';
import { reconcileApply } from './reconcileApply.js';
import { reconcileDelete } from './reconcileDelete.js';
import { reconcileMember } from './reconcileMember.js';
import { namespaceEnsurer, namespaceRef, reconcileNamespace } from './reconcileNamespace.js';
import { BUILTIN_RESOURCES, CRDS, NAMESPACES, ResourceDecision, SyncedResource, decideResources, resourcePath } from './resources.js';
import { RevisionBook, stateConfigMapName } from './revisions.js';
import { ScaleTargets } from './scaleTargets.js';
import { TargetStatusWriter, memberFacts, resourcesCompatible, syncedResources } from './targetStatus.js';
import { TargetIdentity, clusterOf, parseUpstreamRef } from './transform.js';
import { WorkQueue } from './workQueue.js';
import { ReplicaSetUpsync } from './upsync.js';

export interface SyncerOptions {
  /** The hub: a kubeconfig whose server is the compute workspace (https://hub:6443/clusters/root:compute). */
  upstream: KubeconfigSource;
  /** The member cluster; default: the pod's in-cluster ServiceAccount. */
  downstream?: KubeconfigSource;
  /** SyncTarget name; default: from the upstream credential's ServiceAccount (syncer-<target>). */
  syncTarget?: string;
  /** Compute workspace path; default: from the upstream kubeconfig's server URL. */
  computeWorkspace?: string;
  /** Member namespace where the agent keeps its state (default kplane-syncer). */
  namespace?: string;
  logger?: Logger;
  logLevel?: string;
  /**
   * A relist that would delete more than this share of a resource's synced objects on the
   * member is refused and reported (default 0.5).
   */
  massDeletionThreshold?: number;
  /** Object reconciliations in flight at once (default 16). */
  concurrency?: number;
  /** How often revisions are stored and lastAppliedRevision reported (default 5 s). */
  revisionIntervalMs?: number;
  /**
   * How often objects in conflict (Abort: the member holds one that is not ours) are looked at
   * again, since the member's object going away sends the agent no event (default 60 s).
   */
  conflictRecheckMs?: number;
}

export interface SyncerStats {
  objects: number;
  byState: Record<string, number>;
  pending: number;
  relists: number;
  blocked: Record<string, string>;
}

export interface RunningSyncer {
  target: TargetIdentity;
  /** Resolves when the first pass over namespaces, CRDs and built-in kinds is done. */
  ready: Promise<void>;
  stats(): SyncerStats;
  stop(): Promise<void>;
}

/** One unit of work on one object: its latest upstream and/or member state. */
interface ObjectWork {
  res: SyncedResource;
  ref: ObjectRef;
  /** Latest workspace object; null: it left the view. */
  upstream?: KObject | null;
  /** Latest member copy; null: it left the member watch. */
  member?: KObject | null;
  /** Oldest watch revision not yet applied (what a stored revision must stay below). */
  rv?: number;
  /** Came from a list: no revision may be stored for its resource until it is done. */
  listed?: boolean;
  /** Read the workspace object again through the view (what its copy should be changed). */
  refresh?: boolean;
}

function mergeWork(a: ObjectWork, b: ObjectWork): ObjectWork {
  return {
    res: b.res,
    ref: b.ref,
    upstream: b.upstream !== undefined ? b.upstream : a.upstream,
    member: b.member !== undefined ? b.member : a.member,
    rv: a.rv === undefined ? b.rv : b.rv === undefined ? a.rv : Math.min(a.rv, b.rv),
    listed: a.listed || b.listed,
    refresh: a.refresh || b.refresh,
  };
}

const AUTOSCALERS = 'autoscaling/horizontalpodautoscalers';
const DEPLOYMENTS = 'apps/deployments';

/** Pending items above which a list waits: back-pressure keeps memory flat on large lists. */
const MAX_QUEUED = 200;

function upstreamRefOf(r: SyncedResource, obj: KObject): ObjectRef {
  const cluster = clusterOf(obj);
  if (r.id === NAMESPACES.id) return namespaceRef(cluster, obj.metadata?.name ?? '');
  return { cluster, namespace: r.namespaced ? obj.metadata?.namespace ?? '' : '', name: obj.metadata?.name ?? '' };
}

function memberRefOf(obj: KObject): ObjectRef | undefined {
  const u = parseUpstreamRef(obj.metadata?.annotations?.[UPSTREAM_ANNOTATION]);
  return u ? { cluster: u.cluster, namespace: u.namespace, name: u.name } : undefined;
}

class SyncerAgent {
  readonly ctx: AgentContext;
  readonly queue: WorkQueue<ObjectWork>;
  private readonly upstreamWatches = new Map<string, ListWatch>();
  private readonly memberWatches = new Map<string, ListWatch>();
  private readonly progress = new Map<string, string>();
  readonly blocked = new Map<string, string>();
  /** Set once every accepted resource has been started (its member copies listed). */
  inventoryLoaded = false;
  private readonly crds: CrdTracker;
  private readonly resources = new Map<string, SyncedResource>();
  /** Copies the member's ReplicaSets of our Deployments into the workspace (upsync.ts). */
  readonly upsync: ReplicaSetUpsync;
  private stopped = false;

  constructor(
    hub: KubeClient,
    member: KubeClient,
    target: TargetIdentity,
    log: Logger,
    private readonly book: RevisionBook,
    private readonly threshold: number,
    concurrency: number,
  ) {
    this.crds = new CrdTracker(member, (r) => void this.startResource(r).catch((e) => log.error({ err: e, resource: r.id }, 'cannot sync custom resource')));
    const ensureNamespace = namespaceEnsurer(() => this.ctx);
    this.ctx = {
      hub, member, target, log,
      viewBase: `/services/syncer/${encodeURIComponent(target.workspace)}/${encodeURIComponent(target.name)}`,
      inventory: new Inventory(),
      policies: new NamespacePolicies(),
      crds: this.crds,
      scaleTargets: new ScaleTargets(),
      resync: (resourceId, ref) => {
        const r = this.resources.get(resourceId);
        if (r) this.queue.add(recordKey(resourceId, ref), { res: r, ref, refresh: true });
      },
      ensureNamespace,
      inventoryLoaded: () => this.inventoryLoaded,
      now: () => new Date(),
    };
    this.upsync = new ReplicaSetUpsync(hub, member, this.ctx.viewBase, target.key, log);
    this.queue = new WorkQueue<ObjectWork>({
      concurrency,
      process: (key, w) => this.process(key, w),
      merge: mergeWork,
      onError: (key, w, err, attempt) => {
        if (this.stopped) return undefined;
        if (err instanceof RetryLater) return err.delayMs;
        const delay = Math.min(500 * 2 ** Math.min(attempt, 10), 60_000);
        const level = attempt > 3 ? 'warn' : 'debug';
        this.ctx.log[level]({ resource: w.res.id, ...w.ref, attempt, err: (err as Error).message, status: (err as ApiError).status }, 'sync failed; retrying');
        return delay;
      },
    });
  }

  /** An autoscaler's target is known (or gone): re-apply the workloads whose replicas changed hands. */
  private autoscaler(ref: ObjectRef, obj: KObject | undefined): void {
    for (const t of this.ctx.scaleTargets.set(ref, obj)) this.ctx.resync(t.resourceId, t.ref);
  }

  private async process(_key: string, w: ObjectWork): Promise<void> {
    const { res, ref } = w;
    if (w.refresh && w.upstream === undefined) {
      // Not in the view: nothing to re-apply (its own events decide its fate).
      const up = await this.ctx.hub.get(viewObjectPath(this.ctx, res, ref));
      if (up) w.upstream = up;
    }
    w.refresh = false;
    if (w.upstream !== undefined) {
      const up = w.upstream ?? undefined;
      const going = !up || !!up.metadata?.deletionTimestamp;
      if (res.id === AUTOSCALERS) this.autoscaler(ref, going ? undefined : up);
      if (res.id === NAMESPACES.id) await reconcileNamespace(this.ctx, ref.cluster, ref.name, up);
      else if (going) await reconcileDelete(this.ctx, res, ref, up);
      else await reconcileApply(this.ctx, res, ref, up!);
      // Done: a retry of the member half must not redo it.
      w.upstream = undefined;
      w.rv = undefined;
      w.listed = false;
    }
    if (w.member !== undefined) {
      if (res.id === CRDS.id) {
        this.crds.memberCrd(ref.name, w.member ?? undefined);
        // Our CRD on the member: its objects are synced (also after a restart that resumed without events).
        if (w.member) this.crds.crdSynced(w.member);
      }
      if (res.id === NAMESPACES.id) await this.memberNamespace(ref, w.member ?? undefined);
      else await reconcileMember(this.ctx, res, ref, w.member ?? undefined);
    }
  }

  /** A mapped namespace deleted on the member behind our back comes back while it is placed. */
  private async memberNamespace(ref: ObjectRef, member: KObject | undefined): Promise<void> {
    const rec = this.ctx.inventory.get(recordKey(NAMESPACES.id, ref));
    if (!rec) return;
    const was = rec.onMember;
    rec.onMember = !!member;
    if (member || !was || rec.state !== 'Applied') return;
    const up = await this.ctx.hub.get(viewObjectPath(this.ctx, NAMESPACES, ref));
    if (up && !up.metadata?.deletionTimestamp) await reconcileNamespace(this.ctx, ref.cluster, ref.name, up);
  }

  /** Member watch of one resource: our copies (managed-by label), for inventory, drift and status. */
  private memberWatch(r: SyncedResource): ListWatch {
    const { inventory, log, target } = this.ctx;
    let seen = new Set<string>();
    const lw = new ListWatch(this.ctx.member, resourcePath(r), { labelSelector: `${MANAGED_BY_LABEL}=${target.key}`, log, what: `member ${r.id}` }, {
      listStarted: () => (seen = new Set()),
      listPage: async (items) => {
        for (const obj of items) {
          const ref = memberRefOf(obj);
          if (!ref) continue;
          const key = recordKey(r.id, ref);
          seen.add(key);
          const rec = inventory.get(key);
          if (rec) rec.onMember = true;
          // Known from the copy's annotations; content unverified (memberHash unset) so the
          // first pass checks drift and status against the workspace once.
          else inventory.set(key, { state: 'Applied', onMember: true, hash: obj.metadata?.annotations?.[SPEC_HASH_ANNOTATION] });
          if (r.id === AUTOSCALERS) this.autoscaler(ref, obj);
          if (r.id === DEPLOYMENTS) this.upsync.deployment(obj, false);
          this.queue.add(key, { res: r, ref, member: obj });
        }
        await this.queue.below(MAX_QUEUED);
      },
      listComplete: () => {
        for (const [key, rec] of inventory.ofResource(r.id)) {
          if (!rec.onMember || seen.has(key)) continue;
          this.queue.add(key, { res: r, ref: parseRecordKey(key).ref, member: null });
        }
        seen = new Set();
      },
      event: (type, obj) => {
        if (r.id === DEPLOYMENTS) this.upsync.deployment(obj, type === 'DELETED');
        const ref = memberRefOf(obj);
        if (!ref) return;
        this.queue.add(recordKey(r.id, ref), { res: r, ref, member: type === 'DELETED' ? null : obj });
      },
      progress: () => undefined,
    });
    return lw;
  }

  /** View watch of one resource across workspaces: what is placed on the target. */
  private upstreamWatch(r: SyncedResource): ListWatch {
    const { log } = this.ctx;
    let seen = new Set<string>();
    // CRDs are always listed at start (few objects): each one found starts its custom resources' sync.
    const resumeRv = r.id === CRDS.id ? undefined : this.book.get(r.id);
    return new ListWatch(this.ctx.hub, viewCollectionPath(this.ctx, r), { resumeRv, log, what: `view ${r.id}` }, {
      listStarted: () => (seen = new Set()),
      listPage: async (items) => {
        for (const obj of items) {
          const ref = upstreamRefOf(r, obj);
          const key = recordKey(r.id, ref);
          seen.add(key);
          this.queue.add(key, { res: r, ref, upstream: obj, listed: true });
        }
        await this.queue.below(MAX_QUEUED);
      },
      listComplete: () => {
        this.prune(r, seen);
        seen = new Set();
      },
      event: (type, obj) => {
        const ref = upstreamRefOf(r, obj);
        const rv = Number(obj.metadata?.resourceVersion);
        this.queue.add(recordKey(r.id, ref), { res: r, ref, upstream: type === 'DELETED' ? null : obj, rv: Number.isFinite(rv) ? rv : undefined });
      },
      progress: (rv) => this.progress.set(r.id, rv),
    });
  }

  /**
   * After a complete list: member copies whose workspace object was not in it are deleted (per
   * policy), unless that would remove more than the threshold share of the resource's copies.
   */
  private prune(r: SyncedResource, seen: Set<string>): void {
    const { inventory, log } = this.ctx;
    let total = 0;
    const gone: string[] = [];
    for (const [key, rec] of inventory.ofResource(r.id)) {
      if (!rec.onMember || rec.state === 'Conflict') continue;
      total++;
      if (!seen.has(key)) gone.push(key);
    }
    if (gone.length > 1 && gone.length > this.threshold * total) {
      const message = `a relist of ${r.id} would delete ${gone.length} of ${total} synced objects on the member (more than ${Math.round(this.threshold * 100)}%): refused; delete them on the member or raise --mass-deletion-threshold`;
      if (this.blocked.get(r.id) !== message) log.error({ resource: r.id, gone: gone.length, total }, 'mass deletion blocked');
      this.blocked.set(r.id, message);
      return;
    }
    this.blocked.delete(r.id);
    // listed: the stored revision waits for these deletions (a restart would not see them again).
    for (const key of gone) this.queue.add(key, { res: r, ref: parseRecordKey(key).ref, upstream: null, listed: true });
  }

  /** Starts syncing a resource: member inventory first, then the view. Resolves once both are synced. */
  async startResource(r: SyncedResource): Promise<void> {
    if (this.stopped || this.upstreamWatches.has(r.id)) return;
    this.resources.set(r.id, r);
    const mw = this.memberWatch(r);
    const uw = this.upstreamWatch(r);
    this.memberWatches.set(r.id, mw);
    this.upstreamWatches.set(r.id, uw);
    mw.start();
    await mw.synced;
    if (this.stopped) return;
    uw.start();
    await uw.synced;
  }

  /** Stores the revisions every resource has been applied up to; returns the lowest (lastAppliedRevision). */
  async storeRevisions(): Promise<string | undefined> {
    const listing = new Set<string>();
    const oldest = new Map<string, number>();
    for (const [, w] of this.queue.pending()) {
      if (w.listed) listing.add(w.res.id);
      else if (w.rv !== undefined) oldest.set(w.res.id, Math.min(w.rv, oldest.get(w.res.id) ?? Infinity));
    }
    let lowest: number | undefined;
    for (const id of this.upstreamWatches.keys()) {
      const reached = this.progress.get(id);
      if (reached === undefined || listing.has(id)) continue;
      const o = oldest.get(id);
      const rv = o !== undefined ? String(Math.min(o - 1, Number(reached))) : reached;
      this.book.set(id, rv);
    }
    for (const id of this.upstreamWatches.keys()) {
      const rv = Number(this.book.get(id));
      if (Number.isFinite(rv)) lowest = lowest === undefined ? rv : Math.min(lowest, rv);
    }
    await this.book.flush();
    return lowest === undefined ? undefined : String(lowest);
  }

  /** Queues every object in conflict for another look (its workspace object read again). */
  recheckConflicts(): void {
    for (const r of this.resources.values()) {
      for (const [key, rec] of this.ctx.inventory.ofResource(r.id)) if (rec.state === 'Conflict') this.ctx.resync(r.id, parseRecordKey(key).ref);
    }
  }

  relists(): number {
    let n = 0;
    for (const w of this.upstreamWatches.values()) n += w.relists;
    return n;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.upsync.stop();
    for (const w of [...this.upstreamWatches.values(), ...this.memberWatches.values()]) w.stop();
    this.queue.stop();
  }
}

/** Reads the synced-resource decision: built-ins the member serves and the SyncTarget allows. */
async function decide(member: KubeClient, st: KObject): Promise<ResourceDecision[]> {
  const served = await discoverGroups(member, BUILTIN_RESOURCES.map((r) => r.group));
  return decideResources(BUILTIN_RESOURCES, (g) => served.get(g) ?? [], st.spec?.supportedResources);
}

/** Starts the agent; the returned handle stops it. Used by `kplane syncer` and by tests in-process. */
export async function startSyncer(o: SyncerOptions): Promise<RunningSyncer> {
  const log = o.logger ?? pino({ level: o.logLevel ?? 'info', base: { component: 'kplane-syncer' } });
  const upstreamConn = await loadConnection(o.upstream);
  const memberConn = await loadConnection(o.downstream ?? { inCluster: true });
  const { hubBase, workspace } = splitServer(upstreamConn.server);
  const compute = o.computeWorkspace ?? workspace;
  if (!compute) throw new Error(`the upstream kubeconfig's server (${upstreamConn.server}) names no workspace (/clusters/<compute workspace>): pass the compute workspace`);
  const hub = new KubeClient(upstreamConn, hubBase);
  const member = new KubeClient(memberConn);
  const name = o.syncTarget ?? (await targetNameFromCredential(hub, compute));
  const resolved = await resolveTarget(hub, compute, name);
  const target = resolved.identity;
  const tlog = log.child({ target: name, key: target.key });

  const facts = await memberFacts(member);
  const decisions = await decide(member, resolved.syncTarget);
  const book = new RevisionBook(member, o.namespace ?? 'kplane-syncer', stateConfigMapName(target.key), `${resolved.computeClusterId}/${name}`, tlog);
  const stored = await book.load();
  tlog.info({ member: memberConn.server, hub: hubBase, workspace: compute, distribution: facts.distribution, resumeFrom: Object.keys(stored).length ? stored : undefined }, 'syncer starting');

  const status = new TargetStatusWriter(hub, compute, name, tlog);
  const compatible = resourcesCompatible(decisions);
  await status.write(
    { version: { kubernetes: facts.kubernetes, agent: KPLANE_VERSION }, distribution: facts.distribution, clusterID: facts.clusterID, syncedResources: syncedResources(decisions) },
    [compatible],
  );
  const agent = new SyncerAgent(hub, member, target, tlog, book, o.massDeletionThreshold ?? 0.5, o.concurrency ?? 16);
  agent.upsync.start();
  const heartbeat = new Heartbeat(hub, compute, name, `${os.hostname()}/${process.pid}`, tlog);
  heartbeat.start();

  const massDeletion = (): { type: string; status: 'True' | 'False'; reason: string; message: string } =>
    agent.blocked.size
      ? { type: 'MassDeletionBlocked', status: 'True', reason: 'RelistWouldDeleteTooMuch', message: [...agent.blocked.values()].join('; ') }
      : { type: 'MassDeletionBlocked', status: 'False', reason: 'NoMassDeletion', message: 'no relist was refused' };
  let lastWritten = 0;
  const report = async (): Promise<void> => {
    const rv = await agent.storeRevisions();
    const fields: KObject = {};
    // lastAppliedRevision at most every few seconds: it is for lag, not for resuming.
    if (rv && rv !== status.revision && Date.now() - lastWritten >= 5_000) {
      fields.lastAppliedRevision = rv;
      lastWritten = Date.now();
    }
    await status.write(fields, [compatible, massDeletion()]);
  };
  const interval = o.revisionIntervalMs ?? 5_000;
  let reporting = Promise.resolve();
  const timer = setInterval(() => {
    reporting = reporting.then(report).catch((e) => tlog.warn({ err: (e as Error).message }, 'status report failed'));
  }, interval);
  timer.unref?.();
  const conflicts = setInterval(() => agent.recheckConflicts(), o.conflictRecheckMs ?? 60_000);
  conflicts.unref?.();

  const ready = (async () => {
    await agent.startResource(NAMESPACES);
    await agent.queue.idle();
    await agent.startResource(CRDS);
    await agent.queue.idle();
    const accepted = decisions.filter((d) => d.state === 'Accepted').map((d) => d.resource);
    // Autoscalers first: what they scale is applied without spec.replicas from the start.
    const autoscalers = accepted.find((r) => r.id === AUTOSCALERS);
    if (autoscalers) {
      await agent.startResource(autoscalers);
      await agent.queue.idle();
    }
    await Promise.all(accepted.filter((r) => r !== autoscalers).map((r) => agent.startResource(r)));
    agent.inventoryLoaded = true;
    await agent.queue.idle();
    tlog.info({ objects: agent.ctx.inventory.size }, 'syncer ready');
  })();
  ready.catch((e) => tlog.error({ err: e }, 'syncer failed to start'));

  let stopping: Promise<void> | undefined;
  return {
    target,
    ready,
    stats: () => ({
      objects: agent.ctx.inventory.size,
      byState: agent.ctx.inventory.counts(),
      pending: agent.queue.size,
      relists: agent.relists(),
      blocked: Object.fromEntries(agent.blocked),
    }),
    stop() {
      stopping ??= (async () => {
        clearInterval(timer);
        clearInterval(conflicts);
        heartbeat.stop();
        await agent.stop();
        await reporting;
        await agent.storeRevisions().catch(() => undefined);
        await hub.close();
        await member.close();
        tlog.info('syncer stopped');
      })();
      return stopping;
    },
  };
}
