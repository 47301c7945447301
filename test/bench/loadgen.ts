// The load generator used for both sides of the create benchmark: `conns` closed-loop clients,
// each with its own keep-alive HTTP/1.1 connection (one undici Pool, pipelining 1), sending one
// request at a time for a fixed window after a warm-up. Runs in the benchmark process.

import { Pool } from 'undici';
import { quantile } from './stats.js';

export interface LoadOptions {
  origin: string;
  caPem: string;
  conns: number;
  warmupMs: number;
  durationMs: number;
  /** The i-th request (i counts from 0 over all clients). */
  request: (i: number) => { method: 'POST' | 'PUT' | 'PATCH'; path: string; headers: Record<string, string>; body: string };
}

export interface LoadResult {
  /** Completed 2xx requests per second inside the measured window. */
  rate: number;
  p50Ms: number;
  p99Ms: number;
  completed: number;
  /** Non-2xx answers and transport errors (any makes the run invalid). */
  errors: number;
  firstError?: string;
}

export async function closedLoop(o: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(o.origin, { connections: o.conns, pipelining: 1, connect: { ca: o.caPem }, allowH2: false, keepAliveTimeout: 60_000 });
  const lat: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const t0 = performance.now();
  const from = t0 + o.warmupMs;
  const to = from + o.durationMs;
  const worker = async () => {
    for (;;) {
      const start = performance.now();
      if (start >= to) return;
      const r = o.request(next++);
      try {
        const res = await pool.request({ method: r.method, path: r.path, headers: r.headers, body: r.body });
        if (res.statusCode >= 200 && res.statusCode < 300) {
          await res.body.dump();
        } else {
          errors++;
          firstError ??= `${res.statusCode} ${(await res.body.text()).slice(0, 300)}`;
        }
      } catch (e) {
        errors++;
        firstError ??= String(e);
      }
      const end = performance.now();
      if (end >= from && end <= to) lat.push(end - start);
    }
  };
  await Promise.all(Array.from({ length: o.conns }, worker));
  await pool.close();
  return {
    rate: lat.length / (o.durationMs / 1000),
    p50Ms: quantile(lat, 0.5),
    p99Ms: quantile(lat, 0.99),
    completed: lat.length,
    errors,
    firstError,
  };
}
