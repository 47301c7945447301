// List+watch of one collection, resumable: from a known revision it only watches; without one
// (or when the revision is compacted: 410) it lists page by page, then watches from the list's
// revision. Streams that end or break are re-opened from the last revision seen, with backoff.

import type { Logger } from 'pino';
import { ExpiredError, KObject, KubeClient, WatchEvent } from './client.js';

export interface ListWatchHandlers {
  /** A full list begins (the first one, or a relist after 410). */
  listStarted(): void;
  /** One page of a list; awaited, so a slow consumer slows the list down. */
  listPage(items: KObject[]): Promise<void>;
  /** The list is complete and consistent at `rv`: what it lacked is gone. */
  listComplete(rv: string): void;
  event(type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: KObject): void;
  /** The revision the stream has reached (events and bookmarks). */
  progress(rv: string): void;
}

export interface ListWatchOptions {
  labelSelector?: string;
  /** Resume from here instead of listing. */
  resumeRv?: string;
  pageSize?: number;
  log: Logger;
  what: string;
}

const MAX_BACKOFF_MS = 30_000;

export class ListWatch {
  private stopped = false;
  private readonly abort = new AbortController();
  private rv?: string;
  private syncedResolve!: () => void;
  /** Resolves once the first list is processed, or the resumed watch is open. */
  readonly synced: Promise<void>;
  relists = 0;

  constructor(private readonly client: KubeClient, private readonly path: string, private readonly o: ListWatchOptions, private readonly h: ListWatchHandlers) {
    this.rv = o.resumeRv || undefined;
    this.synced = new Promise((r) => (this.syncedResolve = r));
  }

  get revision(): string | undefined {
    return this.rv;
  }

  start(): void {
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
  }

  private async list(): Promise<string> {
    this.h.listStarted();
    let rv = '';
    for await (const page of this.client.listPages(this.path, { labelSelector: this.o.labelSelector, limit: this.o.pageSize ?? 500, signal: this.abort.signal })) {
      if (this.stopped) throw new Error('stopped');
      await this.h.listPage(page.items);
      if (page.last) rv = page.resourceVersion;
    }
    this.h.listComplete(rv);
    return rv;
  }

  private async loop(): Promise<void> {
    let backoff = 500;
    while (!this.stopped) {
      try {
        if (!this.rv) {
          this.rv = await this.list();
          this.h.progress(this.rv);
          this.syncedResolve();
        }
        await this.client.watch(
          this.path,
          { resourceVersion: this.rv, labelSelector: this.o.labelSelector, signal: this.abort.signal, onOpen: () => this.syncedResolve() },
          (ev: WatchEvent) => {
            const rv = ev.object?.metadata?.resourceVersion;
            if (ev.type !== 'BOOKMARK') this.h.event(ev.type as 'ADDED' | 'MODIFIED' | 'DELETED', ev.object);
            if (rv) {
              this.rv = rv;
              this.h.progress(rv);
            }
            backoff = 500;
          },
        );
      } catch (e) {
        if (this.stopped) return;
        if (e instanceof ExpiredError) {
          this.o.log.info({ what: this.o.what, rv: this.rv }, 'revision compacted: relisting');
          this.rv = undefined;
          this.relists++;
          continue;
        }
        this.o.log.warn({ what: this.o.what, err: (e as Error).message }, 'list/watch failed; retrying');
        await new Promise((r) => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }
}
