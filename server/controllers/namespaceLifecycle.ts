// Namespace lifecycle: when a namespace is being deleted (phase Terminating), delete everything
// in it, then release its "kubernetes" finalizer and remove it. One watch and one retry timer for
// the whole process, never one per workspace.

import type { Logger } from 'pino';
import { ApiError } from '../../apis/errors.js';
import { remove } from '../../apis/registry/delete.js';
import { namespaceKey } from '../../apis/registry/scope.js';
import { DELETE, Store, UNCHANGED, Watch } from '../../storage/store.js';
import { SYSTEM_USER } from '../bootstrap.js';
import { Catalogue } from '../../apis/catalogue.js';
import { timestamp } from '../../apis/registry/meta.js';
import { WorkspaceResolver } from '../workspaces.js';
import { WorkQueue } from './workQueue.js';

const RETRY_MS = 1000;

export class NamespaceLifecycle {
  private watch?: Watch;
  private readonly queue: WorkQueue; // keys "<cluster>\0<namespace>"

  constructor(
    private readonly store: Store,
    private readonly workspaces: WorkspaceResolver,
    private readonly log: Logger,
  ) {
    this.queue = new WorkQueue(
      (key) => {
        const [cluster, namespace] = key.split('\u0000') as [string, string];
        return this.finalize(cluster, namespace);
      },
      (err, key) => {
        const [cluster, namespace] = key.split('\u0000');
        this.log.warn({ err, cluster, namespace }, 'namespace cleanup failed; retrying');
      },
      RETRY_MS,
    );
  }

  start(): void {
    this.watch = this.store.watch({ resource: '/namespaces' }, (ev) => {
      if (ev.type !== 'DELETED' && ev.object.metadata?.deletionTimestamp) this.enqueue(ev.key.cluster, ev.key.name);
    });
    void this.resync();
  }

  stop(): void {
    this.queue.stop();
    this.watch?.stop();
  }

  /** Finds namespaces left terminating by an earlier run. */
  private async resync(): Promise<void> {
    for (const cluster of await this.workspaces.clusters()) {
      const res = await this.store.list({ cluster, resource: '/namespaces', filter: (o) => !!o.metadata?.deletionTimestamp });
      for (const item of res.items) this.enqueue(cluster, item.key.name);
    }
  }

  private enqueue(cluster: string, namespace: string): void {
    this.queue.add(`${cluster}\u0000${namespace}`);
  }

  /** Deletes the namespace's content; removes the namespace once it is empty. True when done. */
  private async finalize(cluster: string, namespace: string): Promise<boolean> {
    const catalogue = this.workspaces.catalogue(cluster);
    const seen = new Set<string>();
    for (const r of catalogue.allResources()) {
      if (!r.namespaced || r.virtual || seen.has(r.storageKey)) continue;
      seen.add(r.storageKey);
      const scope = { cluster, catalogue, r, namespace, user: SYSTEM_USER };
      const page = await this.store.list({ cluster, resource: r.storageKey, namespace });
      for (const o of page.items) {
        if (o.object.metadata?.deletionTimestamp) continue;
        try {
          await remove(this.store, scope, o.key.name, { dryRun: false, propagationPolicy: 'Background' });
        } catch (e) {
          if (!(e instanceof ApiError && e.reason === 'NotFound')) throw e;
        }
      }
    }
    const left = await this.remaining(cluster, namespace, catalogue);
    const conditions = namespaceConditions(left);
    await this.store.mutate({
      key: namespaceKey(cluster, namespace),
      apply(current) {
        if (!current) return UNCHANGED;
        const ns = structuredClone(current.object);
        if (!ns.metadata?.deletionTimestamp) return UNCHANGED;
        if (left.total > 0) {
          // Say why the namespace is still here, as upstream's namespace controller does.
          const before = JSON.stringify(ns.status?.conditions ?? []);
          ns.status = { ...(ns.status ?? {}), conditions: mergeConditions(ns.status?.conditions ?? [], conditions) };
          return JSON.stringify(ns.status.conditions) === before ? UNCHANGED : ns;
        }
        if ((ns.metadata.finalizers?.length ?? 0) === 0) return DELETE;
        if (!ns.spec?.finalizers?.length) return UNCHANGED;
        ns.spec.finalizers = [];
        ns.status = { ...(ns.status ?? {}), conditions: mergeConditions(ns.status?.conditions ?? [], conditions) };
        return ns;
      },
    });
    return left.total === 0;
  }

  /** What is still in the namespace: instances per resource and pending finalizers. */
  private async remaining(cluster: string, namespace: string, catalogue: Catalogue): Promise<Remaining> {
    const left: Remaining = { total: 0, byResource: new Map(), finalizers: new Map() };
    const seen = new Set<string>();
    for (const r of catalogue.allResources()) {
      if (!r.namespaced || r.virtual || seen.has(r.storageKey)) continue;
      seen.add(r.storageKey);
      const page = await this.store.list({ cluster, resource: r.storageKey, namespace });
      if (!page.items.length) continue;
      left.total += page.items.length;
      left.byResource.set(r.group ? `${r.plural}.${r.group}` : r.plural, page.items.length);
      for (const o of page.items) {
        for (const f of (o.object.metadata?.finalizers ?? []) as string[]) left.finalizers.set(f, (left.finalizers.get(f) ?? 0) + 1);
      }
    }
    return left;
  }
}

interface Remaining {
  total: number;
  byResource: Map<string, number>;
  finalizers: Map<string, number>;
}

type Condition = { type: string; status: string; reason: string; message: string; lastTransitionTime?: string };

/** The NamespaceContentRemaining / NamespaceFinalizersRemaining conditions (upstream wording). */
export function namespaceConditions(left: Remaining): Condition[] {
  const content = [...left.byResource].sort(([a], [b]) => a.localeCompare(b)).map(([r, n]) => `${r} has ${n} resource instances`);
  const finalizers = [...left.finalizers].sort(([a], [b]) => a.localeCompare(b)).map(([f, n]) => `${f} in ${n} resource instances`);
  return [
    { type: 'NamespaceDeletionDiscoveryFailure', status: 'False', reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
    { type: 'NamespaceDeletionGroupVersionParsingFailure', status: 'False', reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
    { type: 'NamespaceDeletionContentFailure', status: 'False', reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
    content.length
      ? { type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${content.join(', ')}` }
      : { type: 'NamespaceContentRemaining', status: 'False', reason: 'ContentRemoved', message: 'All content successfully removed' },
    finalizers.length
      ? { type: 'NamespaceFinalizersRemaining', status: 'True', reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${finalizers.join(', ')}` }
      : { type: 'NamespaceFinalizersRemaining', status: 'False', reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
  ];
}

/** Replaces conditions by type, keeping lastTransitionTime when the status did not change. */
function mergeConditions(old: Condition[], next: Condition[]): Condition[] {
  const now = timestamp();
  return next.map((c) => {
    const prev = old.find((o) => o.type === c.type);
    return { ...c, lastTransitionTime: prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : now };
  });
}
