// A Store whose writes pass checks inside their own transaction: the syncer view runs the
// generic registry write paths unchanged against it, and the checks see the current object and
// what the write would store, so no concurrent write can slip between a check and the commit.

import { DELETE, JsonObject, Mutation, Store, StoredObject, TxReader, UNCHANGED } from '../../storage/store.js';

/** Checks of one write; each throws (an ApiError) to refuse it. */
export interface WriteGuard {
  /**
   * Before the write is computed: an object the caller may not see must get its 404 before
   * the write's own errors (409, 422) could tell that it exists.
   */
  before?(current: StoredObject | undefined, m: Mutation): void;
  /** What the write would store (or DELETE / UNCHANGED). */
  after?(current: StoredObject | undefined, next: JsonObject | typeof DELETE | typeof UNCHANGED, tx: TxReader, m: Mutation): void;
}

export function guardedStore(store: Store, guard: WriteGuard): Store {
  const mutate = (m: Mutation): ReturnType<Store['mutate']> =>
    store.mutate({
      ...m,
      apply(current: StoredObject | undefined, tx) {
        guard.before?.(current, m);
        const next = m.apply(current, tx);
        guard.after?.(current, next, tx, m);
        return next;
      },
    });
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'mutate') return mutate;
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
