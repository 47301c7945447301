// The bootstrap policy every workspace has without storing it: ClusterRoles and the implicit
// ClusterRoleBindings the authorizer evaluates next to each workspace's own. Built once at load
// time and frozen; the same objects serve every workspace and every request.
//
// ClusterRoles (upstream plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go, rule lists as
// kube-apiserver 1.3x renders them in testdata/cluster-roles.yaml, restricted to the API groups
// kplane serves: core, apps, batch, autoscaling, networking.k8s.io, policy, coordination.k8s.io,
// events.k8s.io, rbac.authorization.k8s.io; rules for extensions, discovery.k8s.io and
// resource.k8s.io are left out):
//   cluster-admin               everything, all non-resource URLs
//   admin / edit / view         aggregated (aggregationRule) from ClusterRoles labelled
//                               rbac.authorization.k8s.io/aggregate-to-admin|edit|view: "true";
//                               edit is labelled aggregate-to-admin and view aggregate-to-edit,
//                               so admin ⊇ edit ⊇ view
//   system:aggregate-to-admin|edit|view   upstream's rule sets feeding them
//   system:kplane:aggregate-to-edit|view  tenancy.kcp.io workspaces (write in edit/admin, read in view),
//                                and the workspace gate ("access" on "/") in view, edit and admin
//   system:basic-user, system:discovery, system:public-info-viewer   as upstream
//   system:kcp:workspace:access  verb "access" on "/" (kcp's workspace gate)
//   system:kcp:metrics-reader    get /metrics (kcp)
//
// Implicit ClusterRoleBindings, evaluated in every workspace after its stored bindings (upstream
// testdata/cluster-role-bindings.yaml and kcp's bootstrap policy):
//   cluster-admin                    Group system:masters
//   system:kcp:admin:cluster-admin   cluster-admin to Group system:kcp:admin
//   system:basic-user                Group system:authenticated
//   system:discovery                 Group system:authenticated
//   system:public-info-viewer        Groups system:authenticated, system:unauthenticated
// They all sit behind the workspace access gate; /healthz, /livez, /readyz, /version and the
// OIDC discovery documents are answered by the server before authorization anyway.

import { KObject } from '../../../apis/resources/model.js';
import { LabelSelector } from '../../../apis/machinery/labels.js';
import { ALL_AUTHENTICATED, ALL_UNAUTHENTICATED, KCP_ADMIN_GROUP, SYSTEM_MASTERS } from './identity.js';
import { PolicyRule } from './rules.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
export const AGGREGATE_TO_ADMIN = 'rbac.authorization.k8s.io/aggregate-to-admin';
export const AGGREGATE_TO_EDIT = 'rbac.authorization.k8s.io/aggregate-to-edit';
export const AGGREGATE_TO_VIEW = 'rbac.authorization.k8s.io/aggregate-to-view';
export const WORKSPACE_ACCESS_ROLE = 'system:kcp:workspace:access';

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const READ_WRITE = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

const CORE = '';
const APPS = 'apps';
const AUTHENTICATION = 'authentication.k8s.io';
const AUTHORIZATION = 'authorization.k8s.io';
const AUTOSCALING = 'autoscaling';
const BATCH = 'batch';
const COORDINATION = 'coordination.k8s.io';
const EVENTS = 'events.k8s.io';
const NETWORKING = 'networking.k8s.io';
const POLICY = 'policy';
const TENANCY = 'tenancy.kcp.io';

function rule(verbs: string[], groups: string[], resources: string[]): PolicyRule {
  return { apiGroups: groups, resources, verbs };
}

function urls(verbs: string[], nonResourceURLs: string[]): PolicyRule {
  return { nonResourceURLs, verbs };
}

interface RoleSpec {
  name: string;
  labels?: Record<string, string>;
  rules?: PolicyRule[];
  aggregateFrom?: string;
}

const ROLE_SPECS: RoleSpec[] = [
  {
    name: 'cluster-admin',
    rules: [rule(['*'], ['*'], ['*']), urls(['*'], ['*'])],
  },
  { name: 'admin', aggregateFrom: AGGREGATE_TO_ADMIN },
  { name: 'edit', labels: { [AGGREGATE_TO_ADMIN]: 'true' }, aggregateFrom: AGGREGATE_TO_EDIT },
  { name: 'view', labels: { [AGGREGATE_TO_EDIT]: 'true' }, aggregateFrom: AGGREGATE_TO_VIEW },
  {
    name: 'system:aggregate-to-admin',
    labels: { [AGGREGATE_TO_ADMIN]: 'true' },
    rules: [rule(['create'], [AUTHORIZATION], ['localsubjectaccessreviews']), rule(READ_WRITE, [RBAC_GROUP], ['rolebindings', 'roles'])],
  },
  {
    name: 'system:aggregate-to-edit',
    labels: { [AGGREGATE_TO_EDIT]: 'true' },
    rules: [
      rule(READ, [CORE], ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy']),
      rule(['impersonate'], [CORE], ['serviceaccounts']),
      rule(WRITE, [CORE], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy']),
      rule(['create'], [CORE], ['pods/eviction']),
      rule(WRITE, [CORE], ['configmaps', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy']),
      rule(['create'], [CORE], ['serviceaccounts/token']),
      rule(WRITE, [CORE, EVENTS], ['events']),
      rule(WRITE, [APPS], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale']),
      rule(WRITE, [AUTOSCALING], ['horizontalpodautoscalers']),
      rule(WRITE, [BATCH], ['cronjobs', 'jobs']),
      rule(WRITE, [POLICY], ['poddisruptionbudgets']),
      rule(WRITE, [NETWORKING], ['ingresses', 'networkpolicies']),
      rule(READ_WRITE, [COORDINATION], ['leases']),
    ],
  },
  {
    name: 'system:aggregate-to-view',
    labels: { [AGGREGATE_TO_VIEW]: 'true' },
    rules: [
      rule(READ, [CORE], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status']),
      rule(READ, [CORE], ['bindings', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status']),
      rule(READ, [CORE], ['namespaces']),
      rule(READ, [CORE, EVENTS], ['events']),
      rule(READ, [APPS], [
        'controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status',
        'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status',
      ]),
      rule(READ, [AUTOSCALING], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
      rule(READ, [BATCH], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status']),
      rule(READ, [POLICY], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
      rule(READ, [NETWORKING], ['ingresses', 'ingresses/status', 'networkpolicies']),
    ],
  },
  {
    name: 'system:kplane:aggregate-to-edit',
    labels: { [AGGREGATE_TO_EDIT]: 'true' },
    rules: [rule(WRITE, [TENANCY], ['workspaces'])],
  },
  {
    // Entering the workspace (kcp's access gate) comes with view, so binding a user view, edit or
    // admin with a ClusterRoleBinding is enough to let them in.
    name: 'system:kplane:aggregate-to-view',
    labels: { [AGGREGATE_TO_VIEW]: 'true' },
    rules: [rule(READ, [TENANCY], ['workspaces']), urls(['access'], ['/'])],
  },
  {
    name: 'system:basic-user',
    rules: [
      rule(['create'], [AUTHORIZATION], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']),
      rule(['create'], [AUTHENTICATION], ['selfsubjectreviews']),
    ],
  },
  {
    name: 'system:discovery',
    rules: [urls(['get'], ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'])],
  },
  {
    name: 'system:public-info-viewer',
    rules: [urls(['get'], ['/healthz', '/livez', '/readyz', '/version', '/version/'])],
  },
  { name: WORKSPACE_ACCESS_ROLE, rules: [urls(['access'], ['/'])] },
  { name: 'system:kcp:metrics-reader', rules: [urls(['get'], ['/metrics'])] },
];

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

const DEFAULT_LABELS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const DEFAULT_ANNOTATIONS = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

function clusterRoleObject(spec: RoleSpec): KObject {
  const o: KObject = {
    apiVersion: `${RBAC_GROUP}/v1`,
    kind: 'ClusterRole',
    metadata: { name: spec.name, labels: { ...DEFAULT_LABELS, ...(spec.labels ?? {}) }, annotations: { ...DEFAULT_ANNOTATIONS } },
  };
  if (spec.aggregateFrom) {
    const selector: LabelSelector = { matchLabels: { [spec.aggregateFrom]: 'true' } };
    o.aggregationRule = { clusterRoleSelectors: [selector] };
  }
  // Aggregated roles list no rules of their own: the authorizer computes them per workspace.
  o.rules = spec.rules ?? [];
  return o;
}

/** The bootstrap ClusterRoles as API objects (frozen; aggregated ones with empty `rules`). */
export const BOOTSTRAP_CLUSTER_ROLES: readonly KObject[] = deepFreeze(ROLE_SPECS.map(clusterRoleObject));

function bindingObject(name: string, role: string, groups: string[]): KObject {
  return {
    apiVersion: `${RBAC_GROUP}/v1`,
    kind: 'ClusterRoleBinding',
    metadata: { name, labels: { ...DEFAULT_LABELS }, annotations: { ...DEFAULT_ANNOTATIONS } },
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: role },
    subjects: groups.map((g) => ({ apiGroup: RBAC_GROUP, kind: 'Group', name: g })),
  };
}

/** The ClusterRoleBindings every workspace implicitly has (frozen). */
export const BOOTSTRAP_CLUSTER_ROLE_BINDINGS: readonly KObject[] = deepFreeze([
  bindingObject('cluster-admin', 'cluster-admin', [SYSTEM_MASTERS]),
  bindingObject('system:kcp:admin:cluster-admin', 'cluster-admin', [KCP_ADMIN_GROUP]),
  bindingObject('system:basic-user', 'system:basic-user', [ALL_AUTHENTICATED]),
  bindingObject('system:discovery', 'system:discovery', [ALL_AUTHENTICATED]),
  bindingObject('system:public-info-viewer', 'system:public-info-viewer', [ALL_AUTHENTICATED, ALL_UNAUTHENTICATED]),
]);

const BY_NAME = new Map<string, KObject>(BOOTSTRAP_CLUSTER_ROLES.map((r) => [r.metadata.name as string, r]));

export function bootstrapClusterRole(name: string): KObject | undefined {
  return BY_NAME.get(name);
}

/** Names a stored ClusterRole cannot take over: the bootstrap role of that name always wins. */
export function isBootstrapClusterRoleName(name: string): boolean {
  return BY_NAME.has(name);
}
