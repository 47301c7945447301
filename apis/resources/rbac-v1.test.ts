import { describe, expect, it } from 'vitest';
import { KObject, ResourceDef, STANDARD_VERBS } from './model.js';
import { resources } from './rbac-v1.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function res(plural: string): ResourceDef {
  const r = resources.find((x) => x.plural === plural);
  if (!r) throw new Error(`no resource ${plural}`);
  return r;
}

const headers = (plural: string, wide = false): string[] =>
  res(plural).columns!.filter((c) => wide || !c.priority).map((c) => c.name.toUpperCase());
const row = (plural: string, obj: KObject): unknown[] => res(plural).columns!.map((c) => c.cell(obj, NOW));

describe('rbac.authorization.k8s.io/v1', () => {
  it('serves the four kinds with path-segment names', () => {
    expect(resources.map((r) => [r.plural, r.singular, r.kind, r.namespaced])).toEqual([
      ['clusterrolebindings', 'clusterrolebinding', 'ClusterRoleBinding', false],
      ['clusterroles', 'clusterrole', 'ClusterRole', false],
      ['rolebindings', 'rolebinding', 'RoleBinding', true],
      ['roles', 'role', 'Role', true],
    ]);
    for (const r of resources) {
      expect(r).toMatchObject({ group: 'rbac.authorization.k8s.io', version: 'v1', nameRule: 'path', type: `rbac/v1:${r.kind}` });
      expect(r.verbs).toEqual(STANDARD_VERBS);
      expect(r.status ?? false).toBe(false);
      expect(r.generation ?? false).toBe(false);
      expect(r.shortNames ?? []).toEqual([]);
    }
  });

  it('prints roles as NAME CREATED AT', () => {
    expect(headers('roles')).toEqual(['NAME', 'CREATED AT']);
    expect(headers('clusterroles')).toEqual(['NAME', 'CREATED AT']);
    expect(row('roles', { metadata: { name: 'reader', creationTimestamp: '2025-05-01T00:00:00Z' } })).toEqual(['reader', '2025-05-01T00:00:00Z']);
  });

  it('prints bindings as NAME ROLE AGE, and USERS GROUPS SERVICEACCOUNTS when wide', () => {
    for (const plural of ['rolebindings', 'clusterrolebindings']) {
      expect(headers(plural)).toEqual(['NAME', 'ROLE', 'AGE']);
      expect(headers(plural, true)).toEqual(['NAME', 'ROLE', 'AGE', 'USERS', 'GROUPS', 'SERVICEACCOUNTS']);
    }
    const rb = {
      metadata: { name: 'read', creationTimestamp: ago(20) },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [
        { kind: 'User', name: 'alice' }, { kind: 'User', name: 'bob' }, { kind: 'Group', name: 'devs' },
        { kind: 'ServiceAccount', name: 'ci', namespace: 'build' },
      ],
    };
    expect(row('rolebindings', rb)).toEqual(['read', 'ClusterRole/view', '20s', 'alice, bob', 'devs', 'build/ci']);
    expect(row('clusterrolebindings', { metadata: { name: 'x' }, roleRef: { kind: 'ClusterRole', name: 'admin' } }).slice(3)).toEqual(['', '', '']);
  });

  it('defaults roleRef and subject API groups', () => {
    const rb: KObject = {
      roleRef: { kind: 'Role', name: 'r' },
      subjects: [{ kind: 'User', name: 'a' }, { kind: 'Group', name: 'g' }, { kind: 'ServiceAccount', name: 's', namespace: 'n' }, { kind: 'User', name: 'x', apiGroup: 'other' }],
    };
    res('rolebindings').strategy!.defaults!(rb);
    expect(rb.roleRef.apiGroup).toBe('rbac.authorization.k8s.io');
    expect(rb.subjects.map((s: KObject) => s.apiGroup)).toEqual(['rbac.authorization.k8s.io', 'rbac.authorization.k8s.io', '', 'other']);
    expect(res('roles').strategy?.defaults).toBeUndefined();
  });
});
