// apps/v1 workloads (pkg/apis/apps/validation and the update rules of pkg/registry/apps/*):
// Deployment, ReplicaSet, StatefulSet and DaemonSet.

import { validateLabelSelector, validateAnnotations, validateLabels } from '../machinery/objectMetaValidation.js';
import { type Selector, labelSelectorAsSelector } from '../machinery/labels.js';
import { deepEqual } from '../machinery/jsonEqual.js';
import { isDNS1123Label, isDNS1123Subdomain } from '../machinery/validation.js';
import { type FieldError, type KObject, child, forbidden, invalid, isSet, mapSize, notSupported, num, obj, required, str } from './field.js';
import { validateImmutable, validateNonnegative } from './common.js';
import { goStringMap, goValue, intOrString, labelSelectorValue } from './goValue.js';
import { intOrPercentValue, isNotMoreThan100Percent, validatePositiveIntOrPercent } from './intOrPercent.js';
import { validatePodTemplateSpec } from './podSpec.js';

/** The selector as a labels.Selector, or undefined when LabelSelectorAsSelector fails. */
export function selectorOf(sel: unknown): Selector | undefined {
  try {
    return labelSelectorAsSelector(sel as never);
  } catch {
    return undefined;
  }
}

const isEmptySelector = (sel: KObject): boolean => mapSize(sel.matchLabels) + (Array.isArray(sel.matchExpressions) ? sel.matchExpressions.length : 0) === 0;

/** A required, non-empty selector (Deployment, ReplicaSet, StatefulSet). */
function validateRequiredSelector(spec: KObject, kind: string, fldPath: string): FieldError[] {
  if (!isSet(spec.selector)) return [required(fldPath)];
  const sel = obj(spec.selector);
  const errs = validateLabelSelector(sel, fldPath);
  if (isEmptySelector(sel)) errs.push(invalid(fldPath, labelSelectorValue(sel), `empty selector is invalid for ${kind}`));
  return errs;
}

/** "`selector` does not match template `labels`" when a non-empty selector misses the template's labels. */
export function validateSelectorMatchesTemplate(selector: Selector, template: unknown, fldPath: string): FieldError[] {
  const labels = obj(obj(template).metadata).labels;
  if (selector.isEmpty() || selector.matches(obj(labels) as Record<string, string>)) return [];
  return [invalid(child(fldPath, 'metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`')];
}

/** The template rules of replicated kinds: restartPolicy Always and no activeDeadlineSeconds. */
function validateReplicatedTemplate(template: unknown, kind: string, fldPath: string): FieldError[] {
  const spec = obj(obj(template).spec);
  const errs: FieldError[] = [];
  const rp = str(spec.restartPolicy);
  if (rp !== 'Always') errs.push(notSupported(child(fldPath, 'spec', 'restartPolicy'), rp, ['Always']));
  if (isSet(spec.activeDeadlineSeconds)) errs.push(forbidden(child(fldPath, 'spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${kind} is not Supported`));
  return errs;
}

/** ValidatePodTemplateSpecForReplicaSet. */
function validateTemplateForReplicaSet(template: unknown, selector: Selector, fldPath: string): FieldError[] {
  return [
    ...validateSelectorMatchesTemplate(selector, template, fldPath),
    ...validatePodTemplateSpec(template, fldPath),
    ...validateReplicatedTemplate(template, 'ReplicaSet', fldPath),
  ];
}

const ptr = (v: unknown, type: string): string => (isSet(v) ? `(*${type})(0xc000010000)` : `(*${type})(nil)`);

function validateRollingUpdateDeployment(ru: KObject, fldPath: string): FieldError[] {
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, child(fldPath, 'maxUnavailable')),
    ...validatePositiveIntOrPercent(ru.maxSurge, child(fldPath, 'maxSurge')),
  ];
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    errs.push(invalid(child(fldPath, 'maxUnavailable'), intOrString(ru.maxUnavailable ?? 0), 'may not be 0 when `maxSurge` is 0'));
  }
  errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, child(fldPath, 'maxUnavailable')));
  return errs;
}

function validateDeploymentStrategy(strategy: KObject, fldPath: string): FieldError[] {
  switch (str(strategy.type)) {
    case 'Recreate':
      return isSet(strategy.rollingUpdate) ? [forbidden(child(fldPath, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate':
      if (!isSet(strategy.rollingUpdate)) return [required(child(fldPath, 'rollingUpdate'), 'this should be defaulted and never be nil')];
      return validateRollingUpdateDeployment(obj(strategy.rollingUpdate), child(fldPath, 'rollingUpdate'));
    default:
      return [notSupported(fldPath, goValue(`apps.DeploymentStrategy{Type:${JSON.stringify(str(strategy.type))}, RollingUpdate:${ptr(strategy.rollingUpdate, 'apps.RollingUpdateDeployment')}}`), ['Recreate', 'RollingUpdate'])];
  }
}

/** The selector check of an update through apps/v1 (the registries' ValidateUpdate). */
function validateSelectorImmutable(next: KObject, old: KObject | undefined): FieldError[] {
  if (!old) return [];
  const sel = obj(next.spec).selector;
  return validateImmutable(sel, obj(old.spec).selector, 'spec.selector', labelSelectorValue(sel));
}

/** Deployment create and update. */
export function validateDeployment(d: KObject, old?: KObject): FieldError[] {
  const spec = obj(d.spec);
  const errs = validateNonnegative(num(spec.replicas), 'spec.replicas');
  errs.push(...validateRequiredSelector(spec, 'deployment', 'spec.selector'));
  const selector = selectorOf(spec.selector);
  if (!selector) errs.push(invalid('spec.selector', labelSelectorValue(spec.selector), 'invalid label selector'));
  else errs.push(...validateTemplateForReplicaSet(spec.template, selector, 'spec.template'));
  errs.push(...validateDeploymentStrategy(obj(spec.strategy), 'spec.strategy'));
  errs.push(...validateNonnegative(num(spec.minReadySeconds), 'spec.minReadySeconds'));
  if (isSet(spec.revisionHistoryLimit)) errs.push(...validateNonnegative(num(spec.revisionHistoryLimit), 'spec.revisionHistoryLimit'));
  if (isSet(spec.progressDeadlineSeconds)) {
    const pds = num(spec.progressDeadlineSeconds);
    errs.push(...validateNonnegative(pds, 'spec.progressDeadlineSeconds'));
    if (pds <= num(spec.minReadySeconds)) errs.push(invalid('spec.progressDeadlineSeconds', pds, 'must be greater than minReadySeconds'));
  }
  errs.push(...validateSelectorImmutable(d, old));
  return errs;
}

/** ReplicaSet create and update. */
export function validateReplicaSet(rs: KObject, old?: KObject): FieldError[] {
  const spec = obj(rs.spec);
  const errs = [...validateNonnegative(num(spec.replicas), 'spec.replicas'), ...validateNonnegative(num(spec.minReadySeconds), 'spec.minReadySeconds')];
  // Upstream's ReplicaSet check reuses the Deployment wording.
  errs.push(...validateRequiredSelector(spec, 'deployment', 'spec.selector'));
  const selector = selectorOf(spec.selector);
  if (!selector) errs.push(invalid('spec.selector', labelSelectorValue(spec.selector), 'invalid label selector'));
  else errs.push(...validateTemplateForReplicaSet(spec.template, selector, 'spec.template'));
  errs.push(...validateSelectorImmutable(rs, old));
  return errs;
}

const RETENTION = ['Retain', 'Delete'];

/** StatefulSet create and update (its pod spec is not validated upstream, only the template metadata). */
export function validateStatefulSet(sts: KObject, old?: KObject): FieldError[] {
  const spec = obj(sts.spec);
  const errs: FieldError[] = [];
  const pmp = str(spec.podManagementPolicy);
  if (!pmp) errs.push(required('spec.podManagementPolicy'));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') errs.push(invalid('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'"));
  const strategy = obj(spec.updateStrategy);
  const ru = obj(strategy.rollingUpdate);
  switch (str(strategy.type)) {
    case '':
      errs.push(required('spec.updateStrategy'));
      break;
    case 'OnDelete':
      if (isSet(strategy.rollingUpdate)) {
        errs.push(invalid('spec.updateStrategy.rollingUpdate',
          goValue(`apps.RollingUpdateStatefulSetStrategy{Partition:${num(ru.partition)}, MaxUnavailable:${ptr(ru.maxUnavailable, 'intstr.IntOrString')}}`),
          "only allowed for updateStrategy 'RollingUpdate'"));
      }
      break;
    case 'RollingUpdate':
      if (isSet(strategy.rollingUpdate)) {
        const p = 'spec.updateStrategy.rollingUpdate';
        errs.push(...validateNonnegative(num(ru.partition), child(p, 'partition')));
        if (isSet(ru.maxUnavailable)) {
          errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, child(p, 'maxUnavailable')));
          if (intOrPercentValue(ru.maxUnavailable) === 0) errs.push(invalid(child(p, 'maxUnavailable'), intOrString(ru.maxUnavailable), 'cannot be 0'));
          errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, child(p, 'maxUnavailable')));
        }
      }
      break;
    default:
      errs.push(invalid('spec.updateStrategy',
        goValue(`apps.StatefulSetUpdateStrategy{Type:${JSON.stringify(str(strategy.type))}, RollingUpdate:${ptr(strategy.rollingUpdate, 'apps.RollingUpdateStatefulSetStrategy')}}`),
        "must be 'RollingUpdate' or 'OnDelete'"));
  }
  if (isSet(spec.persistentVolumeClaimRetentionPolicy)) {
    const policy = obj(spec.persistentVolumeClaimRetentionPolicy);
    for (const f of ['whenDeleted', 'whenScaled']) {
      if (!RETENTION.includes(str(policy[f]))) errs.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${f}`, str(policy[f]), RETENTION));
    }
  }
  errs.push(...validateNonnegative(num(spec.replicas), 'spec.replicas'));
  errs.push(...validateNonnegative(num(spec.minReadySeconds), 'spec.minReadySeconds'));
  if (isSet(spec.ordinals)) errs.push(...validateNonnegative(num(obj(spec.ordinals).start), 'spec.ordinals.start'));
  errs.push(...validateRequiredSelector(spec, 'statefulset', 'spec.selector'));
  const selector = selectorOf(spec.selector);
  if (!selector) errs.push(invalid('spec.selector', labelSelectorValue(spec.selector), ''));
  else {
    const meta = obj(obj(spec.template).metadata);
    errs.push(...validateSelectorMatchesTemplate(selector, spec.template, 'spec.template'));
    errs.push(...validateLabels(meta.labels, 'spec.template.labels'), ...validateAnnotations(meta.annotations, 'spec.template.annotations'));
  }
  errs.push(...validateReplicatedTemplate(spec.template, 'StatefulSet', 'spec.template'));
  if (old) {
    const strip = (s: KObject): KObject => {
      const { replicas: _r, template: _t, updateStrategy: _u, minReadySeconds: _m, ordinals: _o, persistentVolumeClaimRetentionPolicy: _p, ...rest } = s;
      return rest;
    };
    if (!deepEqual(strip(spec), strip(obj(old.spec)))) {
      errs.push(forbidden('spec', "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
    }
  } else {
    // StatefulSet names become pod host names: upstream checks them as DNS labels. A name that is
    // not even a subdomain is already reported by the metadata checks.
    const name = str(obj(sts.metadata).name);
    if (name && isDNS1123Subdomain(name).length === 0) errs.push(...isDNS1123Label(name).map((m) => invalid('metadata.name', name, m)));
  }
  return errs;
}

function validateRollingUpdateDaemonSet(ru: KObject, fldPath: string): FieldError[] {
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, child(fldPath, 'maxUnavailable')),
    ...validatePositiveIntOrPercent(ru.maxSurge, child(fldPath, 'maxSurge')),
    ...isNotMoreThan100Percent(ru.maxUnavailable, child(fldPath, 'maxUnavailable')),
    ...isNotMoreThan100Percent(ru.maxSurge, child(fldPath, 'maxSurge')),
  ];
  const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
  if (hasUnavailable && hasSurge) errs.push(invalid(child(fldPath, 'maxSurge'), intOrString(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
  else if (!hasUnavailable && !hasSurge) errs.push(required(child(fldPath, 'maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
  return errs;
}

/** DaemonSet create and update (a missing selector shows as a template mismatch, as upstream). */
export function validateDaemonSet(ds: KObject, old?: KObject): FieldError[] {
  const spec = obj(ds.spec);
  const errs: FieldError[] = [];
  if (isSet(spec.selector)) errs.push(...validateLabelSelector(obj(spec.selector), 'spec.selector'));
  const selector = selectorOf(spec.selector);
  if (selector && !selector.matches(obj(obj(obj(spec.template).metadata).labels) as Record<string, string>)) {
    errs.push(invalid('spec.template.metadata.labels', goStringMap(obj(obj(spec.template).metadata).labels), '`selector` does not match template `labels`'));
  }
  if (isSet(spec.selector) && isEmptySelector(obj(spec.selector))) errs.push(invalid('spec.selector', labelSelectorValue(spec.selector), 'empty selector is invalid for daemonset'));
  errs.push(...validatePodTemplateSpec(spec.template, 'spec.template'));
  errs.push(...validateReplicatedTemplate(spec.template, 'DaemonSet', 'spec.template'));
  errs.push(...validateNonnegative(num(spec.minReadySeconds), 'spec.minReadySeconds'));
  const strategy = obj(spec.updateStrategy);
  switch (str(strategy.type)) {
    case 'OnDelete':
      break;
    case 'RollingUpdate':
      if (!isSet(strategy.rollingUpdate)) errs.push(required('spec.updateStrategy.rollingUpdate'));
      else errs.push(...validateRollingUpdateDaemonSet(obj(strategy.rollingUpdate), 'spec.updateStrategy.rollingUpdate'));
      break;
    default:
      errs.push(notSupported('spec.updateStrategy',
        goValue(`apps.DaemonSetUpdateStrategy{Type:${JSON.stringify(str(strategy.type))}, RollingUpdate:${ptr(strategy.rollingUpdate, 'apps.RollingUpdateDaemonSet')}}`),
        ['RollingUpdate', 'OnDelete']));
  }
  if (isSet(spec.revisionHistoryLimit)) errs.push(...validateNonnegative(num(spec.revisionHistoryLimit), 'spec.revisionHistoryLimit'));
  errs.push(...validateSelectorImmutable(ds, old));
  return errs;
}
