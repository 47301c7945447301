// Small helpers for integration tests that drive several servers by absolute path: a JSON request,
// an expected status, polling until a condition holds, and a workspace created and Ready.

import { expect } from 'vitest';
import type { ApiClient, HttpResponse } from './http.js';
import { JSON_CT } from './kube.js';

/** A request to an absolute path ("/clusters/root:team/api/v1/..."), the body sent as JSON. */
export const sendTo = (c: ApiClient, method: string, url: string, body?: unknown, headers: Record<string, string> = JSON_CT): Promise<HttpResponse> =>
  c.request(method, url, { body: body === undefined ? undefined : JSON.stringify(body), headers });

/** Expects `code` (showing the body when not) and returns the parsed response. */
export async function must(p: Promise<HttpResponse>, code = 200): Promise<any> {
  const r = await p;
  expect(r.status, r.text).toBe(code);
  return r.json();
}

/** Polls `probe` every 50 ms until it returns something truthy; fails after `ms` with its last answer. */
export async function until<T>(probe: () => Promise<T | undefined | false>, what: string, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${String(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Creates workspace root:<name>, waits until it is Ready, and returns its logical cluster id. */
export async function readyWorkspace(admin: ApiClient, name: string): Promise<string> {
  await must(sendTo(admin, 'POST', '/clusters/root/apis/tenancy.kcp.io/v1alpha1/workspaces', { apiVersion: 'tenancy.kcp.io/v1alpha1', kind: 'Workspace', metadata: { name } }), 201);
  return until(async () => {
    const w = await must(admin.get(`/clusters/root/apis/tenancy.kcp.io/v1alpha1/workspaces/${name}`));
    return w.status?.phase === 'Ready' && (w.spec.cluster as string);
  }, `workspace ${name} Ready`);
}
