// A server the benchmark talks to: where it is, how to trust it and authenticate, plus a few
// admin calls (create a namespace, create or delete many objects) made with an ordinary keep-alive
// client.

import { Pool } from 'undici';
import { configMapBody } from './objects.js';

export interface Target {
  /** https://127.0.0.1:<port> */
  origin: string;
  caPem: string;
  /** Bearer token (kplane); none for the ceiling server. */
  token?: string;
}

export function headers(t: Target, extra: Record<string, string> = {}): Record<string, string> {
  return t.token ? { authorization: `Bearer ${t.token}`, ...extra } : { ...extra };
}

export async function call(t: Target, method: string, path: string, body?: string | Buffer, contentType = 'application/json'): Promise<{ status: number; text: string }> {
  const pool = new Pool(t.origin, { connections: 1, connect: { ca: t.caPem }, allowH2: false });
  try {
    const res = await pool.request({ method: method as 'GET', path, headers: headers(t, body ? { 'content-type': contentType } : {}), body });
    return { status: res.statusCode, text: await res.body.text() };
  } finally {
    await pool.close();
  }
}

export async function expectOk(t: Target, method: string, path: string, body?: string | Buffer, contentType?: string): Promise<any> {
  const r = await call(t, method, path, body, contentType);
  if (r.status < 200 || r.status > 299) throw new Error(`${method} ${path}: ${r.status} ${r.text.slice(0, 500)}`);
  return JSON.parse(r.text);
}

/** Creates a namespace in the root workspace (ignores AlreadyExists). */
export async function createNamespace(t: Target, name: string): Promise<void> {
  const r = await call(t, 'POST', '/clusters/root/api/v1/namespaces', JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
  if (r.status !== 201 && r.status !== 409) throw new Error(`create namespace ${name}: ${r.status} ${r.text.slice(0, 300)}`);
}

/** POSTs `n` bodies to `path`, `conc` at a time; throws on any non-2xx. */
export async function postMany(t: Target, path: string, n: number, conc: number, body: (i: number) => string): Promise<void> {
  const pool = new Pool(t.origin, { connections: conc, pipelining: 1, connect: { ca: t.caPem }, allowH2: false });
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: conc }, async () => {
        for (let i = next++; i < n; i = next++) {
          const res = await pool.request({ method: 'POST', path, headers: headers(t, { 'content-type': 'application/json' }), body: body(i) });
          const text = await res.body.text();
          if (res.statusCode !== 201) throw new Error(`POST ${path}: ${res.statusCode} ${text.slice(0, 300)}`);
        }
      }),
    );
  } finally {
    await pool.close();
  }
}

/** A ConfigMap in kplane's root workspace. */
export interface StoredObject {
  namespace: string;
  name: string;
}

export const configMapsPath = (namespace: string) => `/clusters/root/api/v1/namespaces/${namespace}/configmaps`;

/** Creates the namespace and 1 KB ConfigMaps cm-<from>…cm-<to − 1> in it, `conc` at a time. */
export async function createConfigMaps(t: Target, namespace: string, from: number, to: number, conc = 50): Promise<StoredObject[]> {
  await createNamespace(t, namespace);
  const name = (i: number) => `cm-${String(from + i).padStart(6, '0')}`;
  await postMany(t, configMapsPath(namespace), to - from, conc, (i) => configMapBody(name(i)));
  return Array.from({ length: to - from }, (_, i) => ({ namespace, name: name(i) }));
}

/** DELETEs `objects`, `conc` at a time; throws on any non-2xx. */
export async function deleteConfigMaps(t: Target, objects: readonly StoredObject[], conc = 50): Promise<void> {
  const pool = new Pool(t.origin, { connections: conc, pipelining: 1, connect: { ca: t.caPem }, allowH2: false });
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: conc }, async () => {
        for (let i = next++; i < objects.length; i = next++) {
          const o = objects[i]!;
          const path = `${configMapsPath(o.namespace)}/${o.name}`;
          const res = await pool.request({ method: 'DELETE', path, headers: headers(t) });
          const text = await res.body.text();
          if (res.statusCode !== 200) throw new Error(`DELETE ${path}: ${res.statusCode} ${text.slice(0, 300)}`);
        }
      }),
    );
  } finally {
    await pool.close();
  }
}
