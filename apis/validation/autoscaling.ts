// autoscaling HorizontalPodAutoscalers (pkg/apis/autoscaling/validation), on the v2 form: replica
// bounds, the scale target, metric specs and scaling behavior. autoscaling/v1 objects are
// converted to v2 first, as upstream validates the internal (v2-shaped) type.

import { validateLabelSelector } from '../machinery/objectMetaValidation.js';
import { isValidPathSegmentName } from '../machinery/validation.js';
import { type FieldError, type KObject, child, forbidden, index, invalid, isSet, notSupported, num, obj, objects, required, str } from './field.js';
import { quantityValue } from './goValue.js';
import { compareQuantities, validateContainerResourceName } from './resources.js';

const METRIC_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const SOURCE_FIELDS: [field: string, type: string][] = [['object', 'Object'], ['external', 'External'], ['pods', 'Pods'], ['resource', 'Resource'], ['containerResource', 'ContainerResource']];
const MAX_PERIOD_SECONDS = 1800;
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;

/** ValidateCrossVersionObjectReference. */
function validateReference(ref: KObject, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ['kind', 'name']) {
    const v = str(ref[f]);
    if (!v) errs.push(required(child(fldPath, f)));
    else errs.push(...isValidPathSegmentName(v).map((m) => invalid(child(fldPath, f), v, m)));
  }
  return errs;
}

function validateMetricIdentifier(id: KObject, fldPath: string): FieldError[] {
  const name = str(id.name);
  const errs = name ? isValidPathSegmentName(name).map((m) => invalid(child(fldPath, 'name'), name, m)) : [required(child(fldPath, 'name'), 'must specify a metric name')];
  if (isSet(id.selector)) errs.push(...validateLabelSelector(obj(id.selector), child(fldPath, 'selector')));
  return errs;
}

function validateMetricTarget(mt: KObject, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(mt.type);
  if (!type) errs.push(required(child(fldPath, 'type'), 'must specify a metric target type'));
  if (!['Utilization', 'Value', 'AverageValue'].includes(type)) errs.push(invalid(child(fldPath, 'type'), type, 'must be either Utilization, Value, or AverageValue'));
  if (isSet(mt.value) && compareQuantities(mt.value, '0') <= 0) errs.push(invalid(child(fldPath, 'value'), quantityValue(mt.value), 'must be positive'));
  if (isSet(mt.averageValue) && compareQuantities(mt.averageValue, '0') <= 0) errs.push(invalid(child(fldPath, 'averageValue'), quantityValue(mt.averageValue), 'must be positive'));
  if (isSet(mt.averageUtilization) && num(mt.averageUtilization) < 1) errs.push(invalid(child(fldPath, 'averageUtilization'), num(mt.averageUtilization), 'must be greater than 0'));
  return errs;
}

function validateSource(field: string, src: KObject, fldPath: string): FieldError[] {
  const target = obj(src.target);
  const targetPath = child(fldPath, 'target');
  const errs: FieldError[] = [];
  switch (field) {
    case 'object':
    case 'external':
      if (field === 'object') errs.push(...validateReference(obj(src.describedObject), child(fldPath, 'describedObject')));
      errs.push(...validateMetricIdentifier(obj(src.metric), child(fldPath, 'metric')), ...validateMetricTarget(target, targetPath));
      if (!isSet(target.value) && !isSet(target.averageValue)) {
        errs.push(required(child(targetPath, 'averageValue'), field === 'object' ? 'must set either a target value or averageValue' : 'must set either a target value for metric or a per-pod target'));
      }
      if (field === 'external' && isSet(target.value) && isSet(target.averageValue)) {
        errs.push(forbidden(child(targetPath, 'value'), 'may not set both a target value for metric and a per-pod target'));
      }
      break;
    case 'pods':
      errs.push(...validateMetricIdentifier(obj(src.metric), child(fldPath, 'metric')), ...validateMetricTarget(target, targetPath));
      if (!isSet(target.averageValue)) errs.push(required(child(targetPath, 'averageValue'), 'must specify a positive target averageValue'));
      break;
    case 'resource':
    case 'containerResource': {
      const name = str(src.name);
      if (!name) errs.push(required(child(fldPath, 'name'), 'must specify a resource name'));
      else errs.push(...validateContainerResourceName(name, child(fldPath, 'name')));
      if (field === 'containerResource' && !str(src.container)) errs.push(required(child(fldPath, 'container'), 'must specify a container'));
      errs.push(...validateMetricTarget(target, targetPath));
      if (!isSet(target.averageUtilization) && !isSet(target.averageValue)) {
        errs.push(required(child(targetPath, 'averageUtilization'), 'must set either a target raw value or a target utilization'));
      }
      if (isSet(target.averageUtilization) && isSet(target.averageValue)) {
        errs.push(forbidden(child(targetPath, 'averageValue'), 'may not set both a target raw value and a target utilization'));
      }
      break;
    }
  }
  return errs;
}

function validateMetricSpec(spec: KObject, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(spec.type);
  if (!type) errs.push(required(child(fldPath, 'type'), 'must specify a metric source type'));
  if (!METRIC_TYPES.includes(type)) errs.push(notSupported(child(fldPath, 'type'), type, METRIC_TYPES));
  const present: string[] = [];
  for (const [field] of SOURCE_FIELDS) {
    if (!isSet(spec[field])) continue;
    present.push(field);
    if (present.length === 1) errs.push(...validateSource(field, obj(spec[field]), child(fldPath, field)));
  }
  const expected = SOURCE_FIELDS.find(([, t]) => t === type)?.[0];
  if (expected) {
    if (!isSet(spec[expected])) errs.push(required(child(fldPath, expected), 'must populate information for the given metric source'));
  } else {
    errs.push(notSupported(child(fldPath, 'type'), type, METRIC_TYPES));
  }
  if (present.length !== 1) {
    for (const field of present.filter((f) => f !== expected).sort()) errs.push(forbidden(child(fldPath, field), 'must populate the given metric source only'));
  }
  return errs;
}

function validateScalingRules(rules: unknown, fldPath: string): FieldError[] {
  if (!isSet(rules)) return [];
  const r = obj(rules);
  const errs: FieldError[] = [];
  if (isSet(r.stabilizationWindowSeconds)) {
    const w = num(r.stabilizationWindowSeconds);
    if (w < 0) errs.push(invalid(child(fldPath, 'stabilizationWindowSeconds'), w, 'must be greater than or equal to zero'));
    if (w > MAX_STABILIZATION_WINDOW_SECONDS) errs.push(invalid(child(fldPath, 'stabilizationWindowSeconds'), w, `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`));
  }
  if (isSet(r.selectPolicy) && !['Disabled', 'Max', 'Min'].includes(str(r.selectPolicy))) {
    errs.push(notSupported(child(fldPath, 'selectPolicy'), str(r.selectPolicy), ['Disabled', 'Max', 'Min']));
  }
  const policies = objects(r.policies);
  if (!policies.length) errs.push(required(child(fldPath, 'policies'), 'must specify at least one Policy'));
  policies.forEach((p, i) => {
    const pp = index(child(fldPath, 'policies'), i);
    if (!['Pods', 'Percent'].includes(str(p.type))) errs.push(notSupported(child(pp, 'type'), str(p.type), ['Percent', 'Pods']));
    if (num(p.value) <= 0) errs.push(invalid(child(pp, 'value'), num(p.value), 'must be greater than zero'));
    const period = num(p.periodSeconds);
    if (period <= 0) errs.push(invalid(child(pp, 'periodSeconds'), period, 'must be greater than zero'));
    if (period > MAX_PERIOD_SECONDS) errs.push(invalid(child(pp, 'periodSeconds'), period, `must be less than or equal to ${MAX_PERIOD_SECONDS}`));
  });
  return errs;
}

/** ValidateHorizontalPodAutoscaler / ...Update on the v2 form. */
export function validateHorizontalPodAutoscaler(hpa: KObject, old?: KObject): FieldError[] {
  const spec = obj(hpa.spec);
  const errs: FieldError[] = [];
  // minReplicas 0 is only kept for objects that already have it (HPAScaleToZero is off).
  const lowerBound = old && obj(old.spec).minReplicas === 0 ? 0 : 1;
  if (isSet(spec.minReplicas) && num(spec.minReplicas) < lowerBound) {
    errs.push(invalid('spec.minReplicas', num(spec.minReplicas), `must be greater than or equal to ${lowerBound}`));
  }
  const max = num(spec.maxReplicas);
  if (max < 1) errs.push(invalid('spec.maxReplicas', max, 'must be greater than 0'));
  if (isSet(spec.minReplicas) && max < num(spec.minReplicas)) errs.push(invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  errs.push(...validateReference(obj(spec.scaleTargetRef), 'spec.scaleTargetRef'));
  const metrics = objects(spec.metrics);
  metrics.forEach((m, i) => errs.push(...validateMetricSpec(m, index('spec.metrics', i))));
  if (isSet(spec.minReplicas) && num(spec.minReplicas) === 0 && !metrics.some((m) => ['Object', 'External'].includes(str(m.type)))) {
    errs.push(forbidden('spec.metrics', 'must specify at least one Object or External metric to support scaling to zero replicas'));
  }
  if (isSet(spec.behavior)) {
    const b = obj(spec.behavior);
    errs.push(...validateScalingRules(b.scaleUp, 'spec.behavior.scaleUp'), ...validateScalingRules(b.scaleDown, 'spec.behavior.scaleDown'));
  }
  return errs;
}
