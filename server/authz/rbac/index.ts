// RBAC for kplane workspaces: see authorizer.ts (decisions), bootstrap.ts (the policy every
// workspace has), identity.ts (foreign identities), escalation.ts (guards on RBAC writes).

export { RbacAuthorizer, WORKSPACE_ACCESS_DENIED } from './authorizer.js';
export type { RulesReview, RoleRefResolution } from './authorizer.js';
export { ClusterRoleSet, bootstrapRules } from './aggregation.js';
export {
  BOOTSTRAP_CLUSTER_ROLES, BOOTSTRAP_CLUSTER_ROLE_BINDINGS, WORKSPACE_ACCESS_ROLE, RBAC_GROUP,
  AGGREGATE_TO_ADMIN, AGGREGATE_TO_EDIT, AGGREGATE_TO_VIEW, bootstrapClusterRole, isBootstrapClusterRoleName,
} from './bootstrap.js';
export {
  admitRbacWrite, checkBindingEscalation, checkRoleEscalation, confirmNoEscalation, onlyMutatesGCFields,
  AGGREGATION_RULE_FORBIDDEN, FULL_AUTHORITY,
} from './escalation.js';
export type { EscalationResult, RbacResource, RbacWrite } from './escalation.js';
export {
  effectiveUser, isForeign, isLocalServiceAccount, isServiceAccount, clusterGroup,
  SYSTEM_MASTERS, ALL_AUTHENTICATED, ALL_UNAUTHENTICATED, ANONYMOUS, KCP_ADMIN_GROUP,
} from './identity.js';
export {
  appliesTo, appliesToUser, breakdownRule, compactRules, compactString, covers, ruleAllows, ruleCovers, rulesAllow,
  serviceAccountUsername,
} from './rules.js';
export type { PolicyRule, RoleRef, Subject } from './rules.js';
export { MemoryRbacSource } from './memory.js';
export type { RbacSource } from './source.js';
