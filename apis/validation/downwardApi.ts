// Downward API selectors shared by environment variables and volumes: ObjectFieldSelector
// (fieldRef) and ResourceFieldSelector (resourceFieldRef), with upstream's supported paths.

import { type FieldError, child, invalid, notSupported, obj, required, str } from './field.js';
import { qualifiedNameErrors } from './common.js';
import { quantityString } from './goValue.js';

/** Pod fields an environment variable may read. */
export const ENV_FIELD_PATHS = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
].sort();

/** Pod fields a downward API volume file may hold. */
export const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'].sort();

/** Container resources a resourceFieldRef may read. */
export const RESOURCE_FIELD_PATHS = [
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
].sort();

const CONVERTIBLE = new Set([
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP',
  'status.hostIPs', 'status.podIP', 'status.podIPs',
]);

/** fieldpath.SplitMaybeSubscriptedPath: "metadata.labels['app']" → ["metadata.labels", "app"]. */
export function splitSubscriptedPath(fieldPath: string): { path: string; subscript: string } | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const s = fieldPath.slice(0, -2);
  const at = s.indexOf("['");
  if (at <= 0) return undefined;
  return { path: s.slice(0, at), subscript: s.slice(at + 2) };
}

/** ConvertDownwardAPIFieldLabel: the internal field path, or the conversion error text. */
function convertFieldLabel(version: string, label: string): { path?: string; error?: string } {
  if (version !== 'v1') return { error: `unsupported pod version: ${version}` };
  const sub = splitSubscriptedPath(label);
  if (sub) {
    if (sub.path === 'metadata.annotations' || sub.path === 'metadata.labels') return { path: label };
    return { error: `field label does not support subscript: ${label}` };
  }
  if (CONVERTIBLE.has(label)) return { path: label };
  if (label === 'spec.host') return { path: 'spec.nodeName' };
  return { error: `field label not supported: ${label}` };
}

/** validateObjectFieldSelector. */
export function validateObjectFieldSelector(fs: unknown, expressions: readonly string[], fldPath: string): FieldError[] {
  const s = obj(fs);
  const apiVersion = str(s.apiVersion);
  const fieldPath = str(s.fieldPath);
  if (!apiVersion) return [required(child(fldPath, 'apiVersion'))];
  if (!fieldPath) return [required(child(fldPath, 'fieldPath'))];
  const converted = convertFieldLabel(apiVersion, fieldPath);
  if (converted.error) return [invalid(child(fldPath, 'fieldPath'), fieldPath, `error converting fieldPath: ${converted.error}`)];
  const internal = converted.path!;
  const sub = splitSubscriptedPath(internal);
  if (sub) {
    if (sub.path === 'metadata.annotations') return qualifiedNameErrors(sub.subscript.toLowerCase(), fldPath);
    if (sub.path === 'metadata.labels') return qualifiedNameErrors(sub.subscript, fldPath);
    return [invalid(fldPath, sub.path, 'does not support subscript')];
  }
  if (!expressions.includes(internal)) return [notSupported(child(fldPath, 'fieldPath'), internal, expressions)];
  return [];
}

const CPU_DIVISORS = new Set(['1m', '1']);
const BYTE_DIVISORS = new Set(['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei']);

function validateDivisor(resource: string, divisor: unknown, fldPath: string): FieldError[] {
  const d = quantityString(divisor ?? '0');
  if (d === '0' || d === '') return [];
  const p = child(fldPath, 'divisor');
  switch (resource) {
    case 'limits.cpu':
    case 'requests.cpu':
      return CPU_DIVISORS.has(d) ? [] : [invalid(p, resource, "only divisor's values 1m and 1 are supported with the cpu resource")];
    case 'limits.memory':
    case 'requests.memory':
      return BYTE_DIVISORS.has(d) ? [] : [invalid(p, resource, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource")];
    case 'limits.ephemeral-storage':
    case 'requests.ephemeral-storage':
      return BYTE_DIVISORS.has(d) ? [] : [invalid(p, resource, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the local ephemeral storage resource")];
  }
  if (resource.startsWith('requests.hugepages-') || resource.startsWith('limits.hugepages-')) {
    return BYTE_DIVISORS.has(d) ? [] : [invalid(p, resource, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the hugepages resource")];
  }
  return [];
}

/** validateContainerResourceFieldSelector; `volume` requires containerName. */
export function validateResourceFieldSelector(fs: unknown, fldPath: string, volume: boolean): FieldError[] {
  const s = obj(fs);
  const resource = str(s.resource);
  const errs: FieldError[] = [];
  if (volume && !str(s.containerName)) errs.push(required(child(fldPath, 'containerName')));
  else if (!resource) errs.push(required(child(fldPath, 'resource')));
  else if (!RESOURCE_FIELD_PATHS.includes(resource) && !resource.startsWith('requests.hugepages-') && !resource.startsWith('limits.hugepages-')) {
    errs.push(notSupported(child(fldPath, 'resource'), resource, RESOURCE_FIELD_PATHS));
  }
  errs.push(...validateDivisor(resource, s.divisor, fldPath));
  return errs;
}
