import { describe, expect, it } from 'vitest';
import { UserInfo } from '../../auth/user.js';
import { effectiveUser, isForeign, isLocalServiceAccount } from './identity.js';

const sa = (cluster?: string, groups = ['system:serviceaccounts', 'system:authenticated']): UserInfo => ({
  username: 'system:serviceaccount:default:bot', uid: 'u1', groups, extra: { a: ['b'] }, cluster,
});
const global: UserInfo = { username: 'alice', groups: ['devs', 'system:authenticated'] };

describe('effectiveUser', () => {
  const cases: [string, UserInfo, string, UserInfo | 'same'][] = [
    ['global user: unchanged', global, 'ws', 'same'],
    ['own workspace: unchanged', sa('ws'), 'ws', 'same'],
    ['no cluster (SubjectAccessReview): unchanged', sa(), 'ws', 'same'],
    ['other workspace: anonymous with the origin group', sa('other'), 'ws', { username: 'system:anonymous', groups: ['system:authenticated', 'system:cluster:other'] }],
    ['other workspace, unauthenticated', sa('other', []), 'ws', { username: 'system:anonymous', groups: ['system:unauthenticated', 'system:cluster:other'] }],
    ['a non-SA identity of a workspace is foreign elsewhere too', { username: 'oidc:bob', groups: ['system:authenticated'], cluster: 'home' }, 'ws', { username: 'system:anonymous', groups: ['system:authenticated', 'system:cluster:home'] }],
  ];
  it.each(cases)('%s', (_n, u, cluster, want) => {
    const got = effectiveUser(u, cluster);
    if (want === 'same') expect(got).toBe(u);
    else expect(got).toEqual(want);
  });
});

describe('isForeign / isLocalServiceAccount', () => {
  const cases: [string, UserInfo, string, boolean, boolean][] = [
    ['global user', global, 'ws', false, false],
    ['local SA', sa('ws'), 'ws', false, true],
    ['SA without cluster', sa(), 'ws', false, true],
    ['foreign SA', sa('other'), 'ws', true, false],
  ];
  it.each(cases)('%s', (_n, u, cluster, foreign, local) => {
    expect(isForeign(u, cluster)).toBe(foreign);
    expect(isLocalServiceAccount(u, cluster)).toBe(local);
  });
});
