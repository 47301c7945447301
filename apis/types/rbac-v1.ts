// rbac.authorization.k8s.io/v1: role-based access control — roles grant permissions, bindings
// give them to users, groups and service accounts.

import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('rbac/v1', `
Role                                         # A set of permissions within one namespace.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  rules                  []PolicyRule      2   list=atomic # The permissions granted.

ClusterRole                                  # A set of permissions usable in every namespace or for cluster-wide resources.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  rules                  []PolicyRule      2   list=atomic # The permissions granted; maintained by the controller when aggregationRule is set.
  aggregationRule        AggregationRule   3              # Builds the rules from the rules of other ClusterRoles.

RoleBinding                                  # Grants a Role or ClusterRole to subjects within one namespace.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  subjects               []Subject         2   list=atomic # Who receives the permissions.
  roleRef                RoleRef           3   req        # The role granted; cannot be changed after creation.

ClusterRoleBinding                           # Grants a ClusterRole to subjects across the whole cluster.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  subjects               []Subject         2   list=atomic # Who receives the permissions.
  roleRef                RoleRef           3   req        # The ClusterRole granted; cannot be changed after creation.

PolicyRule                                   # Verbs allowed on some resources or non-resource URLs.
  verbs                  []string          1   req list=atomic # Actions allowed, such as get or list; "*" allows all.
  apiGroups              []string          2   list=atomic # API groups of the resources; "" is the core group and "*" any group.
  resources              []string          3   list=atomic # Resources, or resource/subresource, the rule covers; "*" covers all.
  resourceNames          []string          4   list=atomic # Object names the rule is limited to; all objects when empty.
  nonResourceURLs        []string          5   list=atomic # URL paths (such as /healthz) the rule covers; only in ClusterRoles.

Subject atomic                               # A user, group or service account that a binding applies to.
  kind                   string            1   req keep   # User, Group or ServiceAccount.
  apiGroup               string            2              # API group of the subject: "" for service accounts, rbac.authorization.k8s.io for users and groups.
  name                   string            3   req keep   # Name of the subject.
  namespace              string            4              # Namespace of a service account subject.

RoleRef atomic                               # The role a binding grants.
  apiGroup               string            1   req keep   # API group of the role, rbac.authorization.k8s.io.
  kind                   string            2   req keep   # Role or ClusterRole.
  name                   string            3   req keep   # Name of the role.

AggregationRule                              # Selects the ClusterRoles whose rules are combined into another.
  clusterRoleSelectors   []meta/v1:LabelSelector 1 list=atomic # ClusterRoles matching any selector contribute their rules.
`);
