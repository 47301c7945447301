// CustomResourceDefinition lifecycle, for every workspace: accept names and establish new
// definitions (upstream's naming and establishing controllers), and finalize deleted ones (the
// CRD finalizer): delete every custom object of the definition, wait until none is left, then
// release the cleanup finalizer so the definition goes. One queue for the whole process.

import type { Logger } from 'pino';
import { ApiError } from '../../apis/errors.js';
import { CLEANUP_FINALIZER, CrdCondition, ESTABLISHED, NAMES_ACCEPTED, TERMINATING, conditionEquivalent, findCondition, isConditionTrue, setCondition } from '../../apis/crd/conditions.js';
import { calculateNames } from '../../apis/crd/naming.js';
import { remove } from '../../apis/registry/delete.js';
import { KObject } from '../../apis/resources/model.js';
import { deepEqual } from '../../apis/machinery/jsonEqual.js';
import { DELETE, Store, UNCHANGED } from '../../storage/store.js';
import { SYSTEM_USER } from '../bootstrap.js';
import { CRD_RESOURCE, CrdCatalogues } from '../crdCatalogues.js';
import { WorkspaceResolver } from '../workspaces.js';
import { WorkQueue } from './workQueue.js';

const SEP = '\u0000';

export class CrdLifecycle {
  private readonly queue: WorkQueue;
  private unsubscribe?: () => void;

  constructor(
    private readonly store: Store,
    private readonly crds: CrdCatalogues,
    private readonly workspaces: WorkspaceResolver,
    private readonly log: Logger,
  ) {
    this.queue = new WorkQueue(
      (key) => {
        const [cluster, name] = key.split(SEP) as [string, string];
        return this.sync(cluster, name);
      },
      (err, key) => this.log.warn({ err, crd: key.split(SEP).join('/') }, 'custom resource definition sync failed; retrying'),
    );
  }

  start(): void {
    this.unsubscribe = this.crds.onChange((cluster, name, crd) => {
      if (crd) this.enqueue(cluster, name);
      // A deleted definition frees its names for the others of its group.
      else for (const other of this.crds.definitions(cluster)) this.enqueue(cluster, other.metadata.name);
    });
    for (const cluster of this.crds.clusters()) for (const crd of this.crds.definitions(cluster)) this.enqueue(cluster, crd.metadata.name);
  }

  stop(): void {
    this.queue.stop();
    this.unsubscribe?.();
  }

  private enqueue(cluster: string, name: string): void {
    this.queue.add(`${cluster}${SEP}${name}`);
  }

  /** True when nothing is left to do for the definition for now. */
  private async sync(cluster: string, name: string): Promise<boolean> {
    const crd = this.crds.definition(cluster, name);
    if (!crd) return true;
    if (crd.metadata?.deletionTimestamp) return this.finalize(cluster, name);
    await this.acceptNames(cluster, name);
    return true;
  }

  private key(cluster: string, name: string) {
    return { cluster, resource: CRD_RESOURCE, namespace: '', name };
  }

  /** Writes the accepted names with the NamesAccepted and Established conditions when they change. */
  private async acceptNames(cluster: string, name: string): Promise<void> {
    const others = this.crds.definitions(cluster).filter((o) => o.metadata?.name !== name);
    let changed = false;
    await this.store.mutate({
      key: this.key(cluster, name),
      apply(current) {
        if (!current || current.object.metadata?.deletionTimestamp) return UNCHANGED;
        const crd = current.object;
        if (deepEqual(crd.spec?.names, crd.status?.acceptedNames) && isConditionTrue(crd, ESTABLISHED)) return UNCHANGED;
        const res = calculateNames(crd, others);
        if (
          deepEqual(crd.status?.acceptedNames, res.acceptedNames) &&
          conditionEquivalent(res.namesAccepted, findCondition(crd, NAMES_ACCEPTED)) &&
          conditionEquivalent(res.established, findCondition(crd, ESTABLISHED))
        ) {
          return UNCHANGED;
        }
        const next = structuredClone(crd);
        next.status = { ...(next.status ?? {}), acceptedNames: res.acceptedNames };
        setCondition(next, res.namesAccepted);
        setCondition(next, res.established);
        changed = true;
        return next;
      },
    });
    // Names this definition gave up may now be free for the others.
    if (changed) for (const o of others) if (o.spec?.group === this.crds.definition(cluster, name)?.spec?.group) this.enqueue(cluster, o.metadata.name);
  }

  private async setTerminating(cluster: string, name: string, cond: Omit<CrdCondition, 'type'>, release = false): Promise<void> {
    await this.store.mutate({
      key: this.key(cluster, name),
      apply(current) {
        if (!current) return UNCHANGED;
        const crd = structuredClone(current.object);
        const before = findCondition(crd, TERMINATING);
        setCondition(crd, { type: TERMINATING, ...cond });
        if (release) {
          crd.metadata.finalizers = (crd.metadata.finalizers ?? []).filter((f: string) => f !== CLEANUP_FINALIZER);
          if (crd.metadata.finalizers.length === 0) return DELETE;
          return crd;
        }
        return conditionEquivalent(before, findCondition(crd, TERMINATING)) ? UNCHANGED : crd;
      },
    });
  }

  /** Deletes the definition's objects; releases the definition once none is left. True when done. */
  private async finalize(cluster: string, name: string): Promise<boolean> {
    const crd = this.crds.definition(cluster, name)!;
    if (!(crd.metadata.finalizers ?? []).includes(CLEANUP_FINALIZER)) return true;
    if (!isConditionTrue(crd, ESTABLISHED)) {
      await this.setTerminating(cluster, name, { status: 'False', reason: 'NeverEstablished', message: 'resource was never established' }, true);
      return true;
    }
    await this.setTerminating(cluster, name, { status: 'True', reason: 'InstanceDeletionInProgress', message: 'CustomResource deletion is in progress' });
    const resource = `${crd.spec.group}/${crd.status?.acceptedNames?.plural || crd.spec.names.plural}`;
    const catalogue = this.workspaces.catalogue(cluster);
    const r = catalogue.byStorageKey(resource);
    const page = await this.store.list({ cluster, resource });
    if (r) {
      for (const o of page.items) {
        if (o.object.metadata?.deletionTimestamp) continue;
        const scope = { cluster, catalogue, r, namespace: o.key.namespace, user: SYSTEM_USER };
        try {
          await remove(this.store, scope, o.key.name, { dryRun: false, propagationPolicy: 'Background' });
        } catch (e) {
          if (!(e instanceof ApiError && e.reason === 'NotFound')) throw e;
        }
      }
    }
    const left = (await this.store.list({ cluster, resource })).items.length;
    if (left > 0) {
      // Objects with finalizers of their own are waited for, as upstream's finalizer waits.
      await this.setTerminating(cluster, name, { status: 'True', reason: 'InstanceDeletionCheck', message: `could not confirm zero CustomResources remaining: ${left} remaining` });
      return false;
    }
    await this.setTerminating(cluster, name, { status: 'False', reason: 'InstanceDeletionCompleted', message: 'removed all instances' }, true);
    return true;
  }
}
