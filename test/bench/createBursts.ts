// Creates into a store of a given size (the cost curve's create figure): `rounds` bursts of `count`
// 1 KB ConfigMaps from `conns` closed-loop clients on keep-alive connections opened beforehand.
// After each burst its objects are removed again, untimed (kplane: DELETEs; ceiling: POST /trim),
// so the store stays between N and N + count while it is measured. A timed window, as in (a), would
// grow a store of 1,000 objects by tens of thousands. One untimed burst per side warms the
// connections and caches; then bursts alternate between the sides.

import type { Pool } from 'undici';
import { burst, expectNoErrors, loadPool, type BurstResult } from './loadgen.js';
import { configMapBody } from './objects.js';
import { median, quantile } from './stats.js';
import { call, configMapsPath, createNamespace, deleteConfigMaps, headers, type Target } from './target.js';

export interface BurstOptions {
  conns: number;
  /** Creates per burst. */
  count: number;
  rounds: number;
}

export interface BurstSide {
  /** Median over bursts of count ÷ burst duration. */
  rate: number;
  /** Over every request of every timed burst. */
  p50Ms: number;
  p99Ms: number;
  rates: number[];
}

export interface CreateBurstsResult {
  count: number;
  conns: number;
  kplane: BurstSide;
  ceiling: BurstSide;
  /** kplane rate ÷ ceiling rate. */
  ratio: number;
}

function side(bursts: BurstResult[]): BurstSide {
  const all = bursts.flatMap((b) => b.latencies);
  const rates = bursts.map((b) => b.rate);
  return { rate: median(rates), p50Ms: quantile(all, 0.5), p99Ms: quantile(all, 0.99), rates };
}

/**
 * `namespace` is kplane's (created if absent, left empty); `ceilingRv` is the ceiling table's
 * revision at its seeded size (what each burst is trimmed back to); `label` keeps names unique.
 */
export async function benchCreateBursts(kplane: Target, ceiling: Target, namespace: string, ceilingRv: number, label: string, o: BurstOptions): Promise<CreateBurstsResult> {
  await createNamespace(kplane, namespace);
  const kpHeaders = headers(kplane, { 'content-type': 'application/json' });
  const ceilHeaders = headers(ceiling, { 'content-type': 'application/json' });
  const kpPool = loadPool(kplane.origin, kplane.caPem, o.conns);
  const ceilPool = loadPool(ceiling.origin, ceiling.caPem, o.conns);
  const kpBursts: BurstResult[] = [];
  const ceilBursts: BurstResult[] = [];
  const timed = async (pool: Pool, side: string, path: string, reqHeaders: Record<string, string>, names: string[]) =>
    expectNoErrors(side, await burst(pool, o.conns, o.count, (i) => ({ method: 'POST', path, headers: reqHeaders, body: configMapBody(names[i]!) })));
  try {
    for (let r = -1; r < o.rounds; r++) {
      const names = Array.from({ length: o.count }, (_, i) => `burst-${label}-${r + 1}-${i}`);
      const c = await timed(ceilPool, 'ceiling', '/insert', ceilHeaders, names);
      const trimmed = await call(ceiling, 'POST', '/trim', JSON.stringify({ rv: ceilingRv }));
      if (trimmed.status !== 200) throw new Error(`POST /trim: ${trimmed.status} ${trimmed.text.slice(0, 300)}`);
      const k = await timed(kpPool, 'kplane', configMapsPath(namespace), kpHeaders, names);
      await deleteConfigMaps(kplane, names.map((name) => ({ namespace, name })), o.conns);
      if (r >= 0) {
        ceilBursts.push(c);
        kpBursts.push(k);
      }
    }
  } finally {
    await kpPool.close();
    await ceilPool.close();
  }
  const kp = side(kpBursts);
  const ceil = side(ceilBursts);
  return { count: o.count, conns: o.conns, kplane: kp, ceiling: ceil, ratio: kp.rate / ceil.rate };
}
