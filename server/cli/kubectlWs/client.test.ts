// The kubeconfig's TLS settings and credentials as the plugin's HTTP client uses them, against an
// HTTPS server that asks for a client certificate.

import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { webcrypto } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServingPKI } from '../../pki.js';
import { clientFor, resolveConnection } from './client.js';
import { Kubeconfig } from './kubeconfig.js';

x509.cryptoProvider.set(webcrypto as any);
const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

async function clientCert(caCertPem: string, caKeyPem: string, cn: string): Promise<{ cert: string; key: string }> {
  const caCert = new x509.X509Certificate(caCertPem);
  const caKey = await webcrypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(caKeyPem), ALG, true, ['sign']);
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '01',
    subject: `CN=${cn}`,
    issuer: caCert.subject,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 86_400_000),
    signingKey: caKey,
    publicKey: keys.publicKey,
    signingAlgorithm: ALG,
    extensions: [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth], false)],
  });
  const key = x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY');
  return { cert: cert.toString('pem'), key };
}

let dir: string;
let server: https.Server;
let url: string;
let caPem: string;
let client: { cert: string; key: string };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubectl-ws-tls-'));
  const pki = await ensureServingPKI(path.join(dir, 'pki'), ['127.0.0.1', 'localhost']);
  caPem = pki.caPem;
  client = await clientCert(pki.caPem, fs.readFileSync(path.join(dir, 'pki', 'ca.key'), 'utf8'), 'alice');
  server = https.createServer({ cert: pki.certPem, key: pki.keyPem, ca: pki.caPem, requestCert: true, rejectUnauthorized: false }, (req, res) => {
    const peer = (req.socket as TLSSocket).getPeerCertificate();
    const cn = peer && 'subject' in peer && peer.subject ? (peer.subject as { CN?: string }).CN : undefined;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ cn: (req.socket as TLSSocket).authorized ? cn : undefined, authorization: req.headers.authorization ?? null }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fs.mkdirSync(path.join(dir, 'kube', 'certs'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'kube', 'certs', 'ca.crt'), caPem);
  fs.writeFileSync(path.join(dir, 'kube', 'certs', 'alice.crt'), client.cert);
  fs.writeFileSync(path.join(dir, 'kube', 'certs', 'alice.key'), client.key);
  fs.writeFileSync(path.join(dir, 'kube', 'token'), 'from-a-file\n');
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

const b64 = (s: string) => Buffer.from(s).toString('base64');

async function whoami(cluster: string, user: string, flags = {}): Promise<{ cn?: string; authorization: string | null }> {
  const file = path.join(dir, 'kube', 'config');
  fs.writeFileSync(file, `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n${cluster}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\nusers:\n- name: u\n  user:\n${user}\ncurrent-context: x\n`);
  const kc = Kubeconfig.load({ explicitPath: file });
  const api = clientFor(resolveConnection(kc, flags));
  try {
    return (await api.must('GET', `${api.clusterURL('root')}/api`)) as { cn?: string; authorization: string | null };
  } finally {
    await api.close();
  }
}

describe('kubectl-ws HTTP client', () => {
  it('uses CA data, client certificate data and a token', async () => {
    const r = await whoami(
      `    server: ${url}/clusters/root\n    certificate-authority-data: ${b64(caPem)}`,
      `    client-certificate-data: ${b64(client.cert)}\n    client-key-data: ${b64(client.key)}\n    token: abc`,
    );
    expect(r).toEqual({ cn: 'alice', authorization: 'Bearer abc' });
  });

  it('reads files named relative to the kubeconfig', async () => {
    const r = await whoami(`    server: ${url}/clusters/root:org\n    certificate-authority: certs/ca.crt`, `    client-certificate: certs/alice.crt\n    client-key: certs/alice.key\n    token-file: token`);
    expect(r).toEqual({ cn: 'alice', authorization: 'Bearer from-a-file' });
  });

  it('skips verification only when told to', async () => {
    await expect(whoami(`    server: ${url}`, `    username: bob\n    password: pw`)).rejects.toThrow(/certificate/);
    const r = await whoami(`    server: ${url}\n    insecure-skip-tls-verify: true`, `    username: bob\n    password: pw`);
    expect(r.authorization).toBe(`Basic ${b64('bob:pw')}`);
    expect(r.cn).toBeUndefined();
  });

  it('applies the override flags', async () => {
    const r = await whoami(`    server: https://wrong.invalid\n    certificate-authority-data: ${b64(caPem)}`, `    token: abc`, { server: `${url}/clusters/root`, token: 'override' });
    expect(r.authorization).toBe('Bearer override');
  });

  it('refuses exec plugins it cannot run', async () => {
    await expect(whoami(`    server: ${url}\n    insecure-skip-tls-verify: true`, `    exec:\n      command: get-token\n      apiVersion: client.authentication.k8s.io/v1`)).rejects.toThrow(/exec credential plugins/);
  });
});
