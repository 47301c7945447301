// The RBAC authorizer, per workspace (attrs.cluster), as kcp chains it:
//   1. system:masters may do anything (AlwaysAllowGroups).
//   2. The workspace access gate (kcp's workspace content authorizer): the user, as seen in the
//      workspace (effectiveUser), needs verb "access" on non-resource URL "/" from the workspace's
//      ClusterRoleBindings (cluster-admin and system:kcp:workspace:access grant it). Service
//      accounts of the workspace pass the gate; the shard-level path /metrics skips it. Failing
//      the gate denies with reason "access denied" (kcp's anonymised reason).
//   3. RBAC (upstream plugin/pkg/auth/authorizer/rbac): ClusterRoleBindings of the workspace, then
//      the implicit bootstrap ClusterRoleBindings, then RoleBindings of the request's namespace;
//      role references resolve to bootstrap ClusterRoles, stored ClusterRoles (aggregated) and
//      Roles. Allowed: `RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to User "alice"`;
//      no match: reason "" (or "RBAC: <resolution errors>", as upstream).
// Every call reads the policy through the RbacSource (no caching here); bootstrap roles are built
// once at load time.

import { errors as apiErrors, ApiError } from '../../../apis/errors.js';
import { KObject } from '../../../apis/resources/model.js';
import { UserInfo } from '../../auth/user.js';
import { Attributes, Authorizer, Decision, NonResourceRule, ResourceRule } from '../authorizer.js';
import { bootstrapRules, ClusterRoleSet, needsStoredRoles } from './aggregation.js';
import { BOOTSTRAP_CLUSTER_ROLE_BINDINGS, RBAC_GROUP } from './bootstrap.js';
import { admitRbacWrite, checkBindingEscalation, checkRoleEscalation, EscalationResult, RbacWrite } from './escalation.js';
import { effectiveUser, isLocalServiceAccount, SYSTEM_MASTERS } from './identity.js';
import { appliesTo, PolicyRule, RoleRef, ruleAllows, Subject, SubjectUser } from './rules.js';
import { RbacSource } from './source.js';

/** kcp's reason when the workspace access gate fails. */
export const WORKSPACE_ACCESS_DENIED = 'access denied';

/** Non-resource paths served shard-wide: no workspace access gate (kcp shardpaths). */
const SHARD_LEVEL_PATHS = new Set(['/metrics']);

export interface RulesReview {
  resourceRules: ResourceRule[];
  nonResourceRules: NonResourceRule[];
  incomplete: boolean;
  /** Set when some bindings could not be resolved (upstream status.evaluationError). */
  evaluationError?: string;
}

/** How a missing role is worded: the authorizer's listers (singular) or the registry (plural). */
type NotFoundStyle = 'authorizer' | 'registry';

export type RoleRefResolution =
  | { rules: readonly PolicyRule[] }
  | { error: string; notFound?: ApiError };

const MASTERS_RULES: Pick<RulesReview, 'resourceRules' | 'nonResourceRules'> = {
  resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
  nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
};

type Visitor = (rule: PolicyRule, describe: () => string) => boolean;

function describeSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount') return `${s.kind} "${s.name}/${s.namespace || bindingNamespace}"`;
  return `${s.kind} "${s.name}"`;
}

/** Go's utilerrors.NewAggregate(...).Error(). */
function aggregateErrors(msgs: readonly string[]): string {
  if (msgs.length === 1) return msgs[0];
  const unique = [...new Set(msgs)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

/** One workspace's policy for the duration of one call: every list is read at most once. */
class WorkspacePolicy {
  private crbs?: Promise<readonly KObject[]>;
  private roleSet?: Promise<ClusterRoleSet>;
  private readonly rbs = new Map<string, Promise<readonly KObject[]>>();

  constructor(
    private readonly source: RbacSource,
    readonly cluster: string,
    private readonly style: NotFoundStyle,
  ) {}

  private clusterRoleBindings(): Promise<readonly KObject[]> {
    return (this.crbs ??= this.source.clusterRoleBindings(this.cluster));
  }

  private roleBindings(namespace: string): Promise<readonly KObject[]> {
    let p = this.rbs.get(namespace);
    if (!p) {
      p = this.source.roleBindings(this.cluster, namespace);
      this.rbs.set(namespace, p);
    }
    return p;
  }

  private clusterRoleSet(): Promise<ClusterRoleSet> {
    return (this.roleSet ??= this.source.clusterRoles(this.cluster).then((roles) => new ClusterRoleSet(roles)));
  }

  private notFound(resource: 'roles' | 'clusterroles', name: string): { error: string; notFound?: ApiError } {
    if (this.style === 'registry') {
      const e = apiErrors.notFound({ group: RBAC_GROUP, resource }, name);
      return { error: e.message, notFound: e };
    }
    const singular = resource === 'roles' ? 'role' : 'clusterrole';
    return { error: `${singular}.${RBAC_GROUP} "${name}" not found` };
  }

  /** GetRoleReferenceRules: `bindingNamespace` is "" for ClusterRoleBindings. */
  async roleRefRules(ref: RoleRef | undefined, bindingNamespace: string): Promise<RoleRefResolution> {
    const kind = ref?.kind;
    const name = ref?.name ?? '';
    if (kind === 'ClusterRole') {
      if (!needsStoredRoles(name)) return { rules: bootstrapRules(name)! };
      const rules = (await this.clusterRoleSet()).rules(name);
      return rules ? { rules } : this.notFound('clusterroles', name);
    }
    if (kind === 'Role') {
      if (!bindingNamespace) return this.notFound('roles', name);
      const role = await this.source.role(this.cluster, bindingNamespace, name);
      if (!role) return this.notFound('roles', name);
      return { rules: Array.isArray(role.rules) ? role.rules : [] };
    }
    return { error: `unsupported role reference kind: "${kind ?? ''}"` };
  }

  /**
   * VisitRulesFor: every rule that applies to `user` in `namespace` ("" for cluster-wide), until
   * the visitor returns false. Resolution errors go to `onError`.
   */
  async visit(user: SubjectUser, namespace: string, visitor: Visitor, onError: (msg: string) => void): Promise<void> {
    const stored = await this.clusterRoleBindings();
    for (const list of [stored, BOOTSTRAP_CLUSTER_ROLE_BINDINGS]) {
      for (const b of list) {
        const i = appliesTo(user, b.subjects, '');
        if (i < 0) continue;
        const res = await this.roleRefRules(b.roleRef, '');
        if ('error' in res) {
          onError(res.error);
          continue;
        }
        const describe = () =>
          `ClusterRoleBinding "${b.metadata?.name ?? ''}" of ${b.roleRef?.kind} "${b.roleRef?.name}" to ${describeSubject(b.subjects[i], '')}`;
        for (const r of res.rules) if (!visitor(r, describe)) return;
      }
    }
    if (!namespace) return;
    for (const b of await this.roleBindings(namespace)) {
      const i = appliesTo(user, b.subjects, namespace);
      if (i < 0) continue;
      const res = await this.roleRefRules(b.roleRef, namespace);
      if ('error' in res) {
        onError(res.error);
        continue;
      }
      const describe = () =>
        `RoleBinding "${b.metadata?.name ?? ''}/${namespace}" of ${b.roleRef?.kind} "${b.roleRef?.name}" to ${describeSubject(b.subjects[i], namespace)}`;
      for (const r of res.rules) if (!visitor(r, describe)) return;
    }
  }

  /** The RBAC decision alone (upstream RBACAuthorizer.Authorize). */
  async decide(user: SubjectUser, attrs: Attributes): Promise<Decision> {
    let allowedBy: string | undefined;
    let errs: string[] | undefined;
    const namespace = attrs.path === undefined ? attrs.namespace ?? '' : '';
    await this.visit(
      user,
      namespace,
      (rule, describe) => {
        if (!ruleAllows(attrs, rule)) return true;
        allowedBy = describe();
        return false;
      },
      (msg) => (errs ??= []).push(msg),
    );
    if (allowedBy !== undefined) return { allowed: true, reason: `RBAC: allowed by ${allowedBy}` };
    return { allowed: false, reason: errs ? `RBAC: ${aggregateErrors(errs)}` : '' };
  }

  /** RulesFor: all rules of `user` in `namespace`, plus resolution errors. */
  async rulesFor(user: SubjectUser, namespace: string): Promise<{ rules: PolicyRule[]; errors: string[] }> {
    const rules: PolicyRule[] = [];
    const errors: string[] = [];
    await this.visit(
      user,
      namespace,
      (r) => {
        rules.push(r);
        return true;
      },
      (msg) => errors.push(msg),
    );
    return { rules, errors };
  }
}

function gateAttributes(cluster: string): Attributes {
  return { cluster, verb: 'access', path: '/' };
}

export class RbacAuthorizer implements Authorizer {
  constructor(private readonly source: RbacSource) {}

  /** Whether the workspace access gate applies to this request. */
  private gated(user: UserInfo, attrs: Attributes): boolean {
    if (attrs.path !== undefined && (SHARD_LEVEL_PATHS.has(attrs.path) || (attrs.path === '/' && attrs.verb === 'access'))) return false;
    return !isLocalServiceAccount(user, attrs.cluster);
  }

  async authorize(user: UserInfo, attrs: Attributes): Promise<Decision> {
    if (user.groups.includes(SYSTEM_MASTERS)) return { allowed: true, reason: '' };
    const policy = new WorkspacePolicy(this.source, attrs.cluster, 'authorizer');
    const eff = effectiveUser(user, attrs.cluster);
    if (this.gated(user, attrs)) {
      const gate = await policy.decide(eff, gateAttributes(attrs.cluster));
      if (!gate.allowed) return { allowed: false, reason: WORKSPACE_ACCESS_DENIED };
    }
    return policy.decide(eff, attrs);
  }

  /**
   * Whether `user` may enter workspace `cluster` at all (verb access on "/", or a service account
   * of the workspace, or system:masters).
   */
  async passesWorkspaceGate(user: UserInfo, cluster: string): Promise<boolean> {
    if (user.groups.includes(SYSTEM_MASTERS) || isLocalServiceAccount(user, cluster)) return true;
    const policy = new WorkspacePolicy(this.source, cluster, 'authorizer');
    return (await policy.decide(effectiveUser(user, cluster), gateAttributes(cluster))).allowed;
  }

  /**
   * SelfSubjectRulesReview status: the rules of the user in `namespace` of the workspace, in
   * binding order (ClusterRoleBindings, implicit bootstrap ones, RoleBindings); system:masters get
   * "*" rules first, as upstream's union of authorizers does. A user who fails the workspace gate
   * holds nothing.
   */
  async rulesFor(user: UserInfo, cluster: string, namespace: string): Promise<RulesReview> {
    const masters = user.groups.includes(SYSTEM_MASTERS);
    const resourceRules: ResourceRule[] = masters ? [...MASTERS_RULES.resourceRules] : [];
    const nonResourceRules: NonResourceRule[] = masters ? [...MASTERS_RULES.nonResourceRules] : [];
    const policy = new WorkspacePolicy(this.source, cluster, 'authorizer');
    const eff = effectiveUser(user, cluster);
    if (!masters && !isLocalServiceAccount(user, cluster)) {
      const gate = await policy.decide(eff, gateAttributes(cluster));
      if (!gate.allowed) return { resourceRules, nonResourceRules, incomplete: false };
    }
    const { rules, errors } = await policy.rulesFor(eff, namespace);
    for (const r of rules) {
      if (r.resources && r.resources.length > 0) {
        const rr: ResourceRule = { verbs: [...(r.verbs ?? [])], apiGroups: [...(r.apiGroups ?? [])], resources: [...r.resources] };
        if (r.resourceNames && r.resourceNames.length > 0) rr.resourceNames = [...r.resourceNames];
        resourceRules.push(rr);
      }
      if (r.nonResourceURLs && r.nonResourceURLs.length > 0) {
        nonResourceRules.push({ verbs: [...(r.verbs ?? [])], nonResourceURLs: [...r.nonResourceURLs] });
      }
    }
    const out: RulesReview = { resourceRules, nonResourceRules, incomplete: false };
    if (errors.length) out.evaluationError = aggregateErrors(errors);
    return out;
  }

  /**
   * The RBAC rules `user` holds in `namespace` ("" = cluster-wide: ClusterRoleBindings only),
   * without the workspace gate and without system:masters, as the escalation checks need them
   * (upstream AuthorizationRuleResolver.RulesFor). Errors are worded like the registry's.
   */
  async policyRulesFor(user: UserInfo, cluster: string, namespace: string): Promise<{ rules: PolicyRule[]; errors: string[] }> {
    return new WorkspacePolicy(this.source, cluster, 'registry').rulesFor(effectiveUser(user, cluster), namespace);
  }

  /**
   * The rules a roleRef grants when bound in `namespace` ("" for a ClusterRoleBinding); a missing
   * role gives `notFound`, the registry's 404 (`clusterroles.rbac.authorization.k8s.io "x" not found`).
   */
  async roleRefRules(cluster: string, namespace: string, roleRef: RoleRef): Promise<RoleRefResolution> {
    return new WorkspacePolicy(this.source, cluster, 'registry').roleRefRules(roleRef, namespace);
  }

  /** The rules of a ClusterRole in a workspace after aggregation (bootstrap or stored), or undefined. */
  async clusterRoleRules(cluster: string, name: string): Promise<readonly PolicyRule[] | undefined> {
    if (!needsStoredRoles(name)) return bootstrapRules(name);
    return new ClusterRoleSet(await this.source.clusterRoles(cluster)).rules(name);
  }

  /** See escalation.ts checkRoleEscalation. */
  checkRoleEscalation(
    user: UserInfo,
    cluster: string,
    namespace: string,
    rules: readonly PolicyRule[],
    role?: { resource: 'roles' | 'clusterroles'; name?: string },
  ): Promise<EscalationResult> {
    return checkRoleEscalation(this, user, cluster, namespace, rules, role);
  }

  /** See escalation.ts checkBindingEscalation. */
  checkBindingEscalation(user: UserInfo, cluster: string, namespace: string, roleRef: RoleRef): Promise<EscalationResult> {
    return checkBindingEscalation(this, user, cluster, namespace, roleRef);
  }

  /** See escalation.ts admitRbacWrite: the ApiError to answer a create/update of an RBAC object with, if any. */
  admitRbacWrite(user: UserInfo, w: RbacWrite, obj: KObject, old?: KObject): Promise<ApiError | undefined> {
    return admitRbacWrite(this, user, w, obj, old);
  }
}
