// How the simulated controllers write: through the registry, as the system user, with the field
// manager an upstream controller would use, so defaults, validation, generation, resourceVersion
// and managedFields follow the same rules as any client's request. An object's main-resource
// change and its status change are committed together, in one transaction and one event.

import type { Logger } from 'pino';
import { ApiError } from '../../apis/errors.js';
import { deepEqual } from '../../apis/machinery/jsonEqual.js';
import { create } from '../../apis/registry/create.js';
import { remove } from '../../apis/registry/delete.js';
import { Scope } from '../../apis/registry/scope.js';
import { UpdateTarget, computeUpdate, runUpdate } from '../../apis/registry/update.js';
import { KObject } from '../../apis/resources/model.js';
import { DELETE, ObjectKey, Store, UNCHANGED } from '../../storage/store.js';
import { SYSTEM_USER } from '../bootstrap.js';
import { WorkspaceResolver } from '../workspaces.js';

/** The field manager of kube-controller-manager's controllers. */
export const CONTROLLER_MANAGER = 'kube-controller-manager';

/** What every simulated controller works with. */
export interface SimulationContext {
  store: Store;
  workspaces: WorkspaceResolver;
  log: Logger;
  /** The current time in milliseconds (a parameter so tests can fix it). */
  now(): number;
}

/** One change to an object: the object `build` returns, written through `target`. */
export interface WriteStep {
  target: UpdateTarget;
  /** The wanted object (a new object, never `current` itself), or undefined for no change. */
  build(current: KObject): KObject | undefined;
  /** False for fields the API server fills in without an owner (service allocations). */
  trackFields?: boolean;
}

/** The scope of a stored object's resource in its workspace, at its storage version. */
export function scopeOf(ctx: SimulationContext, key: ObjectKey): Scope | undefined {
  const catalogue = ctx.workspaces.catalogue(key.cluster);
  const r = catalogue.byStorageKey(key.resource);
  return r ? { cluster: key.cluster, catalogue, r, namespace: key.namespace, user: SYSTEM_USER } : undefined;
}

/** True for the errors that only mean the world moved on (the object went away, or changed). */
export function isStale(e: unknown): boolean {
  return e instanceof ApiError && ['NotFound', 'Conflict', 'AlreadyExists', 'Forbidden'].includes(e.reason);
}

/**
 * Applies `steps` in order to the current object inside one transaction, as the updates of
 * `manager`. `expect` may refuse the object (another uid, a newer generation than the one the
 * change was computed from): nothing is written then. Returns true when something was written.
 */
export async function updateObject(ctx: SimulationContext, key: ObjectKey, manager: string, steps: WriteStep[], expect?: (current: KObject) => boolean): Promise<boolean> {
  const s = scopeOf(ctx, key);
  if (!s) return false;
  let wrote = false;
  try {
    await runUpdate(ctx.store, s, key.name, { dryRun: false, fieldValidation: 'Ignore' }, (old) => {
      if (expect && !expect(old)) return UNCHANGED;
      let current = old;
      for (const step of steps) {
        const wanted = step.build(current);
        if (!wanted) continue;
        const next = computeUpdate(s, wanted, current, step.target, manager, { trackFields: step.trackFields });
        if (next === UNCHANGED) continue;
        if (next === DELETE) return DELETE;
        current = next;
        wrote = true;
      }
      return wrote ? current : UNCHANGED;
    });
  } catch (e) {
    if (isStale(e)) return false;
    throw e;
  }
  return wrote;
}

/** Creates an object as `manager` (unless it exists). Returns true when it was created. */
export async function createObject(ctx: SimulationContext, key: Omit<ObjectKey, 'name'>, body: KObject, manager: string): Promise<boolean> {
  const s = scopeOf(ctx, { ...key, name: '' });
  if (!s) return false;
  try {
    await create(ctx.store, s, body, { dryRun: false, fieldManager: manager, fieldValidation: 'Ignore' });
    return true;
  } catch (e) {
    if (isStale(e)) return false;
    throw e;
  }
}

/** Deletes an object if it still has the given uid (background propagation). */
export async function deleteObject(ctx: SimulationContext, key: ObjectKey, uid: string): Promise<void> {
  const s = scopeOf(ctx, key);
  if (!s) return;
  try {
    await remove(ctx.store, s, key.name, { dryRun: false, propagationPolicy: 'Background', preconditions: { uid } });
  } catch (e) {
    if (!isStale(e)) throw e;
  }
}

/** A status step: `status(current)` replaces the status when it differs. */
export function statusStep(status: (current: KObject) => KObject | undefined): WriteStep {
  return {
    target: 'status',
    build(current) {
      const next = status(current);
      if (next === undefined || deepEqual(next, current.status)) return undefined;
      return { ...current, status: next };
    },
  };
}
