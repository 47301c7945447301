// Workloads scaled by a HorizontalPodAutoscaler: their spec.replicas belongs to the member's
// autoscaler, so the agent leaves it out of what it applies (otherwise it would undo every scale
// as drift). Known from the autoscalers placed upstream and from their copies on the member (the
// latter after a restart, before any upstream event).

import { KObject } from './client.js';
import { ObjectRef } from './inventory.js';

/** Kinds an autoscaler's scaleTargetRef may name that the agent syncs, with their resource ids. */
export const SCALABLE: Record<string, string> = { Deployment: 'apps/deployments', StatefulSet: 'apps/statefulsets' };

function targetId(cluster: string, namespace: string, kind: string, name: string): string {
  return `${cluster}/${namespace}/${kind}/${name}`;
}

export class ScaleTargets {
  /** Autoscaler ("<cluster>/<namespace>/<name>") → the workload it scales. */
  private readonly byAutoscaler = new Map<string, string>();
  private readonly counts = new Map<string, number>();

  /**
   * Records what an autoscaler scales (undefined: it is gone). Returns the workloads whose
   * scaled state changed, to be applied again.
   */
  set(hpa: ObjectRef, obj: KObject | undefined): Array<{ resourceId: string; ref: ObjectRef }> {
    const key = `${hpa.cluster}/${hpa.namespace}/${hpa.name}`;
    const ref = obj?.spec?.scaleTargetRef;
    const next = ref && SCALABLE[ref.kind] && ref.name ? targetId(hpa.cluster, hpa.namespace, ref.kind, ref.name) : undefined;
    const prev = this.byAutoscaler.get(key);
    if (prev === next) return [];
    const changed: string[] = [];
    if (prev) {
      const n = (this.counts.get(prev) ?? 1) - 1;
      if (n <= 0) {
        this.counts.delete(prev);
        changed.push(prev);
      } else this.counts.set(prev, n);
    }
    if (next) {
      const n = (this.counts.get(next) ?? 0) + 1;
      this.counts.set(next, n);
      if (n === 1) changed.push(next);
      this.byAutoscaler.set(key, next);
    } else this.byAutoscaler.delete(key);
    return changed.map((id) => {
      const [cluster, namespace, kind, ...name] = id.split('/');
      return { resourceId: SCALABLE[kind!]!, ref: { cluster: cluster!, namespace: namespace!, name: name.join('/') } };
    });
  }

  /** True when an autoscaler scales this workload. */
  scaled(kind: string, ref: ObjectRef): boolean {
    return this.counts.has(targetId(ref.cluster, ref.namespace, kind, ref.name));
  }
}
