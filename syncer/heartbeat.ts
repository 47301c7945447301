// The agent's heartbeat: Lease <target> in SYNCER_NAMESPACE of the compute workspace, renewed every
// spec.leaseDurationSeconds of the SyncTarget (re-read at each beat, so a change takes effect).
// The hub derives HeartbeatHealthy/Ready and status.lastHeartbeatTime from it.

import type { Logger } from 'pino';
import { SYNCER_NAMESPACE } from '../apis/sync/contract.js';
import { KubeClient, isNotFound } from './client.js';
import { syncTargetPath, workspacePath } from './identity.js';

export const DEFAULT_LEASE_DURATION_SECONDS = 20;

/** meta/v1 MicroTime: RFC 3339 with microseconds. */
export function microTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function leasePath(workspace: string, name: string): string {
  return `${workspacePath(workspace)}/apis/coordination.k8s.io/v1/namespaces/${SYNCER_NAMESPACE}/leases/${encodeURIComponent(name)}`;
}

export class Heartbeat {
  private timer?: NodeJS.Timeout;
  private stopped = false;
  leaseDurationSeconds = DEFAULT_LEASE_DURATION_SECONDS;
  /** Called with the SyncTarget read at each beat. */
  onSyncTarget?: (st: Record<string, any>) => void;

  constructor(
    private readonly hub: KubeClient,
    private readonly workspace: string,
    private readonly target: string,
    private readonly holder: string,
    private readonly log: Logger,
  ) {}

  start(): void {
    void this.beat();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async beat(): Promise<void> {
    if (this.stopped) return;
    try {
      const st = await this.hub.get(syncTargetPath(this.workspace, this.target));
      const d = st?.spec?.leaseDurationSeconds;
      if (typeof d === 'number' && d > 0) this.leaseDurationSeconds = d;
      if (st) this.onSyncTarget?.(st);
      await this.renew();
    } catch (e) {
      this.log.warn({ err: (e as Error).message }, 'heartbeat failed');
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.beat(), this.leaseDurationSeconds * 1000);
    this.timer.unref?.();
  }

  async renew(now = new Date()): Promise<void> {
    const path = leasePath(this.workspace, this.target);
    const spec = { holderIdentity: this.holder, leaseDurationSeconds: this.leaseDurationSeconds, renewTime: microTime(now) };
    try {
      await this.hub.mergePatch(path, { spec });
    } catch (e) {
      if (!isNotFound(e)) throw e;
      await this.hub.create(path.replace(/\/[^/]+$/, ''), {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: this.target, namespace: SYNCER_NAMESPACE },
        spec: { ...spec, acquireTime: microTime(now) },
      });
    }
  }
}
