// Who a request comes from, as authentication establishes it (user.Info upstream).

export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
  /**
   * The logical cluster this identity belongs to (service accounts); undefined for global users
   * (the admin, token-file and OIDC users). In any other workspace it is a foreign identity.
   */
  cluster?: string;
}

export const ADMIN_USER: UserInfo = {
  username: 'kplane-admin',
  groups: ['system:masters', 'system:authenticated'],
};

export const ANONYMOUS_USER: UserInfo = {
  username: 'system:anonymous',
  groups: ['system:unauthenticated'],
};
