import fs from 'node:fs';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../apis/errors.js';
import { ensureServingPKI, ServingPKI } from '../pki.js';
import { rejectionReason } from './authenticate.js';
import { effectiveUsernamePrefix, OIDCAuthenticator, OIDCOptions } from './oidc.js';

const CLIENT_ID = 'kplane';

/** A local OIDC provider: discovery and JWKS over HTTPS with its own CA, and a token minter. */
class Issuer {
  server!: https.Server;
  url!: string;
  requests: string[] = [];
  up = true;
  private keys!: Awaited<ReturnType<typeof generateKeyPair>>;
  private kid = 'key-1';

  static async start(pki: ServingPKI, port = 0, keysOf?: Issuer): Promise<Issuer> {
    const i = new Issuer();
    i.keys = keysOf?.keys ?? (await generateKeyPair('RS256', { extractable: true }));
    const jwk = { ...(await exportJWK(i.keys.publicKey)), kid: i.kid, alg: 'RS256', use: 'sig' };
    i.server = https.createServer({ key: pki.keyPem, cert: pki.certPem }, (req, res) => {
      i.requests.push(req.url ?? '');
      if (!i.up) {
        res.writeHead(503).end();
      } else if (req.url === '/.well-known/openid-configuration') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer: i.url, jwks_uri: `${i.url}/keys` }));
      } else if (req.url === '/keys') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => i.server.listen(port, '127.0.0.1', resolve));
    i.url = `https://127.0.0.1:${(i.server.address() as AddressInfo).port}`;
    return i;
  }

  mint(claims: JWTPayload, over: { iss?: string; aud?: string | string[]; expSeconds?: number } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: this.kid })
      .setIssuer(over.iss ?? this.url)
      .setAudience(over.aud ?? CLIENT_ID)
      .setIssuedAt(now)
      .setExpirationTime(now + (over.expSeconds ?? 600))
      .sign(this.keys.privateKey);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let dir: string;
let pki: ServingPKI;
let issuer: Issuer;
const authenticators: OIDCAuthenticator[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kplane-oidc-'));
  pki = await ensureServingPKI(path.join(dir, 'pki'), ['127.0.0.1']);
  fs.writeFileSync(path.join(dir, 'ca.crt'), pki.caPem);
  issuer = await Issuer.start(pki);
});
afterAll(async () => {
  await Promise.all(authenticators.map((a) => a.close()));
  await issuer.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function oidc(over: Partial<OIDCOptions> = {}): OIDCAuthenticator {
  const a = new OIDCAuthenticator({ issuerURL: issuer.url, clientID: CLIENT_ID, caFile: path.join(dir, 'ca.crt'), ...over });
  authenticators.push(a);
  return a;
}

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe(401);
    return rejectionReason(e);
  }
  throw new Error('expected a 401');
}

describe('OIDC authenticator', () => {
  it('authenticates through discovery with the issuer CA', async () => {
    const a = oidc({ groupsClaim: 'groups' });
    const token = await issuer.mint({ sub: 'alice-id', email: 'alice@example.com', groups: ['dev', 'ops'] });
    expect(await a.authenticateToken(token)).toEqual({ username: `${issuer.url}#alice-id`, groups: ['dev', 'ops', 'system:authenticated'] });
    expect(a.ready).toBe(true);
    expect(issuer.requests).toContain('/.well-known/openid-configuration');
    expect(issuer.requests).toContain('/keys');
  });

  it('rejects a wrong audience and an expired token', async () => {
    const a = oidc();
    expect(await rejection(a.authenticateToken(await issuer.mint({ sub: 'x' }, { aud: 'someone-else' })))).toMatch(/oidc: verify token: .*aud/);
    expect(await a.authenticateToken(await issuer.mint({ sub: 'x' }, { aud: ['someone-else', CLIENT_ID] }))).toBeDefined();
    expect(await rejection(a.authenticateToken(await issuer.mint({ sub: 'x' }, { expSeconds: -120 })))).toBe('oidc: verify token: token is expired');
  });

  it('rejects a token signed by another key', async () => {
    const other = await generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ sub: 'mallory' })
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
      .setIssuer(issuer.url)
      .setAudience(CLIENT_ID)
      .setExpirationTime(now + 600)
      .sign(other.privateKey);
    expect(await rejection(oidc().authenticateToken(forged))).toMatch(/signature verification failed/);
  });

  it('leaves other issuers and non-JWTs alone', async () => {
    const a = oidc();
    expect(await a.authenticateToken(await issuer.mint({ sub: 'x' }, { iss: 'https://elsewhere' }))).toBeUndefined();
    expect(await a.authenticateToken('static-token')).toBeUndefined();
  });

  it('applies the username prefix rules', async () => {
    const token = await issuer.mint({ sub: 'alice-id', email: 'alice@example.com', email_verified: true, name: 'Alice' });
    expect((await oidc({ usernamePrefix: 'oidc:' }).authenticateToken(token))?.username).toBe('oidc:alice-id');
    expect((await oidc({ usernamePrefix: '-' }).authenticateToken(token))?.username).toBe('alice-id');
    expect((await oidc({ usernameClaim: 'email' }).authenticateToken(token))?.username).toBe('alice@example.com');
    expect((await oidc({ usernameClaim: 'email', usernamePrefix: 'corp:' }).authenticateToken(token))?.username).toBe('corp:alice@example.com');
    expect((await oidc({ usernameClaim: 'name' }).authenticateToken(token))?.username).toBe(`${issuer.url}#Alice`);
    expect(await rejection(oidc({ usernameClaim: 'preferred_username' }).authenticateToken(token))).toMatch(/claim not present/);

    const unverified = await issuer.mint({ email: 'eve@example.com', email_verified: false });
    expect(await rejection(oidc({ usernameClaim: 'email' }).authenticateToken(unverified))).toBe('oidc: email not verified');
    expect(effectiveUsernamePrefix('https://i', 'sub', '')).toBe('https://i#');
    expect(effectiveUsernamePrefix('https://i', 'email', undefined)).toBe('');
  });

  it('reads groups from a string or a list, with the groups prefix', async () => {
    const a = oidc({ groupsClaim: 'roles', groupsPrefix: 'oidc:', usernamePrefix: '-' });
    expect((await a.authenticateToken(await issuer.mint({ sub: 'u', roles: 'admins' })))?.groups).toEqual(['oidc:admins', 'system:authenticated']);
    expect((await a.authenticateToken(await issuer.mint({ sub: 'u', roles: ['a', 'b'] })))?.groups).toEqual(['oidc:a', 'oidc:b', 'system:authenticated']);
    expect((await a.authenticateToken(await issuer.mint({ sub: 'u' })))?.groups).toEqual(['system:authenticated']);
    expect(await rejection(a.authenticateToken(await issuer.mint({ sub: 'u', roles: [1, 2] })))).toMatch(/parse groups claim "roles"/);
  });

  it('enforces required claims', async () => {
    const a = oidc({ requiredClaims: { hd: 'example.com' } });
    expect(await a.authenticateToken(await issuer.mint({ sub: 'u', hd: 'example.com' }))).toBeDefined();
    expect(await rejection(a.authenticateToken(await issuer.mint({ sub: 'u', hd: 'evil.com' })))).toMatch(/required claim hd value does not match/);
    expect(await rejection(a.authenticateToken(await issuer.mint({ sub: 'u' })))).toBe('oidc: required claim hd not present in ID token');
  });

  it('refuses an issuer whose certificate it cannot verify', async () => {
    const a = oidc({ caFile: undefined, retryInitialMs: 10 });
    expect(await rejection(a.authenticateToken(await issuer.mint({ sub: 'u' })))).toMatch(/oidc: authenticator not initialized: fetch failed/);
  });

  it('survives an issuer that is down, backing off, and recovers', async () => {
    const down = await Issuer.start(pki);
    const port = Number(new URL(down.url).port);
    const token = await down.mint({ sub: 'u' });
    down.up = false;
    const warnings: unknown[] = [];
    const a = oidc({ issuerURL: down.url, retryInitialMs: 200, logger: { warn: (o) => warnings.push(o) } });
    expect(await rejection(a.authenticateToken(token))).toMatch(/not initialized: GET .* 503/);
    const seen = down.requests.length;
    // Within the backoff window no new discovery request is made.
    expect(await rejection(a.authenticateToken(token))).toMatch(/not initialized/);
    expect(down.requests.length).toBe(seen);
    expect(warnings.length).toBeGreaterThanOrEqual(2);

    // Issuer entirely unreachable: still a 401, never a crash.
    await down.close();
    await new Promise((r) => setTimeout(r, 250));
    expect(await rejection(a.authenticateToken(token))).toMatch(/not initialized/);

    // Back on the same port (same keys): after the backoff, discovery succeeds.
    const back = await Issuer.start(pki, port, down);
    await new Promise((r) => setTimeout(r, 450));
    expect((await a.authenticateToken(token))?.username).toBe(`${down.url}#u`);
    await back.close();
  });

  it('retries discovery in the background after start()', async () => {
    const down = await Issuer.start(pki);
    down.up = false;
    const a = oidc({ issuerURL: down.url, retryInitialMs: 50 });
    a.start();
    await new Promise((r) => setTimeout(r, 120));
    expect(a.ready).toBe(false);
    down.up = true;
    for (let i = 0; i < 40 && !a.ready; i++) await new Promise((r) => setTimeout(r, 50));
    expect(a.ready).toBe(true);
    await a.close();
    await down.close();
  });

  it('insists on an https issuer and a client id', () => {
    expect(() => new OIDCAuthenticator({ issuerURL: 'http://insecure', clientID: 'x' })).toThrow(/https/);
    expect(() => new OIDCAuthenticator({ issuerURL: 'https://ok', clientID: '' })).toThrow(/client-id/);
  });
});
