import { describe, expect, it } from 'vitest';
import { Attributes } from '../authorizer.js';
import {
  appliesTo, appliesToUser, breakdownRule, compactRules, compactString, covers, PolicyRule, ruleAllows, Subject,
} from './rules.js';

const res = (verb: string, group: string, resource: string, extra: Partial<Attributes> = {}): Attributes => ({ cluster: 'c', verb, group, resource, ...extra });
const url = (verb: string, path: string): Attributes => ({ cluster: 'c', verb, path });

describe('ruleAllows', () => {
  const cases: [string, PolicyRule, Attributes, boolean][] = [
    ['exact verb/group/resource', { verbs: ['get'], apiGroups: [''], resources: ['pods'] }, res('get', '', 'pods'), true],
    ['other verb', { verbs: ['get'], apiGroups: [''], resources: ['pods'] }, res('list', '', 'pods'), false],
    ['verb *', { verbs: ['*'], apiGroups: [''], resources: ['pods'] }, res('delete', '', 'pods'), true],
    ['other group', { verbs: ['get'], apiGroups: ['apps'], resources: ['pods'] }, res('get', '', 'pods'), false],
    ['group *', { verbs: ['get'], apiGroups: ['*'], resources: ['deployments'] }, res('get', 'apps', 'deployments'), true],
    ['no apiGroups matches nothing', { verbs: ['get'], resources: ['pods'] }, res('get', '', 'pods'), false],
    ['resource * covers subresources', { verbs: ['get'], apiGroups: [''], resources: ['*'] }, res('get', '', 'pods', { subresource: 'log' }), true],
    ['resource does not cover its subresource', { verbs: ['get'], apiGroups: [''], resources: ['pods'] }, res('get', '', 'pods', { subresource: 'log' }), false],
    ['resource/subresource', { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] }, res('get', '', 'pods', { subresource: 'log' }), true],
    ['subresource rule does not cover the resource', { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] }, res('get', '', 'pods'), false],
    ['*/scale', { verbs: ['update'], apiGroups: ['apps'], resources: ['*/scale'] }, res('update', 'apps', 'deployments', { subresource: 'scale' }), true],
    ['*/scale is not */status', { verbs: ['update'], apiGroups: ['apps'], resources: ['*/scale'] }, res('update', 'apps', 'deployments', { subresource: 'status' }), false],
    ['*/scale needs a subresource', { verbs: ['update'], apiGroups: ['apps'], resources: ['*/scale'] }, res('update', 'apps', 'scale'), false],
    ['*/scal does not match scale', { verbs: ['update'], apiGroups: ['apps'], resources: ['*/scal'] }, res('update', 'apps', 'deployments', { subresource: 'scale' }), false],
    ['resourceNames match', { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] }, res('get', '', 'configmaps', { name: 'a' }), true],
    ['resourceNames other name', { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] }, res('get', '', 'configmaps', { name: 'b' }), false],
    ['resourceNames and no name (list)', { verbs: ['list'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] }, res('list', '', 'configmaps'), false],
    ['empty resourceNames = all', { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: [] }, res('get', '', 'configmaps', { name: 'x' }), true],
    ['resource rule does not match a URL', { verbs: ['get'], apiGroups: ['*'], resources: ['*'] }, url('get', '/api'), false],
    ['URL exact', { verbs: ['get'], nonResourceURLs: ['/api'] }, url('get', '/api'), true],
    ['URL prefix *', { verbs: ['get'], nonResourceURLs: ['/apis/*'] }, url('get', '/apis/apps/v1'), true],
    ['URL prefix * does not match the bare prefix without slash', { verbs: ['get'], nonResourceURLs: ['/apis/*'] }, url('get', '/apis'), false],
    ['URL * everything', { verbs: ['*'], nonResourceURLs: ['*'] }, url('access', '/'), true],
    ['URL other verb', { verbs: ['get'], nonResourceURLs: ['/'] }, url('access', '/'), false],
    ['URL rule does not match resources', { verbs: ['*'], nonResourceURLs: ['*'] }, res('get', '', 'pods'), false],
    ['access on /', { verbs: ['access'], nonResourceURLs: ['/'] }, url('access', '/'), true],
    ['/ is not a prefix rule', { verbs: ['access'], nonResourceURLs: ['/'] }, url('access', '/api'), false],
    ['trailing ** is a prefix', { verbs: ['get'], nonResourceURLs: ['/healthz**'] }, url('get', '/healthz/etcd'), true],
  ];
  it.each(cases)('%s', (_name, rule, attrs, want) => {
    expect(ruleAllows(attrs, rule)).toBe(want);
  });
});

describe('appliesToUser', () => {
  const alice = { username: 'alice', groups: ['devs', 'system:authenticated'] };
  const sa = { username: 'system:serviceaccount:ns1:robot', groups: ['system:serviceaccounts'] };
  const cases: [string, { username: string; groups: string[] }, Subject, string, boolean][] = [
    ['user by name', alice, { kind: 'User', name: 'alice' }, '', true],
    ['other user', alice, { kind: 'User', name: 'bob' }, '', false],
    ['group member', alice, { kind: 'Group', name: 'devs' }, '', true],
    ['not a member', alice, { kind: 'Group', name: 'ops' }, '', false],
    ['group name is not a user name', alice, { kind: 'User', name: 'devs' }, '', false],
    ['unknown kind', alice, { kind: 'Robot', name: 'alice' }, '', false],
    ['SA with namespace', sa, { kind: 'ServiceAccount', namespace: 'ns1', name: 'robot' }, '', true],
    ['SA other namespace', sa, { kind: 'ServiceAccount', namespace: 'ns2', name: 'robot' }, '', false],
    ['SA other name', sa, { kind: 'ServiceAccount', namespace: 'ns1', name: 'robo' }, '', false],
    ['SA defaults to binding namespace', sa, { kind: 'ServiceAccount', name: 'robot' }, 'ns1', true],
    ['SA without any namespace', sa, { kind: 'ServiceAccount', name: 'robot' }, '', false],
    ['SA subject does not match a look-alike user', { username: 'system:serviceaccount:ns1:robotx', groups: [] }, { kind: 'ServiceAccount', namespace: 'ns1', name: 'robot' }, '', false],
    ['SA namespace/name split is exact', { username: 'system:serviceaccount:ns1:x:robot', groups: [] }, { kind: 'ServiceAccount', namespace: 'ns1', name: 'robot' }, '', false],
    ['User subject for an SA username', sa, { kind: 'User', name: 'system:serviceaccount:ns1:robot' }, '', true],
  ];
  it.each(cases)('%s', (_n, user, subject, ns, want) => {
    expect(appliesToUser(user, subject, ns)).toBe(want);
  });

  it('appliesTo returns the first matching subject', () => {
    expect(appliesTo(alice, [{ kind: 'User', name: 'bob' }, { kind: 'Group', name: 'devs' }, { kind: 'User', name: 'alice' }], '')).toBe(1);
    expect(appliesTo(alice, undefined, '')).toBe(-1);
  });
});

describe('covers', () => {
  const cases: [string, PolicyRule[], PolicyRule[], boolean][] = [
    ['star covers all', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], [{ verbs: ['create'], apiGroups: ['apps'], resources: ['deployments'] }], true],
    ['exact', [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }], [{ verbs: ['list'], apiGroups: [''], resources: ['pods'] }], true],
    ['missing verb', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }], [{ verbs: ['get', 'delete'], apiGroups: [''], resources: ['pods'] }], false],
    ['split across owner rules', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }, { verbs: ['delete'], apiGroups: [''], resources: ['pods'] }], [{ verbs: ['get', 'delete'], apiGroups: [''], resources: ['pods'] }], true],
    ['*/scale covers x/scale', [{ verbs: ['get'], apiGroups: ['apps'], resources: ['*/scale'] }], [{ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments/scale'] }], true],
    ['*/scale does not cover x', [{ verbs: ['get'], apiGroups: ['apps'], resources: ['*/scale'] }], [{ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'] }], false],
    ['resource does not cover its subresource', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }], [{ verbs: ['get'], apiGroups: [''], resources: ['pods/log'] }], false],
    ['owner without names covers names', [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }], [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] }], true],
    ['owner names do not cover all', [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] }], [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }], false],
    ['owner names cover same names', [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a', 'b'] }], [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['b'] }], true],
    ['URL prefix covers', [{ verbs: ['get'], nonResourceURLs: ['/apis/*'] }], [{ verbs: ['get'], nonResourceURLs: ['/apis/apps'] }], true],
    ['URL * covers', [{ verbs: ['*'], nonResourceURLs: ['*'] }], [{ verbs: ['access'], nonResourceURLs: ['/'] }], true],
    ['resource rule does not cover URLs', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }], false],
    ['nothing requested', [], [], true],
    ['no owner rules', [], [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }], false],
  ];
  it.each(cases)('%s', (_n, owner, wanted, want) => {
    expect(covers(owner, wanted).covered).toBe(want);
  });

  it('reports the broken-down missing rules', () => {
    const { missing } = covers([{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }], [{ verbs: ['get', 'delete'], apiGroups: ['', 'apps'], resources: ['pods'] }]);
    expect(missing).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['delete'] },
      { apiGroups: ['apps'], resources: ['pods'], verbs: ['get'] },
      { apiGroups: ['apps'], resources: ['pods'], verbs: ['delete'] },
    ]);
  });
});

describe('breakdown, compact and describe', () => {
  it('breaks a rule down per group, resource, verb and name', () => {
    expect(breakdownRule({ verbs: ['get', 'list'], apiGroups: [''], resources: ['a'], resourceNames: ['x', 'y'] })).toHaveLength(4);
    expect(breakdownRule({ verbs: ['get'], nonResourceURLs: ['/a', '/b'] })).toEqual([
      { nonResourceURLs: ['/a'], verbs: ['get'] },
      { nonResourceURLs: ['/b'], verbs: ['get'] },
    ]);
  });

  it('compacts simple rules by group and resource', () => {
    const out = compactRules([
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['create'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['a'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['delete'] },
    ]);
    expect(out.map(compactString)).toEqual([
      '{APIGroups:[""], Resources:["secrets"], ResourceNames:["a"], Verbs:["get"]}',
      '{APIGroups:["apps"], Resources:["deployments"], Verbs:["create" "delete"]}',
    ]);
  });

  it('prints like Go %q', () => {
    expect(compactString({ nonResourceURLs: ['/a"b'], verbs: ['get'] })).toBe('{NonResourceURLs:["/a\\"b"], Verbs:["get"]}');
  });
});
