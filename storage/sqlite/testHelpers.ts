// Helpers shared by the storage tests.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DELETE, type ChangeEvent, type JsonObject, type Mutation, type ObjectKey, type Store } from '../store.js';
import { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqliteStore.js';

export const CM = '/configmaps';

export function key(namespace: string, name: string, cluster = 'root', resource = CM): ObjectKey {
  return { cluster, resource, namespace, name };
}

export function configMap(k: ObjectKey, data: Record<string, string> = {}): JsonObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: k.name, namespace: k.namespace }, data };
}

export function memStore(opts: Partial<SqliteStoreOptions> = {}): SqliteStore {
  return openSqliteStore({ path: ':memory:', logger: quietLogger, ...opts });
}

export const quietLogger = { warn: () => {}, error: () => {} };

/** A temporary directory removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kplane-store-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function create(store: Store, k: ObjectKey, data: Record<string, string> = {}) {
  return store.mutate({
    key: k,
    apply: (cur) => {
      if (cur) throw new Error(`already exists: ${k.name}`);
      return configMap(k, data);
    },
  });
}

export function update(store: Store, k: ObjectKey, data: Record<string, string>) {
  return store.mutate({
    key: k,
    apply: (cur) => {
      if (!cur) throw new Error(`not found: ${k.name}`);
      return { ...cur.object, data };
    },
  });
}

export function remove(store: Store, k: ObjectKey) {
  const m: Mutation = {
    key: k,
    apply: (cur) => {
      if (!cur) throw new Error(`not found: ${k.name}`);
      return DELETE;
    },
  };
  return store.mutate(m);
}

/** Collects watch events. */
export class Collector {
  events: ChangeEvent[] = [];
  sink = (e: ChangeEvent) => {
    this.events.push(e);
  };
  get rvs(): number[] {
    return this.events.map((e) => e.rv);
  }
  get names(): string[] {
    return this.events.map((e) => `${e.type} ${e.key.cluster}/${e.key.namespace}/${e.key.name}`);
  }
  /** Waits until `n` events arrived (replay is delivered on later turns). */
  async waitFor(n: number, timeoutMs = 5000): Promise<void> {
    const start = Date.now();
    while (this.events.length < n) {
      if (Date.now() - start > timeoutMs) throw new Error(`timed out: ${this.events.length}/${n} events`);
      await new Promise((r) => setTimeout(r, 2));
    }
  }
}

/** Lets pending setImmediate work (flushes, replay steps) run. */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
}
