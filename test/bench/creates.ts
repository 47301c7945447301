// (a) Durable creates: 1 KB ConfigMaps POSTed by `conns` concurrent keep-alive clients, against
// kplane and against the ceiling (bare fastify + one durable SQLite insert per request), in
// alternating rounds with the same load generator; each side's figure is the median of rounds.

import { closedLoop, expectNoErrors, summarizeRounds, type LoadResult, type SideFigures } from './loadgen.js';
import { configMapBody } from './objects.js';
import { createNamespace, headers, type Target } from './target.js';

export interface CreatesOptions {
  rounds: number;
  conns: number;
  warmupMs: number;
  durationMs: number;
}

export interface CreatesResult {
  kplane: SideFigures;
  ceiling: SideFigures;
  /** kplane rate ÷ ceiling rate. */
  ratio: number;
}

const NAMESPACE = 'bench-creates';

export async function benchCreates(kplane: Target, ceiling: Target, o: CreatesOptions): Promise<CreatesResult> {
  await createNamespace(kplane, NAMESPACE);
  const kpRounds: LoadResult[] = [];
  const ceilRounds: LoadResult[] = [];
  const kpHeaders = headers(kplane, { 'content-type': 'application/json' });
  const ceilHeaders = headers(ceiling, { 'content-type': 'application/json' });
  for (let round = 0; round < o.rounds; round++) {
    const common = { conns: o.conns, warmupMs: o.warmupMs, durationMs: o.durationMs };
    ceilRounds.push(
      expectNoErrors(
        'ceiling',
        await closedLoop({ ...common, origin: ceiling.origin, caPem: ceiling.caPem, request: (i) => ({ method: 'POST', path: '/insert', headers: ceilHeaders, body: configMapBody(`cm-${round}-${i}`) }) }),
      ),
    );
    kpRounds.push(
      expectNoErrors(
        'kplane',
        await closedLoop({
          ...common,
          origin: kplane.origin,
          caPem: kplane.caPem,
          request: (i) => ({ method: 'POST', path: `/clusters/root/api/v1/namespaces/${NAMESPACE}/configmaps`, headers: kpHeaders, body: configMapBody(`cm-${round}-${i}`) }),
        }),
      ),
    );
  }
  const kp = summarizeRounds(kpRounds);
  const ceil = summarizeRounds(ceilRounds);
  return { kplane: kp, ceiling: ceil, ratio: kp.rate / ceil.rate };
}
