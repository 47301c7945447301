import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { loadConnection } from './kubeconfig.js';
import { parseExecCredential, resolveExecCommand } from './execCredential.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kplane-kubeconfig-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const CA = '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nCLIENT\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n';
const b64 = (s: string) => Buffer.from(s).toString('base64');

function kubeconfig(user: Record<string, unknown>, cluster: Record<string, unknown> = { server: 'https://hub:6443/clusters/root:compute/', 'certificate-authority-data': b64(CA) }): any {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u', namespace: 'team' } }, { name: 'other', context: { cluster: 'c' } }],
    'current-context': 'ctx',
  };
}

describe('kubeconfig loading', () => {
  it('reads a bearer token kubeconfig from a file, with its CA', async () => {
    const file = path.join(dir, 'token.kubeconfig');
    fs.writeFileSync(file, YAML.stringify(kubeconfig({ token: 'secret-token' })));
    const c = await loadConnection({ path: file });
    expect(c.server).toBe('https://hub:6443/clusters/root:compute');
    expect(c.tls).toEqual({ ca: CA, rejectUnauthorized: true });
    expect(c.namespace).toBe('team');
    expect((await c.credentials()).headers).toEqual({ authorization: 'Bearer secret-token' });
    const other = await loadConnection({ path: file, context: 'other' });
    expect((await other.credentials()).headers).toEqual({});
  });

  it('reads client certificates inline and from files relative to the kubeconfig', async () => {
    const inline = await loadConnection({ kubeconfig: kubeconfig({ 'client-certificate-data': b64(CERT), 'client-key-data': b64(KEY) }) });
    expect(inline.tls).toMatchObject({ ca: CA, cert: CERT, key: KEY });
    fs.writeFileSync(path.join(dir, 'client.crt'), CERT);
    fs.writeFileSync(path.join(dir, 'client.key'), KEY);
    fs.writeFileSync(path.join(dir, 'ca.crt'), CA);
    const file = path.join(dir, 'cert.kubeconfig');
    fs.writeFileSync(file, YAML.stringify(kubeconfig({ 'client-certificate': 'client.crt', 'client-key': 'client.key' }, { server: 'https://m:6443', 'certificate-authority': 'ca.crt', 'tls-server-name': 'kubernetes' })));
    const c = await loadConnection({ path: file });
    expect(c.tls).toEqual({ ca: CA, cert: CERT, key: KEY, rejectUnauthorized: true, servername: 'kubernetes' });
  });

  it('runs exec plugins, caches their credential until it expires, and refreshes on invalidate', async () => {
    const counter = path.join(dir, 'exec-count');
    const script = path.join(dir, 'plugin.mjs');
    fs.writeFileSync(script, `
import fs from 'node:fs';
const n = (fs.existsSync(${JSON.stringify(counter)}) ? Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8')) : 0) + 1;
fs.writeFileSync(${JSON.stringify(counter)}, String(n));
const info = JSON.parse(process.env.KUBERNETES_EXEC_INFO);
const expires = process.env.EXPIRES === 'soon' ? new Date(Date.now() + 1000) : new Date(Date.now() + 3600e3);
process.stdout.write(JSON.stringify({ apiVersion: info.apiVersion, kind: 'ExecCredential', status: { token: 'tok-' + n + '-' + process.argv[2] + '-' + (info.spec.cluster ? 'withcluster' : 'nocluster'), expirationTimestamp: expires.toISOString() } }));
`);
    const user = (expires: string) => ({
      exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: process.execPath, args: [script, 'eks'], env: [{ name: 'EXPIRES', value: expires }], provideClusterInfo: true },
    });
    const c = await loadConnection({ kubeconfig: kubeconfig(user('later')) });
    expect((await c.credentials()).headers.authorization).toBe('Bearer tok-1-eks-withcluster');
    expect((await c.credentials()).headers.authorization).toBe('Bearer tok-1-eks-withcluster');
    c.invalidate();
    expect((await c.credentials()).headers.authorization).toBe('Bearer tok-2-eks-withcluster');
    // A credential expiring within the safety margin is fetched again at each use.
    const soon = await loadConnection({ kubeconfig: kubeconfig(user('soon')) });
    expect((await soon.credentials()).headers.authorization).toBe('Bearer tok-3-eks-withcluster');
    expect((await soon.credentials()).headers.authorization).toBe('Bearer tok-4-eks-withcluster');
  });

  it('reports a failing exec plugin with its output', async () => {
    const c = await loadConnection({ kubeconfig: kubeconfig({ exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: ['-e', 'console.error("no creds"); process.exit(3)'] } }) });
    await expect(c.credentials()).rejects.toThrow(/no creds/);
  });

  it('parses ExecCredentials with client certificates and checks the apiVersion', () => {
    const out = parseExecCredential(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { clientCertificateData: CERT, clientKeyData: KEY } }), 'client.authentication.k8s.io/v1');
    expect(out).toEqual({ token: undefined, clientCertificateData: CERT, clientKeyData: KEY, expiresAt: undefined });
    expect(() => parseExecCredential('{"kind":"ExecCredential","apiVersion":"x","status":{"token":"t"}}', 'client.authentication.k8s.io/v1')).toThrow(/asks for/);
    expect(() => parseExecCredential('nope', undefined)).toThrow(/invalid JSON/);
    expect(resolveExecCommand('./bin/get-token', '/etc/kube')).toBe('/etc/kube/bin/get-token');
    expect(resolveExecCommand('aws', '/etc/kube')).toBe('aws');
  });

  it('re-reads token files, and adds impersonation headers', async () => {
    const tokenFile = path.join(dir, 'token');
    fs.writeFileSync(tokenFile, 'file-token-1\n');
    const c = await loadConnection({ kubeconfig: kubeconfig({ tokenFile, as: 'bob', 'as-groups': ['g1', 'g2'] }) });
    expect((await c.credentials()).headers).toEqual({ authorization: 'Bearer file-token-1', 'Impersonate-User': 'bob', 'Impersonate-Group': ['g1', 'g2'] });
    fs.writeFileSync(tokenFile, 'file-token-2\n');
    c.invalidate();
    expect((await c.credentials()).headers.authorization).toBe('Bearer file-token-2');
  });

  it('uses the in-cluster ServiceAccount from its directory and the service environment', async () => {
    const sa = path.join(dir, 'sa');
    fs.mkdirSync(sa);
    fs.writeFileSync(path.join(sa, 'token'), 'sa-token');
    fs.writeFileSync(path.join(sa, 'ca.crt'), CA);
    fs.writeFileSync(path.join(sa, 'namespace'), 'kplane-syncer\n');
    const c = await loadConnection({ inCluster: true, dir: sa, env: { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' } });
    expect(c.server).toBe('https://[fd00::1]:443');
    expect(c.tls).toEqual({ ca: CA, rejectUnauthorized: true });
    expect(c.namespace).toBe('kplane-syncer');
    expect((await c.credentials()).headers).toEqual({ authorization: 'Bearer sa-token' });
    await expect(loadConnection({ inCluster: true, dir: sa, env: {} })).rejects.toThrow(/not running in a cluster/);
  });

  it('hands legacy auth providers (oidc) to @kubernetes/client-node', async () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const idToken = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iss: 'https://issuer', sub: 'alice', exp: Math.floor(Date.now() / 1000) + 3600 })}.c2ln`;
    const c = await loadConnection({ kubeconfig: kubeconfig({ 'auth-provider': { name: 'oidc', config: { 'id-token': idToken, 'idp-issuer-url': 'https://issuer', 'client-id': 'k' } } }) });
    expect((await c.credentials()).headers).toEqual({ authorization: `Bearer ${idToken}` });
  });

  it('refuses kubeconfigs it cannot use', async () => {
    await expect(loadConnection({ kubeconfig: { ...kubeconfig({}), 'current-context': 'missing' } })).rejects.toThrow(/no context named "missing"/);
    await expect(loadConnection({ kubeconfig: kubeconfig({}, { 'insecure-skip-tls-verify': true }) })).rejects.toThrow(/has no server/);
    const insecure = await loadConnection({ kubeconfig: kubeconfig({}, { server: 'https://x', 'insecure-skip-tls-verify': true }) });
    expect(insecure.tls.rejectUnauthorized).toBe(false);
  });
});
