// (b) GET latency: single 1 KB ConfigMaps read by `conns` concurrent closed-loop keep-alive
// clients over HTTPS, each request for a random one of `objects`. kplane: GET
// …/namespaces/NS/configmaps/NAME. Ceiling: the bare fastify server doing one SQLite point read of
// the same row in kplane's own database file, JSON.parse and JSON.stringify (GET /get/NS/NAME).
// Same load generator; rounds alternate between the sides, and each side's figures are the
// medians of its rounds. The figure is p99: with closed-loop clients the median mostly mirrors
// throughput, while p99 shows the stalls (GC, event-loop blocking) a client waits on.

import { closedLoop, expectNoErrors, summarizeRounds, type LoadResult, type SideFigures } from './loadgen.js';
import { configMapsPath, headers, type StoredObject, type Target } from './target.js';

export interface GetsOptions {
  conns: number;
  warmupMs: number;
  durationMs: number;
  rounds: number;
}

export interface GetsResult {
  /** How many distinct objects the GETs were spread over. */
  objects: number;
  conns: number;
  kplane: SideFigures;
  ceiling: SideFigures;
  /** kplane p99 ÷ ceiling p99. */
  ratio: number;
}

export async function benchGets(kplane: Target, ceiling: Target, objects: readonly StoredObject[], o: GetsOptions): Promise<GetsResult> {
  const pick = () => objects[Math.floor(Math.random() * objects.length)]!;
  const kpHeaders = headers(kplane, { accept: 'application/json' });
  const ceilHeaders = headers(ceiling, { accept: 'application/json' });
  const common = { conns: o.conns, warmupMs: o.warmupMs, durationMs: o.durationMs };
  const kpRounds: LoadResult[] = [];
  const ceilRounds: LoadResult[] = [];
  for (let round = 0; round < o.rounds; round++) {
    const ceilRound = await closedLoop({
      ...common,
      origin: ceiling.origin,
      caPem: ceiling.caPem,
      request: () => {
        const x = pick();
        return { method: 'GET', path: `/get/${x.namespace}/${x.name}`, headers: ceilHeaders };
      },
    });
    ceilRounds.push(expectNoErrors('ceiling', ceilRound));
    const kpRound = await closedLoop({
      ...common,
      origin: kplane.origin,
      caPem: kplane.caPem,
      request: () => {
        const x = pick();
        return { method: 'GET', path: `${configMapsPath(x.namespace)}/${x.name}`, headers: kpHeaders };
      },
    });
    kpRounds.push(expectNoErrors('kplane', kpRound));
  }
  const kp = summarizeRounds(kpRounds);
  const ceil = summarizeRounds(ceilRounds);
  return { objects: objects.length, conns: o.conns, kplane: kp, ceiling: ceil, ratio: kp.p99Ms / ceil.p99Ms };
}
