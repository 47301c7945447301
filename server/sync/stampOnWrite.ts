// The write-time half of placement: an object created (or replaced) in a placed namespace gets the
// namespace's state labels and syncer finalizers in the same transaction, so nothing written after
// the controller's sweep goes unstamped. Removal stays with the controller: the hook only adds, and
// never to an object being deleted (restamp leaves those alone).

import { NamespacedWriteHook } from '../../apis/registry/writeHooks.js';
import { KObject } from '../../apis/resources/model.js';
import { isSyncableObject } from './syncable.js';
import { hasStateLabel, placedKeys, restamp } from './stamps.js';

export const stampPlacedObjects: NamespacedWriteHook = {
  // Objects of placed namespaces carry a state label once swept; a new one is a create, which
  // reads its namespace anyway. Every other update is spared the namespace read.
  concernsUpdate: (old) => hasStateLabel(old),

  mutate(r, obj, namespace) {
    const keys = placedKeys(namespace);
    if (keys.length === 0 || !isSyncableObject(r, obj)) return obj;
    // Keys the object has and the namespace lost are the controller's to remove, in its order.
    const meta = restamp(obj.metadata, new Map(keys.map((k) => [k, undefined])), { finalizer: true, addOnly: true });
    return meta ? ({ ...obj, metadata: meta } as KObject) : obj;
  },
};
