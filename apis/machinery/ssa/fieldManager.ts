// The field manager the registry calls (kube-apiserver's FieldManager and the managers it
// stacks): managedFields upkeep on every write, and server-side apply.
//
// * create / PUT / non-apply PATCH: updateManagedFields(live, next, manager, opts) after the
//   new object is final (defaulted, strategy applied), before storing it;
// * apply PATCH (application/apply-patch+yaml): applyConfiguration(live, config, manager, force,
//   opts) instead; the merged object then goes through the update (or, when live is missing,
//   create) path WITHOUT updateManagedFields.
//
// Pure: no I/O, inputs are not modified.

import { ApiError } from '../../errors.js';
import { deepEqual, isJsonObject } from '../jsonEqual.js';
import type { TypeRegistry } from '../../schema/registry.js';
import { Conflict, conflictError } from './conflicts.js';
import { FieldSet } from './fieldSet.js';
import { CSA_UPGRADE_MANAGER, allowedConflictsFromLastApplied, buildLastApplied, lastAppliedOf, setLastApplied } from './lastApplied.js';
import {
  DEFAULT_MAX_UPDATE_MANAGERS,
  ManagedFieldsEntry,
  ManagerEntry,
  Managers,
  capUpdateManagers,
  encodeManagedFields,
  formatTime,
  managerIdentifier,
  tryDecodeManagedFields,
} from './managedFields.js';
import { path } from './pathElement.js';
import { SsaSchema } from './schema.js';
import { OwnershipScope, applyOwnership, updateOwnership } from './updater.js';
import { typedPatchError, validateApplyConfig } from './validate.js';

export interface FieldManagerOptions {
  /** The catalogue; with typeId it gives the object's structure. */
  registry?: TypeRegistry;
  /** Catalogue type of the object ("apps/v1:Deployment"); undefined: deduced structure (custom resources). */
  typeId?: string;
  /** apiVersion of the request ("v1", "apps/v1"); recorded in entries and checked against applied configurations. */
  apiVersion: string;
  /** Subresource written through ("status", "scale"); empty or undefined for the main resource. */
  subresource?: string;
  /**
   * Fields this endpoint resets and nobody gains or loses through it (upstream's
   * GetResetFields): {status} for a main resource with a status subresource, {spec, ...} for
   * the status subresource. Excluded with everything below them.
   */
  ignored?: FieldSet;
  /** Alternatively (or also): the only fields that count, e.g. {status} for the status subresource. */
  restrictTo?: FieldSet;
  /** Time stamped on entries that change (default: now). */
  now?: Date | string;
  /** Update entries kept before the oldest are merged (default 10). */
  maxUpdateManagers?: number;
  /**
   * Accept applied configurations with fields the catalogue type does not declare (merging them
   * as deduced values) instead of failing like upstream ("field not declared in schema"). For
   * callers that drop or warn about unknown fields themselves (fieldValidation=Ignore/Warn).
   */
  allowUnknownFields?: boolean;
}

/**
 * Fields never owned by anyone (stripMetaManager): type meta, the metadata node itself and the
 * server-maintained metadata fields.
 */
export const STRIPPED_FIELDS = FieldSet.of(
  path('apiVersion'),
  path('kind'),
  path('metadata'),
  path('metadata', 'name'),
  path('metadata', 'namespace'),
  path('metadata', 'creationTimestamp'),
  path('metadata', 'selfLink'),
  path('metadata', 'uid'),
  path('metadata', 'clusterName'),
  path('metadata', 'generation'),
  path('metadata', 'managedFields'),
  path('metadata', 'resourceVersion'),
  path('metadata', 'deletionTimestamp'),
);

/** Paths as a set, for `ignored` / `restrictTo`: fieldPaths('status') or fieldPaths(['metadata', 'labels']). */
export function fieldPaths(...paths: (string | string[])[]): FieldSet {
  return FieldSet.of(...paths.map((p) => path(...(Array.isArray(p) ? p : [p]))));
}

function scopeOf(opts: FieldManagerOptions): OwnershipScope {
  return { schema: new SsaSchema(opts.registry, opts.typeId), ignored: opts.ignored, restrictTo: opts.restrictTo };
}

type Obj = Record<string, unknown>;

function metaOf(o: unknown): Obj | undefined {
  return isJsonObject(o) && isJsonObject(o.metadata) ? o.metadata : undefined;
}

/** A shallow copy of `o` whose metadata (copied) has no managedFields. */
function withoutManagedFields(o: unknown): Obj {
  const out: Obj = isJsonObject(o) ? { ...o } : {};
  const meta = metaOf(o);
  if (meta && 'managedFields' in meta) {
    const m = { ...meta };
    delete m.managedFields;
    out.metadata = m;
  }
  return out;
}

/** `o` with metadata.managedFields set to `entries` (removed when undefined). */
function withManagedFields(o: Obj, entries: ManagedFieldsEntry[] | undefined): Obj {
  const meta = { ...(metaOf(o) ?? {}) };
  if (entries) meta.managedFields = entries;
  else delete meta.managedFields;
  if (!metaOf(o) && !entries) return o;
  return { ...o, metadata: meta };
}

/** managedFields: [] or [{}]: the client asks to clear them (isResetManagedFields). */
function isReset(mf: unknown): boolean {
  if (!Array.isArray(mf)) return false;
  if (mf.length === 0) return true;
  if (mf.length !== 1 || !isJsonObject(mf[0])) return false;
  return Object.values(mf[0]).every((v) => v === undefined || v === null || v === '');
}

/**
 * The managers before a non-apply write (decodeLiveOrNew): through a subresource, always the
 * live object's; otherwise those the client sent, when it sent valid, non-empty ones (that is
 * how kubectl's migration rewrites them), none when it sent a reset, else the live object's.
 */
function managersBeforeUpdate(live: unknown, next: unknown, subresource: string): Managers {
  const liveManagers = (): Managers => tryDecodeManagedFields(metaOf(live)?.managedFields) ?? new Map();
  if (subresource) return liveManagers();
  const sent = metaOf(next)?.managedFields;
  if (isReset(sent)) return new Map();
  const decoded = tryDecodeManagedFields(sent);
  if (!decoded || decoded.size === 0) return liveManagers();
  return decoded;
}

/**
 * metadata.managedFields after a create (live undefined), update or non-apply patch by
 * `manager`: the fields it added or changed become its own (and no longer anybody else's), the
 * fields it removed are nobody's. Returns `next` (copied) with the new managedFields.
 */
export function updateManagedFields<T extends object>(live: T | undefined, next: T, manager: string, opts: FieldManagerOptions): T {
  const subresource = opts.subresource ?? '';
  const before = managersBeforeUpdate(live, next, subresource);
  const liveObj = withoutManagedFields(live ?? {});
  const nextObj = withoutManagedFields(next);
  const { managers, changes } = updateOwnership(scopeOf(opts), liveObj, nextObj, before);
  const mine = changes.difference(STRIPPED_FIELDS);
  const out: Managers = new Map(managers);
  if (!mine.isEmpty()) {
    const entry: Omit<ManagerEntry, 'set'> = { manager, operation: 'Update', apiVersion: opts.apiVersion, subresource: subresource || undefined };
    const id = managerIdentifier(entry);
    const previous = out.get(id);
    out.set(id, { ...entry, time: formatTime(opts.now), set: previous ? mine.union(previous.set) : mine });
  }
  const capped = capUpdateManagers(out, opts.maxUpdateManagers ?? DEFAULT_MAX_UPDATE_MANAGERS);
  return withManagedFields(nextObj, encodeManagedFields(capped)) as T;
}

export interface ApplyResult {
  /** The merged object with its new managedFields; undefined when there are conflicts. */
  object: Obj | undefined;
  managedFields: ManagedFieldsEntry[] | undefined;
  /** Fields the configuration changes that other managers own; empty on success. */
  conflicts: Conflict[];
  /** True when the object (managedFields aside) differs from the live one. */
  changed: boolean;
}

/**
 * Server-side apply of `config` by `manager` onto `live` (undefined: the object does not exist
 * yet). Throws ApiError for a configuration upstream refuses outright (400 for managedFields or
 * a wrong apiVersion, 500 "failed to create typed patch object" for one that does not fit the
 * schema); reports conflicts in the result (see applyConfigurationOrThrow).
 */
export function applyConfiguration(live: object | undefined, config: unknown, manager: string, force: boolean, opts: FieldManagerOptions): ApplyResult {
  if (!isJsonObject(config)) throw new ApiError(400, 'BadRequest', 'the apply configuration must be a JSON object');
  const cmeta = metaOf(config);
  if (cmeta && cmeta.managedFields !== undefined && cmeta.managedFields !== null) {
    throw new ApiError(400, 'BadRequest', 'metadata.managedFields must be nil');
  }
  const patchVersion = typeof config.apiVersion === 'string' ? config.apiVersion : '';
  if (patchVersion !== opts.apiVersion) {
    throw new ApiError(400, 'BadRequest', `Incorrect version specified in apply patch. Specified patch version: ${patchVersion}, expected: ${opts.apiVersion}`);
  }
  const scope = scopeOf(opts);
  const violations = validateApplyConfig(scope.schema, config, scope.schema.root(), { allowUnknownFields: opts.allowUnknownFields });
  if (violations.length) throw typedPatchError(config, violations);

  const subresource = opts.subresource ?? '';
  const managers = tryDecodeManagedFields(metaOf(live)?.managedFields) ?? new Map();
  const liveObj = withoutManagedFields(live ?? {});
  const applier: Omit<ManagerEntry, 'set'> = { manager, operation: 'Apply', apiVersion: opts.apiVersion, subresource: subresource || undefined };
  const id = managerIdentifier(applier);

  let outcome = applyOwnership(scope, liveObj, config, managers, id, applier, force);
  if (!outcome.ok && manager === CSA_UPGRADE_MANAGER) {
    const allowed = allowedConflictsFromLastApplied(scope.schema, liveObj, opts.apiVersion);
    if (allowed) {
      const remaining = outcome.conflicts.filter((c) => !allowed.has(c.path));
      outcome = remaining.length ? { ok: false, conflicts: remaining } : applyOwnership(scope, liveObj, config, managers, id, applier, true);
    }
  }
  if (!outcome.ok) return { object: undefined, managedFields: undefined, conflicts: outcome.conflicts, changed: false };

  const next = (isJsonObject(outcome.object) ? outcome.object : {}) as Obj;
  let changed = !deepEqual(liveObj, next);
  const out: Managers = new Map(outcome.managers);
  const mine = out.get(id);
  if (mine) {
    const set = mine.set.difference(STRIPPED_FIELDS);
    const previous = managers.get(id);
    if (set.isEmpty()) out.delete(id);
    else {
      const time = changed || !previous || !previous.set.equals(set) ? formatTime(opts.now) : previous.time;
      out.set(id, { ...mine, set, time });
    }
  }
  // Keep a client-side apply annotation in step with what "kubectl" applies (lastAppliedUpdater).
  if (manager === CSA_UPGRADE_MANAGER && lastAppliedOf(next)) {
    setLastApplied(next, buildLastApplied(config));
    changed = !deepEqual(liveObj, next);
  }
  const managedFields = encodeManagedFields(out);
  return { object: withManagedFields(next, managedFields), managedFields, conflicts: [], changed };
}

/** applyConfiguration, throwing the 409 Conflict upstream answers when there are conflicts. */
export function applyConfigurationOrThrow(live: object | undefined, config: unknown, manager: string, force: boolean, opts: FieldManagerOptions): Obj {
  const r = applyConfiguration(live, config, manager, force, opts);
  if (r.conflicts.length) throw conflictError(r.conflicts);
  return r.object!;
}
