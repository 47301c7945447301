// policy/v1 PodDisruptionBudgets (pkg/apis/policy/validation ValidatePodDisruptionBudgetSpec):
// minAvailable xor maxUnavailable, each a count or a percentage, and the selector.

import { validateLabelSelector } from '../machinery/objectMetaValidation.js';
import { type FieldError, type KObject, invalid, isSet, notSupported, obj, str } from './field.js';
import { goValue } from './goValue.js';
import { isNotMoreThan100Percent, validatePositiveIntOrPercent } from './intOrPercent.js';

const EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

/** %#v of the spec (upstream prints its pointer fields as addresses; ours are stand-ins). */
function specValue(spec: KObject) {
  const p = (v: unknown, type: string, addr: string) => (isSet(v) ? `(*${type})(${addr})` : `(*${type})(nil)`);
  return goValue(`policy.PodDisruptionBudgetSpec{MinAvailable:${p(spec.minAvailable, 'intstr.IntOrString', '0xc000010000')}, `
    + `Selector:${p(spec.selector, 'v1.LabelSelector', '0xc000010020')}, MaxUnavailable:${p(spec.maxUnavailable, 'intstr.IntOrString', '0xc000010040')}, `
    + `UnhealthyPodEvictionPolicy:${p(spec.unhealthyPodEvictionPolicy, 'policy.UnhealthyPodEvictionPolicyType', '0xc000010060')}}`);
}

/** ValidatePodDisruptionBudget (create and update: policy/v1 specs are mutable). */
export function validatePodDisruptionBudget(pdb: KObject): FieldError[] {
  const spec = obj(pdb.spec);
  const errs: FieldError[] = [];
  if (isSet(spec.minAvailable) && isSet(spec.maxUnavailable)) errs.push(invalid('spec', specValue(spec), 'minAvailable and maxUnavailable cannot be both set'));
  for (const f of ['minAvailable', 'maxUnavailable']) {
    if (!isSet(spec[f])) continue;
    errs.push(...validatePositiveIntOrPercent(spec[f], `spec.${f}`), ...isNotMoreThan100Percent(spec[f], `spec.${f}`));
  }
  if (isSet(spec.selector)) errs.push(...validateLabelSelector(obj(spec.selector), 'spec.selector'));
  if (isSet(spec.unhealthyPodEvictionPolicy) && !EVICTION_POLICIES.includes(str(spec.unhealthyPodEvictionPolicy))) {
    errs.push(notSupported('spec.unhealthyPodEvictionPolicy', str(spec.unhealthyPodEvictionPolicy), EVICTION_POLICIES));
  }
  return errs;
}
