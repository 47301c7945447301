// Server-side admission: checks that need more than the object itself (the caller's permissions,
// other workspaces' objects), keyed by resource so the REST handlers stay generic.

import { ServedResource } from '../../apis/catalogue.js';
import { KObject } from '../../apis/resources/model.js';
import { Store } from '../../storage/store.js';
import { UserInfo } from '../auth/user.js';
import { Authorizer } from '../authz/authorizer.js';
import { WorkspaceResolver } from '../workspaces.js';
import { admitWorkspaceCreate } from './workspaces.js';
import { admitPlacementWrite } from './placements.js';

export interface AdmissionContext {
  store: Store;
  workspaces: WorkspaceResolver;
  authorizer: Authorizer;
  /** Logical cluster of the request. */
  cluster: string;
  user: UserInfo;
}

type CreateHook = (ctx: AdmissionContext, obj: KObject) => Promise<void>;

const CREATE_HOOKS: Record<string, CreateHook> = {
  'tenancy.kcp.io/workspaces': admitWorkspaceCreate,
};

/** Admits the body of a create (may change it, or throw the upstream error). */
export async function admitCreate(ctx: AdmissionContext, r: ServedResource, body: unknown): Promise<void> {
  const hook = CREATE_HOOKS[`${r.group}/${r.plural}`];
  if (hook && body && typeof body === 'object' && !Array.isArray(body)) await hook(ctx, body as KObject);
}

type ValidateHook = (ctx: AdmissionContext, r: ServedResource, verb: 'create' | 'update', obj: KObject, old?: KObject) => Promise<void>;

/** Escalation prevention: nobody grants, through RBAC objects, permissions they do not hold. */
const rbacGuard: ValidateHook = async (ctx, r, verb, obj, old) => {
  const err = await ctx.authorizer.admitRbacWrite?.(
    ctx.user,
    { cluster: ctx.cluster, resource: r.plural as 'roles', namespace: obj.metadata?.namespace ?? '', verb },
    obj,
    old,
  );
  if (err) throw err;
};

const VALIDATE_HOOKS: Record<string, ValidateHook> = {
  'rbac.authorization.k8s.io/roles': rbacGuard,
  'rbac.authorization.k8s.io/clusterroles': rbacGuard,
  'rbac.authorization.k8s.io/rolebindings': rbacGuard,
  'rbac.authorization.k8s.io/clusterrolebindings': rbacGuard,
  'sync.kplane.io/placements': (ctx, _r, _verb, obj, old) => admitPlacementWrite(ctx, obj, old),
};

/** True when writes of `r` must be validated against their final object (see validateWrite). */
export function hasWriteValidation(r: ServedResource): boolean {
  return `${r.group}/${r.plural}` in VALIDATE_HOOKS;
}

/** Validates the object a write would store (from a dry run of it) against `old`. */
export async function validateWrite(ctx: AdmissionContext, r: ServedResource, obj: KObject, old: KObject | undefined): Promise<void> {
  await VALIDATE_HOOKS[`${r.group}/${r.plural}`]?.(ctx, r, old ? 'update' : 'create', obj, old);
}

/** True when creates of `r` go through admission (server-side apply must run it on create-on-apply). */
export function hasCreateAdmission(r: ServedResource): boolean {
  return `${r.group}/${r.plural}` in CREATE_HOOKS;
}
