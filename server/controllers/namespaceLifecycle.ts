// Namespace lifecycle: when a namespace is being deleted (phase Terminating), delete everything
// in it, then release its "kubernetes" finalizer and remove it. One watch and one retry timer for
// the whole process, never one per workspace.

import type { Logger } from 'pino';
import { ApiError } from '../../apis/errors.js';
import { remove } from '../../apis/registry/delete.js';
import { namespaceKey } from '../../apis/registry/scope.js';
import { DELETE, Store, UNCHANGED, Watch } from '../../storage/store.js';
import { SYSTEM_USER } from '../bootstrap.js';
import { WorkspaceResolver } from '../workspaces.js';

const RETRY_MS = 1000;

export class NamespaceLifecycle {
  private watch?: Watch;
  private readonly pending = new Set<string>(); // "<cluster>\0<namespace>"
  private timer?: NodeJS.Timeout;
  private running = false;
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly workspaces: WorkspaceResolver,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.watch = this.store.watch({ resource: '/namespaces' }, (ev) => {
      if (ev.type !== 'DELETED' && ev.object.metadata?.deletionTimestamp) this.enqueue(ev.key.cluster, ev.key.name);
    });
    void this.resync();
  }

  stop(): void {
    this.stopped = true;
    this.watch?.stop();
    if (this.timer) clearTimeout(this.timer);
  }

  /** Finds namespaces left terminating by an earlier run. */
  private async resync(): Promise<void> {
    for (const cluster of await this.workspaces.clusters()) {
      const res = await this.store.list({ cluster, resource: '/namespaces', filter: (o) => !!o.metadata?.deletionTimestamp });
      for (const item of res.items) this.enqueue(cluster, item.key.name);
    }
  }

  private enqueue(cluster: string, namespace: string): void {
    this.pending.add(`${cluster}\u0000${namespace}`);
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, ms);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (const item of [...this.pending]) {
        if (this.stopped) return;
        const [cluster, namespace] = item.split('\u0000');
        const done = await this.finalize(cluster, namespace).catch((e) => {
          this.log.warn({ err: e, cluster, namespace }, 'namespace cleanup failed; retrying');
          return false;
        });
        if (done) this.pending.delete(item);
      }
    } finally {
      this.running = false;
      if (this.pending.size) this.schedule(RETRY_MS);
    }
  }

  /** Deletes the namespace's content; removes the namespace once it is empty. True when done. */
  private async finalize(cluster: string, namespace: string): Promise<boolean> {
    const catalogue = this.workspaces.catalogue(cluster);
    const seen = new Set<string>();
    let remaining = 0;
    for (const r of catalogue.allResources()) {
      if (!r.namespaced || r.virtual || seen.has(r.storageKey)) continue;
      seen.add(r.storageKey);
      const scope = { cluster, catalogue, r, namespace, user: SYSTEM_USER };
      const page = await this.store.list({ cluster, resource: r.storageKey, namespace });
      for (const o of page.items) {
        remaining++;
        if (o.object.metadata?.deletionTimestamp) continue;
        try {
          await remove(this.store, scope, o.key.name, { dryRun: false, propagationPolicy: 'Background' });
        } catch (e) {
          if (!(e instanceof ApiError && e.reason === 'NotFound')) throw e;
        }
      }
    }
    if (remaining > 0) {
      // Objects deleted now are gone; those held by finalizers are checked again later.
      const still = await this.countContent(cluster, namespace, seen);
      if (still > 0) return false;
    }
    await this.store.mutate({
      key: namespaceKey(cluster, namespace),
      apply(current) {
        if (!current) return UNCHANGED;
        const ns = structuredClone(current.object);
        if (!ns.metadata?.deletionTimestamp) return UNCHANGED;
        if ((ns.metadata.finalizers?.length ?? 0) === 0) return DELETE;
        if (!ns.spec?.finalizers?.length) return UNCHANGED;
        ns.spec.finalizers = [];
        return ns;
      },
    });
    return true;
  }

  private async countContent(cluster: string, namespace: string, keys: Set<string>): Promise<number> {
    let n = 0;
    for (const resource of keys) n += (await this.store.list({ cluster, resource, namespace, limit: 1 })).items.length;
    return n;
  }
}
