// Compute resource names and quantities (pkg/apis/core/validation validateResourceRequirements,
// ValidateResourceQuantityValue and the helpers of pkg/apis/core/helper that classify names).

import { parseQuantity } from '../machinery/quantity.js';
import { isQualifiedName } from '../machinery/validation.js';
import { type FieldError, child, forbidden, invalid, key, obj, required, sortedKeys, str } from './field.js';
import { quantityString, quantityValue } from './goValue.js';

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'services', 'replicationcontrollers',
  'resourcequotas', 'secrets', 'persistentvolumeclaims', 'storage', 'requests.storage', 'services.nodeports',
  'services.loadbalancers', 'configmaps',
]);

const STANDARD_QUOTA_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.storage',
  'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'services',
  'replicationcontrollers', 'resourcequotas', 'secrets', 'persistentvolumeclaims', 'configmaps',
  'services.nodeports', 'services.loadbalancers',
]);

const INTEGER_RESOURCES = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps',
  'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers',
]);

export const isHugePageResourceName = (name: string): boolean => name.startsWith('hugepages-');
const isQuotaHugePageResourceName = (name: string): boolean => name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');

/** IsNativeResource: no domain, or a kubernetes.io domain. */
export const isNativeResource = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');

/** IsExtendedResourceName: a domain-prefixed name outside kubernetes.io that quota can address. */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

export const isOvercommitAllowed = (name: string): boolean => isNativeResource(name) && !isHugePageResourceName(name);
export const isStandardResourceName = (name: string): boolean => STANDARD_RESOURCES.has(name) || isQuotaHugePageResourceName(name);
export const isStandardQuotaResourceName = (name: string): boolean => STANDARD_QUOTA_RESOURCES.has(name) || isQuotaHugePageResourceName(name);
const isStandardContainerResourceName = (name: string): boolean => STANDARD_CONTAINER_RESOURCES.has(name) || isHugePageResourceName(name);
const isIntegerResourceName = (name: string): boolean => INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);

/** validateResourceName. */
export function validateResourceName(value: string, fldPath: string): FieldError[] {
  const errs = isQualifiedName(value).map((m) => invalid(fldPath, value, m));
  if (errs.length) return errs;
  if (!value.includes('/') && !isStandardResourceName(value)) errs.push(invalid(fldPath, value, 'must be a standard resource type or fully qualified'));
  return errs;
}

/** validateContainerResourceName. */
export function validateContainerResourceName(value: string, fldPath: string): FieldError[] {
  const errs = validateResourceName(value, fldPath);
  if (!value.includes('/')) {
    if (!isStandardContainerResourceName(value)) errs.push(invalid(fldPath, value, 'must be a standard resource for containers'));
  } else if (!isNativeResource(value) && !isExtendedResourceName(value)) {
    errs.push(invalid(fldPath, value, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** ValidateResourceQuotaResourceName. */
export function validateQuotaResourceName(value: string, fldPath: string): FieldError[] {
  const errs = validateResourceName(value, fldPath);
  if (!value.includes('/') && !isStandardQuotaResourceName(value)) errs.push(invalid(fldPath, value, 'must be a standard resource for quota'));
  return errs;
}

/** A quantity as signed nano units (undefined when it does not parse). */
export function quantityNanos(v: unknown): bigint | undefined {
  const q = parseQuantity(str(v));
  if (!q) return undefined;
  return q.negative ? -q.nanos : q.nanos;
}

/** Quantity.Cmp: -1, 0 or 1 (unparseable quantities compare as zero). */
export function compareQuantities(a: unknown, b: unknown): number {
  const x = quantityNanos(a) ?? 0n;
  const y = quantityNanos(b) ?? 0n;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** ValidateResourceQuantityValue: not negative, and whole for integer resources. */
export function validateResourceQuantityValue(resource: string, value: unknown, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const nanos = quantityNanos(value) ?? 0n;
  if (nanos < 0n) errs.push(invalid(fldPath, quantityString(value), 'must be greater than or equal to 0'));
  if (isIntegerResourceName(resource) && nanos % 1_000_000_000n !== 0n) errs.push(invalid(fldPath, quantityValue(value), 'must be an integer'));
  return errs;
}

/** validateResourceRequirements for a container (or a pod's overhead, limits only). */
export function validateResourceRequirements(requirements: unknown, fldPath: string, nameFn = validateContainerResourceName): FieldError[] {
  const r = obj(requirements);
  const limits = obj(r.limits);
  const requests = obj(r.requests);
  const errs: FieldError[] = [];
  const limPath = child(fldPath, 'limits');
  const reqPath = child(fldPath, 'requests');
  let limCPUOrMemory = false;
  let reqCPUOrMemory = false;
  let limHugePages = false;
  let reqHugePages = false;
  for (const name of sortedKeys(limits)) {
    const p = key(limPath, name);
    errs.push(...nameFn(name, p), ...validateResourceQuantityValue(name, limits[name], p));
    if (isHugePageResourceName(name)) limHugePages = true;
    if (name === 'cpu' || name === 'memory') limCPUOrMemory = true;
  }
  for (const name of sortedKeys(requests)) {
    const p = key(reqPath, name);
    errs.push(...nameFn(name, p), ...validateResourceQuantityValue(name, requests[name], p));
    const q = requests[name];
    if (name in limits) {
      const cmp = compareQuantities(q, limits[name]);
      if (cmp !== 0 && !isOvercommitAllowed(name)) {
        errs.push(invalid(reqPath, quantityString(q), `must be equal to ${name} limit of ${quantityString(limits[name])}`));
      } else if (cmp > 0) {
        errs.push(invalid(reqPath, quantityString(q), `must be less than or equal to ${name} limit of ${quantityString(limits[name])}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePageResourceName(name)) reqHugePages = true;
    if (name === 'cpu' || name === 'memory') reqCPUOrMemory = true;
  }
  if (!limCPUOrMemory && !reqCPUOrMemory && (reqHugePages || limHugePages)) errs.push(forbidden(fldPath, 'HugePages require cpu or memory'));
  return errs;
}
