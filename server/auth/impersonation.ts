// Impersonation (kubectl --as, --as-group, --as-uid): a caller allowed to impersonate acts as
// another user. As upstream: verb "impersonate" on users, groups, serviceaccounts, uids and
// userextras/<key>, decided by the authorizer in the request's workspace.

import { ApiError } from '../../apis/errors.js';
import { Attributes, Authorizer } from '../authz/authorizer.js';
import { forbidden } from '../authz/forbidden.js';
import { UserInfo } from './user.js';

type Headers = Record<string, string | string[] | undefined>;

function all(h: Headers, name: string): string[] {
  const v = h[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** The user a request acts as: the caller, or whom it impersonates (after checking it may). */
export async function impersonate(headers: Headers, caller: UserInfo, cluster: string, authorizer: Authorizer): Promise<UserInfo> {
  const username = all(headers, 'impersonate-user')[0];
  const groups = all(headers, 'impersonate-group').flatMap((g) => g.split(',').map((x) => x.trim())).filter(Boolean);
  const uid = all(headers, 'impersonate-uid')[0];
  const extraKeys = Object.keys(headers).filter((k) => k.startsWith('impersonate-extra-'));
  if (username === undefined && !groups.length && uid === undefined && !extraKeys.length) return caller;
  if (username === undefined) throw new ApiError(400, 'BadRequest', 'requested impersonation of groups, extra or uid without impersonating a user');

  // A refusal is upstream's responsewriters.Forbidden of the acting-as attributes, reason included
  // (a service account is impersonated "in the namespace" of the service account).
  const check = async (attrs: Omit<Attributes, 'cluster'>): Promise<void> => {
    const d = await authorizer.authorize(caller, { cluster, ...attrs });
    if (!d.allowed) throw forbidden(caller, { cluster, ...attrs }, d.reason);
  };
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(username);
  if (sa) await check({ verb: 'impersonate', group: '', resource: 'serviceaccounts', namespace: sa[1], name: sa[2] });
  else await check({ verb: 'impersonate', group: '', resource: 'users', name: username });
  for (const g of groups) await check({ verb: 'impersonate', group: '', resource: 'groups', name: g });
  if (uid !== undefined) await check({ verb: 'impersonate', group: 'authentication.k8s.io', resource: 'uids', name: uid });
  const extra: Record<string, string[]> = {};
  for (const k of extraKeys) {
    const key = decodeURIComponent(k.slice('impersonate-extra-'.length));
    for (const v of all(headers, k)) {
      await check({ verb: 'impersonate', group: 'authentication.k8s.io', resource: 'userextras', subresource: key, name: v });
      (extra[key] ??= []).push(v);
    }
  }
  const finalGroups = [...groups];
  if (sa) finalGroups.push('system:serviceaccounts', `system:serviceaccounts:${sa[1]}`);
  if (username !== 'system:anonymous' && !finalGroups.includes('system:authenticated')) finalGroups.push('system:authenticated');
  return {
    username,
    uid,
    groups: finalGroups,
    extra: Object.keys(extra).length ? extra : undefined,
    // A service account impersonated in a workspace is that workspace's service account.
    cluster: sa ? cluster : undefined,
  };
}

