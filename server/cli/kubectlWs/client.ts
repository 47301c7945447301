// The HTTP side of kubectl-ws: credentials and TLS settings from the kubeconfig (CA file or data,
// insecure-skip-tls-verify, tls-server-name, bearer token or token file, client certificate,
// basic auth) mapped to an undici Agent, and the few tenancy.kcp.io calls the plugin makes.

import fs from 'node:fs';
import { Agent, Dispatcher, request } from 'undici';
import type { ConnectionFlags } from './args.js';
import { ClusterEntry, currentContextName, Kubeconfig, UserEntry } from './kubeconfig.js';
import { baseOf, clusterURL } from './paths.js';

export const TENANCY = 'tenancy.kcp.io/v1alpha1';

export interface Workspace {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; deletionTimestamp?: string; [k: string]: unknown };
  spec?: { type?: { name?: string; path?: string }; cluster?: string; URL?: string; [k: string]: unknown };
  status?: { phase?: string; [k: string]: unknown };
}

/** A failed API call: the HTTP status and the Status object's reason and message when there is one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason?: string,
  ) {
    super(message);
  }
}

export interface ClientOptions {
  /** The server URL of the current cluster (after --server). */
  server: string;
  dispatcher?: Dispatcher;
  headers?: Record<string, string>;
  verbosity?: number;
  log?: (line: string) => void;
  /** Per-request timeout in ms (0: none). */
  timeoutMs?: number;
  /** How often a 429 is retried (client-go: 10). */
  maxRetries?: number;
  sleep?: (ms: number) => Promise<void>;
}

const USER_AGENT = 'kubectl-ws/kplane';

export class ApiClient {
  readonly server: string;
  /** The server without "/clusters/...": requests go to <base>/clusters/<path>/... */
  readonly base: string;
  private readonly dispatcher?: Dispatcher;
  private readonly headers: Record<string, string>;
  private readonly verbosity: number;
  private readonly log: (line: string) => void;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(o: ClientOptions) {
    this.server = o.server;
    this.base = baseOf(o.server);
    this.dispatcher = o.dispatcher;
    this.headers = o.headers ?? {};
    this.verbosity = o.verbosity ?? 0;
    this.log = o.log ?? ((l) => process.stderr.write(`${l}\n`));
    this.timeoutMs = o.timeoutMs ?? 0;
    this.maxRetries = o.maxRetries ?? 10;
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** An HTTP call; JSON bodies are parsed. Retries 429 answers after their Retry-After. */
  async call(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> {
    for (let attempt = 0; ; attempt++) {
      const started = Date.now();
      const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT, ...this.headers };
      if (body !== undefined) headers['content-type'] = 'application/json';
      let res: Dispatcher.ResponseData;
      try {
        res = await request(url, {
          method: method as Dispatcher.HttpMethod,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          dispatcher: this.dispatcher,
          headersTimeout: this.timeoutMs || undefined,
          bodyTimeout: this.timeoutMs || undefined,
        });
      } catch (e) {
        throw new Error(`${method} ${url}: ${describeNetworkError(e)}`);
      }
      const text = await res.body.text();
      if (this.verbosity >= 6) this.log(`${method} ${url} ${res.statusCode} in ${Date.now() - started} milliseconds`);
      if (this.verbosity >= 8 && text) this.log(`Response Body: ${text.length > 2000 ? `${text.slice(0, 2000)}...` : text}`);
      let parsed: any = text;
      if (text && /json/.test(String(res.headers['content-type'] ?? ''))) {
        try {
          parsed = JSON.parse(text);
        } catch {
          /* keep the text */
        }
      }
      if (res.statusCode === 429 && attempt < this.maxRetries) {
        const after = Number(res.headers['retry-after'] ?? 1);
        await this.sleep(Math.max(0, Math.min(Number.isFinite(after) ? after : 1, 10)) * 1000);
        continue;
      }
      return { status: res.statusCode, body: parsed };
    }
  }

  /** Like call, but a status >= 300 throws an ApiError. */
  async must(method: string, url: string, body?: unknown): Promise<any> {
    const r = await this.call(method, url, body);
    if (r.status >= 300) throw apiError(r.status, r.body, url);
    return r.body;
  }

  clusterURL(path: string): string {
    return clusterURL(this.base, path);
  }

  workspacesURL(path: string, name?: string): string {
    return `${this.clusterURL(path)}/apis/${TENANCY}/workspaces${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
  }

  /** The status of the workspace's discovery (GET <workspace>/api). */
  async discovery(path: string): Promise<number> {
    return (await this.call('GET', `${this.clusterURL(path)}/api`)).status;
  }

  getWorkspace(parent: string, name: string): Promise<Workspace> {
    return this.must('GET', this.workspacesURL(parent, name));
  }

  /** The Workspaces in a workspace, by name. */
  async listWorkspaces(path: string): Promise<Workspace[]> {
    const list = await this.must('GET', this.workspacesURL(path));
    const items: Workspace[] = Array.isArray(list?.items) ? list.items : [];
    return items.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  }

  createWorkspace(parent: string, ws: Workspace): Promise<Workspace> {
    return this.must('POST', this.workspacesURL(parent), ws);
  }

  /** Closes the connections (so the process can exit at once). */
  async close(): Promise<void> {
    await this.dispatcher?.destroy();
  }

  /** The caller's home Workspace (the server creates it on first use and answers 429 meanwhile). */
  home(): Promise<Workspace> {
    return this.must('GET', this.workspacesURL('root', '~'));
  }
}

export function apiError(status: number, body: any, url: string): ApiError {
  if (body && typeof body === 'object' && body.kind === 'Status' && typeof body.message === 'string') {
    return new ApiError(status, body.message, body.reason);
  }
  const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 409: 'AlreadyExists' }[status];
  const detail = typeof body === 'string' && body.trim() !== '' ? `: ${body.trim().slice(0, 300)}` : '';
  const message =
    status === 401
      ? 'the server has asked for the client to provide credentials'
      : status === 403
        ? `forbidden: ${url}${detail}`
        : status === 404
          ? `the server could not find the requested resource (${url})`
          : `the server answered ${status} for ${url}${detail}`;
  return new ApiError(status, message, reason);
}

function describeNetworkError(e: unknown): string {
  const err = e as { message?: string; code?: string; cause?: { message?: string; code?: string } };
  const cause = err.cause ?? err;
  return cause.message ?? String(e);
}

/** What a request needs from the kubeconfig: server URL, TLS settings, credentials. */
export interface ResolvedConnection {
  server: string;
  cluster: ClusterEntry;
  user: UserEntry;
}

/** The current cluster and user after kubectl's override flags (--context, --cluster, --user, --server ...). */
export function resolveConnection(kc: Kubeconfig, flags: ConnectionFlags): ResolvedConnection {
  const contextName = currentContextName(kc, flags.context);
  const context = kc.context(contextName);
  if (!context) throw new Error(`context "${contextName}" does not exist`);
  const clusterName = flags.cluster || context.entry.cluster || '';
  const userName = flags.user || context.entry.user || '';
  const cluster: ClusterEntry = { ...(kc.cluster(clusterName)?.entry ?? {}) };
  if (!flags.server && !kc.cluster(clusterName)) throw new Error(`cluster "${clusterName}" does not exist`);
  const user: UserEntry = { ...(userName ? (kc.user(userName)?.entry ?? {}) : {}) };
  if (flags.server) cluster.server = flags.server;
  if (flags.certificateAuthority) {
    cluster['certificate-authority'] = flags.certificateAuthority;
    delete cluster['certificate-authority-data'];
  }
  if (flags.insecureSkipTlsVerify !== undefined) cluster['insecure-skip-tls-verify'] = flags.insecureSkipTlsVerify;
  if (flags.tlsServerName) cluster['tls-server-name'] = flags.tlsServerName;
  if (flags.token) {
    for (const k of Object.keys(user)) delete user[k];
    user.token = flags.token;
  }
  if (flags.clientCertificate) {
    user['client-certificate'] = flags.clientCertificate;
    delete user['client-certificate-data'];
  }
  if (flags.clientKey) {
    user['client-key'] = flags.clientKey;
    delete user['client-key-data'];
  }
  if (!cluster.server) throw new Error('no server found for cluster "' + clusterName + '"');
  return { server: cluster.server, cluster, user };
}

function dataOrFile(data: unknown, file: unknown, what: string): Buffer | undefined {
  if (typeof data === 'string' && data !== '') return Buffer.from(data, 'base64');
  if (typeof file === 'string' && file !== '') {
    try {
      return fs.readFileSync(file);
    } catch (e) {
      throw new Error(`unable to read ${what} from "${file}": ${(e as Error).message}`);
    }
  }
  return undefined;
}

/** An API client for a resolved connection. */
export function clientFor(conn: ResolvedConnection, opts: { verbosity?: number; timeoutMs?: number; log?: (l: string) => void } = {}): ApiClient {
  const { cluster, user } = conn;
  const headers: Record<string, string> = {};
  if (user.exec || user['auth-provider']) {
    if (!user.token && !user['token-file'] && !user['client-certificate'] && !user['client-certificate-data']) {
      throw new Error('kubectl-ws does not support exec credential plugins or auth providers; use a token or a client certificate');
    }
  }
  let token = typeof user.token === 'string' && user.token !== '' ? user.token : undefined;
  if (!token && typeof user['token-file'] === 'string' && user['token-file']) {
    token = dataOrFile(undefined, user['token-file'], 'token')!.toString('utf8').trim();
  }
  if (token) headers.authorization = `Bearer ${token}`;
  else if (typeof user.username === 'string' && user.username !== '') {
    headers.authorization = `Basic ${Buffer.from(`${user.username}:${user.password ?? ''}`).toString('base64')}`;
  }
  const ca = dataOrFile(cluster['certificate-authority-data'], cluster['certificate-authority'], 'certificate authority');
  const cert = dataOrFile(user['client-certificate-data'], user['client-certificate'], 'client certificate');
  const key = dataOrFile(user['client-key-data'], user['client-key'], 'client key');
  const insecure = cluster['insecure-skip-tls-verify'] === true;
  if (insecure && ca) throw new Error('specifying a root certificates file with the insecure flag is not allowed');
  const servername = typeof cluster['tls-server-name'] === 'string' && cluster['tls-server-name'] ? cluster['tls-server-name'] : undefined;
  const dispatcher = new Agent({
    connect: { ca, cert, key, rejectUnauthorized: !insecure, ...(servername ? { servername } : {}) },
  });
  return new ApiClient({ server: conn.server, dispatcher, headers, verbosity: opts.verbosity, timeoutMs: opts.timeoutMs, log: opts.log });
}
