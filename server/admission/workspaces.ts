// Admission of a new Workspace, as kcp's: the creator is recorded as its owner, spec.type defaults
// to the parent type's defaultChildWorkspaceType, the type must exist, allow this parent and be
// allowed by the parent's type, and the creator needs verb "use" on it.

import { ApiError, errors } from '../../apis/errors.js';
import { KObject } from '../../apis/resources/model.js';
import { LOGICAL_CLUSTERS, LOGICAL_CLUSTER_NAME, OWNER_ANNOTATION, ROOT, TYPE_ANNOTATION, WORKSPACE_TYPES } from '../../apis/tenancy/names.js';
import { isPrivileged } from '../../apis/tenancy/strategy.js';
import { Store } from '../../storage/store.js';
import { UserInfo } from '../auth/user.js';
import { Authorizer } from '../authz/authorizer.js';
import { WorkspaceResolver } from '../workspaces.js';

/** The admission context (see index.ts); `cluster` is the parent workspace. */
export interface WorkspaceAdmissionContext {
  store: Store;
  workspaces: WorkspaceResolver;
  authorizer: Authorizer;
  cluster: string;
  user: UserInfo;
}

interface TypeRef {
  name: string;
  path: string;
}

const GR = { group: 'tenancy.kcp.io', resource: 'workspaces' };
const text = (t: TypeRef): string => `${t.path}:${t.name}`;
const same = (a: TypeRef, b: { name?: string; path?: string }): boolean => a.name === b.name && a.path === (b.path ?? ROOT);

/** "root:organization" → { path: "root", name: "organization" }. */
function parseType(s: string | undefined): TypeRef {
  if (!s) return { name: 'universal', path: ROOT };
  const i = s.lastIndexOf(':');
  return i < 0 ? { name: s, path: ROOT } : { name: s.slice(i + 1), path: s.slice(0, i) };
}

async function workspaceType(ctx: WorkspaceAdmissionContext, t: TypeRef): Promise<{ obj: KObject; cluster: string } | undefined> {
  const cluster = await ctx.workspaces.resolve(t.path);
  if (!cluster) return undefined;
  const stored = await ctx.store.get({ cluster, resource: WORKSPACE_TYPES, namespace: '', name: t.name });
  return stored ? { obj: stored.object, cluster } : undefined;
}

function allows(selector: KObject | undefined, t: TypeRef): boolean {
  if (!selector) return true;
  if (selector.none) return false;
  const types: KObject[] = selector.types ?? [];
  return types.length === 0 || types.some((x) => same(t, x));
}

export async function admitWorkspaceCreate(ctx: WorkspaceAdmissionContext, obj: KObject): Promise<void> {
  const name: string = obj.metadata?.name ?? '';
  const deny = (why: string): ApiError => errors.forbidden(GR, name, why);
  const meta = (obj.metadata ??= {});
  if (!(isPrivileged(ctx.user) && meta.annotations?.[OWNER_ANNOTATION])) {
    const owner: KObject = { username: ctx.user.username, groups: ctx.user.groups };
    if (ctx.user.uid) owner.uid = ctx.user.uid;
    meta.annotations = { ...(meta.annotations ?? {}), [OWNER_ANNOTATION]: JSON.stringify(owner) };
  }

  const lc = await ctx.store.get({ cluster: ctx.cluster, resource: LOGICAL_CLUSTERS, namespace: '', name: LOGICAL_CLUSTER_NAME });
  const parentRef = parseType(lc?.object.metadata?.annotations?.[TYPE_ANNOTATION]);
  const parent = await workspaceType(ctx, parentRef);

  const spec = (obj.spec ??= {});
  let childRef: TypeRef;
  if (spec.type?.name) childRef = { name: spec.type.name, path: spec.type.path || ROOT };
  else {
    const d = parent?.obj.spec?.defaultChildWorkspaceType;
    childRef = d?.name ? { name: d.name, path: d.path || ROOT } : { name: 'universal', path: ROOT };
  }
  const child = await workspaceType(ctx, childRef);
  if (!child) throw deny(`workspace type ${text(childRef)} does not exist`);
  if (parent && !allows(parent.obj.spec?.limitAllowedChildren, childRef)) {
    throw deny(`workspace type ${text(childRef)} is not allowed as a child of a workspace of type ${text(parentRef)}`);
  }
  if (!allows(child.obj.spec?.limitAllowedParents, parentRef)) {
    throw deny(`workspace type ${text(childRef)} only allows ${child.obj.spec?.limitAllowedParents?.none ? 'no' : (child.obj.spec?.limitAllowedParents?.types ?? []).map((t: KObject) => `${t.path ?? ROOT}:${t.name}`).join(', ')} parent workspaces, not ${text(parentRef)}`);
  }
  const use = await ctx.authorizer.authorize(ctx.user, { cluster: child.cluster, verb: 'use', group: 'tenancy.kcp.io', resource: 'workspacetypes', name: childRef.name });
  if (!use.allowed) throw deny(`unable to use workspace type ${text(childRef)}: missing verb "use" permission on workspacetypes`);
  spec.type = childRef;
}
