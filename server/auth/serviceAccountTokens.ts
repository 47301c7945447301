// ServiceAccount tokens: the issuer behind TokenRequest (`kubectl create token`) and the
// authenticator that accepts them (k8s.io/kubernetes pkg/serviceaccount, claims.go and jwt.go).
//
// Claims of an issued token:
//   iss, sub "system:serviceaccount:<ns>:<name>", aud [..], iat, nbf (= iat), exp, jti (a UUID)
//   "kubernetes.io": {
//     namespace, serviceaccount: {name, uid},
//     clusterName: <logical cluster id>          kcp's claim (pkg/server/filters/serviceaccounts.go reads
//                                                kubernetes.io.clusterName); binds the token to its workspace
//     pod | secret | node: {name, uid}           when bound to an object (TokenRequest boundObjectRef)
//     node: {name, uid}                          also for a pod-bound token when the pod's node is known
//   }
//   "kplane.io": { clusterPath }                 informational only, when the caller knows the path
//
// A token is ours when it parses as a JWT and its `iss` is one of our issuers. Anything else is
// left to the other authenticators (undefined). One of ours that fails any check is a 401.

import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, decodeJwt, errors as joseErrors, JWTPayload, jwtVerify, SignJWT } from 'jose';
import { Authenticator, rejectionReason, TokenAuthOptions, tokenRejected, withAuthenticatedGroup } from './authenticate.js';
import { publicJWKs, SA_SIGNING_ALG, ServiceAccountKeys } from './serviceAccountKeys.js';
import { UserInfo } from './user.js';

export { ensureServiceAccountKeys, rotateServiceAccountKey } from './serviceAccountKeys.js';
export type { ServiceAccountKeys } from './serviceAccountKeys.js';

export const SA_USER_PREFIX = 'system:serviceaccount:';
export const SA_GROUP = 'system:serviceaccounts';
/** Extra keys set on ServiceAccount users (k8s.io/apiserver pkg/authentication/serviceaccount, kcp). */
export const EXTRA_CREDENTIAL_ID = 'authentication.kubernetes.io/credential-id';
export const EXTRA_POD_NAME = 'authentication.kubernetes.io/pod-name';
export const EXTRA_POD_UID = 'authentication.kubernetes.io/pod-uid';
export const EXTRA_NODE_NAME = 'authentication.kubernetes.io/node-name';
export const EXTRA_NODE_UID = 'authentication.kubernetes.io/node-uid';
export const EXTRA_KCP_CLUSTER_NAME = 'authentication.kcp.io/cluster-name';

/** Upstream's jwt.DefaultLeeway. */
const DEFAULT_LEEWAY_SECONDS = 60;

export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SA_USER_PREFIX}${namespace}:${name}`;
}

export function serviceAccountGroups(namespace: string): string[] {
  return [SA_GROUP, `${SA_GROUP}:${namespace}`];
}

export interface ObjectRef {
  name: string;
  uid: string;
}

/** TokenRequest spec.boundObjectRef. */
export interface BoundObjectRef extends ObjectRef {
  kind: 'Pod' | 'Secret' | 'Node';
  apiVersion?: string;
}

export interface IssueRequest {
  issuer: string;
  audiences: string[];
  expirationSeconds: number;
  /** The logical cluster (workspace) id the ServiceAccount lives in. */
  cluster: string;
  clusterPath?: string;
  namespace: string;
  name: string;
  /** The ServiceAccount's uid. */
  uid: string;
  boundObjectRef?: BoundObjectRef;
  /** For a pod-bound token: the node the pod is scheduled on, when known. */
  podNode?: ObjectRef;
}

export interface IssuedToken {
  token: string;
  /** RFC 3339, seconds precision (TokenRequest status.expirationTimestamp). */
  expirationTimestamp: string;
}

/** The private claims under "kubernetes.io". */
export interface KubernetesClaims {
  namespace: string;
  serviceaccount: ObjectRef;
  clusterName: string;
  pod?: ObjectRef;
  secret?: ObjectRef;
  node?: ObjectRef;
  warnafter?: number;
}

export interface ServiceAccountTokenClaims extends JWTPayload {
  'kubernetes.io': KubernetesClaims;
  'kplane.io'?: { clusterPath?: string };
}

export interface IssuerOptions {
  /** --service-account-max-token-expiration: longer requests are cut to this. */
  maxExpirationSeconds?: number;
  /** Milliseconds since the epoch; tests move the clock. */
  now?: () => number;
}

function rfc3339(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class ServiceAccountTokenIssuer {
  constructor(
    private readonly keys: ServiceAccountKeys,
    private readonly opts: IssuerOptions = {},
  ) {}

  async issue(req: IssueRequest): Promise<IssuedToken> {
    if (!Number.isInteger(req.expirationSeconds) || req.expirationSeconds <= 0) {
      throw new Error(`expirationSeconds must be a positive integer, got ${req.expirationSeconds}`);
    }
    if (!req.audiences.length) throw new Error('a ServiceAccount token needs at least one audience');
    const lifetime = Math.min(req.expirationSeconds, this.opts.maxExpirationSeconds ?? Infinity);
    const iat = Math.floor((this.opts.now?.() ?? Date.now()) / 1000);
    const exp = iat + lifetime;

    const k8s: KubernetesClaims = {
      namespace: req.namespace,
      serviceaccount: { name: req.name, uid: req.uid },
      clusterName: req.cluster,
    };
    const bound = req.boundObjectRef;
    if (bound?.kind === 'Pod') {
      k8s.pod = { name: bound.name, uid: bound.uid };
      if (req.podNode) k8s.node = { name: req.podNode.name, uid: req.podNode.uid };
    } else if (bound?.kind === 'Secret') {
      k8s.secret = { name: bound.name, uid: bound.uid };
    } else if (bound?.kind === 'Node') {
      k8s.node = { name: bound.name, uid: bound.uid };
    }
    const claims: ServiceAccountTokenClaims = { 'kubernetes.io': k8s };
    if (req.clusterPath) claims['kplane.io'] = { clusterPath: req.clusterPath };

    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: SA_SIGNING_ALG, kid: this.keys.signing.kid })
      .setIssuer(req.issuer)
      .setSubject(serviceAccountUsername(req.namespace, req.name))
      .setAudience([...req.audiences])
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(this.keys.signing.privateKey);
    return { token, expirationTimestamp: rfc3339(exp) };
  }
}

/** What lookupServiceAccount / lookupBoundObject return for an object that exists. */
export interface ObjectState {
  uid: string;
  /** metadata.deletionTimestamp, when the object is being deleted. */
  deletionTimestamp?: string | Date;
  /** Token ids (jti) revoked for this ServiceAccount (one leaked token, not all of them). */
  revokedCredentialIds?: string[];
}

/** pino's logger fits. */
export interface AuthLogger {
  warn(obj: object, msg?: string): void;
}

export interface ServiceAccountAuthenticatorOptions {
  keys: ServiceAccountKeys;
  /** --service-account-issuer values: tokens with one of these `iss` are ours. */
  issuers: string[];
  /** --api-audiences: a token's `aud` must include one of them. Defaults to `issuers`. */
  audiences?: string[];
  /** The ServiceAccount as it is now; a different uid (recreated) or undefined (deleted) revokes its tokens. */
  lookupServiceAccount(cluster: string, namespace: string, name: string): Promise<ObjectState | undefined> | ObjectState | undefined;
  /**
   * The object a bound token names (namespace '' for a Node). Without this hook, bound tokens are
   * accepted on their ServiceAccount alone.
   */
  lookupBoundObject?(cluster: string, namespace: string, kind: BoundObjectRef['kind'], name: string): Promise<ObjectState | undefined> | ObjectState | undefined;
  /** A denylist of token ids (jti), to revoke a single leaked token. */
  isRevoked?(jti: string): Promise<boolean> | boolean;
  /** Clock skew allowed on exp, nbf and deletion times. Default 60 s (upstream jwt.DefaultLeeway). */
  leewaySeconds?: number;
  now?: () => number;
  logger?: AuthLogger;
}

/** A JWT's payload, or undefined when the string is no JWT. */
function peekClaims(token: string): JWTPayload | undefined {
  if (token.split('.').length !== 3) return undefined;
  try {
    return decodeJwt(token);
  } catch {
    return undefined;
  }
}

function asRef(v: unknown): ObjectRef | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { name, uid } = v as Record<string, unknown>;
  if (typeof name !== 'string' || !name || typeof uid !== 'string') return undefined;
  return { name, uid };
}

function verifyFailure(e: unknown, audiences: string[], tokenAud: unknown): string {
  if (e instanceof joseErrors.JWTExpired) return 'service account token has expired';
  if (e instanceof joseErrors.JWTClaimValidationFailed) {
    if (e.claim === 'nbf') return 'service account token is not valid yet';
    if (e.claim === 'aud') return `token audiences ${JSON.stringify(tokenAud)} is invalid for the target audiences ${JSON.stringify(audiences)}`;
    return `service account token claims could not be validated: ${e.message}`;
  }
  if (e instanceof joseErrors.JWKSNoMatchingKey) return 'service account token was not signed by a known key';
  if (e instanceof joseErrors.JWSSignatureVerificationFailed) return 'service account token signature is invalid';
  return `service account token could not be verified: ${e instanceof Error ? e.message : String(e)}`;
}

export class ServiceAccountTokenAuthenticator implements Authenticator {
  private readonly issuers: Set<string>;
  private readonly audiences: string[];
  private readonly jwks: ReturnType<typeof createLocalJWKSet>;
  private readonly leeway: number;

  constructor(private readonly opts: ServiceAccountAuthenticatorOptions) {
    if (!opts.issuers.length) throw new Error('at least one ServiceAccount issuer is needed');
    this.issuers = new Set(opts.issuers);
    this.audiences = opts.audiences?.length ? [...opts.audiences] : [...opts.issuers];
    this.jwks = createLocalJWKSet({ keys: publicJWKs(opts.keys) });
    this.leeway = opts.leewaySeconds ?? DEFAULT_LEEWAY_SECONDS;
  }

  async authenticateToken(token: string, authOpts?: TokenAuthOptions): Promise<UserInfo | undefined> {
    const peeked = peekClaims(token);
    if (!peeked || typeof peeked.iss !== 'string' || !this.issuers.has(peeked.iss)) return undefined;
    try {
      return await this.verify(token, authOpts?.audiences?.length ? authOpts.audiences : this.audiences, peeked);
    } catch (e) {
      const reason = rejectionReason(e);
      this.opts.logger?.warn({ reason, iss: peeked.iss, sub: peeked.sub, jti: peeked.jti }, 'service account token rejected');
      throw tokenRejected(reason);
    }
  }

  private async verify(token: string, audiences: string[], peeked: JWTPayload): Promise<UserInfo> {
    const nowMs = this.opts.now?.() ?? Date.now();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        algorithms: [SA_SIGNING_ALG],
        issuer: [...this.issuers],
        audience: audiences,
        clockTolerance: this.leeway,
        currentDate: new Date(nowMs),
        requiredClaims: ['exp', 'sub', 'jti'],
      }));
    } catch (e) {
      throw new Error(verifyFailure(e, audiences, peeked.aud));
    }

    const k8s = payload['kubernetes.io'] as Record<string, unknown> | undefined;
    const namespace = k8s?.namespace;
    const sa = asRef(k8s?.serviceaccount);
    const cluster = k8s?.clusterName;
    if (typeof namespace !== 'string' || !namespace || !sa || typeof cluster !== 'string' || !cluster) {
      throw new Error('service account token lacks its kubernetes.io claims');
    }
    const username = serviceAccountUsername(namespace, sa.name);
    if (payload.sub !== username) throw new Error(`service account token subject ${JSON.stringify(payload.sub)} does not match ${username}`);
    const jti = payload.jti as string;

    if (await this.opts.isRevoked?.(jti)) throw new Error('service account token has been revoked');

    // Deleted a leeway ago or earlier counts as gone (upstream invalidIfDeletedBefore).
    const goneBefore = nowMs - this.leeway * 1000;
    const deleted = (s: ObjectState): boolean => s.deletionTimestamp !== undefined && new Date(s.deletionTimestamp).getTime() < goneBefore;

    const current = await this.opts.lookupServiceAccount(cluster, namespace, sa.name);
    if (!current) throw new Error(`serviceaccounts "${sa.name}" not found`);
    if (deleted(current)) throw new Error(`service account ${namespace}/${sa.name} has been deleted`);
    if (current.uid !== sa.uid) throw new Error(`service account UID (${current.uid}) does not match claim (${sa.uid})`);
    if (current.revokedCredentialIds?.includes(jti)) throw new Error('service account token has been revoked');

    const pod = asRef(k8s?.pod);
    const secret = asRef(k8s?.secret);
    const node = asRef(k8s?.node);
    const bound: [BoundObjectRef['kind'], ObjectRef] | undefined = pod ? ['Pod', pod] : secret ? ['Secret', secret] : node ? ['Node', node] : undefined;
    if (bound && this.opts.lookupBoundObject) {
      const [kind, ref] = bound;
      const obj = await this.opts.lookupBoundObject(cluster, kind === 'Node' ? '' : namespace, kind, ref.name);
      if (!obj || deleted(obj)) throw new Error('service account token has been invalidated');
      if (obj.uid !== ref.uid) throw new Error(`${kind.toLowerCase()} UID (${obj.uid}) does not match service account ${kind.toLowerCase()} ref claim (${ref.uid})`);
    }

    const extra: Record<string, string[]> = { [EXTRA_CREDENTIAL_ID]: [`JTI=${jti}`] };
    if (pod) {
      extra[EXTRA_POD_NAME] = [pod.name];
      extra[EXTRA_POD_UID] = [pod.uid];
    }
    if (node) {
      extra[EXTRA_NODE_NAME] = [node.name];
      if (node.uid) extra[EXTRA_NODE_UID] = [node.uid];
    }
    extra[EXTRA_KCP_CLUSTER_NAME] = [cluster];
    return withAuthenticatedGroup({ username, uid: sa.uid, groups: serviceAccountGroups(namespace), extra, cluster });
  }
}

/** The audiences of a (verified) token that are among `wanted`: TokenReview's status.audiences. */
export function matchedAudiences(token: string, wanted: string[]): string[] {
  const aud = peekClaims(token)?.aud;
  const have = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
  return wanted.filter((a) => have.includes(a));
}
