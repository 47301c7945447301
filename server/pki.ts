// First-start PKI: a CA and a serving certificate, generated once and kept in the data dir
// (0600), so kubeconfigs written earlier stay valid across restarts.

import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto, randomBytes, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';

// @peculiar/x509 is typed against DOM WebCrypto; Node's webcrypto is the same API.
type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
x509.cryptoProvider.set(webcrypto as any);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const DAY = 86_400_000;

export interface ServingPKI {
  caPem: string;
  certPem: string;
  keyPem: string;
}

async function exportKey(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

async function importKey(pem: string): Promise<CryptoKey> {
  return webcrypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(pem), ALG, true, ['sign']);
}

function serial(): string {
  const b = randomBytes(16);
  b[0] &= 0x7f; // positive
  return b.toString('hex');
}

async function createCA(): Promise<{ cert: x509.X509Certificate; keys: CryptoKeyPair }> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=kplane-ca',
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 3650 * DAY),
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys };
}

async function createServing(caCert: x509.X509Certificate, caKey: CryptoKey, hosts: string[]): Promise<{ cert: x509.X509Certificate; key: CryptoKey }> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const names = hosts.map((h) => (net.isIP(h) ? { type: 'ip' as const, value: h } : { type: 'dns' as const, value: h }));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: 'CN=kplane',
    issuer: caCert.subject,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 825 * DAY),
    signingKey: caKey,
    publicKey: keys.publicKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      new x509.SubjectAlternativeNameExtension(names, false),
      await x509.AuthorityKeyIdentifierExtension.create(caCert, false),
    ],
  });
  return { cert, key: keys.privateKey };
}

function writeSecret(file: string, data: string): void {
  fs.writeFileSync(file, data, { mode: 0o600 });
}

/** True when the certificate covers every host and is valid for at least another 30 days. */
function servingCertCovers(pem: string, hosts: string[]): boolean {
  const c = new X509Certificate(pem);
  if (Date.parse(c.validTo) < Date.now() + 30 * DAY) return false;
  return hosts.every((h) => (net.isIP(h) ? c.checkIP(h) !== undefined : c.checkHost(h) !== undefined));
}

/**
 * Loads the CA and serving certificate from `dir`, creating what is missing. The serving
 * certificate is re-issued (by the same CA) when it no longer covers `hosts` or nears expiry.
 */
export async function ensureServingPKI(dir: string, hosts: string[]): Promise<ServingPKI> {
  const caCertFile = path.join(dir, 'ca.crt');
  const caKeyFile = path.join(dir, 'ca.key');
  const certFile = path.join(dir, 'apiserver.crt');
  const keyFile = path.join(dir, 'apiserver.key');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });

  let caCert: x509.X509Certificate;
  let caKey: CryptoKey;
  if (fs.existsSync(caCertFile) && fs.existsSync(caKeyFile)) {
    caCert = new x509.X509Certificate(fs.readFileSync(caCertFile, 'utf8'));
    caKey = await importKey(fs.readFileSync(caKeyFile, 'utf8'));
  } else {
    const ca = await createCA();
    caCert = ca.cert;
    caKey = ca.keys.privateKey;
    writeSecret(caKeyFile, await exportKey(caKey));
    fs.writeFileSync(caCertFile, caCert.toString('pem'));
    fs.rmSync(certFile, { force: true });
  }
  const caPem = caCert.toString('pem');

  if (!fs.existsSync(certFile) || !fs.existsSync(keyFile) || !servingCertCovers(fs.readFileSync(certFile, 'utf8'), hosts)) {
    const serving = await createServing(caCert, caKey, hosts);
    writeSecret(keyFile, await exportKey(serving.key));
    fs.writeFileSync(certFile, serving.cert.toString('pem'));
  }
  return { caPem, certPem: fs.readFileSync(certFile, 'utf8'), keyPem: fs.readFileSync(keyFile, 'utf8') };
}
