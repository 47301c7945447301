// Bearer-token authentication. The admin token is generated at first start and kept in the data
// dir; more token sources (token file, ServiceAccount JWTs, OIDC) plug in as Authenticators.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError, errors } from '../../apis/errors.js';
import { ADMIN_USER, UserInfo } from './user.js';

/** Per-call options of token authentication. */
export interface TokenAuthOptions {
  /**
   * The audiences the token must be meant for (a TokenReview's spec.audiences). When absent an
   * audience-aware source uses the server's own accepted audiences (--api-audiences).
   */
  audiences?: string[];
}

export interface Authenticator {
  /**
   * The user a bearer token stands for, or undefined when this source does not know it. Throws
   * an ApiError (401) for a token this source recognises but rejects (expired, bad signature);
   * see tokenRejected() for the reason it carries.
   */
  authenticateToken(token: string, opts?: TokenAuthOptions): Promise<UserInfo | undefined> | UserInfo | undefined;
}

/**
 * The 401 a source throws for a token it recognises but rejects. The client sees only
 * "Unauthorized" (as upstream); `cause.message` holds the reason, for logs and TokenReview's
 * status.error.
 */
export function tokenRejected(reason: string): ApiError {
  const e = errors.unauthorized();
  e.cause = new Error(reason);
  return e;
}

/** The reason a tokenRejected() error carries, or the error's own message. */
export function rejectionReason(err: unknown): string {
  if (err instanceof Error) return err.cause instanceof Error ? err.cause.message : err.message;
  return String(err);
}

/** Upstream's AuthenticatedGroupAdder: adds system:authenticated unless the user is anonymous or already has it. */
export function withAuthenticatedGroup(user: UserInfo): UserInfo {
  if (user.username === 'system:anonymous') return user;
  if (user.groups.some((g) => g === 'system:authenticated' || g === 'system:unauthenticated')) return user;
  return { ...user, groups: [...user.groups, 'system:authenticated'] };
}

/** Reads the admin token from `<dataDir>/admin.token`, creating it on first start. */
export function ensureAdminToken(dataDir: string): string {
  const file = path.join(dataDir, 'admin.token');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const token = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

export class StaticTokenAuthenticator implements Authenticator {
  private readonly tokens: Array<{ token: Buffer; user: UserInfo }>;

  constructor(entries: Array<{ token: string; user: UserInfo }>) {
    this.tokens = entries.map((e) => ({ token: Buffer.from(e.token), user: e.user }));
  }

  authenticateToken(token: string): UserInfo | undefined {
    const t = Buffer.from(token);
    for (const e of this.tokens) {
      if (e.token.length === t.length && timingSafeEqual(e.token, t)) return e.user;
    }
    return undefined;
  }
}

export function adminAuthenticator(token: string): Authenticator {
  return new StaticTokenAuthenticator([{ token, user: ADMIN_USER }]);
}

/** Tries each authenticator in turn. */
export class UnionAuthenticator implements Authenticator {
  constructor(private readonly sources: Authenticator[]) {}

  async authenticateToken(token: string, opts?: TokenAuthOptions): Promise<UserInfo | undefined> {
    for (const s of this.sources) {
      const u = await s.authenticateToken(token, opts);
      if (u) return u;
    }
    return undefined;
  }
}

/** The bearer token of an Authorization header, if any. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}
