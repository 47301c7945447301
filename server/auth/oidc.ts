// OIDC ID tokens for users (kube-apiserver's --oidc-* flags; k8s.io/apiserver
// plugin/pkg/authenticator/token/oidc). The issuer's keys are found by discovery
// (<issuer>/.well-known/openid-configuration → jwks_uri) and cached by jose, which refetches them
// when a token names an unknown key.
//
// - A token is ours when it is a JWT whose `iss` is exactly the issuer URL; any other token is
//   left to the other authenticators (undefined). One of ours that fails is a 401.
// - aud must include the client id; exp is required; the signature must use one of signingAlgs.
// - username: the usernameClaim (default "sub"). Without a usernamePrefix, claims other than
//   "email" get the prefix "<issuer URL>#"; the prefix "-" means none. With the "email" claim an
//   `email_verified` claim, when present, must be true.
// - groups: the groupsClaim, a string or a list of strings, each with groupsPrefix.
// - requiredClaims: each must be present with exactly that string value.
// - system:authenticated is added.
// Discovery is lazy and never fatal: while the issuer cannot be reached, its tokens fail with 401
// (logged), and discovery is retried with exponential backoff (in the background after start()).

import fs from 'node:fs';
import { createRemoteJWKSet, customFetch, decodeJwt, errors as joseErrors, FetchImplementation, JWTPayload, jwtVerify } from 'jose';
import { Agent, fetch as undiciFetch } from 'undici';
import { Authenticator, rejectionReason, tokenRejected, withAuthenticatedGroup } from './authenticate.js';
import { UserInfo } from './user.js';

export interface OIDCOptions {
  /** --oidc-issuer-url; must be https. */
  issuerURL: string;
  /** --oidc-client-id: the audience tokens must carry. */
  clientID: string;
  /** --oidc-username-claim, default "sub". */
  usernameClaim?: string;
  /** --oidc-username-prefix; "-" for none. */
  usernamePrefix?: string;
  /** --oidc-groups-claim; without it users have no groups from the token. */
  groupsClaim?: string;
  /** --oidc-groups-prefix. */
  groupsPrefix?: string;
  /** --oidc-ca-file: the CA that signed the issuer's serving certificate (else the system CAs). */
  caFile?: string;
  /** The same CA as PEM text (instead of caFile). */
  caPem?: string;
  /** --oidc-required-claim key=value pairs. */
  requiredClaims?: Record<string, string>;
  /** --oidc-signing-algs, default ["RS256"]. */
  signingAlgs?: string[];
  /** Clock skew allowed on exp/nbf/iat. Default 60 s. */
  leewaySeconds?: number;
  /** Discovery retry backoff: first delay and ceiling in ms. Default 1 s doubling up to 60 s. */
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** Timeout of each discovery and JWKS request. Default 10 s. */
  timeoutMs?: number;
  logger?: { warn(obj: object, msg?: string): void; info?(obj: object, msg?: string): void };
  now?: () => number;
}

type KeySet = ReturnType<typeof createRemoteJWKSet>;

const DISCOVERY_PATH = '/.well-known/openid-configuration';

/** The username prefix the flags amount to (upstream's legacy flag rules). */
export function effectiveUsernamePrefix(issuerURL: string, usernameClaim: string, usernamePrefix: string | undefined): string {
  if (usernamePrefix === '-') return '';
  if (!usernamePrefix && usernameClaim !== 'email') return `${issuerURL}#`;
  return usernamePrefix ?? '';
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
    return `${e.message}${cause}`;
  }
  return String(e);
}

export class OIDCAuthenticator implements Authenticator {
  private readonly usernameClaim: string;
  private readonly usernamePrefix: string;
  private readonly signingAlgs: string[];
  private readonly fetchImpl: FetchImplementation;
  private readonly agent?: Agent;
  private keySet?: KeySet;
  private inflight?: Promise<KeySet>;
  private lastError = '';
  private nextAttemptAt = 0;
  private backoffMs: number;
  private retryTimer?: NodeJS.Timeout;
  private started = false;
  private closed = false;

  constructor(private readonly opts: OIDCOptions) {
    let url: URL;
    try {
      url = new URL(opts.issuerURL);
    } catch {
      throw new Error(`oidc-issuer-url ${JSON.stringify(opts.issuerURL)} is not a valid URL`);
    }
    if (url.protocol !== 'https:') throw new Error(`oidc-issuer-url ${JSON.stringify(opts.issuerURL)} must use the https scheme`);
    if (!opts.clientID) throw new Error('oidc-client-id is required with oidc-issuer-url');
    this.usernameClaim = opts.usernameClaim || 'sub';
    this.usernamePrefix = effectiveUsernamePrefix(opts.issuerURL, this.usernameClaim, opts.usernamePrefix);
    this.signingAlgs = opts.signingAlgs?.length ? [...opts.signingAlgs] : ['RS256'];
    this.backoffMs = opts.retryInitialMs ?? 1000;

    const ca = opts.caPem ?? (opts.caFile ? fs.readFileSync(opts.caFile, 'utf8') : undefined);
    if (ca) this.agent = new Agent({ connect: { ca } });
    const agent = this.agent;
    this.fetchImpl = (u, o) => {
      const headers: Record<string, string> = {};
      o.headers.forEach((v, k) => {
        headers[k] = v;
      });
      const init = { method: o.method, redirect: o.redirect, signal: o.signal, headers, ...(agent ? { dispatcher: agent } : {}) };
      return undiciFetch(u, init) as unknown as Promise<Response>;
    };
  }

  /** Starts discovery now and keeps retrying in the background until it succeeds or close(). */
  start(): void {
    this.started = true;
    this.ensureKeySet().catch(() => {});
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.agent?.close();
  }

  /** Whether discovery has succeeded (for readiness reporting). */
  get ready(): boolean {
    return this.keySet !== undefined;
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  private async discover(): Promise<KeySet> {
    const timeout = this.opts.timeoutMs ?? 10_000;
    const discoveryURL = `${this.opts.issuerURL.replace(/\/$/, '')}${DISCOVERY_PATH}`;
    const res = await this.fetchImpl(discoveryURL, {
      headers: new Headers({ accept: 'application/json' }),
      method: 'GET',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeout),
    });
    if (res.status !== 200) throw new Error(`GET ${discoveryURL}: ${res.status} ${res.statusText}`);
    const doc = (await res.json()) as { issuer?: unknown; jwks_uri?: unknown };
    if (doc.issuer !== this.opts.issuerURL) {
      throw new Error(`oidc: issuer did not match the issuer returned by provider, expected ${JSON.stringify(this.opts.issuerURL)} got ${JSON.stringify(doc.issuer)}`);
    }
    if (typeof doc.jwks_uri !== 'string') throw new Error(`${discoveryURL}: no jwks_uri`);
    const jwksURL = new URL(doc.jwks_uri);
    return createRemoteJWKSet(jwksURL, { [customFetch]: this.fetchImpl, timeoutDuration: timeout });
  }

  private ensureKeySet(): Promise<KeySet> {
    if (this.keySet) return Promise.resolve(this.keySet);
    if (this.inflight) return this.inflight;
    if (this.now() < this.nextAttemptAt) {
      return Promise.reject(new Error(`oidc: authenticator not initialized: ${this.lastError}`));
    }
    const attempt = this.discover().then(
      (set) => {
        this.keySet = set;
        this.opts.logger?.info?.({ issuer: this.opts.issuerURL }, 'oidc discovery succeeded');
        return set;
      },
      (e: unknown) => {
        this.lastError = describe(e);
        const delay = this.backoffMs;
        this.nextAttemptAt = this.now() + delay;
        this.backoffMs = Math.min(delay * 2, this.opts.retryMaxMs ?? 60_000);
        this.opts.logger?.warn({ issuer: this.opts.issuerURL, err: this.lastError, retryInMs: delay }, 'oidc discovery failed');
        if (this.started && !this.closed) {
          this.retryTimer = setTimeout(() => this.ensureKeySet().catch(() => {}), delay);
          this.retryTimer.unref();
        }
        throw new Error(`oidc: authenticator not initialized: ${this.lastError}`);
      },
    );
    this.inflight = attempt.finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  async authenticateToken(token: string): Promise<UserInfo | undefined> {
    let peeked: JWTPayload;
    try {
      if (token.split('.').length !== 3) return undefined;
      peeked = decodeJwt(token);
    } catch {
      return undefined;
    }
    if (peeked.iss !== this.opts.issuerURL) return undefined;
    try {
      return await this.verify(token);
    } catch (e) {
      const reason = rejectionReason(e);
      this.opts.logger?.warn({ issuer: this.opts.issuerURL, reason }, 'oidc token rejected');
      throw tokenRejected(reason);
    }
  }

  private async verify(token: string): Promise<UserInfo> {
    const keySet = await this.ensureKeySet();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keySet, {
        issuer: this.opts.issuerURL,
        audience: this.opts.clientID,
        algorithms: this.signingAlgs,
        clockTolerance: this.opts.leewaySeconds ?? 60,
        currentDate: new Date(this.now()),
        requiredClaims: ['exp'],
      }));
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) throw new Error('oidc: verify token: token is expired');
      throw new Error(`oidc: verify token: ${describe(e)}`);
    }

    for (const [claim, want] of Object.entries(this.opts.requiredClaims ?? {})) {
      const got = payload[claim];
      if (got === undefined) throw new Error(`oidc: required claim ${claim} not present in ID token`);
      if (got !== want) throw new Error(`oidc: required claim ${claim} value does not match. Got = ${JSON.stringify(got)}, want = ${want}`);
    }

    const name = payload[this.usernameClaim];
    if (name === undefined) throw new Error(`oidc: parse username claims ${JSON.stringify(this.usernameClaim)}: claim not present`);
    if (typeof name !== 'string' || !name) throw new Error(`oidc: parse username claims ${JSON.stringify(this.usernameClaim)}: claim is not a non-empty string`);
    if (this.usernameClaim === 'email' && payload.email_verified !== undefined) {
      if (typeof payload.email_verified !== 'boolean') throw new Error("oidc: parse 'email_verified' claim: not a boolean");
      if (!payload.email_verified) throw new Error('oidc: email not verified');
    }

    let groups: string[] = [];
    if (this.opts.groupsClaim) {
      const g = payload[this.opts.groupsClaim];
      if (typeof g === 'string') groups = [g];
      else if (Array.isArray(g) && g.every((x) => typeof x === 'string')) groups = g as string[];
      else if (g !== undefined && g !== null) throw new Error(`oidc: parse groups claim ${JSON.stringify(this.opts.groupsClaim)}: not a string or a list of strings`);
      const prefix = this.opts.groupsPrefix ?? '';
      groups = groups.map((x) => `${prefix}${x}`);
    }

    return withAuthenticatedGroup({ username: `${this.usernamePrefix}${name}`, groups });
  }
}
