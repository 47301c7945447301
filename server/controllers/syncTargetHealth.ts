// SyncTarget health, for every compute workspace: from the agent's heartbeat Lease
// (SYNCER_NAMESPACE/<target>) keep status.targetKey, status.lastHeartbeatTime and the
// HeartbeatHealthy and Ready conditions of each SyncTarget (server/sync/heartbeat.ts decides).
// SyncTargets and lease renewal times are held in memory from two cross-workspace watches, so the
// once-a-second check that notices missed heartbeats touches no storage; a status is written only
// when it changes, merged into the stored one inside the write (the agent's fields stay).

import type { Logger } from 'pino';
import { SYNC_GROUP, SYNCER_NAMESPACE, targetKey } from '../../apis/sync/contract.js';
import { ChangeEvent, JsonObject, Store, UNCHANGED, Watch } from '../../storage/store.js';
import { heartbeat, statusWithHeartbeat } from '../sync/heartbeat.js';
import { WorkQueue } from './workQueue.js';

export const SYNC_TARGETS = `${SYNC_GROUP}/synctargets`;
export const LEASES = 'coordination.k8s.io/leases';
const SEP = '\u0000';

export class SyncTargetHealth {
  private readonly queue: WorkQueue;
  /** cluster SEP name → the SyncTarget as last seen. */
  private readonly targets = new Map<string, { rv: number; object: JsonObject }>();
  /** cluster SEP name → the heartbeat lease's renewTime. */
  private readonly renewals = new Map<string, { rv: number; renewTime?: string }>();
  private watches: Watch[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
    private readonly checkEveryMs = 1000,
  ) {
    this.queue = new WorkQueue(
      (id) => this.sync(id),
      (err, id) => this.log.warn({ err, synctarget: id.split(SEP).join('/') }, 'sync target health update failed; retrying'),
    );
  }

  async start(): Promise<void> {
    // Watches first, in the same turn as the scans: nothing falls between them, and the revisions
    // keep an older scan row from undoing a newer event.
    this.watches.push(
      this.store.watch({ resource: SYNC_TARGETS }, (ev) => this.onTarget(ev)),
      this.store.watch({ resource: LEASES, namespace: SYNCER_NAMESPACE }, (ev) => this.onLease(ev)),
    );
    const [targets, leases] = await Promise.all([this.store.listAcrossClusters(SYNC_TARGETS), this.store.listAcrossClusters(LEASES)]);
    for (const t of targets.items) this.setTarget(t.key.cluster, t.key.name, t.rv, t.object);
    for (const l of leases.items) if (l.key.namespace === SYNCER_NAMESPACE) this.setLease(l.key.cluster, l.key.name, l.rv, l.object.spec?.renewTime);
    this.timer = setInterval(() => this.check(), this.checkEveryMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    for (const w of this.watches) w.stop();
    this.queue.stop();
  }

  private onTarget(ev: ChangeEvent): void {
    this.setTarget(ev.key.cluster, ev.key.name, ev.rv, ev.type === 'DELETED' ? undefined : ev.object);
  }

  private onLease(ev: ChangeEvent): void {
    this.setLease(ev.key.cluster, ev.key.name, ev.rv, ev.type === 'DELETED' ? undefined : ev.object.spec?.renewTime);
  }

  private setTarget(cluster: string, name: string, rv: number, object: JsonObject | undefined): void {
    const id = cluster + SEP + name;
    const old = this.targets.get(id);
    if (old && old.rv >= rv) return;
    if (object) this.targets.set(id, { rv, object });
    else this.targets.delete(id);
    if (object) this.enqueueIfStale(id);
  }

  private setLease(cluster: string, name: string, rv: number, renewTime: string | undefined): void {
    const id = cluster + SEP + name;
    const old = this.renewals.get(id);
    if (old && old.rv >= rv) return;
    this.renewals.set(id, { rv, renewTime });
    this.enqueueIfStale(id);
  }

  /** The status the target should have now; undefined when its status is already right. */
  private desired(id: string, target: JsonObject): JsonObject | undefined {
    const [cluster, name] = id.split(SEP) as [string, string];
    const h = heartbeat(target, this.renewals.get(id)?.renewTime, this.now());
    return statusWithHeartbeat(target, h, targetKey(cluster, name), new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'));
  }

  private enqueueIfStale(id: string): void {
    const t = this.targets.get(id);
    if (t && this.desired(id, t.object)) this.queue.add(id);
  }

  /** Heartbeats go stale with time alone: look at every target (in memory) once in a while. */
  private check(): void {
    for (const id of this.targets.keys()) this.enqueueIfStale(id);
  }

  private async sync(id: string): Promise<boolean> {
    if (!this.targets.has(id)) return true;
    const [cluster, name] = id.split(SEP) as [string, string];
    await this.store.mutate({
      key: { cluster, resource: SYNC_TARGETS, namespace: '', name },
      apply: (current) => {
        if (!current) return UNCHANGED;
        const status = this.desired(id, current.object);
        return status ? { ...structuredClone(current.object), status } : UNCHANGED;
      },
    });
    return true;
  }
}
