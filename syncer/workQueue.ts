// A keyed, coalescing work queue: one item per key (a newer add merges into the waiting one), at
// most one worker per key, a bounded number of workers, and retries after a delay. Items stay
// "pending" until processed, so the agent knows which revisions are not applied yet.

export interface QueueOptions<T> {
  concurrency: number;
  process(key: string, item: T): Promise<void>;
  /** Combines a waiting item with a newer one for the same key. */
  merge(older: T, newer: T): T;
  /** Called when `process` throws; returns the retry delay in ms, or undefined to drop the item. */
  onError(key: string, item: T, err: unknown, attempt: number): number | undefined;
}

interface Slot<T> {
  item: T;
  attempt: number;
  timer?: NodeJS.Timeout;
}

export class WorkQueue<T> {
  /** Items waiting (ready or delayed), by key. */
  private readonly waiting = new Map<string, Slot<T>>();
  private readonly ready: string[] = [];
  private readonly readySet = new Set<string>();
  /** Items being processed, by key (their attempt count kept for a retry). */
  private readonly active = new Map<string, Slot<T>>();
  private running = 0;
  private stopped = false;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly o: QueueOptions<T>) {}

  add(key: string, item: T): void {
    if (this.stopped) return;
    const w = this.waiting.get(key);
    if (w) {
      w.item = this.o.merge(w.item, item);
      // New information is worth acting on now, not after a retry delay.
      if (w.timer) {
        clearTimeout(w.timer);
        w.timer = undefined;
        this.markReady(key);
      }
      return;
    }
    this.waiting.set(key, { item, attempt: 0 });
    this.markReady(key);
  }

  /** Re-adds an item after `delayMs` (merged with whatever arrives meanwhile). */
  addAfter(key: string, item: T, delayMs: number, attempt = 0): void {
    if (this.stopped) return;
    const w = this.waiting.get(key);
    if (w) {
      w.item = this.o.merge(item, w.item);
      return;
    }
    const slot: Slot<T> = { item, attempt };
    slot.timer = setTimeout(() => {
      slot.timer = undefined;
      this.markReady(key);
    }, delayMs);
    slot.timer.unref?.();
    this.waiting.set(key, slot);
  }

  private markReady(key: string): void {
    if (this.readySet.has(key)) return;
    this.readySet.add(key);
    this.ready.push(key);
    this.pump();
  }

  private pump(): void {
    while (!this.stopped && this.running < this.o.concurrency && this.ready.length) {
      // Skip keys being processed: they run again when their worker finishes.
      const idx = this.ready.findIndex((k) => !this.active.has(k));
      if (idx < 0) return;
      const key = this.ready.splice(idx, 1)[0]!;
      this.readySet.delete(key);
      const slot = this.waiting.get(key);
      if (!slot) continue;
      this.waiting.delete(key);
      this.active.set(key, slot);
      this.running++;
      void this.run(key, slot);
    }
  }

  private async run(key: string, slot: Slot<T>): Promise<void> {
    try {
      await this.o.process(key, slot.item);
    } catch (err) {
      const delay = this.o.onError(key, slot.item, err, slot.attempt + 1);
      if (delay !== undefined && !this.stopped) {
        this.active.delete(key);
        this.addAfter(key, slot.item, delay, slot.attempt + 1);
      }
    } finally {
      this.active.delete(key);
      this.running--;
      if (this.waiting.has(key) && !this.waiting.get(key)!.timer) this.markReady(key);
      this.pump();
      if (this.running === 0 && this.ready.length === 0) this.notifyIdle();
    }
  }

  private notifyIdle(): void {
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const f of w) f();
  }

  /** Items not yet processed (waiting, delayed or in progress). */
  get size(): number {
    return this.waiting.size + this.active.size;
  }

  /** Every pending item (waiting, delayed, in progress). */
  *pending(): Iterable<[string, T]> {
    for (const [k, s] of this.waiting) yield [k, s.item];
    for (const [k, s] of this.active) yield [k, s.item];
  }

  has(key: string): boolean {
    return this.waiting.has(key) || this.active.has(key);
  }

  /** Resolves once nothing is ready or running (delayed retries may remain). */
  idle(): Promise<void> {
    if (this.running === 0 && this.ready.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Waits until fewer than `max` items are pending: back-pressure for a long list. */
  async below(max: number): Promise<void> {
    while (!this.stopped && this.size >= max) await new Promise((r) => setTimeout(r, 20));
  }

  stop(): void {
    this.stopped = true;
    for (const s of this.waiting.values()) if (s.timer) clearTimeout(s.timer);
    this.notifyIdle();
  }
}
