import { beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_USER, UserInfo } from '../../auth/user.js';
import { RbacAuthorizer } from './authorizer.js';
import { AGGREGATION_RULE_FORBIDDEN, onlyMutatesGCFields } from './escalation.js';
import { clusterRole, clusterRoleBinding, MemoryRbacSource, role, roleBinding } from './memory.js';

const alice: UserInfo = { username: 'alice', groups: ['system:authenticated'] };
const bob: UserInfo = { username: 'bob', groups: ['devs', 'system:authenticated'] };
const GRANT = 'is attempting to grant RBAC permissions not currently held:\n';

describe('escalation checks', () => {
  const src = new MemoryRbacSource();
  const authz = new RbacAuthorizer(src);
  beforeEach(() => {
    src.clear();
    src.add(
      'ws',
      clusterRoleBinding('access', 'system:kcp:workspace:access', 'User:alice', 'User:bob'),
      roleBinding('team', 'alice-admin', { kind: 'ClusterRole', name: 'admin' }, 'User:alice'),
      roleBinding('team', 'bob-edit', { kind: 'ClusterRole', name: 'edit' }, 'User:bob'),
    );
  });

  describe('checkRoleEscalation', () => {
    const cases: [string, UserInfo, string, object[], boolean][] = [
      ['rules the user holds', alice, 'team', [{ verbs: ['create', 'get'], apiGroups: ['apps'], resources: ['deployments'] }], true],
      ['a subset of admin', alice, 'team', [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['x'] }], true],
      ['rules held in another namespace only', alice, 'other', [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'] }], false],
      ['more than the user holds', alice, 'team', [{ verbs: ['get'], apiGroups: [''], resources: ['nodes'] }], false],
      ['cluster-wide (namespace "") ignores RoleBindings', alice, '', [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'] }], false],
      ['cluster-wide rules the user holds through bootstrap bindings', alice, '', [{ verbs: ['get'], nonResourceURLs: ['/api'] }], true],
      ['no rules', bob, 'team', [], true],
      ['system:masters', ADMIN_USER, '', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], true],
    ];
    it.each(cases)('%s', async (_n, u, ns, rules, want) => {
      expect((await authz.checkRoleEscalation(u, 'ws', ns, rules)).allowed).toBe(want);
    });

    it('words the refusal like upstream, compacted and sorted', async () => {
      const res = await authz.checkRoleEscalation(bob, 'ws', 'team', [
        { verbs: ['create', 'delete'], apiGroups: ['apps', 'rbac.authorization.k8s.io'], resources: ['deployments', 'roles'] },
        { verbs: ['get'], nonResourceURLs: ['/metrics'] },
        { verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] },
      ]);
      expect(res).toEqual({
        allowed: false,
        message:
          `user "bob" (groups=["devs" "system:authenticated"]) ${GRANT}` +
          [
            '{APIGroups:["apps"], Resources:["roles"], Verbs:["create" "delete"]}',
            '{APIGroups:["rbac.authorization.k8s.io"], Resources:["deployments"], Verbs:["create" "delete"]}',
            '{APIGroups:["rbac.authorization.k8s.io"], Resources:["roles"], Verbs:["create" "delete"]}',
            '{NonResourceURLs:["/metrics"], Verbs:["get"]}',
          ].join('\n'),
      });
    });

    it('honours the escalate verb', async () => {
      src.add(
        'ws',
        role('team', 'escalator', [{ verbs: ['escalate'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'] }]),
        roleBinding('team', 'bob-escalate', { kind: 'Role', name: 'escalator' }, 'User:bob'),
      );
      const rules = [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }];
      expect((await authz.checkRoleEscalation(bob, 'ws', 'team', rules, { resource: 'roles' })).allowed).toBe(true);
      expect((await authz.checkRoleEscalation(bob, 'ws', 'team', rules)).allowed).toBe(false);
      expect((await authz.checkRoleEscalation(bob, 'ws', '', rules, { resource: 'clusterroles' })).allowed).toBe(false);
    });

    it('mentions resolution errors', async () => {
      src.add('ws', roleBinding('team', 'broken', { kind: 'ClusterRole', name: 'nope' }, 'User:bob'));
      const res = await authz.checkRoleEscalation(bob, 'ws', 'team', [{ verbs: ['get'], apiGroups: [''], resources: ['nodes'] }]);
      expect(res.allowed === false && res.message).toBe(
        `user "bob" (groups=["devs" "system:authenticated"]) ${GRANT}{APIGroups:[""], Resources:["nodes"], Verbs:["get"]}; resolution errors: [clusterroles.rbac.authorization.k8s.io "nope" not found]`,
      );
    });
  });

  describe('checkBindingEscalation', () => {
    const ref = (kind: 'Role' | 'ClusterRole', name: string) => ({ apiGroup: 'rbac.authorization.k8s.io', kind, name });
    it('allows binding roles whose rules the user holds', async () => {
      expect((await authz.checkBindingEscalation(alice, 'ws', 'team', ref('ClusterRole', 'edit'))).allowed).toBe(true);
      expect((await authz.checkBindingEscalation(alice, 'ws', 'team', ref('ClusterRole', 'view'))).allowed).toBe(true);
      expect((await authz.checkBindingEscalation(bob, 'ws', 'team', ref('ClusterRole', 'view'))).allowed).toBe(true);
    });

    it('refuses roles beyond the user, and cluster-wide bindings of namespaced power', async () => {
      const admin = await authz.checkBindingEscalation(bob, 'ws', 'team', ref('ClusterRole', 'admin'));
      expect(admin.allowed).toBe(false);
      expect(admin.allowed === false && admin.message).toContain('{APIGroups:["rbac.authorization.k8s.io"], Resources:["rolebindings"], Verbs:["create" "delete" "deletecollection" "get" "list" "patch" "update" "watch"]}');
      expect((await authz.checkBindingEscalation(alice, 'ws', '', ref('ClusterRole', 'view'))).allowed).toBe(false);
      const ca = await authz.checkBindingEscalation(alice, 'ws', 'team', ref('ClusterRole', 'cluster-admin'));
      expect(ca).toEqual({
        allowed: false,
        message: `user "alice" (groups=["system:authenticated"]) ${GRANT}{APIGroups:["*"], Resources:["*"], Verbs:["*"]}\n{NonResourceURLs:["*"], Verbs:["*"]}`,
      });
    });

    it('allows with the bind verb on that role', async () => {
      src.add(
        'ws',
        clusterRole('binder', [{ verbs: ['bind'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], resourceNames: ['cluster-admin'] }]),
        roleBinding('team', 'bob-binder', { kind: 'ClusterRole', name: 'binder' }, 'User:bob'),
      );
      expect((await authz.checkBindingEscalation(bob, 'ws', 'team', ref('ClusterRole', 'cluster-admin'))).allowed).toBe(true);
      expect((await authz.checkBindingEscalation(bob, 'ws', 'team', ref('ClusterRole', 'admin'))).allowed).toBe(false);
      expect((await authz.checkBindingEscalation(bob, 'ws', 'other', ref('ClusterRole', 'cluster-admin'))).allowed).toBe(false);
    });

    it('answers 404 for a missing role', async () => {
      const res = await authz.checkBindingEscalation(alice, 'ws', 'team', ref('ClusterRole', 'nope'));
      expect(res.allowed).toBe(false);
      if (res.allowed) return;
      expect(res.notFound?.code).toBe(404);
      expect(res.notFound?.message).toBe('clusterroles.rbac.authorization.k8s.io "nope" not found');
      const missingRole = await authz.checkBindingEscalation(alice, 'ws', 'team', ref('Role', 'nope'));
      expect(missingRole.allowed === false && missingRole.notFound?.message).toBe('roles.rbac.authorization.k8s.io "nope" not found');
    });

    it('lets system:masters bind anything', async () => {
      expect((await authz.checkBindingEscalation(ADMIN_USER, 'ws', '', ref('ClusterRole', 'nope'))).allowed).toBe(true);
    });
  });

  describe('admitRbacWrite', () => {
    const r = (name: string, rules: object[], extra: object = {}) => ({ ...role('team', name, rules), ...extra });
    it('returns upstream Forbidden errors', async () => {
      const e = await authz.admitRbacWrite(bob, { cluster: 'ws', resource: 'roles', namespace: 'team', verb: 'create' }, r('pods', [{ verbs: ['get'], apiGroups: [''], resources: ['nodes'] }]));
      expect(e?.code).toBe(403);
      expect(e?.reason).toBe('Forbidden');
      expect(e?.message).toBe(
        `roles.rbac.authorization.k8s.io "pods" is forbidden: user "bob" (groups=["devs" "system:authenticated"]) ${GRANT}{APIGroups:[""], Resources:["nodes"], Verbs:["get"]}`,
      );
      expect(await authz.admitRbacWrite(bob, { cluster: 'ws', resource: 'roles', namespace: 'team', verb: 'create' }, r('ok', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]))).toBeUndefined();
    });

    it('checks bindings', async () => {
      const rb = roleBinding('team', 'to-admin', { kind: 'ClusterRole', name: 'admin' }, 'User:carol');
      const e = await authz.admitRbacWrite(bob, { cluster: 'ws', resource: 'rolebindings', namespace: 'team', verb: 'create' }, rb);
      expect(e?.message.startsWith('rolebindings.rbac.authorization.k8s.io "to-admin" is forbidden: user "bob"')).toBe(true);
      expect(await authz.admitRbacWrite(alice, { cluster: 'ws', resource: 'rolebindings', namespace: 'team', verb: 'create' }, rb)).toBeUndefined();
      const crb = clusterRoleBinding('cluster-view', 'view', 'User:carol');
      expect((await authz.admitRbacWrite(alice, { cluster: 'ws', resource: 'clusterrolebindings', namespace: '', verb: 'create' }, crb))?.code).toBe(403);
      const missing = roleBinding('team', 'x', { kind: 'ClusterRole', name: 'nope' }, 'User:carol');
      expect((await authz.admitRbacWrite(alice, { cluster: 'ws', resource: 'rolebindings', namespace: 'team', verb: 'create' }, missing))?.code).toBe(404);
    });

    it('requires full authority for aggregationRules', async () => {
      src.add('ws', clusterRoleBinding('bob-view-all', 'view', 'User:bob'));
      const agg = clusterRole('agg', [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'b' } }] } });
      const w = { cluster: 'ws', resource: 'clusterroles' as const, namespace: '', verb: 'create' as const };
      const e = await authz.admitRbacWrite(bob, w, agg);
      expect(e?.message).toBe(`clusterroles.rbac.authorization.k8s.io "agg" is forbidden: ${AGGREGATION_RULE_FORBIDDEN}`);
      expect(await authz.admitRbacWrite(bob, w, clusterRole('plain', [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'] }]))).toBeUndefined();
      // dropping the aggregationRule of an aggregated role needs it too
      const upd = { ...w, verb: 'update' as const };
      expect((await authz.admitRbacWrite(bob, upd, clusterRole('agg', []), agg))?.message).toContain(AGGREGATION_RULE_FORBIDDEN);
      src.add('ws', clusterRoleBinding('bob-root', 'cluster-admin', 'User:bob'));
      expect(await authz.admitRbacWrite(bob, w, agg)).toBeUndefined();
      expect(await authz.admitRbacWrite(ADMIN_USER, w, agg)).toBeUndefined();
    });

    it('does not check updates that only touch ownerReferences or finalizers', async () => {
      const old = r('big', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], { metadata: { name: 'big', namespace: 'team', resourceVersion: '5' } });
      const gc = { ...old, metadata: { ...old.metadata, finalizers: ['x'], ownerReferences: [{ uid: '1' }] } };
      const w = { cluster: 'ws', resource: 'roles' as const, namespace: 'team', verb: 'update' as const };
      expect(await authz.admitRbacWrite(bob, w, gc, old)).toBeUndefined();
      const changed = { ...gc, metadata: { ...gc.metadata, labels: { a: 'b' } } };
      expect((await authz.admitRbacWrite(bob, w, changed, old))?.code).toBe(403);
    });
  });
});

describe('onlyMutatesGCFields', () => {
  const base = { kind: 'Role', metadata: { name: 'a', labels: {} }, rules: [] };
  const cases: [string, object, object | undefined, boolean][] = [
    ['no old object', base, undefined, false],
    ['identical', base, base, true],
    ['finalizers', { ...base, metadata: { ...base.metadata, finalizers: ['f'] } }, base, true],
    ['ownerReferences', { ...base, metadata: { ...base.metadata, ownerReferences: [{ uid: 'u' }] } }, base, true],
    ['empty and absent lists are equal', { kind: 'Role', metadata: { name: 'a' } }, base, true],
    ['labels', { ...base, metadata: { ...base.metadata, labels: { x: 'y' } } }, base, false],
    ['rules', { ...base, rules: [{ verbs: ['get'] }] }, base, false],
  ];
  it.each(cases)('%s', (_n, obj, old, want) => {
    expect(onlyMutatesGCFields(obj, old)).toBe(want);
  });
});
