// The load generator used for both sides of the create and get benchmarks: `conns` closed-loop
// clients, each with its own keep-alive HTTP/1.1 connection (one undici Pool, pipelining 1),
// sending one request at a time, either for a fixed window after a warm-up (closedLoop) or for a
// fixed number of requests on connections that are already open (burst: creates into a store of
// a given size, which a timed window would grow by tens of thousands). Runs in the benchmark
// process.

import { Pool } from 'undici';
import { median, quantile } from './stats.js';

export interface LoadOptions {
  origin: string;
  caPem: string;
  conns: number;
  warmupMs: number;
  durationMs: number;
  /** The i-th request (i counts from 0 over all clients). */
  request: (i: number) => LoadRequest;
}

export interface LoadRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers: Record<string, string>;
  body?: string;
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

/** A pool of `conns` keep-alive HTTP/1.1 connections, one request at a time on each. */
export function loadPool(origin: string, caPem: string, conns: number): Pool {
  return new Pool(origin, { connections: conns, pipelining: 1, connect: { ca: caPem }, allowH2: false, keepAliveTimeout: 60_000 });
}

/** Sends one request and drains its answer; an error text for a non-2xx answer or a transport error. */
async function send(pool: Pool, r: LoadRequest): Promise<string | undefined> {
  try {
    const res = await pool.request({ method: r.method, path: r.path, headers: r.headers, body: r.body });
    if (res.statusCode >= 200 && res.statusCode < 300) {
      await res.body.dump();
      return undefined;
    }
    return `${res.statusCode} ${(await res.body.text()).slice(0, 300)}`;
  } catch (e) {
    return String(e);
  }
}

export async function closedLoop(o: LoadOptions): Promise<LoadResult> {
  const pool = loadPool(o.origin, o.caPem, o.conns);
  const lat: number[] = [];
  let completed = 0;
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
      const error = await send(pool, o.request(next++));
      if (error) {
        errors++;
        firstError ??= error;
      }
      const end = performance.now();
      // The rate counts what completed in the window; latencies only requests sent inside it, so
      // that connection set-up during the warm-up does not land in a short window's p99.
      if (end >= from && end <= to) {
        completed++;
        if (start >= from) lat.push(end - start);
      }
    }
  };
  await Promise.all(Array.from({ length: o.conns }, worker));
  await pool.close();
  return {
    rate: completed / (o.durationMs / 1000),
    p50Ms: quantile(lat, 0.5),
    p99Ms: quantile(lat, 0.99),
    completed,
    errors,
    firstError,
  };
}

export interface BurstResult {
  /** count ÷ (last answer − first request). */
  rate: number;
  /** Every request's latency, ms. */
  latencies: number[];
  errors: number;
  firstError?: string;
}

/** `count` requests from `conns` closed-loop clients on `pool`'s (already open) connections. */
export async function burst(pool: Pool, conns: number, count: number, request: (i: number) => LoadRequest): Promise<BurstResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const t0 = performance.now();
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const start = performance.now();
      const error = await send(pool, request(i));
      latencies.push(performance.now() - start);
      if (error) {
        errors++;
        firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(conns, count) }, worker));
  return { rate: count / ((performance.now() - t0) / 1000), latencies, errors, firstError };
}

/** One side's figures over rounds of closedLoop: the median of the rounds' rate, p50 and p99. */
export interface SideFigures {
  rate: number;
  p50Ms: number;
  p99Ms: number;
  rounds: LoadResult[];
}

export function summarizeRounds(rounds: LoadResult[]): SideFigures {
  return { rate: median(rounds.map((r) => r.rate)), p50Ms: median(rounds.map((r) => r.p50Ms)), p99Ms: median(rounds.map((r) => r.p99Ms)), rounds };
}

/** Any failed request makes a run invalid. */
export function expectNoErrors<R extends { errors: number; firstError?: string }>(side: string, r: R): R {
  if (r.errors > 0) throw new Error(`${side}: ${r.errors} failed requests, first: ${r.firstError}`);
  return r;
}
