// Many watch streams held by this process, each on its own HTTP/1.1 keep-alive connection (one
// undici Pool with as many connections as streams), and a clock for "every stream has received
// the line containing <marker>". The same client serves kplane and the ceiling.

import { Pool } from 'undici';

export interface WatcherSet {
  count: number;
  /**
   * Arms a round: resolves with, for each stream, the performance.now() at which a chunk holding
   * `marker` arrived, once all have (rejects after `timeoutMs`).
   */
  arm(marker: string, timeoutMs: number): Promise<number[]>;
  close(): Promise<void>;
}

export async function openWatchers(origin: string, caPem: string, path: string, reqHeaders: Record<string, string>, count: number): Promise<WatcherSet> {
  const pool = new Pool(origin, { connections: count, pipelining: 1, connect: { ca: caPem }, allowH2: false, keepAliveTimeout: 600_000 });
  let marker = '';
  let round = 0;
  let pending = 0;
  let times: number[] = [];
  let done: ((t: number[]) => void) | undefined;
  const streams: Array<{ tail: string; round: number; destroy(): void }> = [];

  const open = async (idx: number) => {
    const res = await pool.request({ method: 'GET', path, headers: reqHeaders, headersTimeout: 60_000, bodyTimeout: 0 });
    if (res.statusCode !== 200) throw new Error(`watch ${idx}: ${res.statusCode} ${(await res.body.text()).slice(0, 300)}`);
    const s = { tail: '', round: 0, destroy: () => res.body.destroy() };
    streams[idx] = s;
    res.body.on('error', () => {});
    res.body.on('data', (chunk: Buffer) => {
      if (s.round === round || !marker) return;
      const text = s.tail + chunk.toString('latin1');
      if (text.includes(marker)) {
        s.round = round;
        s.tail = '';
        times[idx] = performance.now();
        if (--pending === 0) done?.(times);
      } else {
        s.tail = text.slice(-marker.length);
      }
    });
  };
  // Open in waves so the handshakes do not all queue at once.
  for (let i = 0; i < count; i += 100) {
    await Promise.all(Array.from({ length: Math.min(100, count - i) }, (_, j) => open(i + j)));
  }

  return {
    count,
    arm(m, timeoutMs) {
      marker = m;
      round++;
      pending = count;
      times = new Array(count);
      for (const s of streams) s.tail = '';
      return new Promise<number[]>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`only ${count - pending} of ${count} watchers got the event within ${timeoutMs} ms`)), timeoutMs);
        done = (ts) => {
          clearTimeout(t);
          done = undefined;
          resolve(ts);
        };
      });
    },
    async close() {
      for (const s of streams) s?.destroy();
      await pool.destroy();
    },
  };
}
