// Group commit: mutate() queues; the queue is flushed on a later event-loop turn, and every
// mutation that arrived meanwhile is applied in one BEGIN IMMEDIATE … COMMIT.
//
// - Revisions are assigned in queue order, one per written change, so revision order is commit
//   order and there are no gaps (a rolled-back batch gives its revisions back).
// - Each Mutation.apply runs inside the transaction and sees the writes of the mutations queued
//   before it. A throw from apply (or from serializing its result) fails only that mutation.
//   A SQLite error while writing or committing rolls the whole batch back and fails all of it.
// - Promises settle only after COMMIT returned. With WAL + synchronous=FULL, COMMIT returns after
//   the WAL is fsynced, so a resolved mutation survives kill -9 / power loss.
// - After COMMIT the events are published to the watch hub (synchronously, before any caller's
//   continuation runs), then the promises settle.
//
// Flush scheduling: setImmediate (default) runs after the I/O poll phase, so all requests whose
// sockets became readable in the same poll are committed together; queueMicrotask would commit
// after every single I/O callback (batches of one under HTTP load). See storage/BENCH-NOTES.md.

import type { Mutation, MutationResult, TxReader } from '../store.js';
import { planMutation, readObject, type PlannedWrite } from './applyMutation.js';
import { LazyChangeEvent } from './rows.js';
import { TYPE_CODE } from './schema.js';
import type { RevisionState, StoreLogger, StoreStats } from './state.js';
import { readPersistedCounters, type Statements } from './statements.js';
import type { WatchHub } from './watchHub.js';

export type FlushSchedule = 'setImmediate' | 'queueMicrotask';

export interface GroupCommitOptions {
  /** How a flush is scheduled after the first queued mutation (default setImmediate). */
  schedule?: FlushSchedule;
  /** Most mutations per transaction (default 1000); the rest go into the next one. */
  maxBatch?: number;
}

interface Pending {
  m: Mutation;
  resolve: (r: MutationResult) => void;
  reject: (e: unknown) => void;
}

type Outcome = { ok: true; result: MutationResult } | { ok: false; error: unknown };

export class GroupCommitter {
  private queue: Pending[] = [];
  private scheduled = false;
  private closed = false;
  private readonly maxBatch: number;
  private readonly schedule: FlushSchedule;
  private readonly tx: TxReader;
  private readonly flushCallback = () => this.flushScheduled();

  constructor(
    private readonly st: Statements,
    private readonly rev: RevisionState,
    private readonly hub: WatchHub,
    private readonly stats: StoreStats,
    private readonly logger: StoreLogger,
    opts: GroupCommitOptions = {},
  ) {
    this.maxBatch = Math.max(1, opts.maxBatch ?? 1000);
    this.schedule = opts.schedule ?? 'setImmediate';
    this.tx = { get: (key) => readObject(this.st, key) };
  }

  enqueue(m: Mutation): Promise<MutationResult> {
    if (this.closed) return Promise.reject(new Error('store is closed'));
    return new Promise<MutationResult>((resolve, reject) => {
      this.queue.push({ m, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        if (this.schedule === 'queueMicrotask') queueMicrotask(this.flushCallback);
        else setImmediate(this.flushCallback);
      }
    });
  }

  /** Commits everything queued, now (used by close()). Refuses new mutations afterwards. */
  drainAndClose(): void {
    this.closed = true;
    while (this.queue.length > 0) this.commitBatch(this.takeBatch());
  }

  private flushScheduled(): void {
    this.scheduled = false;
    if (this.queue.length === 0) return;
    this.commitBatch(this.takeBatch());
    // More than one batch queued: let reads and I/O run between batches.
    if (this.queue.length > 0 && !this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flushCallback);
    }
  }

  private takeBatch(): Pending[] {
    if (this.queue.length <= this.maxBatch) {
      const batch = this.queue;
      this.queue = [];
      return batch;
    }
    return this.queue.splice(0, this.maxBatch);
  }

  private commitBatch(batch: Pending[]): void {
    const { st, rev, stats } = this;
    stats.batches++;
    stats.mutations += batch.length;
    if (batch.length > stats.maxBatchSize) stats.maxBatchSize = batch.length;

    const outcomes: Outcome[] = new Array(batch.length);
    const events: LazyChangeEvent[] = [];
    let next = rev.committed;

    try {
      st.begin.run();
    } catch (err) {
      stats.failedBatches++;
      for (const p of batch) p.reject(err);
      return;
    }
    try {
      for (let i = 0; i < batch.length; i++) {
        const m = batch[i]!.m;
        let plan;
        try {
          plan = planMutation(st, this.tx, m, next + 1, next);
        } catch (error) {
          outcomes[i] = { ok: false, error };
          continue;
        }
        if (plan.kind === 'result') {
          outcomes[i] = { ok: true, result: plan.result };
          continue;
        }
        next++;
        this.write(plan, next); // a SQLite error here fails the whole batch (caught below)
        outcomes[i] = { ok: true, result: { type: plan.type, object: plan.object, json: plan.json, rv: next } };
        events.push(new LazyChangeEvent(plan.type, plan.key, next, plan.json, plan.current?.json));
      }
      if (next !== rev.committed) {
        st.setMeta.run(next, 'revision');
        st.commit.run();
        stats.writeTransactions++;
      } else {
        // Nothing written (only UNCHANGED, dry runs, failures): nothing to make durable.
        st.rollback.run();
      }
    } catch (err) {
      stats.failedBatches++;
      try {
        st.rollback.run();
      } catch {
        // No transaction left to roll back (SQLite already did).
      }
      this.resync(next);
      for (const p of batch) p.reject(err);
      return;
    }

    rev.committed = next;
    try {
      this.hub.publish(events); // sinks' exceptions are contained by the hub
    } finally {
      for (let i = 0; i < batch.length; i++) {
        const o = outcomes[i]!;
        if (o.ok) batch[i]!.resolve(o.result);
        else batch[i]!.reject(o.error);
      }
    }
  }

  /**
   * After a failed batch: a COMMIT that reported an error (I/O error while syncing) may still
   * have reached the database. Re-read the persisted revision so that revisions are never reused
   * and never go back; say loudly that watchers missed those changes.
   */
  private resync(attempted: number): void {
    let persisted: number;
    try {
      persisted = readPersistedCounters(this.st).revision;
    } catch (err) {
      this.logger.error({ err }, 'cannot read the revision after a failed commit');
      return;
    }
    if (persisted > this.rev.committed) {
      this.logger.error(
        { from: this.rev.committed + 1, to: persisted, attempted },
        'a commit reported failure but reached the database; watchers missed these revisions and must relist',
      );
      this.rev.committed = persisted;
    }
  }

  private write(w: PlannedWrite, rv: number): void {
    const { st } = this;
    const k = w.key;
    switch (w.type) {
      case 'ADDED':
        st.insertObject.run(k.cluster, k.resource, k.namespace, k.name, rv);
        st.insertChange.run(rv, k.cluster, k.resource, k.namespace, k.name, TYPE_CODE.ADDED, null, w.json);
        break;
      case 'MODIFIED':
        st.updateObject.run(rv, k.cluster, k.resource, k.namespace, k.name);
        st.insertChange.run(rv, k.cluster, k.resource, k.namespace, k.name, TYPE_CODE.MODIFIED, w.current!.rv, w.json);
        break;
      case 'DELETED':
        st.deleteObject.run(k.cluster, k.resource, k.namespace, k.name);
        st.insertChange.run(rv, k.cluster, k.resource, k.namespace, k.name, TYPE_CODE.DELETED, w.current!.rv, w.json);
        break;
    }
  }
}
