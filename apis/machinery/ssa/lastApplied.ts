// The client-side-apply → server-side-apply upgrade kube-apiserver performs for the field
// manager "kubectl" (lastAppliedManager, lastAppliedUpdater):
//
// * an apply by "kubectl" that conflicts only on fields whose live value is still what the
//   kubectl.kubernetes.io/last-applied-configuration annotation says (fields client-side apply
//   set) goes through as if forced, so moving from `kubectl apply` to `kubectl apply
//   --server-side` does not conflict with "kubectl-client-side-apply";
// * after an apply by "kubectl", an existing last-applied annotation is rewritten to the applied
//   configuration, so a later client-side apply computes the right three-way patch.
//
// (kubectl's own half of the migration, rewriting managedFields with a JSON patch, needs nothing
// here beyond accepting client-written managedFields; see updateManagedFields.)

import { isJsonObject } from '../jsonEqual.js';
import { compareObjects } from './compare.js';
import { FieldSet } from './fieldSet.js';
import { goJson } from './pathElement.js';
import { SsaSchema } from './schema.js';
import { toFieldSet } from './toFieldSet.js';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** The manager name the upgrade applies to; other managers opt out. */
export const CSA_UPGRADE_MANAGER = 'kubectl';

function annotationsOf(obj: unknown): Record<string, unknown> | undefined {
  if (!isJsonObject(obj) || !isJsonObject(obj.metadata)) return undefined;
  const a = obj.metadata.annotations;
  return isJsonObject(a) ? a : undefined;
}

/** The non-empty last-applied annotation of an object, if any. */
export function lastAppliedOf(obj: unknown): string | undefined {
  const v = annotationsOf(obj)?.[LAST_APPLIED_ANNOTATION];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * The fields an apply by "kubectl" may take over without conflict: those the last-applied
 * configuration of `live` sets to the value they still have. Undefined when there is no usable
 * annotation (missing, not JSON, or of another apiVersion).
 */
export function allowedConflictsFromLastApplied(schema: SsaSchema, live: unknown, apiVersion: string): FieldSet | undefined {
  const text = lastAppliedOf(live);
  if (!text) return undefined;
  let last: unknown;
  try {
    last = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isJsonObject(last) || last.apiVersion !== apiVersion) return undefined;
  const set = toFieldSet(schema, last);
  const c = compareObjects(schema, last, live);
  return set.difference(c.modified).difference(c.added).difference(c.removed);
}

/**
 * The annotation value recording `config` (buildLastApplied): the configuration without the
 * annotation itself, as Go's JSON encoder writes an unstructured object (keys sorted, HTML
 * characters escaped, a trailing newline).
 */
export function buildLastApplied(config: Record<string, unknown>): string {
  let obj = config;
  const meta = config.metadata;
  if (isJsonObject(meta) && isJsonObject(meta.annotations)) {
    const annotations = { ...meta.annotations };
    delete annotations[LAST_APPLIED_ANNOTATION];
    obj = { ...config, metadata: { ...meta, annotations } };
  }
  return `${goJson(obj)}\n`;
}

/** Sets the last-applied annotation of `obj` to `value` (replacing obj.metadata, not changing it). */
export function setLastApplied(obj: Record<string, unknown>, value: string): void {
  const meta = isJsonObject(obj.metadata) ? obj.metadata : {};
  const annotations = isJsonObject(meta.annotations) ? meta.annotations : {};
  obj.metadata = { ...meta, annotations: { ...annotations, [LAST_APPLIED_ANNOTATION]: value } };
}
