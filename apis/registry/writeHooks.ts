// Write-time hooks on namespaced objects: a step the server installs into the create and update
// paths (the syncer's placement stamps a placed namespace's new objects), so the registry needs
// no server code. A hook sees the object about to be stored and its namespace, read inside the
// write transaction: a create reads the namespace anyway (it must exist), an update reads it only
// when a hook says the old object concerns it.

import { ServedResource } from '../catalogue.js';
import { KObject } from '../resources/model.js';
import { StoredObject, TxReader } from '../../storage/store.js';
import { namespaceKey } from './scope.js';

export interface NamespacedWriteHook {
  /** True when an update of `old` may need the hook; false spares the namespace read. */
  concernsUpdate(old: KObject): boolean;
  /**
   * The object to store instead of `obj` (a create's new object, or a main-resource update's next
   * one); `obj` itself when nothing changes. Must not modify `obj`.
   */
  mutate(r: ServedResource, obj: KObject, namespace: KObject): KObject;
}

/** Installed hooks, counted: servers sharing a process install the same hook each. */
const installed = new Map<NamespacedWriteHook, number>();

/** Installs a hook for every write of this process; returns its uninstaller. */
export function installNamespacedWriteHook(hook: NamespacedWriteHook): () => void {
  installed.set(hook, (installed.get(hook) ?? 0) + 1);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    const n = (installed.get(hook) ?? 1) - 1;
    if (n > 0) installed.set(hook, n);
    else installed.delete(hook);
  };
}

/** The object a create stores, after the hooks saw it with its (already read) namespace. */
export function hookCreate(r: ServedResource, obj: KObject, namespace: StoredObject | undefined): KObject {
  if (!r.namespaced || !namespace || installed.size === 0) return obj;
  let out = obj;
  for (const hook of installed.keys()) out = hook.mutate(r, out, namespace.object);
  return out;
}

/** The object a main-resource update stores, after the hooks concerned by `old` saw it. */
export function hookUpdate(cluster: string, r: ServedResource, next: KObject, old: KObject, tx: TxReader | undefined): KObject {
  if (!r.namespaced || !tx || installed.size === 0) return next;
  let out = next;
  let ns: StoredObject | undefined;
  let read = false;
  for (const hook of installed.keys()) {
    if (!hook.concernsUpdate(old)) continue;
    if (!read) {
      ns = tx.get(namespaceKey(cluster, old.metadata?.namespace ?? ''));
      read = true;
    }
    if (!ns) return out;
    out = hook.mutate(r, out, ns.object);
  }
  return out;
}
