// Privilege-escalation prevention on RBAC writes, as upstream's policy-based storage does it
// (pkg/registry/rbac/{role,clusterrole,rolebinding,clusterrolebinding}/policybased,
// pkg/registry/rbac/escalation_check.go, pkg/registry/rbac/validation/rule.go ConfirmNoEscalation):
//   - system:masters may write anything (EscalationAllowed);
//   - Roles / ClusterRoles: allowed with verb "escalate" on the role resource, otherwise the
//     writer must already hold every rule it grants (in the role's namespace; cluster-wide for
//     ClusterRoles). Setting (or keeping) an aggregationRule needs "*" on everything;
//   - RoleBindings / ClusterRoleBindings: allowed with verb "bind" on the referenced role
//     (group rbac.authorization.k8s.io, resource roles|clusterroles, name = roleRef.name, in the
//     binding's namespace), otherwise the writer must hold every rule of the referenced role;
//   - updates that only touch ownerReferences / finalizers are not checked.
// The writer's rules are its RBAC rules in the workspace as that workspace sees it (foreign
// identities mapped by effectiveUser), without the workspace gate: the write request itself has
// already passed the authorizer.

import { ApiError, errors } from '../../../apis/errors.js';
import { KObject } from '../../../apis/resources/model.js';
import { UserInfo } from '../../auth/user.js';
import type { RbacAuthorizer } from './authorizer.js';
import { RBAC_GROUP } from './bootstrap.js';
import { SYSTEM_MASTERS } from './identity.js';
import { compactRules, compactString, compareGo, covers, goQuotedList, PolicyRule, RoleRef } from './rules.js';

export type EscalationResult =
  | { allowed: true }
  /** `message` goes after `<resource> "<name>" is forbidden: ` (upstream NewForbidden); a
   * missing referenced role gives `notFound` (404) instead. */
  | { allowed: false; message: string; notFound?: ApiError };

const OK: EscalationResult = Object.freeze({ allowed: true }) as EscalationResult;

export const FULL_AUTHORITY: readonly PolicyRule[] = Object.freeze([
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
]);

export const AGGREGATION_RULE_FORBIDDEN = 'must have cluster-admin privileges to use the aggregationRule';

function isMasters(user: UserInfo): boolean {
  return user.groups.includes(SYSTEM_MASTERS);
}

/**
 * ConfirmNoEscalation: undefined when the user's rules in `namespace` cover `rules`, else the
 * upstream message listing the missing rules (compacted, sorted).
 */
export async function confirmNoEscalation(
  authz: RbacAuthorizer,
  user: UserInfo,
  cluster: string,
  namespace: string,
  rules: readonly PolicyRule[],
): Promise<string | undefined> {
  const owner = await authz.policyRulesFor(user, cluster, namespace);
  const { covered, missing } = covers(owner.rules, rules);
  if (covered) return undefined;
  const descriptions = [...new Set(compactRules(missing).map(compactString))].sort(compareGo);
  let msg = `user "${user.username}" (groups=${goQuotedList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${descriptions.join('\n')}`;
  if (owner.errors.length) msg += `; resolution errors: [${aggregate(owner.errors)}]`;
  return msg;
}

function aggregate(msgs: readonly string[]): string {
  const unique = [...new Set(msgs)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

/**
 * May `user` write a Role (namespace set) or ClusterRole (namespace "") granting `rules`?
 * `role` names the object for the "escalate" exemption: `name` is the request's name ("" on create,
 * as upstream's RequestInfo has it).
 */
export async function checkRoleEscalation(
  authz: RbacAuthorizer,
  user: UserInfo,
  cluster: string,
  namespace: string,
  rules: readonly PolicyRule[],
  role?: { resource: 'roles' | 'clusterroles'; name?: string },
): Promise<EscalationResult> {
  if (isMasters(user)) return OK;
  if (role) {
    const d = await authz.authorize(user, { cluster, verb: 'escalate', group: RBAC_GROUP, resource: role.resource, namespace, name: role.name ?? '' });
    if (d.allowed) return OK;
  }
  const msg = await confirmNoEscalation(authz, user, cluster, namespace, rules);
  return msg === undefined ? OK : { allowed: false, message: msg };
}

/**
 * May `user` create or change a binding in `namespace` ("" for a ClusterRoleBinding) to `roleRef`?
 * Yes with verb "bind" on the role, or when the user holds all the role's rules.
 */
export async function checkBindingEscalation(
  authz: RbacAuthorizer,
  user: UserInfo,
  cluster: string,
  namespace: string,
  roleRef: RoleRef,
): Promise<EscalationResult> {
  if (isMasters(user)) return OK;
  const resource = roleRef?.kind === 'ClusterRole' ? 'clusterroles' : roleRef?.kind === 'Role' ? 'roles' : undefined;
  if (resource) {
    const d = await authz.authorize(user, { cluster, verb: 'bind', group: roleRef.apiGroup ?? '', resource, namespace, name: roleRef.name ?? '' });
    if (d.allowed) return OK;
  }
  const res = await authz.roleRefRules(cluster, namespace, roleRef);
  if ('error' in res) return { allowed: false, message: res.error, notFound: res.notFound };
  const msg = await confirmNoEscalation(authz, user, cluster, namespace, res.rules);
  return msg === undefined ? OK : { allowed: false, message: msg };
}

/**
 * Semantic equality of JSON values as Go structs compare them (apimachinery's Semantic.DeepEqual):
 * an absent field equals its zero value, and nil equals empty for lists and maps.
 */
function semanticEqual(a: unknown, b: unknown): boolean {
  const za = isZero(a);
  const zb = isZero(b);
  if (za || zb) return za && zb;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => semanticEqual(x, b[i]));
  }
  if (typeof a === 'object') {
    if (typeof b !== 'object' || Array.isArray(b)) return false;
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    for (const k of keys) if (!semanticEqual((a as KObject)[k], (b as KObject)[k])) return false;
    return true;
  }
  return a === b;
}

function isZero(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.values(v as object).every(isZero);
  return false;
}

/** IsOnlyMutatingGCFields: the update changes nothing but ownerReferences and finalizers. */
export function onlyMutatesGCFields(obj: KObject, old: KObject | undefined): boolean {
  if (!old) return false;
  const IGNORED = ['ownerReferences', 'finalizers', 'selfLink', 'managedFields'];
  const strip = (o: KObject): KObject => {
    const metadata = { ...(o.metadata ?? {}) };
    for (const k of IGNORED) delete metadata[k];
    return { ...o, metadata };
  };
  return semanticEqual(strip(obj), strip(old));
}

function hasAggregationRule(role: KObject | undefined): boolean {
  return !!role?.aggregationRule?.clusterRoleSelectors?.length;
}

export type RbacResource = 'roles' | 'clusterroles' | 'rolebindings' | 'clusterrolebindings';

export interface RbacWrite {
  cluster: string;
  resource: RbacResource;
  /** The namespace from the URL ("" for cluster-scoped resources). */
  namespace: string;
  verb: 'create' | 'update';
}

/**
 * The whole upstream guard for a create or update (patch/apply included) of an RBAC object:
 * undefined when the write may proceed, else the ApiError to answer (403 Forbidden, or 404 when a
 * binding references a missing role). `old` is the stored object on update.
 */
export async function admitRbacWrite(authz: RbacAuthorizer, user: UserInfo, w: RbacWrite, obj: KObject, old?: KObject): Promise<ApiError | undefined> {
  if (isMasters(user)) return undefined;
  const name: string = obj?.metadata?.name ?? '';
  const gr = { group: RBAC_GROUP, resource: w.resource };
  const namespace = w.resource === 'roles' || w.resource === 'rolebindings' ? w.namespace : '';
  if (w.resource === 'roles' || w.resource === 'clusterroles') {
    const escalate = await authz.authorize(user, {
      cluster: w.cluster, verb: 'escalate', group: RBAC_GROUP, resource: w.resource, namespace, name: w.verb === 'create' ? '' : name,
    });
    if (escalate.allowed) return undefined;
    if (w.verb === 'update' && onlyMutatesGCFields(obj, old)) return undefined;
    const msg = await confirmNoEscalation(authz, user, w.cluster, namespace, Array.isArray(obj?.rules) ? obj.rules : []);
    if (msg !== undefined) return errors.forbidden(gr, name, msg);
    if (w.resource === 'clusterroles' && (hasAggregationRule(obj) || (w.verb === 'update' && hasAggregationRule(old)))) {
      if ((await confirmNoEscalation(authz, user, w.cluster, '', FULL_AUTHORITY)) !== undefined) return errors.forbidden(gr, name, AGGREGATION_RULE_FORBIDDEN);
    }
    return undefined;
  }
  if (w.verb === 'update' && onlyMutatesGCFields(obj, old)) return undefined;
  const r = await checkBindingEscalation(authz, user, w.cluster, namespace, obj?.roleRef);
  if (r.allowed) return undefined;
  return r.notFound ?? errors.forbidden(gr, name, r.message);
}
