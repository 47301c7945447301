import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt, decodeProtectedHeader, jwtVerify, createLocalJWKSet, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../apis/errors.js';
import { rejectionReason } from './authenticate.js';
import { ensureServiceAccountKeys, keyId, rotateServiceAccountKey, ServiceAccountKeys } from './serviceAccountKeys.js';
import { defaultJwksURI, discoveryAvailable, jwksDocument, openIDConfiguration } from './serviceAccountDiscovery.js';
import { IssueRequest, matchedAudiences, ObjectState, ServiceAccountTokenAuthenticator, ServiceAccountTokenIssuer } from './serviceAccountTokens.js';

const ISSUER = 'https://kplane.example:6443';
const API_AUDIENCES = [ISSUER];

let dir: string;
let keys: ServiceAccountKeys;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kplane-sa-'));
  keys = await ensureServiceAccountKeys(path.join(dir, 'pki'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const request = (over: Partial<IssueRequest> = {}): IssueRequest => ({
  issuer: ISSUER,
  audiences: API_AUDIENCES,
  expirationSeconds: 3600,
  cluster: 'c1a2b3',
  clusterPath: 'root:org:team',
  namespace: 'default',
  name: 'builder',
  uid: 'sa-uid-1',
  ...over,
});

/** A fake store of ServiceAccounts keyed by cluster/namespace/name. */
function saStore(): Map<string, ObjectState> {
  return new Map([['c1a2b3/default/builder', { uid: 'sa-uid-1' }]]);
}

function authenticator(store = saStore(), over: Partial<ConstructorParameters<typeof ServiceAccountTokenAuthenticator>[0]> = {}) {
  return new ServiceAccountTokenAuthenticator({
    keys,
    issuers: [ISSUER],
    lookupServiceAccount: async (cluster, ns, name) => store.get(`${cluster}/${ns}/${name}`),
    ...over,
  });
}

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe(401);
    expect((e as ApiError).message).toBe('Unauthorized');
    return rejectionReason(e);
  }
  throw new Error('expected a 401');
}

describe('signing keys', () => {
  it('generates the key once, 0600, with kid = base64url(SHA-256(SPKI DER))', async () => {
    const file = path.join(dir, 'pki', 'sa.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = await ensureServiceAccountKeys(path.join(dir, 'pki'));
    expect(again.signing.kid).toBe(keys.signing.kid);
    const der = createPublicKey(fs.readFileSync(file, 'utf8')).export({ type: 'spki', format: 'der' });
    expect(keys.signing.kid).toBe(createHash('sha256').update(der).digest('base64url'));
    expect(keys.signing.privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it('rotates: the new key signs, the old one still verifies', async () => {
    const pki = path.join(dir, 'rotate');
    const first = await ensureServiceAccountKeys(pki);
    const old = await new ServiceAccountTokenIssuer(first).issue(request());
    const second = await rotateServiceAccountKey(pki);
    expect(second.signing.kid).not.toBe(first.signing.kid);
    expect(second.verifying.map((k) => k.kid)).toEqual([second.signing.kid, first.signing.kid]);
    expect(jwksDocument(second).keys.map((k) => k.kid)).toEqual([second.signing.kid, first.signing.kid]);
    const auth = new ServiceAccountTokenAuthenticator({ keys: second, issuers: [ISSUER], lookupServiceAccount: () => ({ uid: 'sa-uid-1' }) });
    expect((await auth.authenticateToken(old.token))?.username).toBe('system:serviceaccount:default:builder');
    const fresh = await new ServiceAccountTokenIssuer(second).issue(request());
    expect(decodeProtectedHeader(fresh.token).kid).toBe(second.signing.kid);
  });
});

describe('issuing', () => {
  it('writes the upstream claims plus the workspace binding', async () => {
    const now = Date.UTC(2030, 0, 2, 3, 4, 5, 678);
    const issued = await new ServiceAccountTokenIssuer(keys, { now: () => now }).issue(request({ audiences: ['vault', ISSUER] }));
    expect(issued.expirationTimestamp).toBe('2030-01-02T04:04:05Z');
    expect(decodeProtectedHeader(issued.token)).toEqual({ alg: 'RS256', kid: keys.signing.kid });
    const c = decodeJwt(issued.token);
    const iat = Math.floor(now / 1000);
    expect(c).toEqual({
      iss: ISSUER,
      sub: 'system:serviceaccount:default:builder',
      aud: ['vault', ISSUER],
      iat,
      nbf: iat,
      exp: iat + 3600,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'builder', uid: 'sa-uid-1' }, clusterName: 'c1a2b3' },
      'kplane.io': { clusterPath: 'root:org:team' },
    });
  });

  it('gives every token its own jti', async () => {
    const issuer = new ServiceAccountTokenIssuer(keys);
    const jtis = await Promise.all(Array.from({ length: 20 }, async () => decodeJwt((await issuer.issue(request())).token).jti));
    expect(new Set(jtis).size).toBe(20);
  });

  it('binds to a pod (with its node) or a secret', async () => {
    const issuer = new ServiceAccountTokenIssuer(keys);
    const pod = decodeJwt((await issuer.issue(request({ boundObjectRef: { kind: 'Pod', name: 'p', uid: 'pod-uid' }, podNode: { name: 'n1', uid: 'node-uid' } }))).token);
    expect(pod['kubernetes.io']).toMatchObject({ pod: { name: 'p', uid: 'pod-uid' }, node: { name: 'n1', uid: 'node-uid' } });
    const secret = decodeJwt((await issuer.issue(request({ boundObjectRef: { kind: 'Secret', name: 's', uid: 'sec-uid' } }))).token);
    expect(secret['kubernetes.io']).toMatchObject({ secret: { name: 's', uid: 'sec-uid' } });
  });

  it('caps the lifetime and refuses nonsense', async () => {
    const issuer = new ServiceAccountTokenIssuer(keys, { maxExpirationSeconds: 600 });
    const c = decodeJwt((await issuer.issue(request({ expirationSeconds: 86400 }))).token);
    expect(c.exp! - c.iat!).toBe(600);
    await expect(issuer.issue(request({ expirationSeconds: 0 }))).rejects.toThrow(/positive integer/);
    await expect(issuer.issue(request({ audiences: [] }))).rejects.toThrow(/audience/);
  });
});

describe('authenticating', () => {
  it('round-trips to the ServiceAccount user of its workspace', async () => {
    const { token } = await new ServiceAccountTokenIssuer(keys).issue(request());
    const jti = decodeJwt(token).jti;
    expect(await authenticator().authenticateToken(token)).toEqual({
      username: 'system:serviceaccount:default:builder',
      uid: 'sa-uid-1',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
      extra: { 'authentication.kubernetes.io/credential-id': [`JTI=${jti}`], 'authentication.kcp.io/cluster-name': ['c1a2b3'] },
      cluster: 'c1a2b3',
    });
  });

  it('reports pod and node extras and checks the bound object', async () => {
    const { token } = await new ServiceAccountTokenIssuer(keys).issue(
      request({ boundObjectRef: { kind: 'Pod', name: 'p', uid: 'pod-uid' }, podNode: { name: 'n1', uid: 'node-uid' } }),
    );
    const pods = new Map<string, ObjectState>([['c1a2b3/default/Pod/p', { uid: 'pod-uid' }]]);
    const auth = authenticator(saStore(), { lookupBoundObject: (c, ns, kind, name) => pods.get(`${c}/${ns}/${kind}/${name}`) });
    const user = await auth.authenticateToken(token);
    expect(user?.extra).toMatchObject({
      'authentication.kubernetes.io/pod-name': ['p'],
      'authentication.kubernetes.io/pod-uid': ['pod-uid'],
      'authentication.kubernetes.io/node-name': ['n1'],
      'authentication.kubernetes.io/node-uid': ['node-uid'],
    });
    pods.set('c1a2b3/default/Pod/p', { uid: 'other-pod' });
    expect(await rejection(auth.authenticateToken(token))).toMatch(/pod UID \(other-pod\) does not match/);
    pods.delete('c1a2b3/default/Pod/p');
    expect(await rejection(auth.authenticateToken(token))).toBe('service account token has been invalidated');
  });

  it('rejects a wrong audience, but honours a TokenReview audience', async () => {
    const { token } = await new ServiceAccountTokenIssuer(keys).issue(request({ audiences: ['vault'] }));
    expect(await rejection(authenticator().authenticateToken(token))).toMatch(/token audiences \["vault"\] is invalid for the target audiences/);
    expect((await authenticator().authenticateToken(token, { audiences: ['vault', 'x'] }))?.username).toBe('system:serviceaccount:default:builder');
    expect(matchedAudiences(token, ['vault', 'x'])).toEqual(['vault']);
    // An audience list configured on the server.
    expect(await authenticator(saStore(), { audiences: ['vault'] }).authenticateToken(token)).toBeDefined();
  });

  it('rejects expired and not-yet-valid tokens, with a leeway', async () => {
    const t0 = Date.now();
    const { token } = await new ServiceAccountTokenIssuer(keys, { now: () => t0 - 3600_000 - 30_000 }).issue(request());
    expect(await authenticator().authenticateToken(token)).toBeDefined(); // 30 s late: within the leeway
    const { token: old } = await new ServiceAccountTokenIssuer(keys, { now: () => t0 - 3600_000 - 120_000 }).issue(request());
    expect(await rejection(authenticator().authenticateToken(old))).toBe('service account token has expired');
    const { token: future } = await new ServiceAccountTokenIssuer(keys, { now: () => t0 + 600_000 }).issue(request());
    expect(await rejection(authenticator().authenticateToken(future))).toBe('service account token is not valid yet');
  });

  it('rejects tampered tokens and unknown keys', async () => {
    const { token } = await new ServiceAccountTokenIssuer(keys).issue(request());
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    claims['kubernetes.io'].namespace = 'kube-system';
    claims.sub = 'system:serviceaccount:kube-system:builder';
    const tampered = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    expect(await rejection(authenticator().authenticateToken(tampered))).toBe('service account token signature is invalid');

    // Signed with a key that is not ours, under our issuer: both with a foreign kid and with our kid.
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forge = (kid: string) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);
    expect(await rejection(authenticator().authenticateToken(await forge(keyId(publicKey))))).toBe('service account token was not signed by a known key');
    expect(await rejection(authenticator().authenticateToken(await forge(keys.signing.kid)))).toBe('service account token signature is invalid');
    // alg none / HS256 with our kid are refused.
    const hs = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: keys.signing.kid }).sign(new Uint8Array(32));
    expect(await rejection(authenticator().authenticateToken(hs))).toMatch(/could not be verified/);
  });

  it('leaves tokens of other issuers and non-JWTs to other authenticators', async () => {
    const { token } = await new ServiceAccountTokenIssuer(keys).issue(request({ issuer: 'https://someone.else' }));
    expect(await authenticator().authenticateToken(token)).toBeUndefined();
    expect(await authenticator().authenticateToken('plain-static-token')).toBeUndefined();
    expect(await authenticator().authenticateToken('a.b.c')).toBeUndefined();
  });

  it('accepts every configured issuer', async () => {
    const { token } = await new ServiceAccountTokenIssuer(keys).issue(request({ issuer: 'https://old.issuer', audiences: ['https://old.issuer'] }));
    expect(await authenticator(saStore(), { issuers: [ISSUER, 'https://old.issuer'], audiences: ['https://old.issuer'] }).authenticateToken(token)).toBeDefined();
  });

  it('is revoked when the ServiceAccount is deleted or recreated', async () => {
    const store = saStore();
    const auth = authenticator(store);
    const { token } = await new ServiceAccountTokenIssuer(keys).issue(request());
    expect(await auth.authenticateToken(token)).toBeDefined();
    store.set('c1a2b3/default/builder', { uid: 'sa-uid-2' });
    expect(await rejection(auth.authenticateToken(token))).toBe('service account UID (sa-uid-2) does not match claim (sa-uid-1)');
    store.delete('c1a2b3/default/builder');
    expect(await rejection(auth.authenticateToken(token))).toBe('serviceaccounts "builder" not found');
    store.set('c1a2b3/default/builder', { uid: 'sa-uid-1', deletionTimestamp: new Date(Date.now() - 120_000).toISOString() });
    expect(await rejection(auth.authenticateToken(token))).toBe('service account default/builder has been deleted');
  });

  it('is bound to its workspace: the same SA name elsewhere does not accept it', async () => {
    const store = new Map<string, ObjectState>([['other/default/builder', { uid: 'sa-uid-1' }]]);
    const { token } = await new ServiceAccountTokenIssuer(keys).issue(request());
    expect(await rejection(authenticator(store).authenticateToken(token))).toBe('serviceaccounts "builder" not found');
  });

  it('is revoked by its jti', async () => {
    const denied = new Set<string>();
    const auth = authenticator(saStore(), { isRevoked: async (jti) => denied.has(jti) });
    const issuer = new ServiceAccountTokenIssuer(keys);
    const a = await issuer.issue(request());
    const b = await issuer.issue(request());
    denied.add(decodeJwt(a.token).jti!);
    expect(await rejection(auth.authenticateToken(a.token))).toBe('service account token has been revoked');
    expect(await auth.authenticateToken(b.token)).toBeDefined();
  });
});

describe('issuer discovery documents', () => {
  it('describes the issuer and serves keys that verify our tokens', async () => {
    expect(openIDConfiguration(ISSUER, defaultJwksURI('kplane.example:6443'))).toEqual({
      issuer: ISSUER,
      jwks_uri: 'https://kplane.example:6443/openid/v1/jwks',
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
    const doc = jwksDocument(keys);
    expect(doc.keys).toEqual([{ use: 'sig', kty: 'RSA', kid: keys.signing.kid, alg: 'RS256', n: expect.any(String), e: 'AQAB' }]);
    const { token } = await new ServiceAccountTokenIssuer(keys).issue(request({ audiences: ['vault'] }));
    const { payload } = await jwtVerify(token, createLocalJWKSet(JSON.parse(JSON.stringify(doc))), { issuer: ISSUER, audience: 'vault' });
    expect(payload.sub).toBe('system:serviceaccount:default:builder');
    expect(discoveryAvailable(ISSUER)).toBe(true);
    expect(discoveryAvailable('kubernetes/serviceaccount')).toBe(false);
  });
});
