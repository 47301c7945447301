// Authorization decisions. Today every authenticated user is the admin (system:masters), who may
// do anything; RBAC per workspace plugs in behind the same interface.

import { UserInfo } from '../auth/user.js';

/** What a request wants to do (upstream authorizer.Attributes). */
export interface Attributes {
  cluster: string;
  verb: string;
  /** Resource requests. */
  group?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** Non-resource requests ("/healthz", "/api"). */
  path?: string;
}

export interface Decision {
  allowed: boolean;
  denied?: boolean;
  reason: string;
}

export interface ResourceRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames?: string[];
}

export interface NonResourceRule {
  verbs: string[];
  nonResourceURLs: string[];
}

export interface Authorizer {
  authorize(user: UserInfo, attrs: Attributes): Promise<Decision> | Decision;
  /**
   * The error to answer a write of an RBAC object with, when it would grant permissions the
   * writer does not hold (escalation); undefined when allowed.
   */
  admitRbacWrite?(
    user: UserInfo,
    w: { cluster: string; resource: 'roles' | 'clusterroles' | 'rolebindings' | 'clusterrolebindings'; namespace: string; verb: 'create' | 'update' },
    obj: Record<string, any>,
    old?: Record<string, any>,
  ): Promise<import('../../apis/errors.js').ApiError | undefined>;
  /** The rules a user holds in a namespace of a workspace (SelfSubjectRulesReview). */
  rulesFor(user: UserInfo, cluster: string, namespace: string): Promise<{ resourceRules: ResourceRule[]; nonResourceRules: NonResourceRule[]; incomplete: boolean }>;
}

/** system:masters may do anything; nobody else may do anything. */
export class MastersAuthorizer implements Authorizer {
  authorize(user: UserInfo): Decision {
    if (user.groups.includes('system:masters')) return { allowed: true, reason: '' };
    return { allowed: false, reason: '' };
  }

  async rulesFor(user: UserInfo): Promise<{ resourceRules: ResourceRule[]; nonResourceRules: NonResourceRule[]; incomplete: boolean }> {
    if (!user.groups.includes('system:masters')) return { resourceRules: [], nonResourceRules: [], incomplete: false };
    return {
      resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
      nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
      incomplete: false,
    };
  }
}
