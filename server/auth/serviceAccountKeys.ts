// The ServiceAccount token signing keys, kept in the PKI dir:
//   <pkiDir>/sa.key            the signing key: RSA 2048, PKCS#8 PEM, 0600, generated at first start
//   <pkiDir>/sa-verify/*.pub   earlier public keys (SPKI PEM) that still verify tokens after a rotation
// A key's id is base64url(SHA-256(SPKI DER)), as kube-apiserver's keyIDFromPublicKey derives it, so
// every key in the JWKS has a stable kid and a token names the key that signed it.

import { createHash, createPrivateKey, createPublicKey, generateKeyPair, KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const generateKeyPairAsync = promisify(generateKeyPair);

export const SA_SIGNING_ALG = 'RS256';
const SIGNING_KEY_FILE = 'sa.key';
const VERIFY_DIR = 'sa-verify';

export interface VerificationKey {
  kid: string;
  publicKey: KeyObject;
}

export interface SigningKey extends VerificationKey {
  privateKey: KeyObject;
}

export interface ServiceAccountKeys {
  /** The key new tokens are signed with. */
  signing: SigningKey;
  /** Every key a token may be verified with: the signing key first, then older ones. */
  verifying: VerificationKey[];
}

/** A JSON Web Key as the JWKS endpoint serves it. */
export interface PublicJWK {
  use: 'sig';
  kty: string;
  kid: string;
  alg: string;
  n: string;
  e: string;
}

/** base64url(SHA-256(SPKI DER)) of a public key. */
export function keyId(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url');
}

/** Writes through a temporary file, so a crash never leaves half a key behind. */
function writeAtomic(file: string, data: string, mode: number): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data, { mode });
  fs.renameSync(tmp, file);
}

async function newSigningKeyPem(): Promise<string> {
  const { privateKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
}

function signingKeyFrom(pem: string, file: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'rsa') throw new Error(`${file}: the ServiceAccount signing key must be an RSA key`);
  const publicKey = createPublicKey(privateKey);
  return { kid: keyId(publicKey), privateKey, publicKey };
}

function loadVerificationKeys(dir: string): VerificationKey[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.pub'))
    .sort()
    .map((f) => {
      const publicKey = createPublicKey(fs.readFileSync(path.join(dir, f), 'utf8'));
      return { kid: keyId(publicKey), publicKey };
    });
}

/** Loads the ServiceAccount keys from `pkiDir`, generating the signing key on first start. */
export async function ensureServiceAccountKeys(pkiDir: string): Promise<ServiceAccountKeys> {
  fs.mkdirSync(pkiDir, { recursive: true, mode: 0o700 });
  const file = path.join(pkiDir, SIGNING_KEY_FILE);
  if (!fs.existsSync(file)) writeAtomic(file, await newSigningKeyPem(), 0o600);
  const signing = signingKeyFrom(fs.readFileSync(file, 'utf8'), file);
  const verifying: VerificationKey[] = [{ kid: signing.kid, publicKey: signing.publicKey }];
  for (const k of loadVerificationKeys(path.join(pkiDir, VERIFY_DIR))) {
    if (!verifying.some((v) => v.kid === k.kid)) verifying.push(k);
  }
  return { signing, verifying };
}

/**
 * Replaces the signing key with a new one. The old public key moves to `sa-verify/<kid>.pub`, so
 * tokens it signed stay valid until they expire; delete that file to revoke them all. Takes effect
 * on the next ensureServiceAccountKeys (a restart).
 */
export async function rotateServiceAccountKey(pkiDir: string): Promise<ServiceAccountKeys> {
  const old = await ensureServiceAccountKeys(pkiDir);
  const verifyDir = path.join(pkiDir, VERIFY_DIR);
  fs.mkdirSync(verifyDir, { recursive: true, mode: 0o700 });
  writeAtomic(path.join(verifyDir, `${old.signing.kid}.pub`), old.signing.publicKey.export({ type: 'spki', format: 'pem' }) as string, 0o644);
  writeAtomic(path.join(pkiDir, SIGNING_KEY_FILE), await newSigningKeyPem(), 0o600);
  return ensureServiceAccountKeys(pkiDir);
}

/** The public keys as JWKs (the /openid/v1/jwks `keys`). */
export function publicJWKs(keys: ServiceAccountKeys): PublicJWK[] {
  return keys.verifying.map(({ kid, publicKey }) => {
    const jwk = publicKey.export({ format: 'jwk' }) as { kty: string; n: string; e: string };
    return { use: 'sig', kty: jwk.kty, kid, alg: SA_SIGNING_ALG, n: jwk.n, e: jwk.e };
  });
}
