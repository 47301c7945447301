// One simulated controller's work: a queue of object keys (any workspace) processed one at a time
// by `sync`, which computes the object's wanted state from what is stored and writes only what
// differs. Keys come from watches the simulator routes here and from a scan at start, so objects
// written while the server was down are caught up.

import { ApiError } from '../../apis/errors.js';
import { ObjectKey } from '../../storage/store.js';
import { WorkQueue } from '../controllers/workQueue.js';
import { SimulationContext } from './writes.js';

const RETRY_MS = 1000;
/** Refusals that retrying cannot change. */
const PERMANENT = new Set(['Invalid', 'BadRequest', 'RequestEntityTooLarge', 'MethodNotAllowed']);

/** Brings one object to its simulated state; true when done, false to try again later. */
export type Sync = (ctx: SimulationContext, key: ObjectKey) => Promise<boolean>;

const SEP = '\u0000';
const encode = (k: ObjectKey): string => [k.cluster, k.resource, k.namespace, k.name].join(SEP);
function decode(text: string): ObjectKey {
  const [cluster, resource, namespace, name] = text.split(SEP);
  return { cluster, resource, namespace, name };
}

export class Reconciler {
  private readonly queue: WorkQueue;

  constructor(
    private readonly ctx: SimulationContext,
    /** The storage key of the resource it reconciles ("apps/deployments"). */
    readonly resource: string,
    sync: Sync,
  ) {
    this.queue = new WorkQueue(
      (k) => sync(ctx, decode(k)).catch((e) => {
        // An object the API refuses to change this way (invalid, say) would fail the same way
        // every second: say so once and wait for its next change instead.
        if (!(e instanceof ApiError) || !PERMANENT.has(e.reason)) throw e;
        ctx.log.warn({ err: e, object: decode(k) }, 'workload simulation refused; waiting for the object to change');
        return true;
      }),
      (err, k) => ctx.log.warn({ err, object: decode(k) }, 'workload simulation failed; retrying'),
      RETRY_MS,
    );
  }

  enqueue(key: ObjectKey): void {
    this.queue.add(encode(key));
  }

  /** Enqueues every object of the resource in one namespace of a workspace. */
  async enqueueNamespace(cluster: string, namespace: string): Promise<void> {
    const page = await this.ctx.store.list({ cluster, resource: this.resource, namespace });
    for (const item of page.items) this.enqueue(item.key);
  }

  /** Enqueues every stored object of the resource, in every workspace. */
  async resync(): Promise<void> {
    const all = await this.ctx.store.listAcrossClusters(this.resource);
    for (const item of all.items) this.enqueue(item.key);
  }

  get pending(): number {
    return this.queue.size;
  }

  stop(): void {
    this.queue.stop();
  }
}
