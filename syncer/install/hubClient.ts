// A small JSON-over-HTTPS client for the hub, enough for `kplane syncer-manifest`: the CA and
// credentials come from the hub kubeconfig; failures become Errors carrying the Status message.

import { Agent, request } from 'undici';
import { HubCredentials } from './kubeconfig.js';

export interface HubResponse {
  status: number;
  body: any;
}

export interface HubClient {
  /** Sends `body` as JSON (or with `contentType`) to `path` under the hub origin. */
  call(method: string, path: string, body?: unknown, contentType?: string): Promise<HubResponse>;
  close(): Promise<void>;
}

export class HubError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: any,
  ) {
    super(`${method} ${path}: ${status} ${body?.message ?? (typeof body === 'string' ? body : JSON.stringify(body))}`);
  }
}

export function hubClient(origin: string, creds: HubCredentials): HubClient {
  const agent = new Agent({
    connect: {
      ca: creds.caPem,
      cert: creds.clientCertPem,
      key: creds.clientKeyPem,
      rejectUnauthorized: !creds.insecureSkipTLSVerify,
    },
  });
  return {
    async call(method, path, body, contentType = 'application/json') {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (creds.token) headers.authorization = `Bearer ${creds.token}`;
      if (body !== undefined) headers['content-type'] = contentType;
      const res = await request(`${origin}${path}`, {
        method: method as 'GET',
        headers,
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        dispatcher: agent,
      });
      const text = await res.body.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON (a proxy's error page): keep the text for the message
      }
      return { status: res.statusCode, body: parsed };
    },
    close: () => agent.close(),
  };
}

/** The response body when the status is one of `ok`; otherwise throws a HubError. */
export async function expectStatus(c: HubClient, method: string, path: string, ok: number[], body?: unknown, contentType?: string): Promise<HubResponse> {
  const r = await c.call(method, path, body, contentType);
  if (!ok.includes(r.status)) throw new HubError(method, path, r.status, r.body);
  return r;
}
