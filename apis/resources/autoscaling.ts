// The autoscaling HorizontalPodAutoscaler resources, v2 (preferred, and the storage version) and
// v1. Discovery facts, the HPA printer columns (computed on the v2 form, as upstream prints the
// internal object), upstream defaulting, and the v1 <-> v2 conversion of pkg/apis/autoscaling/v1:
// v1 carries only a CPU utilization target, and keeps every other metric, the current metrics, the
// conditions and the scaling behaviour in round-trip annotations.

import { cloneJson } from '../machinery/jsonEqual.js';
import { canonicalQuantity } from '../machinery/quantity.js';
import { age, name } from './columns.js';
import { ColumnDef, KObject, ResourceDef, STANDARD_VERBS, StorageDef } from './model.js';
import { validators } from '../validation/index.js';

/** Annotations in which a v1 HPA keeps what it cannot express (pkg/apis/autoscaling annotations.go). */
export const HPA_METRICS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/metrics';
export const HPA_CURRENT_METRICS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/current-metrics';
export const HPA_CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions';
export const HPA_BEHAVIOR_ANNOTATION = 'autoscaling.alpha.kubernetes.io/behavior';
const ROUND_TRIP_ANNOTATIONS = [HPA_METRICS_ANNOTATION, HPA_BEHAVIOR_ANNOTATION, HPA_CURRENT_METRICS_ANNOTATION, HPA_CONDITIONS_ANNOTATION];

/** The CPU utilization target v1 (and a v2 HPA without metrics) gets by default. */
export const DEFAULT_CPU_UTILIZATION = 80;

// ---- shared helpers ----

const isObject = (v: unknown): v is KObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): KObject[] => (Array.isArray(v) ? v.filter(isObject) : []);
const unset = (v: unknown): boolean => v === undefined || v === null;

/** Ensures obj[key] is an object and returns it. */
function child(obj: KObject, key: string): KObject {
  if (!isObject(obj[key])) obj[key] = {};
  return obj[key];
}

/** Drops undefined members, so objects read like Go's JSON with omitempty. */
function compact(o: KObject): KObject {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/** A Quantity as Go writes it: canonical, and "0" for the zero value. */
const quantity = (q: unknown): string => (unset(q) || q === '' ? '0' : canonicalQuantity(String(q)) ?? String(q));
/** An optional Quantity: canonical when present. */
const optQuantity = (q: unknown): string | undefined => (unset(q) ? undefined : quantity(q));
/** An optional scalar (Go pointer with omitempty). */
const opt = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/** Go's json.Marshal of a struct-shaped value: keys in the given order, HTML-safe escapes. */
function goJson(v: unknown): string {
  return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A LabelSelector as Go writes it (matchLabels keys sorted), undefined when absent. */
function selector(sel: unknown): KObject | undefined {
  if (!isObject(sel)) return undefined;
  const out: KObject = {};
  if (isObject(sel.matchLabels)) {
    const ml: KObject = {};
    for (const k of Object.keys(sel.matchLabels).sort()) ml[k] = sel.matchLabels[k];
    if (Object.keys(ml).length) out.matchLabels = ml;
  }
  if (Array.isArray(sel.matchExpressions) && sel.matchExpressions.length) {
    out.matchExpressions = list(sel.matchExpressions).map((e) => compact({ key: e.key ?? '', operator: e.operator ?? '', values: opt(e.values) }));
  }
  return out;
}

/** A CrossVersionObjectReference (kind and name always written). */
const objectRef = (r: unknown): KObject => {
  const o = isObject(r) ? r : {};
  return compact({ kind: o.kind ?? '', name: o.name ?? '', apiVersion: o.apiVersion || undefined });
};

/** JSON.parse that returns undefined on bad input (upstream ignores undecodable annotations). */
function parse(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Reads a member the way Go's decoder matches struct fields: exact name first, then case-insensitively. */
function member(o: KObject, key: string): unknown {
  if (key in o) return o[key];
  const lower = key.toLowerCase();
  const k = Object.keys(o).find((x) => x.toLowerCase() === lower);
  return k === undefined ? undefined : o[k];
}

const isCpuUtilization = (m: KObject): boolean =>
  m.type === 'Resource' && isObject(m.resource) && m.resource.name === 'cpu' && !unset(m.resource.target?.averageUtilization);

const cpuUtilizationMetric = (percent: number): KObject => ({
  type: 'Resource',
  resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: percent } },
});

// ---- metric conversion: v2 (internal) -> v1 annotation form ----

function metricSpecToV1(m: KObject): KObject {
  const out: KObject = { type: m.type ?? '' };
  if (isObject(m.object)) {
    const s = m.object;
    out.object = compact({
      target: objectRef(s.describedObject),
      metricName: s.metric?.name ?? '',
      targetValue: quantity(s.target?.value),
      selector: selector(s.metric?.selector),
      averageValue: optQuantity(s.target?.averageValue),
    });
  }
  if (isObject(m.pods)) {
    const s = m.pods;
    out.pods = compact({ metricName: s.metric?.name ?? '', targetAverageValue: quantity(s.target?.averageValue), selector: selector(s.metric?.selector) });
  }
  if (isObject(m.resource)) {
    const s = m.resource;
    out.resource = compact({
      name: s.name ?? '', targetAverageUtilization: opt(s.target?.averageUtilization), targetAverageValue: optQuantity(s.target?.averageValue),
    });
  }
  if (isObject(m.containerResource)) {
    const s = m.containerResource;
    out.containerResource = compact({
      name: s.name ?? '', targetAverageUtilization: opt(s.target?.averageUtilization), targetAverageValue: optQuantity(s.target?.averageValue),
      container: s.container ?? '',
    });
  }
  if (isObject(m.external)) {
    const s = m.external;
    out.external = compact({
      metricName: s.metric?.name ?? '', metricSelector: selector(s.metric?.selector),
      targetValue: optQuantity(s.target?.value), targetAverageValue: optQuantity(s.target?.averageValue),
    });
  }
  return out;
}

function metricStatusToV1(m: KObject): KObject {
  const out: KObject = { type: m.type ?? '' };
  if (isObject(m.object)) {
    const s = m.object;
    out.object = compact({
      target: objectRef(s.describedObject), metricName: s.metric?.name ?? '', currentValue: quantity(s.current?.value),
      selector: selector(s.metric?.selector), averageValue: optQuantity(s.current?.averageValue),
    });
  }
  if (isObject(m.pods)) {
    const s = m.pods;
    out.pods = compact({ metricName: s.metric?.name ?? '', currentAverageValue: quantity(s.current?.averageValue), selector: selector(s.metric?.selector) });
  }
  if (isObject(m.resource)) {
    const s = m.resource;
    out.resource = compact({
      name: s.name ?? '', currentAverageUtilization: opt(s.current?.averageUtilization), currentAverageValue: quantity(s.current?.averageValue),
    });
  }
  if (isObject(m.containerResource)) {
    const s = m.containerResource;
    out.containerResource = compact({
      name: s.name ?? '', currentAverageUtilization: opt(s.current?.averageUtilization), currentAverageValue: quantity(s.current?.averageValue),
      container: s.container ?? '',
    });
  }
  if (isObject(m.external)) {
    const s = m.external;
    out.external = compact({
      metricName: s.metric?.name ?? '', metricSelector: selector(s.metric?.selector),
      currentValue: quantity(s.current?.value), currentAverageValue: optQuantity(s.current?.averageValue),
    });
  }
  return out;
}

const conditionToV1 = (c: KObject): KObject =>
  compact({ type: c.type ?? '', status: c.status ?? '', lastTransitionTime: c.lastTransitionTime ?? null, reason: c.reason || undefined, message: c.message || undefined });

/** The scaling behaviour as upstream writes it into the annotation: the internal type, Go field names. */
function behaviorToAnnotation(b: KObject): KObject {
  const rules = (r: unknown): KObject | null => {
    if (!isObject(r)) return null;
    return {
      StabilizationWindowSeconds: r.stabilizationWindowSeconds ?? null,
      SelectPolicy: r.selectPolicy ?? null,
      Policies: Array.isArray(r.policies) ? list(r.policies).map((p) => ({ Type: p.type ?? '', Value: p.value ?? 0, PeriodSeconds: p.periodSeconds ?? 0 })) : null,
      Tolerance: unset(r.tolerance) ? null : quantity(r.tolerance),
    };
  };
  return { ScaleUp: rules(b.scaleUp), ScaleDown: rules(b.scaleDown) };
}

// ---- metric conversion: v1 annotation form -> v2 ----

const identifier = (nameValue: unknown, sel: unknown): KObject => compact({ name: nameValue ?? '', selector: isObject(sel) ? sel : undefined });

function metricSpecFromV1(m: KObject): KObject {
  const out: KObject = { type: m.type ?? '' };
  if (isObject(m.object)) {
    const s = m.object;
    out.object = {
      describedObject: objectRef(s.target),
      target: compact({ type: unset(s.averageValue) ? 'Value' : 'AverageValue', value: quantity(s.targetValue), averageValue: optQuantity(s.averageValue) }),
      metric: identifier(s.metricName, s.selector),
    };
  }
  if (isObject(m.pods)) {
    const s = m.pods;
    out.pods = { metric: identifier(s.metricName, s.selector), target: { type: 'AverageValue', averageValue: quantity(s.targetAverageValue) } };
  }
  if (isObject(m.resource)) {
    const s = m.resource;
    out.resource = {
      name: s.name ?? '',
      target: compact({
        type: unset(s.targetAverageUtilization) ? 'AverageValue' : 'Utilization',
        averageValue: optQuantity(s.targetAverageValue), averageUtilization: opt(s.targetAverageUtilization),
      }),
    };
  }
  if (isObject(m.containerResource)) {
    const s = m.containerResource;
    out.containerResource = {
      name: s.name ?? '',
      target: compact({
        type: unset(s.targetAverageUtilization) ? 'AverageValue' : 'Utilization',
        averageValue: optQuantity(s.targetAverageValue), averageUtilization: opt(s.targetAverageUtilization),
      }),
      container: s.container ?? '',
    };
  }
  if (isObject(m.external)) {
    const s = m.external;
    out.external = {
      metric: identifier(s.metricName, s.metricSelector),
      target: compact({
        type: unset(s.targetAverageValue) ? 'Value' : 'AverageValue', value: optQuantity(s.targetValue), averageValue: optQuantity(s.targetAverageValue),
      }),
    };
  }
  return out;
}

function metricStatusFromV1(m: KObject): KObject {
  const out: KObject = { type: m.type ?? '' };
  if (isObject(m.object)) {
    const s = m.object;
    out.object = {
      metric: identifier(s.metricName, s.selector),
      current: compact({ value: quantity(s.currentValue), averageValue: optQuantity(s.averageValue) }),
      describedObject: objectRef(s.target),
    };
  }
  if (isObject(m.pods)) {
    const s = m.pods;
    out.pods = { metric: identifier(s.metricName, s.selector), current: { averageValue: quantity(s.currentAverageValue) } };
  }
  if (isObject(m.resource)) {
    const s = m.resource;
    out.resource = { name: s.name ?? '', current: compact({ averageValue: quantity(s.currentAverageValue), averageUtilization: opt(s.currentAverageUtilization) }) };
  }
  if (isObject(m.containerResource)) {
    const s = m.containerResource;
    out.containerResource = {
      name: s.name ?? '',
      current: compact({ averageValue: quantity(s.currentAverageValue), averageUtilization: opt(s.currentAverageUtilization) }),
      container: s.container ?? '',
    };
  }
  if (isObject(m.external)) {
    const s = m.external;
    out.external = {
      metric: identifier(s.metricName, s.metricSelector),
      current: compact({ value: quantity(s.currentValue), averageValue: optQuantity(s.currentAverageValue) }),
    };
  }
  return out;
}

const conditionFromV1 = (c: KObject): KObject =>
  compact({ type: c.type ?? '', status: c.status ?? '', lastTransitionTime: opt(c.lastTransitionTime), reason: c.reason || undefined, message: c.message || undefined });

/** The behaviour annotation back to v2 form; undefined when it is empty (all members unset). */
function behaviorFromAnnotation(b: unknown): KObject | undefined {
  if (!isObject(b)) return undefined;
  const rules = (r: unknown): KObject | undefined => {
    if (!isObject(r)) return undefined;
    const policies = member(r, 'Policies');
    return compact({
      stabilizationWindowSeconds: opt(member(r, 'StabilizationWindowSeconds') as number | null),
      selectPolicy: opt(member(r, 'SelectPolicy') as string | null),
      policies: Array.isArray(policies)
        ? list(policies).map((p) => ({ type: member(p, 'Type') ?? '', value: member(p, 'Value') ?? 0, periodSeconds: member(p, 'PeriodSeconds') ?? 0 }))
        : undefined,
      tolerance: optQuantity(member(r, 'Tolerance')),
    });
  };
  const out = compact({ scaleUp: rules(member(b, 'ScaleUp')), scaleDown: rules(member(b, 'ScaleDown')) });
  return Object.keys(out).length ? out : undefined;
}

// ---- whole-object conversion ----

/** Removes the round-trip annotations (and an annotations map left empty). */
function dropRoundTripAnnotations(meta: KObject): void {
  if (!isObject(meta.annotations)) return;
  if (!ROUND_TRIP_ANNOTATIONS.some((k) => k in meta.annotations)) return;
  for (const k of ROUND_TRIP_ANNOTATIONS) delete meta.annotations[k];
  if (Object.keys(meta.annotations).length === 0) delete meta.annotations;
}

/** An autoscaling/v2 HPA as autoscaling/v1 (Convert_autoscaling_HorizontalPodAutoscaler_To_v1_...). */
export function hpaV2ToV1(obj: KObject): KObject {
  const out = cloneJson(obj);
  out.apiVersion = 'autoscaling/v1';
  const spec = isObject(obj.spec) ? obj.spec : {};
  const metrics = list(spec.metrics);
  const cpu = metrics.find(isCpuUtilization);
  if (isObject(obj.spec)) {
    out.spec = compact({
      scaleTargetRef: objectRef(spec.scaleTargetRef),
      minReplicas: opt(spec.minReplicas),
      maxReplicas: spec.maxReplicas ?? 0,
      targetCPUUtilizationPercentage: cpu ? cpu.resource.target.averageUtilization : undefined,
    });
  }
  const status = isObject(obj.status) ? obj.status : undefined;
  const current = list(status?.currentMetrics);
  const conditions = list(status?.conditions);
  if (status) {
    let currentCpu: number | undefined;
    for (const m of current) {
      if (m.type === 'Resource' && m.resource?.name === 'cpu' && !unset(m.resource?.current?.averageUtilization)) currentCpu = m.resource.current.averageUtilization;
    }
    out.status = compact({
      observedGeneration: opt(status.observedGeneration),
      lastScaleTime: opt(status.lastScaleTime),
      currentReplicas: status.currentReplicas ?? 0,
      desiredReplicas: status.desiredReplicas ?? 0,
      currentCPUUtilizationPercentage: currentCpu,
    });
  }
  const meta = child(out, 'metadata');
  dropRoundTripAnnotations(meta);
  const extra: Record<string, string> = {};
  const others = metrics.filter((m) => !isCpuUtilization(m));
  if (others.length) extra[HPA_METRICS_ANNOTATION] = goJson(others.map(metricSpecToV1));
  if (current.length) extra[HPA_CURRENT_METRICS_ANNOTATION] = goJson(current.map(metricStatusToV1));
  if (isObject(spec.behavior)) extra[HPA_BEHAVIOR_ANNOTATION] = goJson(behaviorToAnnotation(spec.behavior));
  if (conditions.length) extra[HPA_CONDITIONS_ANNOTATION] = goJson(conditions.map(conditionToV1));
  if (Object.keys(extra).length) meta.annotations = { ...(isObject(meta.annotations) ? meta.annotations : {}), ...extra };
  return out;
}

/**
 * An autoscaling/v1 HPA as autoscaling/v2 (Convert_v1_HorizontalPodAutoscaler_To_autoscaling_...):
 * the CPU target becomes a Resource metric placed after the annotation's other metrics, the
 * implicit 80% CPU target is made explicit, the round-trip annotations are consumed, and the v2
 * defaults are applied (as upstream does when it reads the stored object back).
 */
export function hpaV1ToV2(obj: KObject): KObject {
  const out = cloneJson(obj);
  out.apiVersion = 'autoscaling/v2';
  const annotations = isObject(obj.metadata?.annotations) ? obj.metadata.annotations : {};
  const spec = isObject(obj.spec) ? obj.spec : {};
  const metrics: KObject[] = [];
  const other = parse(annotations[HPA_METRICS_ANNOTATION]);
  if (Array.isArray(other)) metrics.push(...list(other).map(metricSpecFromV1));
  if (!unset(spec.targetCPUUtilizationPercentage)) metrics.push(cpuUtilizationMetric(spec.targetCPUUtilizationPercentage));
  if (metrics.length === 0) metrics.push(cpuUtilizationMetric(DEFAULT_CPU_UTILIZATION));
  const behavior = behaviorFromAnnotation(parse(annotations[HPA_BEHAVIOR_ANNOTATION]));
  out.spec = compact({
    scaleTargetRef: objectRef(spec.scaleTargetRef),
    minReplicas: opt(spec.minReplicas),
    maxReplicas: spec.maxReplicas ?? 0,
    metrics,
    behavior,
  });

  const status = isObject(obj.status) ? obj.status : undefined;
  const currentAnnotation = parse(annotations[HPA_CURRENT_METRICS_ANNOTATION]);
  const conditionsAnnotation = parse(annotations[HPA_CONDITIONS_ANNOTATION]);
  if (status || Array.isArray(currentAnnotation) || Array.isArray(conditionsAnnotation)) {
    const s = status ?? {};
    let current: KObject[] | undefined;
    if (!unset(s.currentCPUUtilizationPercentage)) {
      current = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: s.currentCPUUtilizationPercentage } } }];
    }
    if (Array.isArray(currentAnnotation)) current = list(currentAnnotation).map(metricStatusFromV1);
    out.status = compact({
      observedGeneration: opt(s.observedGeneration),
      lastScaleTime: opt(s.lastScaleTime),
      currentReplicas: opt(s.currentReplicas),
      desiredReplicas: s.desiredReplicas ?? 0,
      currentMetrics: current,
      conditions: Array.isArray(conditionsAnnotation) ? list(conditionsAnnotation).map(conditionFromV1) : undefined,
    });
  }
  dropRoundTripAnnotations(child(out, 'metadata'));
  defaultHPAv2(out);
  return out;
}

// ---- defaulting ----

/** The default rules for scaling up: no stabilization, the larger of 4 pods or 100% per 15s. */
const defaultScaleUp = (): KObject => ({
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }],
});

/** The default rules for scaling down: 100% per 15s (the window comes from the controller's flag). */
const defaultScaleDown = (): KObject => ({ selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] });

/** GenerateHPAScale{Up,Down}Rules: the defaults, overridden by every member the user set. */
function scalingRules(from: unknown, defaults: KObject): KObject {
  if (!isObject(from)) return defaults;
  const out = { ...defaults };
  if (!unset(from.selectPolicy)) out.selectPolicy = from.selectPolicy;
  if (!unset(from.stabilizationWindowSeconds)) out.stabilizationWindowSeconds = from.stabilizationWindowSeconds;
  if (!unset(from.policies)) out.policies = from.policies;
  if (!unset(from.tolerance)) out.tolerance = from.tolerance;
  return out;
}

/** SetDefaults_HorizontalPodAutoscaler of autoscaling/v2: minReplicas 1, an 80% CPU target, behavior filled in. */
export function defaultHPAv2(obj: KObject): void {
  const spec = child(obj, 'spec');
  if (unset(spec.minReplicas)) spec.minReplicas = 1;
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) spec.metrics = [cpuUtilizationMetric(DEFAULT_CPU_UTILIZATION)];
  if (isObject(spec.behavior)) {
    spec.behavior.scaleUp = scalingRules(spec.behavior.scaleUp, defaultScaleUp());
    spec.behavior.scaleDown = scalingRules(spec.behavior.scaleDown, defaultScaleDown());
  }
}

/** SetDefaults_HorizontalPodAutoscaler of autoscaling/v1: minReplicas 1 (the CPU target is added by conversion). */
export function defaultHPAv1(obj: KObject): void {
  const spec = child(obj, 'spec');
  if (unset(spec.minReplicas)) spec.minReplicas = 1;
}

// ---- printer ----

/** A Quantity as printed (Quantity.String()), "<nil>" when absent. */
const printQuantity = (q: unknown): string => (unset(q) || q === '' ? '<nil>' : canonicalQuantity(String(q)) ?? String(q));

/** The TARGETS column (formatHPAMetrics): "cpu: 40%/80%", "<unknown>/500m (avg)", ... at most two, then "+ N more...". */
export function formatHPAMetrics(specs: unknown, statuses: unknown): string {
  const ms = list(specs);
  const st = Array.isArray(statuses) ? statuses : [];
  if (ms.length === 0) return '<none>';
  const out: string[] = [];
  ms.forEach((spec, i) => {
    const status = isObject(st[i]) ? st[i] : {};
    switch (spec.type) {
      case 'External': {
        const t = spec.external?.target ?? {};
        const cur = status.external;
        if (!unset(t.averageValue)) {
          const current = isObject(cur) && !unset(cur.current?.averageValue) ? printQuantity(cur.current.averageValue) : '<unknown>';
          out.push(`${current}/${printQuantity(t.averageValue)} (avg)`);
        } else {
          const current = isObject(cur) ? printQuantity(cur.current?.value) : '<unknown>';
          out.push(`${current}/${printQuantity(t.value)}`);
        }
        break;
      }
      case 'Pods': {
        const cur = status.pods;
        const current = isObject(cur) ? printQuantity(cur.current?.averageValue) : '<unknown>';
        out.push(`${current}/${printQuantity(spec.pods?.target?.averageValue)}`);
        break;
      }
      case 'Object': {
        const t = spec.object?.target ?? {};
        const cur = status.object;
        if (!unset(t.averageValue)) {
          const current = isObject(cur) && !unset(cur.current?.averageValue) ? printQuantity(cur.current.averageValue) : '<unknown>';
          out.push(`${current}/${printQuantity(t.averageValue)} (avg)`);
        } else {
          const current = isObject(cur) ? printQuantity(cur.current?.value) : '<unknown>';
          out.push(`${current}/${printQuantity(t.value)}`);
        }
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const key = spec.type === 'Resource' ? 'resource' : 'containerResource';
        const src = spec[key] ?? {};
        const t = src.target ?? {};
        const cur = status[key];
        if (!unset(t.averageValue)) {
          const current = isObject(cur) ? printQuantity(cur.current?.averageValue) : '<unknown>';
          out.push(`${src.name ?? ''}: ${current}/${printQuantity(t.averageValue)}`);
        } else {
          const current = isObject(cur) && !unset(cur.current?.averageUtilization) ? `${cur.current.averageUtilization}%` : '<unknown>';
          const target = unset(t.averageUtilization) ? '<auto>' : `${t.averageUtilization}%`;
          out.push(`${src.name ?? ''}: ${current}/${target}`);
        }
        break;
      }
      default:
        out.push('<unknown type>');
    }
  });
  const max = 2;
  if (out.length > max) return `${out.slice(0, max).join(', ')} + ${out.length - max} more...`;
  return out.join(', ');
}

/** The HPA columns, reading each object through `asV2` (identity for v2, the conversion for v1). */
function hpaColumns(asV2: (o: KObject) => KObject): ColumnDef[] {
  return [
    name(),
    { name: 'Reference', type: 'string', description: 'The scaled object, as Kind/name.', cell: (o) => `${o.spec?.scaleTargetRef?.kind ?? ''}/${o.spec?.scaleTargetRef?.name ?? ''}` },
    {
      name: 'Targets', type: 'string', description: 'Current and target value of each metric.',
      cell: (o) => {
        const v2 = asV2(o);
        return formatHPAMetrics(v2.spec?.metrics, v2.status?.currentMetrics);
      },
    },
    { name: 'MinPods', type: 'string', description: 'Lower bound on replicas.', cell: (o) => (unset(o.spec?.minReplicas) ? '<unset>' : String(o.spec.minReplicas)) },
    { name: 'MaxPods', type: 'string', description: 'Upper bound on replicas.', cell: (o) => (typeof o.spec?.maxReplicas === 'number' ? o.spec.maxReplicas : 0) },
    { name: 'Replicas', type: 'string', description: 'Replicas the target had when last observed.', cell: (o) => (typeof o.status?.currentReplicas === 'number' ? o.status.currentReplicas : 0) },
    age(),
  ];
}

// ---- resources ----

const HPA_STORAGE = { resource: 'autoscaling/horizontalpodautoscalers', version: 'autoscaling/v2' };

const v2Storage: StorageDef = { ...HPA_STORAGE, fromStorage: (o) => o, toStorage: (o) => o };
const v1Storage: StorageDef = { ...HPA_STORAGE, fromStorage: hpaV2ToV1, toStorage: hpaV1ToV2 };

const HPA = {
  group: 'autoscaling', kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', singular: 'horizontalpodautoscaler',
  namespaced: true, status: true,
};

/** v2 first: it is the preferred version of the group. */
export const resources: ResourceDef[] = [
  {
    ...HPA, version: 'v2', type: 'autoscaling/v2:HorizontalPodAutoscaler', verbs: STANDARD_VERBS, shortNames: ['hpa'], categories: ['all'], nameRule: 'subdomain',
    columns: hpaColumns((o) => o), strategy: { defaults: defaultHPAv2, validate: validators.HorizontalPodAutoscaler }, storage: v2Storage,
  },
  {
    ...HPA, version: 'v1', type: 'autoscaling/v1:HorizontalPodAutoscaler', verbs: STANDARD_VERBS, shortNames: ['hpa'], categories: ['all'], nameRule: 'subdomain',
    columns: hpaColumns(hpaV1ToV2), strategy: {
      defaults: defaultHPAv1,
      // Upstream validates the internal (v2-shaped) object.
      validate: (obj, old) => validators.HorizontalPodAutoscaler(hpaV1ToV2(obj), old && hpaV1ToV2(old)),
    }, storage: v1Storage,
  },
];

