// A small Kubernetes REST client on undici: get, paginated list, watch (newline-delimited events),
// server-side apply, merge/JSON/strategic patches, delete. Credentials come from a
// ClusterConnection; a 401 drops them and the request is tried once more.

import { Agent, Dispatcher, request } from 'undici';
import { ClusterConnection, RequestCredentials } from './kubeconfig.js';
import { SYNCER_FIELD_MANAGER } from '../apis/sync/contract.js';

export type KObject = Record<string, any>;

export class ApiError extends Error {
  constructor(readonly status: number, readonly reason: string, message: string, readonly body?: KObject) {
    super(message);
  }
}

/** The revision a list or watch asked for is compacted away (HTTP 410 or an ERROR event with code 410). */
export class ExpiredError extends ApiError {
  constructor(message: string) {
    super(410, 'Expired', message);
  }
}

export const isNotFound = (e: unknown): boolean => e instanceof ApiError && e.status === 404;
export const isConflict = (e: unknown): boolean => e instanceof ApiError && e.status === 409;

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KObject;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
  /** The caller does not need the answer: its body is dropped unread (less garbage per write). */
  discard?: boolean;
}

const MERGE = 'application/merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';
const STRATEGIC = 'application/strategic-merge-patch+json';
const APPLY = 'application/apply-patch+yaml';

function queryString(q: RequestOptions['query']): string {
  if (!q) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

function errorFrom(status: number, text: string): ApiError {
  let body: KObject | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    /* not a Status */
  }
  const message = body?.message ?? (text.slice(0, 300) || `HTTP ${status}`);
  if (status === 410) return new ExpiredError(message);
  return new ApiError(status, body?.reason ?? '', message, body);
}

export class KubeClient {
  private agent?: Agent;
  private agentCert?: string;
  private readonly base: string;

  /** `base`: URL prefix the paths are appended to (default: the connection's server). */
  constructor(private readonly conn: ClusterConnection, base?: string, private readonly userAgent = 'kplane-syncer') {
    this.base = (base ?? conn.server).replace(/\/+$/, '');
  }

  /** The undici Agent for these credentials (rebuilt when an exec plugin hands out a new client certificate). */
  private dispatcher(cred: RequestCredentials): Dispatcher {
    const cert = cred.cert ?? this.conn.tls.cert;
    const key = cred.key ?? this.conn.tls.key;
    if (!this.agent || this.agentCert !== cert) {
      const old = this.agent;
      this.agent = new Agent({
        connect: { ca: this.conn.tls.ca, cert, key, rejectUnauthorized: this.conn.tls.rejectUnauthorized, servername: this.conn.tls.servername },
        keepAliveTimeout: 30_000,
      });
      this.agentCert = cert;
      // In-flight requests on the old agent finish; it closes afterwards.
      if (old) void old.close().catch(() => undefined);
    }
    return this.agent;
  }

  private async send(method: string, path: string, o: RequestOptions, timeouts: { bodyTimeout?: number } = {}, retried = false): Promise<Dispatcher.ResponseData> {
    const cred = await this.conn.credentials();
    const headers: Record<string, string | string[]> = { ...cred.headers, accept: 'application/json', 'user-agent': this.userAgent };
    let body: string | undefined;
    if (o.body !== undefined) {
      body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
      headers['content-type'] = o.contentType ?? 'application/json';
    }
    const res = await request(this.base + path + queryString(o.query), {
      method: method as Dispatcher.HttpMethod,
      headers,
      body,
      signal: o.signal,
      dispatcher: this.dispatcher(cred),
      ...timeouts,
    });
    if (res.statusCode === 401 && !retried) {
      await res.body.dump();
      this.conn.invalidate();
      return this.send(method, path, o, timeouts, true);
    }
    return res;
  }

  /** One request; the decoded JSON body, or ApiError for an error status. */
  async request<T = KObject>(method: string, path: string, o: RequestOptions = {}): Promise<T> {
    const res = await this.send(method, path, o);
    if (o.discard && res.statusCode < 400) {
      await res.body.dump();
      return undefined as T;
    }
    const text = await res.body.text();
    if (res.statusCode >= 400) throw errorFrom(res.statusCode, text);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The object, or undefined when it does not exist. */
  async get(path: string, signal?: AbortSignal): Promise<KObject | undefined> {
    try {
      return await this.request('GET', path, { signal });
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  /** Pages of a list (each page's items, and the list's resourceVersion on the last one). */
  async *listPages(path: string, o: { labelSelector?: string; limit?: number; signal?: AbortSignal } = {}): AsyncGenerator<{ items: KObject[]; resourceVersion: string; last: boolean }> {
    let cont: string | undefined;
    do {
      const list = await this.request('GET', path, { query: { labelSelector: o.labelSelector, limit: o.limit ?? 500, continue: cont }, signal: o.signal });
      cont = list.metadata?.continue || undefined;
      yield { items: list.items ?? [], resourceVersion: list.metadata?.resourceVersion ?? '', last: !cont };
    } while (cont);
  }

  /**
   * Watches from `resourceVersion`, calling `onEvent` per event, until the server ends the stream
   * (resolves) or it fails (rejects; ExpiredError when the revision is compacted).
   */
  async watch(
    path: string,
    o: { resourceVersion?: string; labelSelector?: string; timeoutSeconds?: number; signal?: AbortSignal; onOpen?: () => void },
    onEvent: (ev: WatchEvent) => void,
  ): Promise<void> {
    const timeoutSeconds = o.timeoutSeconds ?? 300 + Math.floor(Math.random() * 300);
    const res = await this.send('GET', path, {
      query: { watch: 'true', allowWatchBookmarks: 'true', resourceVersion: o.resourceVersion, labelSelector: o.labelSelector, timeoutSeconds },
      signal: o.signal,
    }, { bodyTimeout: (timeoutSeconds + 60) * 1000 });
    if (res.statusCode >= 400) throw errorFrom(res.statusCode, await res.body.text());
    o.onOpen?.();
    let buf = '';
    res.body.setEncoding('utf8');
    for await (const chunk of res.body as AsyncIterable<string>) {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (!line) continue;
        const ev = JSON.parse(line) as WatchEvent;
        if (ev.type === 'ERROR') {
          const st = ev.object ?? {};
          if (st.code === 410) throw new ExpiredError(st.message ?? 'resource version too old');
          throw new ApiError(st.code ?? 500, st.reason ?? '', st.message ?? 'watch error', st);
        }
        onEvent(ev);
      }
    }
  }

  /** Server-side apply as the agent's field manager; `force` takes over fields others own. */
  apply(path: string, obj: KObject, o: { force?: boolean; fieldManager?: string } = {}): Promise<KObject> {
    return this.request('PATCH', path, {
      query: { fieldManager: o.fieldManager ?? SYNCER_FIELD_MANAGER, force: o.force ? 'true' : undefined },
      body: obj,
      contentType: APPLY,
    });
  }

  async create(path: string, obj: KObject): Promise<void> {
    await this.request('POST', path, { body: obj, query: { fieldManager: SYNCER_FIELD_MANAGER }, discard: true });
  }

  /** Patches; resolves without the answer (writes whose result the agent does not read). */
  async mergePatch(path: string, patch: unknown): Promise<void> {
    await this.request('PATCH', path, { body: patch, contentType: MERGE, query: { fieldManager: SYNCER_FIELD_MANAGER }, discard: true });
  }

  async jsonPatch(path: string, ops: unknown[]): Promise<void> {
    await this.request('PATCH', path, { body: ops, contentType: JSON_PATCH, query: { fieldManager: SYNCER_FIELD_MANAGER }, discard: true });
  }

  async strategicPatch(path: string, patch: unknown): Promise<void> {
    await this.request('PATCH', path, { body: patch, contentType: STRATEGIC, query: { fieldManager: SYNCER_FIELD_MANAGER }, discard: true });
  }

  /** Deletes with background propagation; true when it existed. */
  async delete(path: string): Promise<boolean> {
    try {
      await this.request('DELETE', path, { body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' }, discard: true });
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    }
  }

  async close(): Promise<void> {
    await this.agent?.close();
    this.agent = undefined;
  }
}
