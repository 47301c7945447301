// Scheduling constraints of a pod spec (pkg/apis/core/validation validateAffinity,
// ValidateTolerations, validateTopologySpreadConstraints and helpers).

import { validateLabelName, validateLabelSelector } from '../machinery/objectMetaValidation.js';
import { isValidLabelValue, nameIsDNSSubdomain, validateNamespaceName } from '../machinery/validation.js';
import { type FieldError, type KObject, child, duplicate, forbidden, index, invalid, isSet, list, notSupported, num, obj, objects, required, str } from './field.js';
import { nameErrors } from './common.js';

const IS_NOT_POSITIVE = 'must be greater than zero';

/** ValidateNodeSelectorRequirement. */
function validateNodeSelectorRequirement(rq: KObject, allowInvalidValues: boolean, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const values = list(rq.values).map(str);
  const op = str(rq.operator);
  switch (op) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(child(fldPath, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(child(fldPath, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.push(required(child(fldPath, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalid(child(fldPath, 'operator'), op, 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(str(rq.key), child(fldPath, 'key')));
  if (!allowInvalidValues) {
    values.forEach((v, i) => errs.push(...isValidLabelValue(v).map((m) => invalid(index(child(fldPath, 'values'), i), v, m))));
  }
  return errs;
}

function validateNodeFieldSelectorRequirement(rq: KObject, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const op = str(rq.operator);
  const values = list(rq.values).map(str);
  if (op === 'In' || op === 'NotIn') {
    if (values.length !== 1) errs.push(required(child(fldPath, 'values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
  } else {
    errs.push(invalid(child(fldPath, 'operator'), op, 'not a valid selector operator'));
  }
  if (str(rq.key) !== 'metadata.name') errs.push(invalid(child(fldPath, 'key'), str(rq.key), 'not a valid field selector key'));
  else values.forEach((v, i) => errs.push(...nameErrors(nameIsDNSSubdomain, v, index(child(fldPath, 'values'), i))));
  return errs;
}

function validateNodeSelectorTerm(term: KObject, allowInvalidValues: boolean, fldPath: string): FieldError[] {
  return [
    ...objects(term.matchExpressions).flatMap((r, j) => validateNodeSelectorRequirement(r, allowInvalidValues, index(child(fldPath, 'matchExpressions'), j))),
    ...objects(term.matchFields).flatMap((r, j) => validateNodeFieldSelectorRequirement(r, index(child(fldPath, 'matchFields'), j))),
  ];
}

function validatePodAffinityTerm(term: KObject, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  if (isSet(term.labelSelector)) errs.push(...validateLabelSelector(obj(term.labelSelector), child(fldPath, 'labelSelector')));
  if (isSet(term.namespaceSelector)) errs.push(...validateLabelSelector(obj(term.namespaceSelector), child(fldPath, 'namespaceSelector')));
  for (const ns of list(term.namespaces).map(str)) {
    errs.push(...validateNamespaceName(ns, false).map((m) => invalid(child(fldPath, 'namespace'), ns, m)));
  }
  const topologyKey = str(term.topologyKey);
  if (!topologyKey) errs.push(required(child(fldPath, 'topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(topologyKey, child(fldPath, 'topologyKey')));
  return errs;
}

function validateWeightedTerms(terms: unknown, fldPath: string): FieldError[] {
  return objects(terms).flatMap((t, j) => {
    const p = index(fldPath, j);
    const errs: FieldError[] = [];
    const weight = num(t.weight);
    if (weight <= 0 || weight > 100) errs.push(invalid(child(p, 'weight'), weight, 'must be in the range 1-100'));
    errs.push(...validatePodAffinityTerm(obj(t.podAffinityTerm), child(p, 'podAffinityTerm')));
    return errs;
  });
}

/** validateAffinity. */
export function validateAffinity(affinity: unknown, fldPath: string): FieldError[] {
  if (!isSet(affinity)) return [];
  const a = obj(affinity);
  const errs: FieldError[] = [];
  if (isSet(a.nodeAffinity)) {
    const na = obj(a.nodeAffinity);
    const p = child(fldPath, 'nodeAffinity');
    if (isSet(na.requiredDuringSchedulingIgnoredDuringExecution)) {
      const termsPath = child(p, 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms');
      const terms = objects(obj(na.requiredDuringSchedulingIgnoredDuringExecution).nodeSelectorTerms);
      if (terms.length === 0) errs.push(required(termsPath, 'must have at least one node selector term'));
      else terms.forEach((t, i) => errs.push(...validateNodeSelectorTerm(t, false, index(termsPath, i))));
    }
    objects(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      const tp = index(child(p, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
      const weight = num(t.weight);
      if (weight <= 0 || weight > 100) errs.push(invalid(child(tp, 'weight'), weight, 'must be in the range 1-100'));
      errs.push(...validateNodeSelectorTerm(obj(t.preference), true, child(tp, 'preference')));
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    if (!isSet(a[kind])) continue;
    const pa = obj(a[kind]);
    const p = child(fldPath, kind);
    objects(pa.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      errs.push(...validatePodAffinityTerm(t, index(child(p, 'requiredDuringSchedulingIgnoredDuringExecution'), i)));
    });
    errs.push(...validateWeightedTerms(pa.preferredDuringSchedulingIgnoredDuringExecution, child(p, 'preferredDuringSchedulingIgnoredDuringExecution')));
  }
  return errs;
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** ValidateTolerations. */
export function validateTolerations(tolerations: unknown, fldPath: string): FieldError[] {
  return objects(tolerations).flatMap((t, i) => {
    const p = index(fldPath, i);
    const errs: FieldError[] = [];
    const k = str(t.key);
    const op = str(t.operator);
    const effect = str(t.effect);
    const value = str(t.value);
    if (k) errs.push(...validateLabelName(k, child(p, 'key')));
    if (!k && op !== 'Exists') errs.push(invalid(child(p, 'operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (isSet(t.tolerationSeconds) && effect !== 'NoExecute') errs.push(invalid(child(p, 'effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    switch (op) {
      case 'Equal':
      case '': {
        const msgs = isValidLabelValue(value);
        if (msgs.length) errs.push(invalid(child(p, 'operator'), value, msgs.join(';')));
        break;
      }
      case 'Exists':
        if (value) errs.push(invalid(child(p, 'operator'), value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(child(p, 'operator'), op, ['Equal', 'Exists']));
    }
    if (effect && !TAINT_EFFECTS.includes(effect)) errs.push(notSupported(child(p, 'effect'), effect, TAINT_EFFECTS));
    return errs;
  });
}

/** validateTopologySpreadConstraints. */
export function validateTopologySpreadConstraints(constraints: unknown, fldPath: string): FieldError[] {
  const all = objects(constraints);
  return all.flatMap((c, i) => {
    const p = index(fldPath, i);
    const errs: FieldError[] = [];
    const maxSkew = num(c.maxSkew);
    if (maxSkew <= 0) errs.push(invalid(child(p, 'maxSkew'), maxSkew, IS_NOT_POSITIVE));
    const topologyKey = str(c.topologyKey);
    if (!topologyKey) errs.push(required(child(p, 'topologyKey'), 'can not be empty'));
    const when = str(c.whenUnsatisfiable);
    if (when !== 'DoNotSchedule' && when !== 'ScheduleAnyway') errs.push(notSupported(child(p, 'whenUnsatisfiable'), when, ['DoNotSchedule', 'ScheduleAnyway']));
    if (all.slice(i + 1).some((o) => str(o.topologyKey) === topologyKey && str(o.whenUnsatisfiable) === when)) {
      errs.push(duplicate(child(p, '{topologyKey, whenUnsatisfiable}'), `{${topologyKey}, ${when}}`));
    }
    if (isSet(c.minDomains)) {
      const md = num(c.minDomains);
      if (md <= 0) errs.push(invalid(child(p, 'minDomains'), md, IS_NOT_POSITIVE));
      if (when !== 'DoNotSchedule') errs.push(invalid(child(p, 'minDomains'), md, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${when}`));
    }
    for (const policy of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      if (isSet(c[policy]) && !['Honor', 'Ignore'].includes(str(c[policy]))) errs.push(notSupported(child(p, policy), str(c[policy]), ['Honor', 'Ignore']));
    }
    if (isSet(c.labelSelector)) errs.push(...validateLabelSelector(obj(c.labelSelector), child(p, 'labelSelector')));
    return errs;
  });
}
