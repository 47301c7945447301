// The smaller core/v1 kinds (pkg/apis/core/validation): Namespace finalizers, ResourceQuota,
// LimitRange. ServiceAccounts have no rules beyond their metadata.

import { isQualifiedName } from '../machinery/validation.js';
import { deepEqual } from '../machinery/jsonEqual.js';
import { type FieldError, type KObject, FIELD_IMMUTABLE, child, duplicate, forbidden, index, invalid, isSet, key, list, mapSize, obj, objects, required, sortedKeys, str } from './field.js';
import { goStringSlice, quantityString, quantityValue } from './goValue.js';
import {
  compareQuantities, isOvercommitAllowed, isStandardQuotaResourceName, quantityNanos,
  validateContainerResourceName, validateQuotaResourceName, validateResourceName, validateResourceQuantityValue,
} from './resources.js';

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** validateFinalizerName: a qualified name, and a standard one when it has no domain. */
export function validateFinalizerName(name: string, fldPath: string): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(fldPath, name, m));
  if (!name.includes('/') && !STANDARD_FINALIZERS.has(name)) errs.push(invalid(fldPath, name, 'name is neither a standard finalizer name nor is it fully qualified'));
  return errs;
}

/** ValidateNamespace (create): spec.finalizers; updates only check metadata. */
export function validateNamespace(ns: KObject, old?: KObject): FieldError[] {
  if (old) return [];
  return list(obj(ns.spec).finalizers).flatMap((f) => validateFinalizerName(str(f), 'spec.finalizers'));
}

// ---- ResourceQuota ----

const STANDARD_SCOPES = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity', 'VolumeAttributesClass'];
const POD_RESOURCES = new Set(['pods', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage']);

/** IsResourceQuotaScopeValidForResource. */
function scopeValidForResource(scope: string, resource: string): boolean {
  switch (scope) {
    case 'Terminating':
    case 'NotTerminating':
    case 'NotBestEffort':
    case 'PriorityClass':
      return POD_RESOURCES.has(resource) || resource.startsWith('requests.hugepages-') || resource.startsWith('hugepages-');
    case 'BestEffort':
    case 'CrossNamespacePodAffinity':
      return resource === 'pods';
    case 'VolumeAttributesClass':
      return resource === 'persistentvolumeclaims' || resource === 'requests.storage';
    default:
      return true;
  }
}

const scopesValue = (scopes: unknown) => goStringSlice(scopes, '[]core.ResourceQuotaScope');

function validateQuotaScopes(spec: KObject): FieldError[] {
  const scopes = list(spec.scopes).map(str);
  if (!scopes.length) return [];
  const errs: FieldError[] = [];
  const hard = sortedKeys(spec.hard);
  for (const scope of scopes) {
    if (!STANDARD_SCOPES.includes(scope)) errs.push(invalid('spec.scopes', scopesValue(spec.scopes), 'unsupported scope'));
    for (const r of hard) {
      if (isStandardQuotaResourceName(r) && !scopeValidForResource(scope, r)) errs.push(invalid('spec.scopes', scopesValue(spec.scopes), 'unsupported scope applied to resource'));
    }
  }
  const set = new Set(scopes);
  if ((set.has('BestEffort') && set.has('NotBestEffort')) || (set.has('Terminating') && set.has('NotTerminating'))) {
    errs.push(invalid('spec.scopes', scopesValue(spec.scopes), 'conflicting scopes'));
  }
  return errs;
}

function validateScopeSelector(spec: KObject): FieldError[] {
  if (!isSet(spec.scopeSelector)) return [];
  const fldPath = 'spec.scopeSelector.matchExpressions';
  const errs: FieldError[] = [];
  const set = new Set<string>();
  for (const req of objects(obj(spec.scopeSelector).matchExpressions)) {
    const scope = str(req.scopeName);
    const op = str(req.operator);
    const values = list(req.values).map(str);
    if (!STANDARD_SCOPES.includes(scope)) errs.push(invalid(child(fldPath, 'scopeName'), scope, 'unsupported scope'));
    if (['BestEffort', 'NotBestEffort', 'Terminating', 'NotTerminating', 'CrossNamespacePodAffinity'].includes(scope) && op !== 'Exists') {
      errs.push(invalid(child(fldPath, 'operator'), op,
        'must be \'Exists\' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity'));
    }
    if (op === 'In' || op === 'NotIn') {
      if (!values.length) errs.push(required(child(fldPath, 'values'), "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length) errs.push(invalid(child(fldPath, 'values'), goStringSlice(values), "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
    } else {
      errs.push(invalid(child(fldPath, 'operator'), op, 'not a valid selector operator'));
    }
    set.add(scope);
  }
  if ((set.has('BestEffort') && set.has('NotBestEffort')) || (set.has('Terminating') && set.has('NotTerminating'))) {
    errs.push(invalid(fldPath, scopesValue(spec.scopes), 'conflicting scopes'));
  }
  return errs;
}

function validateQuotaResources(m: unknown, fldPath: string): FieldError[] {
  const map = obj(m);
  return sortedKeys(map).flatMap((k) => [...validateQuotaResourceName(k, key(fldPath, k)), ...validateResourceQuantityValue(k, map[k], key(fldPath, k))]);
}

/** ValidateResourceQuota and ValidateResourceQuotaUpdate (kind rules). */
export function validateResourceQuota(rq: KObject, old?: KObject): FieldError[] {
  const spec = obj(rq.spec);
  const errs = [...validateQuotaResources(spec.hard, 'spec.hard'), ...validateQuotaScopes(spec), ...validateScopeSelector(spec)];
  if (!old) {
    errs.push(...validateQuotaResources(obj(rq.status).hard, 'status.hard'), ...validateQuotaResources(obj(rq.status).used, 'status.used'));
  } else {
    const scopeSet = (v: unknown) => [...new Set(list(v).map(str))].sort();
    if (!deepEqual(scopeSet(spec.scopes), scopeSet(obj(old.spec).scopes))) errs.push(invalid('spec.scopes', scopesValue(spec.scopes), FIELD_IMMUTABLE));
  }
  return errs;
}

// ---- LimitRange ----

const STANDARD_LIMIT_TYPES = new Set(['Pod', 'Container', 'PersistentVolumeClaim']);

function validateLimitType(value: string, fldPath: string): FieldError[] {
  const errs = isQualifiedName(value).map((m) => invalid(fldPath, value, m));
  if (errs.length) return errs;
  if (!value.includes('/') && !STANDARD_LIMIT_TYPES.has(value)) errs.push(invalid(fldPath, value, 'must be a standard limit type or fully qualified'));
  return errs;
}

/** ValidateLimitRange. */
export function validateLimitRange(lr: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const types = new Set<string>();
  objects(obj(lr.spec).limits).forEach((limit, i) => {
    const p = index('spec.limits', i);
    const type = str(limit.type);
    errs.push(...validateLimitType(type, child(p, 'type')));
    if (types.has(type)) errs.push(duplicate(child(p, 'type'), type));
    types.add(type);
    const nameFn = type === 'Pod' || type === 'Container' ? validateContainerResourceName : validateResourceName;
    const maps: Record<string, KObject> = {};
    const keys = new Set<string>();
    const collect = (field: string) => {
      const m = obj(limit[field]);
      maps[field] = m;
      for (const k of sortedKeys(m)) {
        errs.push(...nameFn(k, key(child(p, field), k)));
        keys.add(k);
      }
    };
    collect('max');
    collect('min');
    if (type === 'Pod') {
      if (mapSize(limit.default)) errs.push(forbidden(child(p, 'default'), "may not be specified when `type` is 'Pod'"));
      if (mapSize(limit.defaultRequest)) errs.push(forbidden(child(p, 'defaultRequest'), "may not be specified when `type` is 'Pod'"));
      maps.default = {};
      maps.defaultRequest = {};
    } else {
      collect('default');
      collect('defaultRequest');
    }
    if (type === 'PersistentVolumeClaim' && !('storage' in maps.min) && !('storage' in maps.max)) {
      errs.push(required(child(p, 'limits'), 'either minimum or maximum storage value is required, but neither was provided'));
    }
    collect('maxLimitRequestRatio');
    for (const k of [...keys].sort()) {
      const min = maps.min[k];
      const max = maps.max[k];
      const def = maps.default[k];
      const defReq = maps.defaultRequest[k];
      const ratio = maps.maxLimitRequestRatio[k];
      const q = quantityString;
      if (isSet(min) && isSet(max) && compareQuantities(min, max) > 0) errs.push(invalid(key(child(p, 'min'), k), quantityValue(min), `min value ${q(min)} is greater than max value ${q(max)}`));
      if (isSet(defReq) && isSet(min) && compareQuantities(min, defReq) > 0) errs.push(invalid(key(child(p, 'defaultRequest'), k), quantityValue(defReq), `min value ${q(min)} is greater than default request value ${q(defReq)}`));
      if (isSet(defReq) && isSet(max) && compareQuantities(defReq, max) > 0) errs.push(invalid(key(child(p, 'defaultRequest'), k), quantityValue(defReq), `default request value ${q(defReq)} is greater than max value ${q(max)}`));
      if (isSet(defReq) && isSet(def) && compareQuantities(defReq, def) > 0) errs.push(invalid(key(child(p, 'defaultRequest'), k), quantityValue(defReq), `default request value ${q(defReq)} is greater than default limit value ${q(def)}`));
      if (isSet(def) && isSet(min) && compareQuantities(min, def) > 0) errs.push(invalid(key(child(p, 'default'), k), quantityValue(min), `min value ${q(min)} is greater than default value ${q(def)}`));
      if (isSet(def) && isSet(max) && compareQuantities(def, max) > 0) errs.push(invalid(key(child(p, 'default'), k), quantityValue(max), `default value ${q(def)} is greater than max value ${q(max)}`));
      if (isSet(ratio) && compareQuantities(ratio, '1') < 0) errs.push(invalid(key(child(p, 'maxLimitRequestRatio'), k), quantityValue(ratio), `ratio ${q(ratio)} is less than 1`));
      if (isSet(ratio) && isSet(min) && isSet(max)) {
        const minN = Number(quantityNanos(min) ?? 0n);
        const maxN = Number(quantityNanos(max) ?? 0n);
        const limit = maxN / minN;
        const r = Number(quantityNanos(ratio) ?? 0n) / 1e9;
        if (r > limit) errs.push(invalid(key(child(p, 'maxLimitRequestRatio'), k), quantityValue(ratio), `ratio ${q(ratio)} is greater than max/min = ${limit.toFixed(6)}`));
      }
      if (!isOvercommitAllowed(k) && isSet(def) && isSet(defReq) && compareQuantities(def, defReq) !== 0) {
        errs.push(invalid(key(child(p, 'defaultRequest'), k), quantityValue(defReq), `default value ${q(def)} must equal to defaultRequest value ${q(defReq)} in ${k}`));
      }
    }
  });
  return errs;
}

