// (c) One event to many watchers: `watchers` watch streams over HTTP/1.1 keep-alive connections
// from this process; a round sends one write and times, from just before the write request
// leaves until the last stream has received the event. kplane: PATCH one ConfigMap watched by
// every stream (…/configmaps?watch=true&resourceVersion=<list rv>). Ceiling: the bare fastify
// server writes one ~1 KB line, serialized once, to every chunked stream (POST /broadcast).
// Same client, same object size; each side's figure is the median of `rounds` (after a warm-up).

import { Pool } from 'undici';
import { configMapBody } from './objects.js';
import { median } from './stats.js';
import { createNamespace, expectOk, headers, type Target } from './target.js';
import { openWatchers, type WatcherSet } from './watchers.js';

export interface FanoutOptions {
  watchers: number;
  rounds: number;
}

export interface FanoutSide {
  /** Median over rounds of the time until the last watcher had the event. */
  lastMs: number;
  /** Median over rounds of the time until half the watchers had it. */
  p50Ms: number;
  rounds: number[];
}

export interface FanoutResult {
  watchers: number;
  kplane: FanoutSide;
  ceiling: FanoutSide;
  /** kplane lastMs ÷ ceiling lastMs. */
  ratio: number;
}

const NAMESPACE = 'bench-watch';

async function rounds(ws: WatcherSet, n: number, fire: (marker: string) => Promise<void>): Promise<FanoutSide> {
  const last: number[] = [];
  const half: number[] = [];
  for (let r = -1; r < n; r++) {
    const marker = `mark-${r + 1}-${Math.random().toString(36).slice(2, 10)}`;
    const arrived = ws.arm(marker, 30_000);
    const t0 = performance.now();
    await fire(marker);
    const times = (await arrived).map((t) => t - t0).sort((a, b) => a - b);
    if (r >= 0) {
      last.push(times[times.length - 1]!);
      half.push(times[times.length >> 1]!);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { lastMs: median(last), p50Ms: median(half), rounds: last };
}

export async function benchFanout(kplane: Target, ceiling: Target, o: FanoutOptions): Promise<FanoutResult> {
  // kplane: one object, watched by every stream from the list's revision.
  await createNamespace(kplane, NAMESPACE);
  const nsPath = `/clusters/root/api/v1/namespaces/${NAMESPACE}/configmaps`;
  await expectOk(kplane, 'POST', nsPath, configMapBody('target', { marker: 'none' }));
  const listRv = (await expectOk(kplane, 'GET', nsPath)).metadata.resourceVersion as string;

  const writer = (t: Target) => new Pool(t.origin, { connections: 1, connect: { ca: t.caPem }, allowH2: false });
  const send = async (pool: Pool, t: Target, method: 'PATCH' | 'POST', path: string, body: string, contentType: string) => {
    const res = await pool.request({ method, path, headers: headers(t, { 'content-type': contentType }), body });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 300)}`);
  };

  let kp: FanoutSide;
  {
    const ws = await openWatchers(kplane.origin, kplane.caPem, `${nsPath}?watch=true&resourceVersion=${listRv}`, headers(kplane, { accept: 'application/json' }), o.watchers);
    const pool = writer(kplane);
    try {
      kp = await rounds(ws, o.rounds, (marker) => send(pool, kplane, 'PATCH', `${nsPath}/target`, JSON.stringify({ data: { marker } }), 'application/merge-patch+json'));
    } finally {
      await pool.close();
      await ws.close();
    }
  }

  // The ceiling broadcasts the object exactly as kplane stores it, so both events are the same size.
  const stored = await expectOk(kplane, 'GET', `${nsPath}/target`);
  let ceil: FanoutSide;
  {
    const ws = await openWatchers(ceiling.origin, ceiling.caPem, '/watch', headers(ceiling), o.watchers);
    const pool = writer(ceiling);
    try {
      ceil = await rounds(ws, o.rounds, (marker) => {
        stored.data.marker = marker;
        return send(pool, ceiling, 'POST', '/broadcast', JSON.stringify(stored), 'application/json');
      });
    } finally {
      await pool.close();
      await ws.close();
    }
  }
  return { watchers: o.watchers, kplane: kp, ceiling: ceil, ratio: kp.lastMs / ceil.lastMs };
}
