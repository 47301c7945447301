// `kplane serve --simulate-workloads`: the server behaves like a member cluster that runs what
// it is given, so the syncer can be developed and tested against it on one machine. In every
// workspace, the controllers a cluster runs are stood in for: workloads become ready, jobs
// complete, services get addresses, claims bind, budgets and autoscalers report. One watch per
// resource across all workspaces feeds one work queue per simulated controller.

import type { Logger } from 'pino';
import { deepEqual } from '../../apis/machinery/jsonEqual.js';
import { ChangeEvent, Store, Watch } from '../../storage/store.js';
import { WorkspaceResolver } from '../workspaces.js';
import { syncDaemonSet } from './daemonSet.js';
import { REPLICA_SETS, owningDeployment, syncDeployment } from './deploymentSync.js';
import { SCALE_TARGETS, syncHorizontalPodAutoscaler } from './horizontalPodAutoscaler.js';
import { syncJob } from './job.js';
import { syncPersistentVolumeClaim } from './persistentVolumeClaim.js';
import { POD_OWNERS, syncPodDisruptionBudget } from './podDisruptionBudget.js';
import { Reconciler, Sync } from './reconciler.js';
import { syncReplicaSet } from './replicaSet.js';
import { syncService } from './service.js';
import { syncStatefulSet } from './statefulSet.js';
import { SimulationContext } from './writes.js';

/** Each simulated controller: the resource it reconciles and how. */
const CONTROLLERS: Array<[resource: string, sync: Sync]> = [
  ['apps/deployments', syncDeployment],
  [REPLICA_SETS, syncReplicaSet],
  ['apps/statefulsets', syncStatefulSet],
  ['apps/daemonsets', syncDaemonSet],
  ['batch/jobs', syncJob],
  ['/services', syncService],
  ['/persistentvolumeclaims', syncPersistentVolumeClaim],
  ['policy/poddisruptionbudgets', syncPodDisruptionBudget],
  ['autoscaling/horizontalpodautoscalers', syncHorizontalPodAutoscaler],
];

/** True when an event changes what a budget or an autoscaler reads from a workload. */
function podsChanged(ev: ChangeEvent): boolean {
  if (ev.type !== 'MODIFIED' || !ev.prev) return true;
  return ev.prev.spec?.replicas !== ev.object.spec?.replicas
    || !deepEqual(ev.prev.spec?.template?.metadata?.labels, ev.object.spec?.template?.metadata?.labels)
    || !!ev.prev.metadata?.deletionTimestamp !== !!ev.object.metadata?.deletionTimestamp;
}

export class WorkloadSimulator {
  private readonly ctx: SimulationContext;
  private readonly reconcilers = new Map<string, Reconciler>();
  private watches: Watch[] = [];

  constructor(store: Store, workspaces: WorkspaceResolver, log: Logger, now: () => number = Date.now) {
    this.ctx = { store, workspaces, log, now };
    for (const [resource, sync] of CONTROLLERS) this.reconcilers.set(resource, new Reconciler(this.ctx, resource, sync));
  }

  start(): void {
    const deployments = this.reconcilers.get('apps/deployments')!;
    const budgets = this.reconcilers.get('policy/poddisruptionbudgets')!;
    const autoscalers = this.reconcilers.get('autoscaling/horizontalpodautoscalers')!;
    const inNamespace = (r: Reconciler, ev: ChangeEvent): void => {
      r.enqueueNamespace(ev.key.cluster, ev.key.namespace).catch((err) => this.ctx.log.warn({ err }, 'workload simulation: listing failed'));
    };
    for (const [resource, reconciler] of this.reconcilers) {
      this.watches.push(
        this.ctx.store.watch({ resource }, (ev) => {
          if (ev.type !== 'DELETED') reconciler.enqueue(ev.key);
          // A ReplicaSet's changes are its deployment's progress.
          if (resource === REPLICA_SETS) {
            const owner = owningDeployment(ev.key, ev.object);
            if (owner) deployments.enqueue(owner);
          }
          if (POD_OWNERS.includes(resource) && podsChanged(ev)) inNamespace(budgets, ev);
          if (SCALE_TARGETS.includes(resource) && podsChanged(ev)) inNamespace(autoscalers, ev);
        }),
      );
    }
    for (const r of this.reconcilers.values()) r.resync().catch((err) => this.ctx.log.warn({ err, resource: r.resource }, 'workload simulation: resync failed'));
    this.ctx.log.info('simulating workloads: deployments, statefulsets, daemonsets, replicasets, jobs, services, claims, budgets and autoscalers report as on a running cluster');
  }

  /** Work not done yet, across the simulated controllers. */
  get pending(): number {
    let n = 0;
    for (const r of this.reconcilers.values()) n += r.pending;
    return n;
  }

  stop(): void {
    for (const w of this.watches) w.stop();
    for (const r of this.reconcilers.values()) r.stop();
  }
}
