// Small helpers for integration tests: JSON requests, objects to create, and Status assertions.

import { expect } from 'vitest';
import { ApiClient, HttpResponse } from './http.js';

export const WS = '/clusters/root';
export const JSON_CT = { 'content-type': 'application/json' };

/** Sends `body` as JSON (a string is sent as is) to a path under the root workspace. */
export function send(c: ApiClient, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResponse> {
  const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  return c.request(method, `${WS}${path}`, { body: payload, headers: { ...JSON_CT, ...headers } });
}

export function get(c: ApiClient, path: string, headers?: Record<string, string>): Promise<HttpResponse> {
  return c.get(`${WS}${path}`, headers);
}

export function configMap(name: string, opts: { namespace?: string; labels?: Record<string, string>; data?: Record<string, string>; finalizers?: string[] } = {}): object {
  const metadata: Record<string, unknown> = { name };
  if (opts.namespace) metadata.namespace = opts.namespace;
  if (opts.labels) metadata.labels = opts.labels;
  if (opts.finalizers) metadata.finalizers = opts.finalizers;
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: opts.data ?? { k: 'v' } };
}

export function deployment(name: string, extra: { replicas?: number } = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas: extra.replicas ?? 1,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    },
  };
}

export async function createNamespace(c: ApiClient, name: string): Promise<void> {
  const r = await send(c, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  expect(r.status, r.text).toBe(201);
}

export async function createConfigMap(c: ApiClient, ns: string, name: string, opts: Parameters<typeof configMap>[1] = {}): Promise<any> {
  const r = await send(c, 'POST', `/api/v1/namespaces/${ns}/configmaps`, configMap(name, opts));
  expect(r.status, r.text).toBe(201);
  return r.json();
}

/** Asserts a Status failure response with the given code and reason; returns the Status. */
export function expectStatus(r: HttpResponse, code: number, reason: string | undefined): any {
  expect(r.status, r.text).toBe(code);
  expect(String(r.headers['content-type'])).toMatch(/^application\/json/);
  const s = r.json();
  expect(s).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code });
  if (reason === undefined) expect(s.reason).toBeUndefined();
  else expect(s.reason).toBe(reason);
  return s;
}

/** The current revision, from a list's metadata.resourceVersion. */
export async function currentRV(c: ApiClient): Promise<string> {
  const r = await get(c, '/api/v1/namespaces?limit=1');
  return r.json().metadata.resourceVersion;
}
