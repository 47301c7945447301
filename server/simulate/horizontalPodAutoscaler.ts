// HorizontalPodAutoscalers, as with workloads that sit exactly at their metric targets: the
// autoscaler reads its target's scale, reports the targets as the current metric values, and
// changes replicas only to bring them within [minReplicas, maxReplicas] (through the target's
// /scale, as upstream). Conditions and messages are the autoscaler controller's.

import { formatLabelSelector } from '../../apis/machinery/labels.js';
import { timestamp } from '../../apis/registry/meta.js';
import { KObject } from '../../apis/resources/model.js';
import { ObjectKey } from '../../storage/store.js';
import { setConditionInPlace } from './conditions.js';
import { CONTROLLER_MANAGER, SimulationContext, statusStep, updateObject } from './writes.js';

/** Workloads HPAs usually target; a change to their replicas brings their autoscalers back. */
export const SCALE_TARGETS = ['apps/deployments', 'apps/statefulsets', 'apps/replicasets'];

/** The target's scale, or why it could not be read. */
export type TargetScale = { replicas: number } | { error: string };

/** How the autoscaler names a metric in its messages. */
export function metricDescription(m: KObject | undefined): string {
  const utilization = (t: KObject | undefined): boolean => t?.type === 'Utilization';
  switch (m?.type) {
    case 'Resource':
      return `${m.resource?.name} resource${utilization(m.resource?.target) ? ' utilization (percentage of request)' : ''}`;
    case 'ContainerResource':
      return `${m.containerResource?.name} container resource${utilization(m.containerResource?.target) ? ' utilization (percentage of request)' : ''}`;
    case 'Pods':
      return `pods metric ${m.pods?.metric?.name}`;
    case 'Object':
      return `${m.object?.describedObject?.kind} metric ${m.object?.metric?.name}`;
    case 'External':
      return `external metric ${m.external?.metric?.name}(${m.external?.metric?.selector ? formatLabelSelector(m.external.metric.selector) : 'nil'})`;
    default:
      return 'unknown metric';
  }
}

/** A metric target as its current value (MetricValueStatus has the target's value fields). */
function atTarget(target: KObject | undefined): KObject {
  const current: KObject = {};
  for (const k of ['value', 'averageValue', 'averageUtilization']) if (target?.[k] !== undefined) current[k] = target[k];
  return current;
}

/** The current metrics of a workload at its targets. */
export function currentMetrics(metrics: KObject[]): KObject[] {
  const out: KObject[] = [];
  for (const m of metrics) {
    switch (m?.type) {
      case 'Resource':
        out.push({ type: 'Resource', resource: { name: m.resource?.name, current: atTarget(m.resource?.target) } });
        break;
      case 'ContainerResource':
        out.push({ type: 'ContainerResource', containerResource: { name: m.containerResource?.name, container: m.containerResource?.container, current: atTarget(m.containerResource?.target) } });
        break;
      case 'Pods':
        out.push({ type: 'Pods', pods: { metric: m.pods?.metric, current: atTarget(m.pods?.target) } });
        break;
      case 'Object':
        out.push({ type: 'Object', object: { metric: m.object?.metric, current: atTarget(m.object?.target), describedObject: m.object?.describedObject } });
        break;
      case 'External':
        out.push({ type: 'External', external: { metric: m.external?.metric, current: atTarget(m.external?.target) } });
        break;
    }
  }
  return out;
}

/** An autoscaler status in upstream's field order (zero currentReplicas omitted). */
function statusOf(lastScaleTime: string | undefined, current: number | undefined, desired: number, metrics: KObject[], conditions: KObject[]): KObject {
  const status: KObject = {};
  if (lastScaleTime) status.lastScaleTime = lastScaleTime;
  if (current) status.currentReplicas = current;
  status.desiredReplicas = desired;
  if (metrics.length) status.currentMetrics = metrics;
  status.conditions = conditions;
  return status;
}

/** The autoscaler's status, and the replicas to scale its target to (when they must change). */
export function autoscalerStatus(hpa: KObject, target: TargetScale, now: string): { status: KObject; scaleTo?: number } {
  const prev: KObject = hpa.status ?? {};
  let conditions: KObject[] = Array.isArray(prev.conditions) ? prev.conditions : [];
  const set = (type: string, status: 'True' | 'False', reason: string, message: string): void => {
    conditions = setConditionInPlace(conditions, { type, status, reason, message }, now);
  };
  if ('error' in target) {
    set('AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${target.error}`);
    return { status: statusOf(prev.lastScaleTime, prev.currentReplicas, prev.desiredReplicas ?? 0, [], conditions) };
  }
  const current = target.replicas;
  const min = typeof hpa.spec?.minReplicas === 'number' ? hpa.spec.minReplicas : 1;
  const max = Number(hpa.spec?.maxReplicas ?? current);
  if (current === 0 && min !== 0) {
    set('AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale");
    set('ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero');
    return { status: statusOf(prev.lastScaleTime, 0, 0, [], conditions) };
  }
  const desired = Math.min(Math.max(current, min), max);
  const metrics: KObject[] = Array.isArray(hpa.spec?.metrics) ? hpa.spec.metrics : [];
  if (desired !== current) set('AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`);
  else set('AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size');
  set('ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${metricDescription(metrics[0])}`);
  if (current < min) set('ScalingLimited', 'True', 'TooFewReplicas', 'the desired replica count is less than the minimum replica count');
  else if (current > max) set('ScalingLimited', 'True', 'TooManyReplicas', 'the desired replica count is more than the maximum replica count');
  else set('ScalingLimited', 'False', 'DesiredWithinRange', 'the desired count is within the acceptable range');
  const scaled = desired !== current;
  return {
    status: statusOf(scaled ? now : prev.lastScaleTime, current, desired, currentMetrics(metrics), conditions),
    scaleTo: scaled ? desired : undefined,
  };
}

/** The target's storage key and /scale paths, from scaleTargetRef. */
function targetOf(ctx: SimulationContext, key: ObjectKey, ref: KObject): { key: ObjectKey; replicasPath: string } | { error: string } {
  const [group, version] = String(ref?.apiVersion ?? '').includes('/') ? String(ref.apiVersion).split('/') : ['', String(ref?.apiVersion ?? '')];
  const catalogue = ctx.workspaces.catalogue(key.cluster);
  const r = catalogue.byKind(group, version, String(ref?.kind ?? ''));
  if (!r || !r.scale) return { error: `no matches for kind "${ref?.kind}" in group "${group}"` };
  return { key: { cluster: key.cluster, resource: r.storageKey, namespace: key.namespace, name: String(ref?.name ?? '') }, replicasPath: r.scale.specReplicasPath };
}

const readPath = (obj: KObject, path: string): unknown => path.replace(/^\./, '').split('.').reduce<any>((o, k) => (o && typeof o === 'object' ? o[k] : undefined), obj);

export async function syncHorizontalPodAutoscaler(ctx: SimulationContext, key: ObjectKey): Promise<boolean> {
  const hpa = (await ctx.store.get(key))?.object;
  if (!hpa || hpa.metadata?.deletionTimestamp) return true;
  const t = targetOf(ctx, key, hpa.spec?.scaleTargetRef);
  let scale: TargetScale;
  if ('error' in t) scale = t;
  else {
    const obj = (await ctx.store.get(t.key))?.object;
    const group = t.key.resource.split('/')[0];
    scale = obj ? { replicas: Number(readPath(obj, t.replicasPath) ?? 0) } : { error: `${t.key.resource.split('/')[1]}${group ? `.${group}` : ''} "${t.key.name}" not found` };
  }
  const { status, scaleTo } = autoscalerStatus(hpa, scale, timestamp(ctx.now()));
  if (scaleTo !== undefined && !('error' in t)) {
    const path = t.replicasPath.replace(/^\./, '').split('.');
    await updateObject(ctx, t.key, CONTROLLER_MANAGER, [{
      target: 'scale',
      build: (cur) => {
        const next = structuredClone(cur);
        let o = next;
        for (const k of path.slice(0, -1)) o = o[k] ??= {};
        o[path[path.length - 1]] = scaleTo;
        return next;
      },
    }]);
  }
  await updateObject(ctx, key, CONTROLLER_MANAGER, [statusStep(() => status)], (cur) => cur.metadata?.uid === hpa.metadata.uid);
  return true;
}
