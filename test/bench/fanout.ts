// (c) One event to many watchers: `watchers` watch streams over HTTP/1.1 keep-alive connections
// from this process; a round sends one write and times, from just before the write request
// leaves until the last stream has received the event. kplane: PATCH one ConfigMap watched by
// every stream (…/configmaps?watch=true&resourceVersion=<list rv>). Ceiling: the bare fastify
// server writes one ~1 KB line, serialized once, to every chunked stream (POST /broadcast).
// Same client, same object size; each side's figure is the median of `rounds` (after a warm-up);
// rounds alternate between the sides.

import { Pool } from 'undici';
import { configMapBody } from './objects.js';
import { median } from './stats.js';
import { configMapsPath, createNamespace, expectOk, headers, type Target } from './target.js';
import { openWatchers, type WatcherSet } from './watchers.js';

export interface FanoutOptions {
  watchers: number;
  rounds: number;
  /** Where the watched object lives (a fresh one per call; default bench-watch). */
  namespace?: string;
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


/** One round: arm, fire, and the arrival times (ms after the write left) of every stream, sorted. */
async function round(ws: WatcherSet, fire: (marker: string) => Promise<void>): Promise<number[]> {
  const marker = `mark-${Math.random().toString(36).slice(2, 12)}`;
  const arrived = ws.arm(marker, 30_000);
  const t0 = performance.now();
  await fire(marker);
  return (await arrived).map((t) => t - t0).sort((a, b) => a - b);
}

function side(rounds: number[][]): FanoutSide {
  const last = rounds.map((ts) => ts[ts.length - 1]!);
  return { lastMs: median(last), p50Ms: median(rounds.map((ts) => ts[ts.length >> 1]!)), rounds: last };
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 50));

export async function benchFanout(kplane: Target, ceiling: Target, o: FanoutOptions): Promise<FanoutResult> {
  // kplane: one object, watched by every stream from the list's revision.
  const namespace = o.namespace ?? 'bench-watch';
  await createNamespace(kplane, namespace);
  const nsPath = configMapsPath(namespace);
  await expectOk(kplane, 'POST', nsPath, configMapBody('target', { marker: 'none' }));
  const listRv = (await expectOk(kplane, 'GET', nsPath)).metadata.resourceVersion as string;

  const writer = (t: Target) => new Pool(t.origin, { connections: 1, connect: { ca: t.caPem }, allowH2: false });
  const send = async (pool: Pool, t: Target, method: 'PATCH' | 'POST', path: string, body: string, contentType: string) => {
    const res = await pool.request({ method, path, headers: headers(t, { 'content-type': contentType }), body });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 300)}`);
  };

  // The ceiling broadcasts the object exactly as kplane stores it, so both events are the same size.
  const stored = await expectOk(kplane, 'GET', `${nsPath}/target`);

  // Both sets of streams stay open; rounds alternate between the sides (one warm-up round each),
  // so that whatever else the machine does weighs on both alike.
  const kpWatchers = await openWatchers(kplane.origin, kplane.caPem, `${nsPath}?watch=true&resourceVersion=${listRv}`, headers(kplane, { accept: 'application/json' }), o.watchers);
  const ceilWatchers = await openWatchers(ceiling.origin, ceiling.caPem, '/watch', headers(ceiling), o.watchers);
  const kpPool = writer(kplane);
  const ceilPool = writer(ceiling);
  const kpRounds: number[][] = [];
  const ceilRounds: number[][] = [];
  try {
    for (let r = -1; r < o.rounds; r++) {
      const k = await round(kpWatchers, (marker) => send(kpPool, kplane, 'PATCH', `${nsPath}/target`, JSON.stringify({ data: { marker } }), 'application/merge-patch+json'));
      await pause();
      const c = await round(ceilWatchers, (marker) => {
        stored.data.marker = marker;
        return send(ceilPool, ceiling, 'POST', '/broadcast', JSON.stringify(stored), 'application/json');
      });
      await pause();
      if (r >= 0) {
        kpRounds.push(k);
        ceilRounds.push(c);
      }
    }
  } finally {
    await kpPool.close();
    await ceilPool.close();
    await kpWatchers.close();
    await ceilWatchers.close();
  }
  const kp = side(kpRounds);
  const ceil = side(ceilRounds);
  return { watchers: o.watchers, kplane: kp, ceiling: ceil, ratio: kp.lastMs / ceil.lastMs };
}
