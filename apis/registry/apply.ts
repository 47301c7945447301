// Server-side apply (PATCH with application/apply-patch+yaml): merge the applied configuration
// into the live object by field ownership, create the object when it is missing (201), and answer
// 409 with FieldManagerConflict causes when another manager owns a field the config changes.

import { ApiError, errors } from '../errors.js';
import { applyConfiguration, conflictError } from '../machinery/ssa/index.js';
import { KObject } from '../resources/model.js';
import { decodeStructural } from '../admission/structural.js';
import { Store, StoredObject } from '../../storage/store.js';
import { WriteResult, checkNamespaceActive, prepareCreate } from './create.js';
import { fieldManagerOptions } from './managedFields.js';
import { Scope, WriteOptions, decodeBody, fromStorage, objectKey, servedAsStored, toStorage } from './scope.js';
import { computeUpdate, currentObject } from './update.js';
import { hookCreate } from './writeHooks.js';

export interface ApplyOptions extends WriteOptions {
  force: boolean;
}

/** 422 on PatchOptions, as upstream's ValidatePatchOptions words it. */
function patchOptionsInvalid(field: string, type: 'Required' | 'Forbidden', detail: string): ApiError {
  return errors.invalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', [{ type, field, detail }]);
}

export function validatePatchOptions(isApply: boolean, fieldManager: string | undefined, force: boolean): void {
  if (isApply && !fieldManager) throw patchOptionsInvalid('fieldManager', 'Required', 'is required for apply patch');
  if (!isApply && force) throw patchOptionsInvalid('force', 'Forbidden', 'may not be specified for non-apply patch');
}

/**
 * Checks the applied configuration's fields against the catalogue: unknown fields are refused
 * under fieldValidation=Strict (as "field not declared in schema"), reported as warnings under
 * Warn and dropped silently under Ignore; wrong JSON types are 400s.
 */
function checkConfig(s: Scope, name: string, config: KObject, opts: WriteOptions): string[] {
  const probe = structuredClone(config);
  const issues = s.r.custom ? { errors: [], unknown: s.r.custom.decode(probe) } : decodeStructural(s.catalogue.types, s.r.type, probe);
  const gvk = `${s.r.group}/${s.r.version}, Kind=${s.r.kind}`;
  const where = `${s.namespace ? `${s.namespace}/` : '/'}${name}; ${gvk}`;
  if (issues.errors.length) throw errors.badRequest(`failed to create typed patch object (${where}): ${issues.errors[0]}`);
  if (!issues.unknown.length) return [];
  if (opts.fieldValidation === 'Strict') {
    throw errors.badRequest(`failed to create typed patch object (${where}): ${issues.unknown.map((u) => `.${u}: field not declared in schema`).join(', ')}`);
  }
  return opts.fieldValidation === 'Warn' ? issues.unknown.map((u) => `unknown field "${u}"`) : [];
}

export async function apply(store: Store, s: Scope, name: string, config: unknown, opts: ApplyOptions): Promise<WriteResult> {
  const manager = opts.fieldManager ?? '';
  validatePatchOptions(true, manager, opts.force);
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw errors.badRequest('the body of an apply patch must be a YAML or JSON object');
  }
  const cfg = config as KObject;
  if (cfg.metadata?.name !== undefined && cfg.metadata.name !== name) {
    throw errors.badRequest(`the name of the object (${cfg.metadata.name}) does not match the name on the URL (${name})`);
  }
  if (s.r.namespaced && cfg.metadata?.namespace !== undefined && cfg.metadata.namespace !== s.namespace) {
    throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  const warnings = checkConfig(s, name, cfg, opts);
  const fmOpts = { ...fieldManagerOptions(s, ''), allowUnknownFields: opts.fieldValidation !== 'Strict' };
  const now = Date.now();
  const res = await store.mutate({
    key: objectKey(s, name),
    dryRun: opts.dryRun,
    apply(current: StoredObject | undefined, tx) {
      if (!current) {
        // Create on apply: the merged object goes through the ordinary create path, keeping the
        // applier's ownership.
        const merged = applyConfiguration(undefined, { ...cfg, metadata: { ...(cfg.metadata ?? {}), name } }, manager, opts.force, fmOpts);
        const { obj } = decodeBody(s, merged.object, 'Ignore');
        const created = prepareCreate(s, obj, now, undefined);
        return hookCreate(s.r, toStorage(s.r, created), checkNamespaceActive(s, name, tx));
      }
      const old = currentObject(s, current);
      const merged = applyConfiguration(old, cfg, manager, opts.force, fmOpts);
      if (merged.conflicts.length) throw conflictError(merged.conflicts);
      const { obj } = decodeBody(s, merged.object, 'Ignore');
      const next = computeUpdate(s, obj, old, '', manager, { trackFields: false, tx });
      return typeof next === 'symbol' ? next : toStorage(s.r, next);
    },
  });
  return { object: fromStorage(s.r, res.object), json: servedAsStored(s.r) ? res.json : undefined, code: res.type === 'ADDED' ? 201 : 200, warnings };
}
