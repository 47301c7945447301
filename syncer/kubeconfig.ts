// How the agent reaches a cluster: a kubeconfig (file, text or object; tokens, token files, client
// certificates, basic auth, exec plugins, impersonation) or the in-cluster ServiceAccount. The
// result is the server URL, the TLS material for an undici Agent, and request credentials that
// refresh themselves (exec credentials at expiry, token files every minute: bound tokens rotate).
//
// Parsing is done here rather than by @kubernetes/client-node: that package loads its whole
// generated API client on import (~75 MB of resident memory), which would dominate the agent's
// footprint. It is still used, imported only then, for legacy `auth-provider` users (oidc, gcp,
// azure) whose refresh logic is not worth repeating.

import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { ExecConfig, ExecCredentialSource } from './execCredential.js';

export interface TlsMaterial {
  ca?: string;
  cert?: string;
  key?: string;
  rejectUnauthorized: boolean;
  servername?: string;
}

export interface RequestCredentials {
  headers: Record<string, string>;
  /** Client certificate and key from an exec plugin (they replace the kubeconfig's). */
  cert?: string;
  key?: string;
}

export interface ClusterConnection {
  /** Server URL with its path prefix (e.g. https://hub:6443/clusters/root:compute), no trailing slash. */
  server: string;
  tls: TlsMaterial;
  /** Credentials for the next request; cheap when cached. */
  credentials(): Promise<RequestCredentials>;
  /** The server answered 401: drop cached credentials so the next request fetches new ones. */
  invalidate(): void;
  /** Namespace of the context (or the pod, in cluster). */
  namespace?: string;
}

export type KubeconfigSource =
  | { path: string; context?: string }
  | { kubeconfig: string | Record<string, any>; context?: string; baseDir?: string }
  | { inCluster: true; dir?: string; env?: Record<string, string | undefined> };

export const IN_CLUSTER_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
const TOKEN_FILE_REFRESH_MS = 60_000;

function b64(s: string): string {
  return Buffer.from(s, 'base64').toString('utf8');
}

function readRelative(file: string, baseDir: string | undefined): string {
  return fs.readFileSync(baseDir && !path.isAbsolute(file) ? path.resolve(baseDir, file) : file, 'utf8');
}

/** A token re-read from its file at most once a minute (projected ServiceAccount tokens rotate). */
function tokenFileReader(file: string, now: () => number = Date.now): { read(): string; invalidate(): void } {
  let token = '';
  let readAt = -Infinity;
  return {
    read() {
      if (now() - readAt > TOKEN_FILE_REFRESH_MS) {
        token = fs.readFileSync(file, 'utf8').trim();
        readAt = now();
      }
      return token;
    },
    invalidate() {
      readAt = -Infinity;
    },
  };
}

function named(list: any[] | undefined, name: string, what: string): any {
  const hit = (list ?? []).find((x) => x?.name === name);
  if (!hit) throw new Error(`kubeconfig has no ${what} named "${name}"`);
  return hit;
}

/** The kubeconfig object of any source form. */
function parseSource(source: { path: string } | { kubeconfig: string | Record<string, any>; baseDir?: string }): { config: any; baseDir?: string } {
  if ('path' in source) return { config: YAML.parse(fs.readFileSync(source.path, 'utf8')), baseDir: path.dirname(path.resolve(source.path)) };
  const config = typeof source.kubeconfig === 'string' ? YAML.parse(source.kubeconfig) : source.kubeconfig;
  return { config, baseDir: source.baseDir };
}

export async function loadConnection(source: KubeconfigSource): Promise<ClusterConnection> {
  if ('inCluster' in source) return inClusterConnection(source.dir, source.env);
  const { config, baseDir } = parseSource(source);
  if (!config || typeof config !== 'object') throw new Error('kubeconfig is empty or not a mapping');
  const contextName = source.context ?? config['current-context'];
  if (!contextName) throw new Error('kubeconfig has no current-context; pass a context');
  const context = named(config.contexts, contextName, 'context').context ?? {};
  const cluster = named(config.clusters, context.cluster, 'cluster').cluster ?? {};
  const user = context.user ? named(config.users, context.user, 'user').user ?? {} : {};
  if (!cluster.server) throw new Error(`cluster "${context.cluster}" has no server`);

  const tls: TlsMaterial = { rejectUnauthorized: cluster['insecure-skip-tls-verify'] !== true };
  if (cluster['certificate-authority-data']) tls.ca = b64(cluster['certificate-authority-data']);
  else if (cluster['certificate-authority']) tls.ca = readRelative(cluster['certificate-authority'], baseDir);
  if (cluster['tls-server-name']) tls.servername = cluster['tls-server-name'];
  if (user['client-certificate-data']) tls.cert = b64(user['client-certificate-data']);
  else if (user['client-certificate']) tls.cert = readRelative(user['client-certificate'], baseDir);
  if (user['client-key-data']) tls.key = b64(user['client-key-data']);
  else if (user['client-key']) tls.key = readRelative(user['client-key'], baseDir);

  const fixed: Record<string, string> = {};
  if (user.as) fixed['Impersonate-User'] = user.as;
  if (user['as-uid']) fixed['Impersonate-Uid'] = user['as-uid'];
  // Several groups need repeated headers; undici joins an array value into repeated lines.
  const groups: string[] = user['as-groups'] ?? [];

  let credentials: () => Promise<RequestCredentials>;
  let invalidate = (): void => {};
  const withFixed = (h: Record<string, string>): Record<string, string> => {
    const out: Record<string, string> = { ...fixed, ...h };
    if (groups.length) (out as any)['Impersonate-Group'] = groups;
    return out;
  };
  if (user.exec) {
    const exec = new ExecCredentialSource(user.exec as ExecConfig, baseDir, { ...cluster });
    credentials = async () => {
      const c = await exec.get();
      return {
        headers: withFixed(c.token ? { authorization: `Bearer ${c.token}` } : {}),
        cert: c.clientCertificateData,
        key: c.clientKeyData,
      };
    };
    invalidate = () => exec.invalidate();
  } else if (user.token) {
    const h = withFixed({ authorization: `Bearer ${user.token}` });
    credentials = async () => ({ headers: h });
  } else if (user.tokenFile) {
    const reader = tokenFileReader(baseDir && !path.isAbsolute(user.tokenFile) ? path.resolve(baseDir, user.tokenFile) : user.tokenFile);
    credentials = async () => ({ headers: withFixed({ authorization: `Bearer ${reader.read()}` }) });
    invalidate = () => reader.invalidate();
  } else if (user.username !== undefined && user.password !== undefined) {
    const h = withFixed({ authorization: 'Basic ' + Buffer.from(`${user.username}:${user.password}`).toString('base64') });
    credentials = async () => ({ headers: h });
  } else if (user['auth-provider']) {
    credentials = await authProviderCredentials(config, contextName, withFixed);
  } else {
    const h = withFixed({});
    credentials = async () => ({ headers: h });
  }
  return { server: String(cluster.server).replace(/\/+$/, ''), tls, credentials: () => credentials(), invalidate: () => invalidate(), namespace: context.namespace };
}

/** Legacy auth providers, through @kubernetes/client-node (imported only for them). */
async function authProviderCredentials(
  config: any,
  contextName: string,
  withFixed: (h: Record<string, string>) => Record<string, string>,
): Promise<() => Promise<RequestCredentials>> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  kc.loadFromString(YAML.stringify(config));
  kc.setCurrentContext(contextName);
  return async () => {
    const opts: { headers?: Record<string, any> } = { headers: {} };
    await kc.applyToHTTPSOptions(opts as any);
    const auth = opts.headers?.Authorization ?? opts.headers?.authorization;
    return { headers: withFixed(auth ? { authorization: String(auth) } : {}) };
  };
}

/** The pod's ServiceAccount: token and CA from `dir`, address from KUBERNETES_SERVICE_HOST/PORT. */
export function inClusterConnection(dir = IN_CLUSTER_DIR, env: Record<string, string | undefined> = process.env): ClusterConnection {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) throw new Error('not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set; pass --downstream-kubeconfig');
  const tokenFile = path.join(dir, 'token');
  if (!fs.existsSync(tokenFile)) throw new Error(`no ServiceAccount token at ${tokenFile}; pass --downstream-kubeconfig`);
  const reader = tokenFileReader(tokenFile);
  const caFile = path.join(dir, 'ca.crt');
  const nsFile = path.join(dir, 'namespace');
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return {
    server: `https://${hostPart}:${port}`,
    tls: { ca: fs.existsSync(caFile) ? fs.readFileSync(caFile, 'utf8') : undefined, rejectUnauthorized: true },
    credentials: async () => ({ headers: { authorization: `Bearer ${reader.read()}` } }),
    invalidate: () => reader.invalidate(),
    namespace: fs.existsSync(nsFile) ? fs.readFileSync(nsFile, 'utf8').trim() : undefined,
  };
}
