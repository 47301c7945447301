import { describe, expect, it } from 'vitest';
import { KObject } from '../../apis/resources/model.js';
import { autoscalerStatus, metricDescription } from './horizontalPodAutoscaler.js';

const T0 = '2025-01-01T00:00:00Z';
const CPU = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } };
const hpa = (spec: KObject = {}, status?: KObject): KObject => ({ metadata: { name: 'h' }, spec: { minReplicas: 2, maxReplicas: 5, metrics: [CPU], ...spec }, status });
const reasons = (s: KObject) => s.conditions.map((c: KObject) => [c.type, c.status, c.reason]);

describe('autoscalerStatus', () => {
  it('within range: nothing to scale, metrics at their targets', () => {
    const { status, scaleTo } = autoscalerStatus(hpa(), { replicas: 3 }, T0);
    expect(scaleTo).toBeUndefined();
    expect(status).toMatchObject({ currentReplicas: 3, desiredReplicas: 3, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 80 } } }] });
    expect(status.lastScaleTime).toBeUndefined();
    expect(reasons(status)).toEqual([['AbleToScale', 'True', 'ReadyForNewScale'], ['ScalingActive', 'True', 'ValidMetricFound'], ['ScalingLimited', 'False', 'DesiredWithinRange']]);
  });

  it('below minReplicas: scales up, says why', () => {
    const { status, scaleTo } = autoscalerStatus(hpa(), { replicas: 1 }, T0);
    expect(scaleTo).toBe(2);
    expect(status).toMatchObject({ lastScaleTime: T0, currentReplicas: 1, desiredReplicas: 2 });
    expect(reasons(status)).toEqual([['AbleToScale', 'True', 'SucceededRescale'], ['ScalingActive', 'True', 'ValidMetricFound'], ['ScalingLimited', 'True', 'TooFewReplicas']]);
    expect(status.conditions[0].message).toBe('the HPA controller was able to update the target scale to 2');
  });

  it('above maxReplicas: scales down', () => {
    expect(autoscalerStatus(hpa(), { replicas: 9 }, T0).scaleTo).toBe(5);
  });

  it('a missing target or a target at zero', () => {
    const missing = autoscalerStatus(hpa(), { error: 'deployments.apps "x" not found' }, T0).status;
    expect(missing).toEqual({ desiredReplicas: 0, conditions: [{ type: 'AbleToScale', status: 'False', lastTransitionTime: T0, reason: 'FailedGetScale', message: `the HPA controller was unable to get the target's current scale: deployments.apps "x" not found` }] });
    const zero = autoscalerStatus(hpa(), { replicas: 0 }, T0);
    expect(zero.scaleTo).toBeUndefined();
    expect(reasons(zero.status)).toEqual([['AbleToScale', 'True', 'SucceededGetScale'], ['ScalingActive', 'False', 'ScalingDisabled']]);
  });
});

describe('metricDescription', () => {
  it('names metrics as the autoscaler does', () => {
    expect(metricDescription(CPU)).toBe('cpu resource utilization (percentage of request)');
    expect(metricDescription({ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue' } } })).toBe('memory resource');
    expect(metricDescription({ type: 'Pods', pods: { metric: { name: 'qps' } } })).toBe('pods metric qps');
    expect(metricDescription({ type: 'External', external: { metric: { name: 'queue' } } })).toBe('external metric queue(nil)');
  });
});
