import { describe, expect, it } from 'vitest';
import { Attributes } from '../authorizer.js';
import { bootstrapRules, ClusterRoleSet } from './aggregation.js';
import { BOOTSTRAP_CLUSTER_ROLE_BINDINGS, BOOTSTRAP_CLUSTER_ROLES, bootstrapClusterRole, isBootstrapClusterRoleName } from './bootstrap.js';
import { covers, ruleKey, rulesAllow } from './rules.js';

const can = (role: string, verb: string, group: string, resource: string, subresource = ''): boolean =>
  rulesAllow({ cluster: 'c', verb, group, resource, subresource } as Attributes, bootstrapRules(role)!);

describe('bootstrap ClusterRoles', () => {
  it('are frozen API objects', () => {
    expect(Object.isFrozen(BOOTSTRAP_CLUSTER_ROLES)).toBe(true);
    expect(Object.isFrozen(BOOTSTRAP_CLUSTER_ROLES[0].rules[0].verbs)).toBe(true);
    expect(bootstrapClusterRole('view')).toMatchObject({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'view', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }] },
      rules: [],
    });
    expect(BOOTSTRAP_CLUSTER_ROLE_BINDINGS.map((b) => b.metadata.name)).toEqual([
      'cluster-admin', 'system:kcp:admin:cluster-admin', 'system:basic-user', 'system:discovery', 'system:public-info-viewer',
    ]);
    expect(isBootstrapClusterRoleName('system:kcp:workspace:access')).toBe(true);
    expect(isBootstrapClusterRoleName('my-role')).toBe(false);
  });

  it('nest admin ⊇ edit ⊇ view, computed once', () => {
    const admin = bootstrapRules('admin')!;
    const edit = bootstrapRules('edit')!;
    const view = bootstrapRules('view')!;
    expect(covers(admin, edit).covered).toBe(true);
    expect(covers(edit, view).covered).toBe(true);
    expect(covers(view, edit).covered).toBe(false);
    expect(covers(edit, admin).covered).toBe(false);
    expect(bootstrapRules('admin')).toBe(admin);
    expect(new Set(admin.map(ruleKey)).size).toBe(admin.length);
    expect(new ClusterRoleSet([]).rules('admin')).toBe(admin);
  });

  const cases: [string, string, string, string, string, boolean][] = [
    ['admin', 'create', 'rbac.authorization.k8s.io', 'roles', '', true],
    ['admin', 'create', 'rbac.authorization.k8s.io', 'clusterroles', '', false],
    ['admin', 'update', '', 'resourcequotas', '', false],
    ['edit', 'create', 'rbac.authorization.k8s.io', 'rolebindings', '', false],
    ['edit', 'impersonate', '', 'serviceaccounts', '', true],
    ['edit', 'create', '', 'serviceaccounts', 'token', true],
    ['edit', 'create', '', 'pods', 'eviction', true],
    ['edit', 'update', '', 'endpoints', '', false],
    ['edit', 'update', 'apps', 'deployments', 'scale', true],
    ['edit', 'update', 'apps', 'deployments', 'status', false],
    ['edit', 'create', 'networking.k8s.io', 'ingresses', '', true],
    ['edit', 'create', 'policy', 'poddisruptionbudgets', '', true],
    ['edit', 'create', 'batch', 'cronjobs', '', true],
    ['edit', 'create', 'autoscaling', 'horizontalpodautoscalers', '', true],
    ['edit', 'create', 'tenancy.kcp.io', 'workspaces', '', true],
    ['view', 'list', 'tenancy.kcp.io', 'workspaces', '', true],
    ['view', 'create', 'tenancy.kcp.io', 'workspaces', '', false],
    ['view', 'get', '', 'secrets', '', false],
    ['view', 'get', '', 'configmaps', '', true],
    ['view', 'get', '', 'endpoints', '', true],
    ['view', 'watch', 'events.k8s.io', 'events', '', true],
    ['view', 'get', 'apps', 'deployments', 'status', true],
    ['view', 'get', 'coordination.k8s.io', 'leases', '', false],
    ['view', 'get', 'rbac.authorization.k8s.io', 'roles', '', false],
    ['view', 'get', '', 'pods', 'log', true],
    ['view', 'get', '', 'pods', 'exec', false],
    ['cluster-admin', 'anything', 'any.group', 'anything', 'sub', true],
    ['system:basic-user', 'create', 'authorization.k8s.io', 'selfsubjectrulesreviews', '', true],
  ];
  it.each(cases)('%s may %s %s/%s/%s: %s', (role, verb, group, resource, sub, want) => {
    expect(can(role, verb, group, resource, sub)).toBe(want);
  });
});
