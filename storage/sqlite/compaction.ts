// Change-log compaction: explicit (Store.compact) and, optionally, one global unref'd timer.
//
// compact(rv) deletes, in short transactions of at most COMPACT_SPAN revisions each (with an
// event-loop turn between them, so writes are never blocked for long), the change-log rows with
// revision <= rv that are no longer any object's current state, and records the compacted
// revision in meta within the same transaction. Because revisions are dense, a span of
// revisions is a span of rows: no GROUP BY, no UNION, one rowid range per step.
//
// A watch that is still replaying holds compaction back at the last revision it has consumed
// (it would otherwise lose the rows it has yet to read); the periodic timer catches up later.
//
// Timer policy (per tick): remember (time, committed revision); the target is the revision that
// was current `retainMs` ago, but never closer than `retainMinEvents` to the current revision;
// `retainMaxEvents`, when set, caps the log size whatever the age.

import type { ChangeLog } from './changeLog.js';
import type { RevisionState, StoreLogger, StoreStats } from './state.js';
import type { Statements } from './statements.js';
import type { WatchHub } from './watchHub.js';

export interface CompactionOptions {
  /** How often the timer runs. */
  intervalMs: number;
  /** Keep changes younger than this. */
  retainMs: number;
  /** Always keep at least this many of the latest changes. */
  retainMinEvents: number;
  /** Keep at most this many changes, whatever their age (optional size cap). */
  retainMaxEvents?: number;
}

/**
 * Suggested settings: kube-apiserver compacts etcd every 5 minutes, and its watch cache keeps
 * 75 s of events; keeping 5 minutes (and at least 1000 events) lets a client that listed a moment
 * ago always resume its watch.
 */
export const DEFAULT_COMPACTION: CompactionOptions = {
  intervalMs: 60_000,
  retainMs: 5 * 60_000,
  retainMinEvents: 1_000,
  retainMaxEvents: 1_000_000,
};

/** Revisions deleted per compaction transaction at most. */
const COMPACT_SPAN = 10_000;

export interface RevisionSample {
  t: number;
  rv: number;
}

/** The revision the timer compacts to, given past samples (oldest first). */
export function compactionTarget(
  samples: readonly RevisionSample[],
  now: number,
  committed: number,
  opts: CompactionOptions,
): number {
  let byAge = 0;
  for (const s of samples) {
    if (s.t <= now - opts.retainMs) byAge = s.rv;
    else break;
  }
  let target = Math.min(byAge, committed - opts.retainMinEvents);
  if (opts.retainMaxEvents !== undefined) target = Math.max(target, committed - opts.retainMaxEvents);
  return Math.max(0, Math.min(target, committed));
}

export class Compactor {
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private samples: RevisionSample[] = [];
  private closed = false;

  constructor(
    private readonly st: Statements,
    private readonly log: ChangeLog,
    private readonly rev: RevisionState,
    private readonly hub: WatchHub,
    private readonly stats: StoreStats,
    private readonly logger: StoreLogger,
    private readonly opts: CompactionOptions | undefined,
  ) {
    if (opts) {
      this.timer = setInterval(() => this.tick(), opts.intervalMs);
      this.timer.unref();
    }
  }

  /** Compacts up to `rv` (clamped to the current revision). Calls run one after another. */
  compact(rv: number): Promise<void> {
    const run = this.chain.then(() => this.run(rv));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** One timer tick (exported through the store for tests). */
  tick(now = Date.now()): void {
    if (this.closed || !this.opts) return;
    this.samples.push({ t: now, rv: this.rev.committed });
    const target = compactionTarget(this.samples, now, this.rev.committed, this.opts);
    // Drop samples older than the newest one that is already past retainMs.
    let keepFrom = 0;
    for (let i = 0; i < this.samples.length; i++) if (this.samples[i]!.t <= now - this.opts.retainMs) keepFrom = i;
    if (keepFrom > 0) this.samples.splice(0, keepFrom);
    if (target > this.rev.compacted) {
      this.compact(target).catch((err) => this.logger.error({ err, target }, 'periodic compaction failed'));
    }
  }

  /** Stops the timer and waits for a running compaction to finish its current step. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.chain;
  }

  private async run(requested: number): Promise<void> {
    const { rev } = this;
    const target = Math.min(Math.floor(requested), rev.committed);
    while (!this.closed && rev.compacted < target) {
      const limit = Math.min(target, this.hub.minReplayCursor());
      if (limit <= rev.compacted) return; // a replaying watch still needs the rest
      this.step(Math.min(limit, rev.compacted + COMPACT_SPAN));
      if (rev.compacted < target) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private step(upper: number): void {
    const { st, rev } = this;
    st.begin.run();
    try {
      this.log.deleteSuperseded(rev.compacted, upper);
      st.setMeta.run(upper, 'compacted');
      st.commit.run();
    } catch (err) {
      try {
        st.rollback.run();
      } catch {
        // already rolled back
      }
      throw err;
    }
    rev.compacted = upper;
    this.stats.compactionTransactions++;
  }
}
