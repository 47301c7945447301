// authorization.k8s.io/v1: access reviews ("can user X do Y?") and rules reviews ("what may I
// do here?"). None of these is stored; the server answers them on create.

import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('authorization/v1', `
SubjectAccessReview                          # Asks whether a given user or group may perform an action.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  spec                   SubjectAccessReviewSpec 2 req    # The subject and the action to check.
  status                 SubjectAccessReviewStatus 3      # The decision, filled in by the server.

SelfSubjectAccessReview                      # Asks whether the caller may perform an action.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  spec                   SelfSubjectAccessReviewSpec 2 req # The action to check; the subject is the caller.
  status                 SubjectAccessReviewStatus 3      # The decision, filled in by the server.

LocalSubjectAccessReview                     # Asks whether a user or group may perform an action in one namespace.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  spec                   SubjectAccessReviewSpec 2 req    # The subject and action; its namespace must be the request's.
  status                 SubjectAccessReviewStatus 3      # The decision, filled in by the server.

SelfSubjectRulesReview                       # Lists what the caller may do in a namespace.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  spec                   SelfSubjectRulesReviewSpec 2 req # The namespace to list rules for.
  status                 SubjectRulesReviewStatus 3       # The rules, filled in by the server.

SubjectAccessReviewSpec                      # A subject and an action; exactly one of the two attribute kinds is set.
  resourceAttributes     ResourceAttributes 1             # The action, when it concerns an API resource.
  nonResourceAttributes  NonResourceAttributes 2          # The action, when it concerns a non-resource URL.
  user                   string            3              # User to check; without groups it is taken as a member of none.
  groups                 []string          4   list=atomic # Groups to check.
  extra                  map[string]ExtraValue 5          # Further user attributes, as an authenticator would give them.
  uid                    string            6              # UID of the user to check.

SelfSubjectAccessReviewSpec                  # An action of the caller; exactly one of the two attribute kinds is set.
  resourceAttributes     ResourceAttributes 1             # The action, when it concerns an API resource.
  nonResourceAttributes  NonResourceAttributes 2          # The action, when it concerns a non-resource URL.

SelfSubjectRulesReviewSpec                   # Where to evaluate the caller's rules.
  namespace              string            1              # Namespace whose rules to list.

SubjectAccessReviewStatus                    # An authorization decision.
  allowed                bool              1   req keep   # True when the action would be allowed.
  denied                 bool              4              # True when the action is explicitly denied; never with allowed.
  reason                 string            2              # Why the action was allowed or denied.
  evaluationError        string            3              # A problem met while deciding; the decision may still stand.

SubjectRulesReviewStatus                     # The rules a subject holds, possibly incomplete.
  resourceRules          []ResourceRule    1   req list=atomic # Allowed actions on resources, in no particular order.
  nonResourceRules       []NonResourceRule 2   req list=atomic # Allowed actions on non-resource URLs, in no particular order.
  incomplete             bool              3   req keep   # True when the authorizer could not list every rule.
  evaluationError        string            4              # A problem met while listing the rules.

ResourceAttributes                           # An action on an API resource.
  namespace              string            1              # Namespace of the action; empty means all namespaces, or none for cluster-scoped kinds.
  verb                   string            2              # API verb such as get, list, watch, create; "*" means all.
  group                  string            3              # API group of the resource; "*" means all.
  version                string            4              # API version of the resource; "*" means all.
  resource               string            5              # Resource type; "*" means all.
  subresource            string            6              # Subresource; empty means none.
  name                   string            7              # Name of the object; empty means all.
  fieldSelector          FieldSelectorAttributes 8        # Limits the action to objects matching a field selector.
  labelSelector          LabelSelectorAttributes 9        # Limits the action to objects matching a label selector.

NonResourceAttributes                        # An action on a non-resource URL.
  path                   string            1              # URL path of the request.
  verb                   string            2              # HTTP verb of the request, lower case.

FieldSelectorAttributes                      # A field selector an action is limited to, raw or parsed (not both).
  rawSelector            string            1              # The selector as it would appear in a query string.
  requirements           []meta/v1:FieldSelectorRequirement 2 list=atomic # The parsed selector; every requirement must hold.

LabelSelectorAttributes                      # A label selector an action is limited to, raw or parsed (not both).
  rawSelector            string            1              # The selector as it would appear in a query string.
  requirements           []meta/v1:LabelSelectorRequirement 2 list=atomic # The parsed selector; every requirement must hold.

ResourceRule                                 # Actions a subject may perform on resources.
  verbs                  []string          1   req list=atomic # Allowed verbs; "*" means all.
  apiGroups              []string          2   list=atomic # API groups of the resources; "*" means all.
  resources              []string          3   list=atomic # Resources; "*" means all, "*/x" subresource x of all.
  resourceNames          []string          4   list=atomic # Object names; empty means all.

NonResourceRule                              # Actions a subject may perform on non-resource URLs.
  verbs                  []string          1   req list=atomic # Allowed HTTP verbs, lower case; "*" means all.
  nonResourceURLs        []string          2   list=atomic # URL paths, with "*" allowed only as the final segment.

ExtraValue @stringlist                       # A list of strings; plain array in JSON, wrapped in protobuf.
  items                  []string          1
`);
