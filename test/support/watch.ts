// Reads a watch stream incrementally, as a Kubernetes client does: one {"type","object"} JSON event
// per line, handed out as soon as it arrives, with a deadline per event.

import { Agent, request } from 'undici';

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: any;
}

export interface WatchStream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The next event; rejects after `timeoutMs`, resolves undefined once the stream has ended. */
  next(timeoutMs?: number): Promise<WatchEvent | undefined>;
  /** Events until `until` returns true for one (included), or the stream ends. */
  collect(until: (e: WatchEvent) => boolean, timeoutMs?: number): Promise<WatchEvent[]>;
  /** Every event that arrives within `ms` (the stream stays open). */
  drain(ms: number): Promise<WatchEvent[]>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function openWatch(agent: Agent, url: string, token: string, headers: Record<string, string> = {}): Promise<WatchStream> {
  const ac = new AbortController();
  const res = await request(url, { method: 'GET', headers: { authorization: `Bearer ${token}`, ...headers }, dispatcher: agent, signal: ac.signal, headersTimeout: 10_000, bodyTimeout: 0 });
  const queue: WatchEvent[] = [];
  const waiters: Array<() => void> = [];
  let done = false;
  let failure: unknown;
  const wake = (): void => {
    for (const w of waiters.splice(0)) w();
  };
  const ended = (async () => {
    let buf = '';
    try {
      for await (const chunk of res.body) {
        buf += chunk.toString();
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (line) queue.push(JSON.parse(line));
        }
        wake();
      }
      if (buf.trim()) queue.push(JSON.parse(buf));
    } catch (e) {
      if (!ac.signal.aborted) failure = e;
    } finally {
      done = true;
      wake();
    }
  })();

  const next = async (timeoutMs = 5000): Promise<WatchEvent | undefined> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (queue.length) return queue.shift();
      if (failure) throw failure;
      if (done) return undefined;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no watch event within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  };

  return {
    status: res.statusCode,
    headers: res.headers as WatchStream['headers'],
    next,
    async collect(until, timeoutMs = 5000) {
      const out: WatchEvent[] = [];
      for (;;) {
        const e = await next(timeoutMs);
        if (!e) return out;
        out.push(e);
        if (until(e)) return out;
      }
    },
    async drain(ms) {
      const out: WatchEvent[] = [];
      const deadline = Date.now() + ms;
      for (;;) {
        const left = deadline - Date.now();
        if (left <= 0) return out;
        try {
          const e = await next(left);
          if (!e) return out;
          out.push(e);
        } catch {
          return out;
        }
      }
    },
    ended,
    close() {
      ac.abort();
    },
  };
}
