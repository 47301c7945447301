// The create-only review resources: SelfSubjectAccessReview (kubectl auth can-i),
// SelfSubjectRulesReview (can-i --list), SelfSubjectReview (auth whoami), SubjectAccessReview,
// LocalSubjectAccessReview and TokenReview. Each answers the request echoed back with a status.

import { errors } from '../../apis/errors.js';
import { KObject } from '../../apis/resources/model.js';
import { Authenticator, rejectionReason } from '../auth/authenticate.js';
import { UserInfo } from '../auth/user.js';
import { Attributes, Authorizer } from './authorizer.js';

export interface ReviewContext {
  cluster: string;
  user: UserInfo;
  /** Namespace from the URL (LocalSubjectAccessReview). */
  namespace: string;
  authorizer: Authorizer;
  authenticator: Authenticator;
}

type Review = (ctx: ReviewContext, obj: KObject) => Promise<KObject>;

function attributesOf(cluster: string, spec: KObject): Attributes {
  const ra = spec?.resourceAttributes;
  if (ra) {
    return { cluster, verb: ra.verb ?? '', group: ra.group ?? '', resource: ra.resource ?? '', subresource: ra.subresource ?? '', namespace: ra.namespace ?? '', name: ra.name ?? '' };
  }
  const nra = spec?.nonResourceAttributes;
  if (nra) return { cluster, verb: nra.verb ?? '', path: nra.path ?? '' };
  throw errors.invalid({ group: 'authorization.k8s.io', kind: 'SelfSubjectAccessReview' }, '', [
    { type: 'Required', field: 'spec.resourceAttributes', detail: 'exactly one of nonResourceAttributes or resourceAttributes must be specified' },
  ]);
}

async function accessStatus(ctx: ReviewContext, user: UserInfo, spec: KObject): Promise<KObject> {
  const d = await ctx.authorizer.authorize(user, attributesOf(ctx.cluster, spec));
  const status: KObject = { allowed: d.allowed };
  if (d.denied) status.denied = true;
  if (d.reason) status.reason = d.reason;
  return status;
}

function specUser(spec: KObject): UserInfo {
  if (!spec?.user && !spec?.groups?.length) {
    throw errors.invalid({ group: 'authorization.k8s.io', kind: 'SubjectAccessReview' }, '', [
      { type: 'Invalid', field: 'spec.user', value: '', detail: 'at least one of user or group must be specified' },
    ]);
  }
  return { username: spec.user ?? '', uid: spec.uid, groups: spec.groups ?? [], extra: spec.extra };
}

function userInfoJson(u: UserInfo): KObject {
  const out: KObject = { username: u.username };
  if (u.uid) out.uid = u.uid;
  if (u.groups.length) out.groups = u.groups;
  if (u.extra && Object.keys(u.extra).length) out.extra = u.extra;
  return out;
}

const REVIEWS: Record<string, Review> = {
  'authorization.k8s.io/SelfSubjectAccessReview': async (ctx, obj) => ({ ...obj, status: await accessStatus(ctx, ctx.user, obj.spec) }),
  'authorization.k8s.io/SubjectAccessReview': async (ctx, obj) => ({ ...obj, status: await accessStatus(ctx, specUser(obj.spec), obj.spec) }),
  'authorization.k8s.io/LocalSubjectAccessReview': async (ctx, obj) => {
    const ns = obj.spec?.resourceAttributes?.namespace;
    if (ns !== undefined && ns !== ctx.namespace) {
      throw errors.badRequest(`spec.resourceAttributes.namespace must match namespace: ${ctx.namespace}`);
    }
    const spec = { ...obj.spec, resourceAttributes: { ...(obj.spec?.resourceAttributes ?? {}), namespace: ctx.namespace } };
    return { ...obj, status: await accessStatus(ctx, specUser(spec), spec) };
  },
  'authorization.k8s.io/SelfSubjectRulesReview': async (ctx, obj) => {
    if (!obj.spec?.namespace) throw errors.badRequest('no namespace on request');
    const rules = await ctx.authorizer.rulesFor(ctx.user, ctx.cluster, obj.spec?.namespace ?? '');
    return { ...obj, status: rules };
  },
  'authentication.k8s.io/SelfSubjectReview': async (ctx, obj) => ({ ...obj, status: { userInfo: userInfoJson(ctx.user) } }),
  'authentication.k8s.io/TokenReview': async (ctx, obj) => {
    const token = obj.spec?.token;
    if (!token) throw errors.invalid({ group: 'authentication.k8s.io', kind: 'TokenReview' }, '', [{ type: 'Required', field: 'spec.token' }]);
    let user: UserInfo | undefined;
    let error: string | undefined;
    try {
      user = await ctx.authenticator.authenticateToken(token, { audiences: obj.spec?.audiences });
    } catch (e) {
      // A rejected token is an answer, not a failed review.
      error = rejectionReason(e);
    }
    const status: KObject = user ? { authenticated: true, user: userInfoJson(user) } : { authenticated: false, user: {}, ...(error ? { error } : {}) };
    if (obj.spec?.audiences) status.audiences = obj.spec.audiences;
    return { ...obj, status };
  },
};

/** Answers a create on a review resource; undefined when `group/kind` is not one. */
export function reviewFor(group: string, kind: string): Review | undefined {
  return REVIEWS[`${group}/${kind}`];
}
