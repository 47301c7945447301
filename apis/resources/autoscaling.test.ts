import { describe, expect, it } from 'vitest';
import { KObject, ResourceDef, STANDARD_VERBS } from './model.js';
import {
  HPA_BEHAVIOR_ANNOTATION, HPA_CONDITIONS_ANNOTATION, HPA_CURRENT_METRICS_ANNOTATION, HPA_METRICS_ANNOTATION,
  formatHPAMetrics, hpaV1ToV2, hpaV2ToV1, resources,
} from './autoscaling.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

const v2 = resources.find((r) => r.version === 'v2') as ResourceDef;
const v1 = resources.find((r) => r.version === 'v1') as ResourceDef;

const row = (r: ResourceDef, obj: KObject): unknown[] => r.columns!.map((c) => c.cell(obj, NOW));

function defaulted(r: ResourceDef, obj: KObject): KObject {
  const copy = structuredClone(obj);
  r.strategy!.defaults!(copy);
  return copy;
}

const target = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };
const meta = { name: 'web', namespace: 'team', uid: 'u-1', creationTimestamp: ago(600) };

/** A v2 HPA using every metric kind, in the order a v1 round trip keeps (CPU utilization last). */
const full: KObject = {
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
  metadata: { ...meta, annotations: { owner: 'team-a' } },
  spec: {
    scaleTargetRef: target, minReplicas: 2, maxReplicas: 10,
    metrics: [
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '512Mi' } } },
      { type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '100' } } },
      {
        type: 'Object',
        object: {
          describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'main' },
          target: { type: 'Value', value: '2k' },
          metric: { name: 'requests', selector: { matchLabels: { path: 'api' } } },
        },
      },
      { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'AverageValue', averageValue: '30' } } },
      { type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', target: { type: 'AverageValue', averageValue: '250m' } } },
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
    ],
    behavior: {
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
      scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Min', policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }] },
    },
  },
  status: {
    observedGeneration: 3, lastScaleTime: ago(100), currentReplicas: 3, desiredReplicas: 4,
    currentMetrics: [
      { type: 'Resource', resource: { name: 'memory', current: { averageValue: '300Mi', averageUtilization: 40 } } },
      { type: 'Pods', pods: { metric: { name: 'rps' }, current: { averageValue: '80' } } },
      { type: 'Resource', resource: { name: 'cpu', current: { averageValue: '120m', averageUtilization: 45 } } },
    ],
    conditions: [
      { type: 'AbleToScale', status: 'True', lastTransitionTime: ago(500), reason: 'ReadyForNewScale', message: 'recommended size matches current size' },
      { type: 'ScalingActive', status: 'True', lastTransitionTime: ago(400), reason: 'ValidMetricFound' },
    ],
  },
};

describe('autoscaling discovery facts', () => {
  it('serves horizontalpodautoscalers in v2 (preferred) and v1, stored as v2', () => {
    expect(resources.map((r) => r.version)).toEqual(['v2', 'v1']);
    for (const r of resources) {
      expect(r).toMatchObject({
        group: 'autoscaling', kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', singular: 'horizontalpodautoscaler',
        namespaced: true, shortNames: ['hpa'], categories: ['all'], status: true, type: `autoscaling/${r.version}:HorizontalPodAutoscaler`,
      });
      expect(r.verbs).toEqual(STANDARD_VERBS);
      expect(r.storage).toMatchObject({ resource: 'autoscaling/horizontalpodautoscalers', version: 'autoscaling/v2' });
    }
  });
});

describe('HPA defaults', () => {
  it('v2: minReplicas 1, an 80% CPU target, behavior filled in', () => {
    const d = defaulted(v2, { spec: { scaleTargetRef: target, maxReplicas: 5 } });
    expect(d.spec.minReplicas).toBe(1);
    expect(d.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    expect(d.spec.behavior).toBeUndefined();
    const b = defaulted(v2, { spec: { maxReplicas: 5, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } } });
    expect(b.spec.behavior).toEqual({
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
      scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
  });

  it('v1: minReplicas 1; the CPU target is made explicit by conversion', () => {
    const d = defaulted(v1, { apiVersion: 'autoscaling/v1', metadata: meta, spec: { scaleTargetRef: target, maxReplicas: 5 } });
    expect(d.spec).toEqual({ scaleTargetRef: target, minReplicas: 1, maxReplicas: 5 });
    const stored = v1.storage!.toStorage(d);
    expect(stored.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    expect(v1.storage!.fromStorage(stored).spec).toEqual({ scaleTargetRef: target, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 80 });
  });
});

describe('HPA v1 <-> v2 conversion', () => {
  it('v2 -> v1 keeps the CPU target in spec and the rest in annotations', () => {
    const out = hpaV2ToV1(full);
    expect(out.apiVersion).toBe('autoscaling/v1');
    expect(out.spec).toEqual({ scaleTargetRef: target, minReplicas: 2, maxReplicas: 10, targetCPUUtilizationPercentage: 60 });
    expect(out.status).toEqual({ observedGeneration: 3, lastScaleTime: ago(100), currentReplicas: 3, desiredReplicas: 4, currentCPUUtilizationPercentage: 45 });
    const a = out.metadata.annotations;
    expect(a.owner).toBe('team-a');
    expect(a[HPA_METRICS_ANNOTATION]).toBe(
      '[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"512Mi"}},' +
      '{"type":"Pods","pods":{"metricName":"rps","targetAverageValue":"100"}},' +
      '{"type":"Object","object":{"target":{"kind":"Ingress","name":"main","apiVersion":"networking.k8s.io/v1"},"metricName":"requests","targetValue":"2k","selector":{"matchLabels":{"path":"api"}}}},' +
      '{"type":"External","external":{"metricName":"queue","targetAverageValue":"30"}},' +
      '{"type":"ContainerResource","containerResource":{"name":"cpu","targetAverageValue":"250m","container":"app"}}]',
    );
    expect(a[HPA_CURRENT_METRICS_ANNOTATION]).toBe(
      '[{"type":"Resource","resource":{"name":"memory","currentAverageUtilization":40,"currentAverageValue":"300Mi"}},' +
      '{"type":"Pods","pods":{"metricName":"rps","currentAverageValue":"80"}},' +
      '{"type":"Resource","resource":{"name":"cpu","currentAverageUtilization":45,"currentAverageValue":"120m"}}]',
    );
    expect(JSON.parse(a[HPA_BEHAVIOR_ANNOTATION])).toEqual({
      ScaleUp: { StabilizationWindowSeconds: 0, SelectPolicy: 'Max', Policies: [{ Type: 'Pods', Value: 4, PeriodSeconds: 15 }, { Type: 'Percent', Value: 100, PeriodSeconds: 15 }], Tolerance: null },
      ScaleDown: { StabilizationWindowSeconds: 300, SelectPolicy: 'Min', Policies: [{ Type: 'Percent', Value: 10, PeriodSeconds: 60 }], Tolerance: null },
    });
    expect(JSON.parse(a[HPA_CONDITIONS_ANNOTATION])).toEqual(full.status.conditions);
    expect(full.metadata.annotations).toEqual({ owner: 'team-a' }); // input untouched
  });

  it('round-trips v2 -> v1 -> v2 without loss', () => {
    expect(hpaV1ToV2(hpaV2ToV1(full))).toEqual(full);
  });

  it('v1 -> v2 puts the CPU target after the annotation metrics and drops the annotations', () => {
    const v1obj = {
      apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler',
      metadata: { ...meta, annotations: { [HPA_METRICS_ANNOTATION]: '[{"type":"Pods","pods":{"metricName":"rps","targetAverageValue":"0.5"}}]' } },
      spec: { scaleTargetRef: target, minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 70 },
      status: { currentReplicas: 1, desiredReplicas: 1, currentCPUUtilizationPercentage: 20 },
    };
    const out = hpaV1ToV2(v1obj);
    expect(out.metadata.annotations).toBeUndefined();
    expect(out.spec.metrics).toEqual([
      { type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '500m' } } },
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
    ]);
    expect(out.status).toEqual({
      currentReplicas: 1, desiredReplicas: 1,
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 20 } } }],
    });
    // a bad annotation is ignored, as upstream does
    const bad = hpaV1ToV2({ ...v1obj, metadata: { ...meta, annotations: { [HPA_METRICS_ANNOTATION]: 'not json' } } });
    expect(bad.spec.metrics).toHaveLength(1);
  });

  it('reads the behavior annotation whatever the case of its keys', () => {
    const out = hpaV1ToV2({
      metadata: { name: 'x', annotations: { [HPA_BEHAVIOR_ANNOTATION]: '{"scaleDown":{"stabilizationWindowSeconds":30}}' } },
      spec: { scaleTargetRef: target, maxReplicas: 2 },
    });
    expect(out.spec.behavior.scaleDown).toEqual({ stabilizationWindowSeconds: 30, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] });
    expect(out.spec.behavior.scaleUp.selectPolicy).toBe('Max');
  });
});

describe('HPA columns', () => {
  it('print NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE', () => {
    for (const r of resources) {
      expect(r.columns!.map((c) => c.name.toUpperCase())).toEqual(['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE']);
    }
    expect(row(v2, full)).toEqual([
      'web', 'Deployment/web', 'memory: 300Mi/512Mi, 80/100 + 4 more...', '2', 10, 3, '10m',
    ]);
    // the same object read through v1 prints the same way
    expect(row(v1, hpaV2ToV1(full))).toEqual(row(v2, full));
  });

  it('formats every metric kind like formatHPAMetrics', () => {
    const cpu = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
    expect(formatHPAMetrics(cpu, [])).toBe('cpu: <unknown>/80%');
    expect(formatHPAMetrics(cpu, [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 12 } } }])).toBe('cpu: 12%/80%');
    expect(formatHPAMetrics([], [])).toBe('<none>');
    expect(formatHPAMetrics([{ type: 'External', external: { metric: { name: 'q' }, target: { type: 'Value', value: '10' } } }], [])).toBe('<unknown>/10');
    expect(formatHPAMetrics([{ type: 'Object', object: { target: { type: 'AverageValue', averageValue: '1.5' } } }], [])).toBe('<unknown>/1500m (avg)');
    expect(formatHPAMetrics([{ type: 'Weird' }], [])).toBe('<unknown type>');
    const v1row = row(v1, { metadata: { name: 'w', creationTimestamp: ago(5) }, spec: { scaleTargetRef: target, maxReplicas: 4 } });
    expect(v1row).toEqual(['w', 'Deployment/web', 'cpu: <unknown>/80%', '<unset>', 4, 0, '5s']);
  });
});
