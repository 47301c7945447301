import { beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_USER, ANONYMOUS_USER, UserInfo } from '../../auth/user.js';
import { Attributes } from '../authorizer.js';
import { RbacAuthorizer, WORKSPACE_ACCESS_DENIED } from './authorizer.js';
import { clusterRole, clusterRoleBinding, MemoryRbacSource, role, roleBinding } from './memory.js';

const user = (username: string, ...groups: string[]): UserInfo => ({ username, groups: [...groups, 'system:authenticated'] });
const alice = user('alice');
const bob = user('bob');
const carol = user('carol');
const dave = user('dave');
const eve = user('eve');
const owner = user('owner');

const r = (verb: string, group: string, resource: string, namespace = '', extra: Partial<Attributes> = {}): Attributes => ({ cluster: 'ws', verb, group, resource, namespace, ...extra });
const p = (verb: string, path: string, cluster = 'ws'): Attributes => ({ cluster, verb, path });

function workspace(src: MemoryRbacSource): void {
  src.add(
    'ws',
    clusterRoleBinding('workspace-admin', 'cluster-admin', 'User:owner'),
    clusterRoleBinding('access', 'system:kcp:workspace:access', 'User:alice', 'User:bob', 'User:carol', 'User:dave'),
    clusterRoleBinding('dave-view', 'view', 'User:dave'),
    clusterRoleBinding('frank-admin', 'admin', 'User:frank'),
    clusterRoleBinding('grace-edit', 'edit', 'User:grace'),
    clusterRoleBinding('access-2', 'system:kcp:workspace:access', 'User:frank', 'User:grace'),
    roleBinding('team', 'alice-admin', { kind: 'ClusterRole', name: 'admin' }, 'User:alice', 'User:eve'),
    roleBinding('team', 'bob-edit', { kind: 'ClusterRole', name: 'edit' }, 'User:bob'),
    roleBinding('team', 'carol-view', { kind: 'ClusterRole', name: 'view' }, 'User:carol'),
  );
}

describe('RbacAuthorizer: bootstrap roles and the workspace gate', () => {
  const src = new MemoryRbacSource();
  const authz = new RbacAuthorizer(src);
  beforeEach(() => {
    src.clear();
    workspace(src);
  });

  const cases: [string, UserInfo, Attributes, boolean][] = [
    ['admin creates deployments', alice, r('create', 'apps', 'deployments', 'team'), true],
    ['admin creates rolebindings', alice, r('create', 'rbac.authorization.k8s.io', 'rolebindings', 'team'), true],
    ['admin creates localsubjectaccessreviews', alice, r('create', 'authorization.k8s.io', 'localsubjectaccessreviews', 'team'), true],
    ['admin reads secrets', alice, r('get', '', 'secrets', 'team'), true],
    ['admin scales statefulsets', alice, r('update', 'apps', 'statefulsets', 'team', { subresource: 'scale' }), true],
    ['admin does not create clusterroles', alice, r('create', 'rbac.authorization.k8s.io', 'clusterroles'), false],
    ['admin is namespaced', alice, r('create', 'apps', 'deployments', 'other'), false],
    ['admin does not list namespaces cluster-wide', alice, r('list', '', 'namespaces'), false],
    ['edit creates deployments', bob, r('create', 'apps', 'deployments', 'team'), true],
    ['edit reads deployments (via view)', bob, r('list', 'apps', 'deployments', 'team'), true],
    ['edit reads secrets', bob, r('get', '', 'secrets', 'team'), true],
    ['edit creates leases', bob, r('create', 'coordination.k8s.io', 'leases', 'team'), true],
    ['edit creates events.k8s.io events', bob, r('create', 'events.k8s.io', 'events', 'team'), true],
    ['edit cannot create rolebindings', bob, r('create', 'rbac.authorization.k8s.io', 'rolebindings', 'team'), false],
    ['edit cannot read roles', bob, r('get', 'rbac.authorization.k8s.io', 'roles', 'team'), false],
    ['edit cannot update resourcequotas', bob, r('update', '', 'resourcequotas', 'team'), false],
    ['view lists configmaps', carol, r('list', '', 'configmaps', 'team'), true],
    ['view watches jobs', carol, r('watch', 'batch', 'jobs', 'team'), true],
    ['view gets deployments/scale', carol, r('get', 'apps', 'deployments', 'team', { subresource: 'scale' }), true],
    ['view cannot get secrets', carol, r('get', '', 'secrets', 'team'), false],
    ['view cannot create configmaps', carol, r('create', '', 'configmaps', 'team'), false],
    ['view cannot read pods/log of another namespace', carol, r('get', '', 'pods', 'default', { subresource: 'log' }), false],
    ['view (cluster-wide) lists workspaces', dave, r('list', 'tenancy.kcp.io', 'workspaces'), true],
    ['view cannot create workspaces', dave, r('create', 'tenancy.kcp.io', 'workspaces'), false],
    ['view lists configmaps in every namespace', dave, r('list', '', 'configmaps', 'anywhere'), true],
    ['admin (cluster-wide binding) creates workspaces', user('frank'), r('create', 'tenancy.kcp.io', 'workspaces'), true],
    ['edit (cluster-wide binding) deletes workspaces', user('grace'), r('delete', 'tenancy.kcp.io', 'workspaces'), true],
    ['cluster-admin does anything', owner, r('deletecollection', 'apps', 'deployments', 'x'), true],
    ['cluster-admin gets any URL', owner, p('get', '/openapi/v3'), true],
    ['basic-user: selfsubjectaccessreviews', carol, r('create', 'authorization.k8s.io', 'selfsubjectaccessreviews'), true],
    ['basic-user: selfsubjectrulesreviews', carol, r('create', 'authorization.k8s.io', 'selfsubjectrulesreviews'), true],
    ['basic-user: selfsubjectreviews', carol, r('create', 'authentication.k8s.io', 'selfsubjectreviews'), true],
    ['discovery: /api', carol, p('get', '/api'), true],
    ['discovery: /apis/apps/v1', carol, p('get', '/apis/apps/v1'), true],
    ['discovery: /openapi/v3', carol, p('get', '/openapi/v3'), true],
    ['discovery: /version', carol, p('get', '/version'), true],
    ['discovery: not /metrics', carol, p('get', '/metrics'), false],
    ['discovery is get only', carol, p('post', '/api'), false],
    ['gate: no access binding, namespaced admin', eve, r('create', 'apps', 'deployments', 'team'), false],
    ['gate: no access binding, discovery', eve, p('get', '/api'), false],
    ['gate: anonymous', ANONYMOUS_USER, p('get', '/api'), false],
    ['masters may do anything', ADMIN_USER, r('delete', '', 'namespaces', '', { cluster: 'nowhere' }), true],
  ];
  it.each(cases)('%s', async (_n, u, attrs, want) => {
    expect((await authz.authorize(u, attrs)).allowed).toBe(want);
  });

  it('explains decisions like upstream RBAC and kcp', async () => {
    expect(await authz.authorize(owner, r('get', '', 'pods', 'x'))).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by ClusterRoleBinding "workspace-admin" of ClusterRole "cluster-admin" to User "owner"',
    });
    expect(await authz.authorize(alice, r('create', 'apps', 'deployments', 'team'))).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by RoleBinding "alice-admin/team" of ClusterRole "admin" to User "alice"',
    });
    expect(await authz.authorize(carol, p('get', '/api'))).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"',
    });
    expect(await authz.authorize(carol, r('get', '', 'secrets', 'team'))).toEqual({ allowed: false, reason: '' });
    expect(await authz.authorize(eve, r('get', '', 'pods', 'team'))).toEqual({ allowed: false, reason: WORKSPACE_ACCESS_DENIED });
    expect(await authz.authorize(ADMIN_USER, r('get', '', 'pods'))).toEqual({ allowed: true, reason: '' });
  });

  it('only holders of access on "/" (cluster-admin, view/edit/admin, system:kcp:workspace:access) pass the gate', async () => {
    src.add(
      'ws',
      clusterRole('door', [{ verbs: ['access'], nonResourceURLs: ['/'] }]),
      clusterRole('all-urls', [{ verbs: ['get'], nonResourceURLs: ['*'] }]),
      clusterRoleBinding('g1', 'admin', 'User:g-admin'),
      clusterRoleBinding('g2', 'door', 'User:g-door'),
      clusterRoleBinding('g3', 'all-urls', 'User:g-urls'),
      clusterRoleBinding('g4', 'system:kcp:workspace:access', 'Group:team-a'),
      roleBinding('team', 'g5', { kind: 'ClusterRole', name: 'cluster-admin' }, 'User:g-ns-admin'),
    );
    const gate: [UserInfo, boolean][] = [
      // admin (like view and edit) carries the gate in kplane, bound cluster-wide.
      [user('g-admin'), true],
      [user('g-door'), true],
      [user('g-urls'), false],
      [user('g-member', 'team-a'), true],
      [user('g-ns-admin'), false],
      [owner, true],
      [alice, true],
      [eve, false],
      [ADMIN_USER, true],
    ];
    for (const [u, want] of gate) {
      expect({ u: u.username, pass: await authz.passesWorkspaceGate(u, 'ws') }).toEqual({ u: u.username, pass: want });
      const d = await authz.authorize(u, p('get', '/version'));
      expect({ u: u.username, allowed: d.allowed }).toEqual({ u: u.username, allowed: want });
    }
    // Passing the gate is not enough by itself.
    expect((await authz.authorize(user('g-door'), r('get', '', 'pods', 'team'))).allowed).toBe(false);
    // Asking about the gate itself answers it.
    expect(await authz.authorize(user('g-door'), p('access', '/'))).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by ClusterRoleBinding "g2" of ClusterRole "door" to User "g-door"',
    });
  });

  it('lets /metrics skip the gate (shard-level path)', async () => {
    src.add('root', clusterRoleBinding('scrape', 'system:kcp:metrics-reader', 'User:prometheus'));
    expect((await authz.authorize(user('prometheus'), p('get', '/metrics', 'root'))).allowed).toBe(true);
    expect((await authz.authorize(user('prometheus'), p('get', '/api', 'root'))).allowed).toBe(false);
    expect((await authz.authorize(carol, p('get', '/metrics', 'root'))).allowed).toBe(false);
  });

  it('binds the kcp admin group to cluster-admin everywhere', async () => {
    expect((await authz.authorize(user('kcp-admin', 'system:kcp:admin'), r('delete', '', 'secrets', 'x', { cluster: 'any' }))).allowed).toBe(true);
  });

  it('reports unresolvable role references as upstream does', async () => {
    src.add(
      'ws',
      roleBinding('team', 'broken', { kind: 'ClusterRole', name: 'nope' }, 'User:carol'),
      roleBinding('team', 'broken-role', { kind: 'Role', name: 'missing' }, 'User:carol'),
    );
    expect(await authz.authorize(carol, r('get', '', 'secrets', 'team'))).toEqual({
      allowed: false,
      reason: 'RBAC: [clusterrole.rbac.authorization.k8s.io "nope" not found, role.rbac.authorization.k8s.io "missing" not found]',
    });
    // Errors do not stand in the way of rules that do resolve.
    expect((await authz.authorize(carol, r('get', '', 'configmaps', 'team'))).allowed).toBe(true);
  });

  it('resolves Roles in the binding namespace only', async () => {
    src.add(
      'ws',
      role('team', 'cm-writer', [{ verbs: ['create'], apiGroups: [''], resources: ['configmaps'] }]),
      roleBinding('team', 'carol-cm', { kind: 'Role', name: 'cm-writer' }, 'User:carol'),
      clusterRoleBinding('wrong', 'cm-writer', 'User:carol'),
    );
    expect((await authz.authorize(carol, r('create', '', 'configmaps', 'team'))).allowed).toBe(true);
    expect((await authz.authorize(carol, r('create', '', 'configmaps', 'other'))).allowed).toBe(false);
  });

  it('honours resourceNames', async () => {
    src.add(
      'ws',
      role('team', 'one-secret', [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['token'] }]),
      roleBinding('team', 'carol-secret', { kind: 'Role', name: 'one-secret' }, 'User:carol'),
    );
    expect((await authz.authorize(carol, r('get', '', 'secrets', 'team', { name: 'token' }))).allowed).toBe(true);
    expect((await authz.authorize(carol, r('get', '', 'secrets', 'team', { name: 'other' }))).allowed).toBe(false);
    expect((await authz.authorize(carol, r('list', '', 'secrets', 'team'))).allowed).toBe(false);
  });

  it('reads each list at most once per decision, and stored ClusterRoles only when needed', async () => {
    src.resetReads();
    await authz.authorize(carol, r('list', '', 'configmaps', 'team'));
    // gate + decision share the ClusterRoleBindings; view is aggregated so ClusterRoles are read once
    expect(src.reads).toEqual({ clusterRoleBindings: 1, roleBindings: 1, clusterRoles: 1, role: 0 });
    src.resetReads();
    await authz.authorize(owner, r('list', '', 'configmaps', 'team'));
    expect(src.reads).toEqual({ clusterRoleBindings: 1, roleBindings: 0, clusterRoles: 0, role: 0 });
  });
});

describe('RbacAuthorizer: aggregation', () => {
  const src = new MemoryRbacSource();
  const authz = new RbacAuthorizer(src);
  const crontabs = { verbs: ['get', 'list', 'watch'], apiGroups: ['stable.example.com'], resources: ['crontabs'] };
  beforeEach(() => {
    src.clear();
    workspace(src);
    src.add('ws', clusterRole('crontab-reader', [crontabs], { labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }));
    src.add('ws2', clusterRoleBinding('access', 'system:kcp:workspace:access', 'User:carol'), roleBinding('team', 'carol-view', { kind: 'ClusterRole', name: 'view' }, 'User:carol'));
  });
  const list = (cluster: string) => r('list', 'stable.example.com', 'crontabs', 'team', { cluster });

  it('extends view (and edit, admin) in that workspace only', async () => {
    expect((await authz.authorize(carol, list('ws'))).allowed).toBe(true);
    expect((await authz.authorize(bob, list('ws'))).allowed).toBe(true);
    expect((await authz.authorize(alice, list('ws'))).allowed).toBe(true);
    expect((await authz.authorize(carol, list('ws2'))).allowed).toBe(false);
    expect((await authz.authorize(carol, r('list', '', 'configmaps', 'team', { cluster: 'ws2' }))).allowed).toBe(true);
    expect((await authz.clusterRoleRules('ws', 'view'))!.some((x) => x.resources?.includes('crontabs'))).toBe(true);
    expect((await authz.clusterRoleRules('ws2', 'view'))!.some((x) => x.resources?.includes('crontabs'))).toBe(false);
  });

  it('does not let a stored ClusterRole replace a bootstrap one', async () => {
    src.add('ws2', clusterRole('view', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]));
    expect((await authz.authorize(carol, r('get', '', 'secrets', 'team', { cluster: 'ws2' }))).allowed).toBe(false);
    expect((await authz.authorize(carol, r('get', '', 'configmaps', 'team', { cluster: 'ws2' }))).allowed).toBe(true);
  });

  it('aggregates stored ClusterRoles with an aggregationRule (stored and bootstrap members, transitively)', async () => {
    src.add(
      'ws2',
      clusterRole('pieces-a', [{ verbs: ['get'], apiGroups: ['x.io'], resources: ['as'] }], { labels: { bundle: 'one' } }),
      clusterRole('pieces-b', [{ verbs: ['get'], apiGroups: ['x.io'], resources: ['bs'] }], { labels: { bundle: 'two' } }),
      // its own rules are ignored: the aggregation decides
      clusterRole('bundle', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], {
        aggregationRule: { clusterRoleSelectors: [{ matchLabels: { bundle: 'one' } }, { matchExpressions: [{ key: 'bundle', operator: 'In', values: ['two'] }] }] },
        labels: { outer: 'yes' },
      }),
      clusterRole('outer', [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { outer: 'yes' } }, { matchLabels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }] } }),
      roleBinding('team', 'carol-outer', { kind: 'ClusterRole', name: 'outer' }, 'User:carol'),
    );
    const get = (res: string, group = 'x.io') => r('get', group, res, 'team', { cluster: 'ws2' });
    expect((await authz.authorize(carol, get('as'))).allowed).toBe(true);
    expect((await authz.authorize(carol, get('bs'))).allowed).toBe(true);
    expect((await authz.authorize(carol, get('cs'))).allowed).toBe(false);
    // from system:aggregate-to-view via the bootstrap selector
    const d = await authz.authorize(carol, r('get', 'batch', 'jobs', 'team', { cluster: 'ws2' }));
    expect(d.reason).toBe('RBAC: allowed by RoleBinding "carol-view/team" of ClusterRole "view" to User "carol"');
    expect((await authz.clusterRoleRules('ws2', 'outer'))!.some((x) => x.resources?.includes('jobs'))).toBe(true);
    expect((await authz.clusterRoleRules('ws2', 'bundle'))!.some((x) => x.verbs?.includes('*'))).toBe(false);
  });

  it('survives aggregation cycles', async () => {
    src.add(
      'ws2',
      clusterRole('a', [], { labels: { ring: 'a' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { ring: 'b' } }] } }),
      clusterRole('b', [], { labels: { ring: 'b' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { ring: 'a' } }] } }),
      clusterRole('leaf', [{ verbs: ['get'], apiGroups: ['x.io'], resources: ['leaves'] }], { labels: { ring: 'b' } }),
      roleBinding('team', 'carol-a', { kind: 'ClusterRole', name: 'a' }, 'User:carol'),
    );
    expect((await authz.authorize(carol, r('get', 'x.io', 'leaves', 'team', { cluster: 'ws2' }))).allowed).toBe(true);
  });
});

describe('RbacAuthorizer: identities from other workspaces', () => {
  const src = new MemoryRbacSource();
  const authz = new RbacAuthorizer(src);
  const sa = (cluster: string | undefined): UserInfo => ({
    username: 'system:serviceaccount:default:bot',
    groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
    cluster,
  });
  beforeEach(() => {
    src.clear();
    src.add(
      'ws',
      roleBinding('default', 'bot-view', { kind: 'ClusterRole', name: 'view' }, 'ServiceAccount:bot'),
      roleBinding('default', 'bot-edit', { kind: 'ClusterRole', name: 'edit' }, 'User:system:serviceaccount:default:bot'),
    );
  });

  it('lets service accounts of the workspace past the gate, still subject to RBAC', async () => {
    expect(await authz.authorize(sa('ws'), r('create', '', 'configmaps', 'default'))).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by RoleBinding "bot-edit/default" of ClusterRole "edit" to User "system:serviceaccount:default:bot"',
    });
    expect((await authz.authorize(sa('ws'), r('list', '', 'configmaps', 'default'))).reason).toBe(
      'RBAC: allowed by RoleBinding "bot-view/default" of ClusterRole "view" to ServiceAccount "bot/default"',
    );
    expect(await authz.authorize(sa('ws'), r('list', '', 'secrets', 'kube-system'))).toEqual({ allowed: false, reason: '' });
    // a service account without a cluster (e.g. in a SubjectAccessReview) counts as local, as in kcp
    expect((await authz.authorize(sa(undefined), r('list', '', 'configmaps', 'default'))).allowed).toBe(true);
  });

  it('sees a service account of another workspace as system:anonymous + system:cluster:<origin>', async () => {
    expect(await authz.authorize(sa('other'), r('list', '', 'configmaps', 'default'))).toEqual({ allowed: false, reason: WORKSPACE_ACCESS_DENIED });
    src.add('ws', clusterRoleBinding('from-other', 'system:kcp:workspace:access', 'Group:system:cluster:other'));
    // past the gate now, but the bindings naming the service account are not about this identity
    expect(await authz.authorize(sa('other'), r('list', '', 'configmaps', 'default'))).toEqual({ allowed: false, reason: '' });
    src.add('ws', roleBinding('default', 'other-view', { kind: 'ClusterRole', name: 'view' }, 'Group:system:cluster:other'));
    expect(await authz.authorize(sa('other'), r('list', '', 'configmaps', 'default'))).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by RoleBinding "other-view/default" of ClusterRole "view" to Group "system:cluster:other"',
    });
    // a third workspace's identities are not covered
    expect((await authz.authorize(sa('third'), r('list', '', 'configmaps', 'default'))).allowed).toBe(false);
  });

  it('grants foreign identities what system:authenticated holds, once past the gate', async () => {
    src.add('ws', clusterRoleBinding('public', 'system:kcp:workspace:access', 'Group:system:authenticated'));
    expect((await authz.authorize(sa('other'), p('get', '/api'))).allowed).toBe(true);
    expect((await authz.authorize(sa('other'), r('list', '', 'configmaps', 'default'))).allowed).toBe(false);
  });
});

describe('RbacAuthorizer.rulesFor (SelfSubjectRulesReview)', () => {
  const src = new MemoryRbacSource();
  const authz = new RbacAuthorizer(src);
  beforeEach(() => {
    src.clear();
    src.add(
      'ws',
      clusterRoleBinding('access', 'system:kcp:workspace:access', 'User:carol'),
      role('team', 'cm', [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['settings'] }]),
      roleBinding('team', 'carol-cm', { kind: 'Role', name: 'cm' }, 'User:carol'),
    );
  });

  const basics = {
    resourceRules: [
      { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
      { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
    ],
    nonResourceRules: [
      { verbs: ['access'], nonResourceURLs: ['/'] },
      { verbs: ['get'], nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'] },
      { verbs: ['get'], nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'] },
    ],
  };

  it('lists the rules in binding order', async () => {
    expect(await authz.rulesFor(carol, 'ws', 'team')).toEqual({
      resourceRules: [...basics.resourceRules, { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['settings'] }],
      nonResourceRules: basics.nonResourceRules,
      incomplete: false,
    });
    expect(await authz.rulesFor(carol, 'ws', 'other')).toEqual({ ...basics, incomplete: false });
  });

  it('gives nothing to users who cannot enter the workspace', async () => {
    expect(await authz.rulesFor(eve, 'ws', 'team')).toEqual({ resourceRules: [], nonResourceRules: [], incomplete: false });
  });

  it('puts "*" first for system:masters', async () => {
    const out = await authz.rulesFor(ADMIN_USER, 'ws', 'team');
    expect(out.resourceRules[0]).toEqual({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
    expect(out.nonResourceRules[0]).toEqual({ verbs: ['*'], nonResourceURLs: ['*'] });
    // then cluster-admin via the implicit system:masters binding
    expect(out.resourceRules[1]).toEqual({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
  });

  it('reports resolution errors', async () => {
    src.add('ws', roleBinding('team', 'broken', { kind: 'ClusterRole', name: 'nope' }, 'User:carol'));
    const out = await authz.rulesFor(carol, 'ws', 'team');
    expect(out.evaluationError).toBe('clusterrole.rbac.authorization.k8s.io "nope" not found');
    expect(out.incomplete).toBe(false);
  });
});
