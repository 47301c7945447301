// The controllers' work queue: a set of string keys processed one at a time on a timer (never
// inside the watch callback that added them), each key at most once in the queue. A key whose
// work is not done yet (false or a throw) comes back after the retry delay; keys added while the
// queue drains are processed in the same drain. One timer per controller, never one per key.

export type Work = (key: string) => Promise<boolean>;

export class WorkQueue {
  private readonly keys = new Set<string>();
  private timer?: NodeJS.Timeout;
  private running = false;
  private stopped = false;

  constructor(
    private readonly work: Work,
    private readonly onError: (err: unknown, key: string) => void,
    private readonly retryMs = 1000,
  ) {}

  add(key: string): void {
    this.keys.add(key);
    this.schedule(0);
  }

  get size(): number {
    return this.keys.size;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, ms);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const retry: string[] = [];
    try {
      while (this.keys.size && !this.stopped) {
        const key = this.keys.values().next().value as string;
        this.keys.delete(key);
        const done = await this.work(key).catch((e) => {
          this.onError(e, key);
          return false;
        });
        if (!done) retry.push(key);
      }
    } finally {
      this.running = false;
      for (const key of retry) this.keys.add(key);
      if (this.keys.size) this.schedule(retry.length ? this.retryMs : 0);
    }
  }
}
