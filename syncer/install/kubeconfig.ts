// Kubeconfig handling for `kplane syncer-manifest`: read the hub (admin or platform) kubeconfig
// to reach the hub, and write the upstream kubeconfig the agent uses. Only what a kplane hub
// needs: a server, its CA, and a bearer token or a client certificate.

import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

export interface HubCredentials {
  /** The context's server URL, as written (it may include /clusters/<path>). */
  server: string;
  /** PEM of the CA that signed the hub's serving certificate (undefined: the system roots). */
  caPem?: string;
  token?: string;
  clientCertPem?: string;
  clientKeyPem?: string;
  insecureSkipTLSVerify?: boolean;
}

function pick<T>(list: unknown, name: string, field: string, what: string): T {
  const entry = (Array.isArray(list) ? (list as Record<string, unknown>[]) : []).find((e) => e?.name === name);
  if (!entry || typeof entry[field] !== 'object') throw new Error(`kubeconfig: no ${what} named "${name}"`);
  return entry[field] as T;
}

/** Inline data (base64) wins over a file path, as in client-go; paths are relative to the kubeconfig. */
function material(data: unknown, file: unknown, dir: string): string | undefined {
  if (typeof data === 'string' && data) return Buffer.from(data, 'base64').toString('utf8');
  if (typeof file === 'string' && file) return fs.readFileSync(path.resolve(dir, file), 'utf8');
  return undefined;
}

/** The credentials of a kubeconfig's current context (or of `context`). */
export function parseKubeconfig(text: string, file: string, context?: string): HubCredentials {
  const doc = YAML.parse(text) ?? {};
  const dir = path.dirname(path.resolve(file));
  const ctxName = context ?? doc['current-context'];
  if (!ctxName) throw new Error(`kubeconfig ${file}: no current-context (pass --context)`);
  const ctx = pick<{ cluster: string; user?: string }>(doc.contexts, ctxName, 'context', 'context');
  const cluster = pick<Record<string, unknown>>(doc.clusters, ctx.cluster, 'cluster', 'cluster');
  const user = ctx.user ? pick<Record<string, unknown>>(doc.users, ctx.user, 'user', 'user') : {};
  if (typeof cluster.server !== 'string') throw new Error(`kubeconfig ${file}: cluster "${ctx.cluster}" has no server`);
  const tokenFromFile = typeof user.tokenFile === 'string' ? fs.readFileSync(path.resolve(dir, user.tokenFile), 'utf8').trim() : undefined;
  return {
    server: cluster.server,
    caPem: material(cluster['certificate-authority-data'], cluster['certificate-authority'], dir),
    token: typeof user.token === 'string' ? user.token : tokenFromFile,
    clientCertPem: material(user['client-certificate-data'], user['client-certificate'], dir),
    clientKeyPem: material(user['client-key-data'], user['client-key'], dir),
    insecureSkipTLSVerify: cluster['insecure-skip-tls-verify'] === true,
  };
}

/** Where the hub kubeconfig is read from: the flag, else $KUBECONFIG (its first entry), else ./.kplane/admin.kubeconfig. */
export function hubKubeconfigPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return flag;
  const first = (env.KUBECONFIG ?? '').split(path.delimiter).find((p) => p);
  return first ?? path.join('.kplane', 'admin.kubeconfig');
}

/** scheme://host[:port] of a server URL, dropping any path (/clusters/<path>) and trailing slash. */
export function serverOrigin(server: string): string {
  const u = new URL(server);
  if (u.protocol !== 'https:') throw new Error(`the hub server must be https, got ${server}`);
  // Keep a path prefix a reverse proxy may add, but never a workspace path.
  const prefix = u.pathname.replace(/\/clusters\/.*$/, '').replace(/\/+$/, '');
  return `${u.protocol}//${u.host}${prefix}`;
}

export interface UpstreamKubeconfigInput {
  /** Hub URL as the member sees it (scheme://host:port). */
  server: string;
  workspace: string;
  target: string;
  caPem?: string;
  token: string;
}

/**
 * The agent's upstream kubeconfig: server <server>/clusters/<compute path>, the hub CA, the
 * target's ServiceAccount token; cluster, user and context all named after the target.
 */
export function upstreamKubeconfig(i: UpstreamKubeconfigInput): string {
  const cluster: Record<string, string> = { server: `${i.server}/clusters/${i.workspace}` };
  if (i.caPem) cluster['certificate-authority-data'] = Buffer.from(i.caPem).toString('base64');
  return YAML.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: i.target, cluster }],
    users: [{ name: i.target, user: { token: i.token } }],
    contexts: [{ name: i.target, context: { cluster: i.target, user: i.target } }],
    'current-context': i.target,
    preferences: {},
  });
}
