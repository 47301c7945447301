// What a syncer may upsync through its view: the member's ReplicaSets of a Deployment placed on
// its target, so `kubectl rollout history/undo` in the workspace sees the revisions that run.
// The target's `sync` permission is its only authority in tenant workspaces, so every write is
// bounded here, inside its transaction (no concurrent write slips between check and commit):
//   - only resources in UPSYNCED_RESOURCES (apps/replicasets);
//   - the object before (when it exists) and after the write carries the target's upsync label,
//     so a target never touches the tenant's own ReplicaSets nor another target's;
//   - after the write, its namespace is placed on the target and its controller ownerReference is
//     a Deployment of that namespace placed on the target, with that Deployment's uid (the hub's
//     garbage collector then removes it with the Deployment);
//   - a new one is refused while that Deployment is being deleted (the collector may have
//     removed its dependents already; a late create would outlive nothing, but would race it).

import { GroupResource, errors } from '../../apis/errors.js';
import { namespaceKey } from '../../apis/registry/scope.js';
import { UPSYNCED, stateLabel, upsyncLabel } from '../../apis/sync/contract.js';
import { DELETE, JsonObject, Store, TxReader, UNCHANGED } from '../../storage/store.js';
import { guardedStore } from './guardedStore.js';
import { isPlaced } from './writeRules.js';

export function isUpsynced(obj: JsonObject | undefined, key: string): boolean {
  return obj?.metadata?.labels?.[upsyncLabel(key)] === UPSYNCED;
}

function controllerRef(obj: JsonObject): JsonObject | undefined {
  const refs: unknown = obj.metadata?.ownerReferences;
  return Array.isArray(refs) ? refs.find((r: JsonObject) => r?.controller === true) : undefined;
}

/**
 * Why `next` (a ReplicaSet about to be stored in `cluster`) may not be written by the syncer of
 * `key`; undefined when it may. `creating`: there is no current object.
 */
export function upsyncRefusal(next: JsonObject, key: string, cluster: string, tx: TxReader, creating: boolean): string | undefined {
  if (!isUpsynced(next, key)) return `it must carry the label ${upsyncLabel(key)}=${UPSYNCED}`;
  // A state label would put it in the view's lists, as if placed: upsynced objects never go down.
  if (next.metadata?.labels?.[stateLabel(key)] !== undefined) return `it must not carry the label ${stateLabel(key)}`;
  const namespace: string = next.metadata?.namespace ?? '';
  if (!isPlaced(tx.get(namespaceKey(cluster, namespace))?.object, key)) return `namespace ${namespace} is not placed on the target`;
  const ref = controllerRef(next);
  if (!ref || ref.apiVersion !== 'apps/v1' || ref.kind !== 'Deployment' || typeof ref.name !== 'string') {
    return 'its controller ownerReference must be an apps/v1 Deployment';
  }
  // Only that one: another owner (with blockOwnerDeletion) would let a syncer hold up the
  // deletion of an object that is not its own.
  if (next.metadata.ownerReferences.length !== 1) return 'its only ownerReference must be its Deployment';
  const owner = tx.get({ cluster, resource: 'apps/deployments', namespace, name: ref.name })?.object;
  if (!owner || owner.metadata?.uid !== ref.uid) return `Deployment ${namespace}/${ref.name} with uid ${ref.uid} does not exist`;
  if (!isPlaced(owner, key)) return `Deployment ${namespace}/${ref.name} is not placed on the target`;
  if (creating && owner.metadata?.deletionTimestamp) return `Deployment ${namespace}/${ref.name} is being deleted`;
  return undefined;
}

/**
 * The store an upsync write goes through: the generic registry create/update/patch/delete paths
 * run unchanged, and each mutation is checked against the current object and the result.
 */
export function upsyncGuardedStore(store: Store, key: string, gr: GroupResource, cluster: string): Store {
  return guardedStore(store, {
    before(current, m) {
      // Someone else's object (the tenant's, another target's) is not there, as far as we know.
      if (current && !isUpsynced(current.object, key)) throw errors.notFound(gr, m.key.name);
    },
    after(current, next, tx, m) {
      if (next === DELETE || next === UNCHANGED) return;
      const why = upsyncRefusal(next, key, cluster, tx, !current);
      if (why) throw errors.forbidden(gr, m.key.name, `the syncer of target ${key} may only upsync ReplicaSets of its Deployments: ${why}`);
    },
  });
}
