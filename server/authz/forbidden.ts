// The 403 a denied request gets, worded like kube-apiserver's authorization filter.

import { ApiError, errors } from '../../apis/errors.js';
import { UserInfo } from '../auth/user.js';
import { Attributes } from './authorizer.js';

export function forbidden(user: UserInfo, a: Attributes, reason: string): ApiError {
  const why = reason ? `: ${reason}` : '';
  if (a.path !== undefined) {
    return new ApiError(403, 'Forbidden', `forbidden: User "${user.username}" cannot ${a.verb} path "${a.path}"${why}`, {});
  }
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource ?? '';
  const where = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  const e = errors.forbidden({ group: a.group ?? '', resource: a.resource ?? '' }, a.name ?? '', `User "${user.username}" cannot ${a.verb} resource "${resource}" in API group "${a.group ?? ''}" ${where}${why}`);
  return e;
}
