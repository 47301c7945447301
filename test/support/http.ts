// An HTTPS client for integration tests: trusts the server's CA, sends its admin token, and
// speaks HTTP/1.1 (or HTTP/2 when asked), like a Kubernetes client library would.

import { Agent, request } from 'undici';

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = any>(): T;
}

export interface ApiClient {
  request(method: string, path: string, opts?: { body?: string | Buffer; headers?: Record<string, string>; token?: string | null }): Promise<HttpResponse>;
  get(path: string, headers?: Record<string, string>): Promise<HttpResponse>;
  agent: Agent;
  close(): Promise<void>;
}

export function apiClient(baseURL: string, caPem: string, token: string, opts: { http2?: boolean } = {}): ApiClient {
  const agent = new Agent({ connect: { ca: caPem }, allowH2: opts.http2 ?? false });
  const client: ApiClient = {
    agent,
    async request(method, path, o = {}) {
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      const tok = o.token === undefined ? token : o.token;
      if (tok) headers.authorization = `Bearer ${tok}`;
      const res = await request(`${baseURL}${path}`, { method: method as any, headers, body: o.body, dispatcher: agent });
      const text = await res.body.text();
      return { status: res.statusCode, headers: res.headers as HttpResponse['headers'], text, json: () => JSON.parse(text) };
    },
    get(path, headers) {
      return client.request('GET', path, { headers });
    },
    close: () => agent.close(),
  };
  return client;
}
