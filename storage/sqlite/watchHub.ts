// In-process watch fan-out.
//
// Watchers are indexed so that a committed event costs work only for the watchers it can match:
//   byName      cluster + resource + namespace + name   (kubectl wait / rollout status)
//   byNamespace cluster + resource + namespace          (a namespaced watch)
//   byCluster   cluster + resource                      (all namespaces of one workspace, ± name)
//   byResource  resource                                (every workspace: the syncer's view, ± ns/name)
// An event looks up exactly four map entries; an empty hub costs nothing.
//
// Ordering without gaps or duplicates. JavaScript runs one thing at a time, and a group commit
// (BEGIN … COMMIT, then publish) runs synchronously from start to end, so nothing can commit
// between the moment a watch is registered and the moment it reads `committed`:
//   - a live watch records liveAfter = the committed revision and gets every later event;
//   - a resumed watch records liveAfter = the committed revision, and replays (fromRv, liveAfter]
//     from the change log. Replay runs in bounded steps on later event-loop turns (so a watch
//     from far back never blocks the loop, and the sink is never called inside watch());
//     live events published meanwhile (all with rv > liveAfter) are buffered and delivered when
//     the replay has caught up. While a watcher replays, compaction does not delete the rows it
//     still has to read (minReplayCursor).
// Every delivery also checks rv > liveAfter, so a watcher registered from inside a sink during a
// publish does not see the rest of that (already committed) batch twice.

import type { Watch, WatchSink } from '../store.js';
import type { ReplaySource, WatchFilter } from './changeLog.js';
import type { LazyChangeEvent } from './rows.js';
import type { StoreLogger } from './state.js';

const SEP = '\u0000';
/** Events delivered per replay step at most. */
const REPLAY_CHUNK = 500;
/** Change-log revisions scanned per replay step at most (bounds the work of a narrow watch). */
const REPLAY_SPAN = 5_000;

interface Watcher {
  readonly cluster: string | undefined;
  readonly resource: string;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
  readonly sink: WatchSink;
  /** Live events are delivered only when rv > liveAfter. */
  readonly liveAfter: number;
  readonly bucket: Map<string, Set<Watcher>>;
  readonly bucketKey: string;
  stopped: boolean;
  /** Replay state (replaying watchers only). */
  replaying: boolean;
  cursor: number;
  buffer: LazyChangeEvent[];
  timer: NodeJS.Immediate | undefined;
}

export interface AddWatchOptions extends WatchFilter {
  /** Live events with rv <= liveAfter are not delivered (the committed revision at registration). */
  liveAfter: number;
  /** Replay (replayFrom, liveAfter] from the change log first. */
  replayFrom?: number;
}

export class WatchHub {
  private readonly byName = new Map<string, Set<Watcher>>();
  private readonly byNamespace = new Map<string, Set<Watcher>>();
  private readonly byCluster = new Map<string, Set<Watcher>>();
  private readonly byResource = new Map<string, Set<Watcher>>();
  private readonly replayingSet = new Set<Watcher>();
  private count = 0;

  constructor(
    private readonly source: ReplaySource,
    private readonly logger: StoreLogger,
  ) {}

  get size(): number {
    return this.count;
  }

  get replaying(): number {
    return this.replayingSet.size;
  }

  /** The lowest revision a replaying watcher has consumed (Infinity when none replays). */
  minReplayCursor(): number {
    let min = Infinity;
    for (const w of this.replayingSet) if (w.cursor < min) min = w.cursor;
    return min;
  }

  add(opts: AddWatchOptions, sink: WatchSink): Watch {
    const { cluster, resource, namespace, name } = opts;
    let bucket: Map<string, Set<Watcher>>;
    let bucketKey: string;
    if (cluster === undefined) {
      bucket = this.byResource;
      bucketKey = resource;
    } else if (namespace === undefined) {
      bucket = this.byCluster;
      bucketKey = cluster + SEP + resource;
    } else if (name === undefined) {
      bucket = this.byNamespace;
      bucketKey = cluster + SEP + resource + SEP + namespace;
    } else {
      bucket = this.byName;
      bucketKey = cluster + SEP + resource + SEP + namespace + SEP + name;
    }
    const w: Watcher = {
      cluster,
      resource,
      namespace,
      name,
      sink,
      liveAfter: opts.liveAfter,
      bucket,
      bucketKey,
      stopped: false,
      replaying: false,
      cursor: opts.liveAfter,
      buffer: [],
      timer: undefined,
    };
    let set = bucket.get(bucketKey);
    if (!set) bucket.set(bucketKey, (set = new Set()));
    set.add(w);
    this.count++;

    if (opts.replayFrom !== undefined && opts.replayFrom < opts.liveAfter) {
      w.replaying = true;
      w.cursor = opts.replayFrom;
      this.replayingSet.add(w);
      w.timer = setImmediate(() => this.replayStep(w));
    }
    return { stop: () => this.remove(w) };
  }

  /** Delivers committed events (in revision order) to the matching watchers. */
  publish(events: readonly LazyChangeEvent[]): void {
    if (this.count === 0) return;
    for (const ev of events) {
      const k = ev.key;
      const ck = k.cluster + SEP + k.resource;
      const nk = ck + SEP + k.namespace;
      this.visit(this.byName.get(nk + SEP + k.name), ev);
      this.visit(this.byNamespace.get(nk), ev);
      this.visit(this.byCluster.get(ck), ev);
      this.visit(this.byResource.get(k.resource), ev);
    }
  }

  /** Stops every watch (store close). */
  stopAll(): void {
    for (const bucket of [this.byName, this.byNamespace, this.byCluster, this.byResource]) {
      for (const set of [...bucket.values()]) for (const w of [...set]) this.remove(w);
    }
  }

  private visit(set: Set<Watcher> | undefined, ev: LazyChangeEvent): void {
    if (set === undefined) return;
    for (const w of set) {
      if (w.stopped || ev.rv <= w.liveAfter) continue;
      if (w.name !== undefined && w.name !== ev.key.name) continue;
      if (w.namespace !== undefined && w.namespace !== ev.key.namespace) continue;
      if (w.replaying) w.buffer.push(ev);
      else this.deliver(w, ev);
    }
  }

  private deliver(w: Watcher, ev: LazyChangeEvent): void {
    try {
      w.sink(ev);
    } catch (err) {
      this.logger.error(
        { err, resource: w.resource, cluster: w.cluster, namespace: w.namespace, rv: ev.rv },
        'watch sink threw; event dropped for this watcher only',
      );
    }
  }

  private replayStep(w: Watcher): void {
    w.timer = undefined;
    if (w.stopped) return;
    let events: LazyChangeEvent[];
    const to = Math.min(w.liveAfter, w.cursor + REPLAY_SPAN);
    try {
      events = this.source.read(w, w.cursor, to, REPLAY_CHUNK);
    } catch (err) {
      // The database went away (store closed) or failed: nothing sensible to deliver.
      this.logger.error({ err, resource: w.resource, cluster: w.cluster }, 'watch replay failed; watch stopped');
      this.remove(w);
      return;
    }
    for (const ev of events) {
      if (w.stopped) return;
      this.deliver(w, ev);
      w.cursor = ev.rv;
    }
    if (w.stopped) return;
    w.cursor = events.length === REPLAY_CHUNK ? events[events.length - 1]!.rv : to;
    if (w.cursor < w.liveAfter) {
      w.timer = setImmediate(() => this.replayStep(w));
      return;
    }
    // Caught up: deliver what was published meanwhile, then go live.
    const buffered = w.buffer;
    w.buffer = [];
    for (const ev of buffered) {
      if (w.stopped) return;
      this.deliver(w, ev);
    }
    w.replaying = false;
    this.replayingSet.delete(w);
  }

  private remove(w: Watcher): void {
    if (w.stopped) return;
    w.stopped = true;
    if (w.timer !== undefined) clearImmediate(w.timer);
    w.timer = undefined;
    w.buffer = [];
    this.replayingSet.delete(w);
    const set = w.bucket.get(w.bucketKey);
    if (set) {
      set.delete(w);
      if (set.size === 0) w.bucket.delete(w.bucketKey);
    }
    this.count--;
  }
}
