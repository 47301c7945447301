// Workspace lifecycle, as kcp's workspace controllers run it:
//   Scheduling   a new Workspace gets a random logical cluster id, spec.cluster, spec.URL and the
//                core.kcp.io/logicalcluster finalizer;
//   Initializing the logical cluster's content is written (LogicalCluster, namespaces, service
//                accounts, the creator's workspace-admin binding);
//   Ready        conditions WorkspaceScheduled and WorkspaceInitialized are True;
//   Terminating  on delete: child Workspaces are deleted first (recursively, through this same
//                controller), then the logical cluster is removed by one range delete, then the
//                finalizer is released and the Workspace object goes.
// One cross-workspace watch and a bounded worker pool for the whole process; nothing per workspace.

import type { Logger } from 'pino';
import { builtinCatalogue } from '../../apis/catalogue.js';
import { ApiError } from '../../apis/errors.js';
import { remove } from '../../apis/registry/delete.js';
import { timestamp } from '../../apis/registry/meta.js';
import { Scope } from '../../apis/registry/scope.js';
import { computeUpdate, runUpdate } from '../../apis/registry/update.js';
import { KObject } from '../../apis/resources/model.js';
import {
  LOGICAL_CLUSTERS,
  LOGICAL_CLUSTER_NAME,
  OWNER_ANNOTATION,
  ROOT,
  WORKSPACES,
  WORKSPACE_FINALIZER,
  randomClusterId,
} from '../../apis/tenancy/names.js';
import { ChangeEvent, Store, UNCHANGED, Watch } from '../../storage/store.js';
import { SYSTEM_USER } from '../bootstrap.js';
import { initializeLogicalCluster } from '../tenancy/content.js';
import { WorkspaceResolver } from '../workspaces.js';

const MANAGER = 'kplane-workspace-controller';
const WORKERS = 32;
const RETRY_MS = 1000;

function workspaceScope(cluster: string): Scope {
  const catalogue = builtinCatalogue();
  return { cluster, catalogue, r: catalogue.resource('tenancy.kcp.io', 'v1alpha1', 'workspaces')!, namespace: '', user: SYSTEM_USER };
}

const key = (cluster: string, name: string): string => `${cluster}\u0000${name}`;

function needsWork(ws: KObject): boolean {
  return !!ws.metadata?.deletionTimestamp || ws.status?.phase !== 'Ready';
}

function condition(type: string, status: string, reason: string, message = ''): KObject {
  return { type, status, reason, ...(message ? { message } : {}), lastTransitionTime: timestamp() };
}

export class WorkspaceLifecycle {
  private watch?: Watch;
  private readonly queue = new Set<string>();
  private readonly active = new Set<string>();
  private readonly delayed = new Set<string>();
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly workspaces: WorkspaceResolver,
    private readonly baseURL: () => string,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.watch = this.store.watch({ resource: WORKSPACES }, (ev) => this.onEvent(ev));
    void this.resync();
  }

  stop(): void {
    this.stopped = true;
    this.watch?.stop();
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  /** Resolves once nothing is queued or running (tests and benchmarks). */
  async idle(): Promise<void> {
    while (this.queue.size || this.active.size || this.delayed.size) await new Promise((r) => setTimeout(r, 10));
  }

  private async resync(): Promise<void> {
    for (const cluster of await this.workspaces.clusters()) {
      const page = await this.store.list({ cluster, resource: WORKSPACES, filter: needsWork });
      for (const item of page.items) this.enqueue(key(cluster, item.key.name));
    }
  }

  private onEvent(ev: ChangeEvent): void {
    if (ev.type === 'DELETED') {
      // A deleted child may unblock its parent's termination.
      void this.parentOf(ev.key.cluster).then((p) => p && this.enqueue(p));
      return;
    }
    if (needsWork(ev.object)) this.enqueue(key(ev.key.cluster, ev.key.name));
  }

  /** The Workspace that owns logical cluster `cluster`, as a queue key. */
  private async parentOf(cluster: string): Promise<string | undefined> {
    const lc = await this.store.get({ cluster, resource: LOGICAL_CLUSTERS, namespace: '', name: LOGICAL_CLUSTER_NAME });
    const owner = lc?.object.spec?.owner;
    return owner?.cluster && owner.name ? key(owner.cluster, owner.name) : undefined;
  }

  private enqueue(k: string): void {
    if (this.stopped) return;
    this.queue.add(k);
    this.pump();
  }

  /** The first queued key not being reconciled right now (no copy of the queue). */
  private nextKey(): string | undefined {
    for (const k of this.queue) if (!this.active.has(k)) return k;
    return undefined;
  }

  private pump(): void {
    while (!this.stopped && this.active.size < WORKERS) {
      const next = this.nextKey();
      if (!next) return;
      this.queue.delete(next);
      this.active.add(next);
      void this.reconcile(next)
        .then((done) => {
          if (!done) this.retryLater(next);
        })
        .catch((e) => {
          this.log.warn({ err: e, workspace: next.split('\u0000').join('/') }, 'workspace reconcile failed; retrying');
          this.retryLater(next);
        })
        .finally(() => {
          this.active.delete(next);
          this.pump();
        });
    }
  }

  private retryLater(k: string): void {
    this.delayed.add(k);
    if (this.retryTimer || this.stopped) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      const items = [...this.delayed];
      this.delayed.clear();
      for (const d of items) this.enqueue(d);
    }, RETRY_MS);
    this.retryTimer.unref();
  }

  /** One reconcile step; false when it must be retried later. */
  private async reconcile(k: string): Promise<boolean> {
    const [cluster, name] = k.split('\u0000');
    const stored = await this.store.get({ cluster, resource: WORKSPACES, namespace: '', name });
    if (!stored) return true;
    const ws = stored.object;
    if (ws.metadata?.deletionTimestamp) return this.terminate(cluster, ws);
    if (!ws.spec?.cluster) await this.schedule(cluster, ws);
    await this.initialize(cluster, name);
    return true;
  }

  private async update(cluster: string, name: string, target: '' | 'status', build: (ws: KObject) => KObject | typeof UNCHANGED): Promise<KObject | undefined> {
    const s = workspaceScope(cluster);
    try {
      return await runUpdate(this.store, s, name, { dryRun: false, fieldValidation: 'Ignore', fieldManager: MANAGER }, (old) => {
        const next = build(structuredClone(old));
        return next === UNCHANGED ? UNCHANGED : computeUpdate(s, next, old, target, MANAGER);
      });
    } catch (e) {
      if (e instanceof ApiError && e.reason === 'NotFound') return undefined;
      throw e;
    }
  }

  /** Scheduling: choose the logical cluster and publish where the workspace is served. */
  private async schedule(cluster: string, ws: KObject): Promise<void> {
    const parentPath = (await this.workspaces.pathOf(cluster)) ?? (cluster === ROOT ? ROOT : cluster);
    const path = `${parentPath}:${ws.metadata.name}`;
    const id = randomClusterId();
    await this.update(cluster, ws.metadata.name, '', (w) => {
      if (w.spec?.cluster) return UNCHANGED;
      w.spec = { ...(w.spec ?? {}), cluster: id, URL: `${this.baseURL()}/clusters/${path}` };
      w.metadata.finalizers = [...new Set([...(w.metadata.finalizers ?? []), WORKSPACE_FINALIZER])];
      return w;
    });
    await this.update(cluster, ws.metadata.name, 'status', (w) => {
      w.status = { ...(w.status ?? {}), phase: 'Initializing', conditions: [condition('WorkspaceScheduled', 'True', 'Scheduled')] };
      return w;
    });
  }

  /** Initializing → Ready: write the logical cluster's content, then mark the workspace Ready. */
  private async initialize(cluster: string, name: string): Promise<void> {
    const stored = await this.store.get({ cluster, resource: WORKSPACES, namespace: '', name });
    const ws = stored?.object;
    if (!ws?.spec?.cluster || ws.metadata?.deletionTimestamp || ws.status?.phase === 'Ready') return;
    const parentPath = (await this.workspaces.pathOf(cluster)) ?? cluster;
    let owner: { username: string; groups?: string[]; uid?: string } | undefined;
    try {
      owner = JSON.parse(ws.metadata.annotations?.[OWNER_ANNOTATION] ?? 'null') ?? undefined;
    } catch {
      owner = undefined;
    }
    const type = ws.spec.type ?? { name: 'universal', path: ROOT };
    await initializeLogicalCluster(this.store, {
      id: ws.spec.cluster,
      path: `${parentPath}:${name}`,
      type: `${type.path ?? ROOT}:${type.name}`,
      baseURL: this.baseURL(),
      owner,
      workspace: { cluster, name, uid: ws.metadata.uid },
    });
    await this.update(cluster, name, 'status', (w) => {
      if (w.metadata.deletionTimestamp) return UNCHANGED;
      w.status = {
        ...(w.status ?? {}),
        phase: 'Ready',
        conditions: [condition('WorkspaceScheduled', 'True', 'Scheduled'), condition('WorkspaceInitialized', 'True', 'Initialized')],
      };
      return w;
    });
  }

  /** Terminating: children first, then the logical cluster, then the finalizer. */
  private async terminate(cluster: string, ws: KObject): Promise<boolean> {
    const name = ws.metadata.name;
    if (ws.status?.phase !== 'Terminating') {
      await this.update(cluster, name, 'status', (w) => {
        w.status = { ...(w.status ?? {}), phase: 'Terminating' };
        return w;
      });
    }
    const child: string | undefined = ws.spec?.cluster;
    if (child) {
      const children = await this.store.list({ cluster: child, resource: WORKSPACES });
      if (children.items.length) {
        const s = workspaceScope(child);
        for (const c of children.items) {
          if (c.object.metadata?.deletionTimestamp) continue;
          try {
            await remove(this.store, s, c.key.name, { dryRun: false, propagationPolicy: 'Background' });
          } catch (e) {
            if (!(e instanceof ApiError && e.reason === 'NotFound')) throw e;
          }
        }
        // Each child's deletion enqueues this workspace again (see onEvent).
        return true;
      }
      await this.store.deleteCluster(child);
    }
    await this.update(cluster, name, '', (w) => {
      const f: string[] = w.metadata.finalizers ?? [];
      if (!f.includes(WORKSPACE_FINALIZER)) return UNCHANGED;
      w.metadata.finalizers = f.filter((x) => x !== WORKSPACE_FINALIZER);
      if (!w.metadata.finalizers.length) delete w.metadata.finalizers;
      return w;
    });
    return true;
  }
}

