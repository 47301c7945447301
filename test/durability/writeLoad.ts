// The write load of the kill -9 test, and the ledger of what it attempted and what was
// acknowledged. Each worker has its own keep-alive connection and one request in flight at a
// time: creates of new ConfigMaps, and updates (PUT with the acknowledged resourceVersion) of the
// worker's own counter ConfigMap. Every object carries a random payload and its checksum, so a
// half-written object is recognisable.

import { createHash, randomBytes } from 'node:crypto';
import { Pool } from 'undici';

export const NAMESPACE = 'durability';
export const CM_PATH = `/clusters/root/api/v1/namespaces/${NAMESPACE}/configmaps`;

export interface Server {
  baseURL: string;
  caPem: string;
  token: string;
}

/** An acknowledged write (2xx with this resourceVersion). */
export interface Ack {
  name: string;
  rv: number;
  type: 'ADDED' | 'MODIFIED';
  round: number;
}

export interface CreateAttempt {
  sum: string;
  round: number;
  /** Set when the create was acknowledged. */
  rv?: number;
}

export interface CounterState {
  /** Last acknowledged (or, after a restart, read back) seq and resourceVersion. */
  seq: number;
  rv: number;
  /** The seq of an update sent but not acknowledged (it may or may not have committed). */
  inflight?: { seq: number; sum: string };
}

export class Ledger {
  readonly creates = new Map<string, CreateAttempt>();
  readonly counters = new Map<string, CounterState>();
  readonly acks: Ack[] = [];

  maxAckedRv(): number {
    let m = 0;
    for (const a of this.acks) if (a.rv > m) m = a.rv;
    return m;
  }
}

export function checksum(payload: string): string {
  return createHash('sha256').update(payload).digest('hex').slice(0, 16);
}

function payload(): { payload: string; sum: string } {
  const p = randomBytes(100 + Math.floor(Math.random() * 1400)).toString('base64');
  return { payload: p, sum: checksum(p) };
}

/** A complete object has the content we send: a payload matching its checksum. */
export function isComplete(obj: any): boolean {
  return (
    obj?.kind === 'ConfigMap' &&
    obj?.apiVersion === 'v1' &&
    typeof obj?.metadata?.uid === 'string' &&
    /^\d+$/.test(obj?.metadata?.resourceVersion ?? '') &&
    typeof obj?.data?.payload === 'string' &&
    checksum(obj.data.payload) === obj.data.sum
  );
}

export function clientFor(s: Server, connections: number): Pool {
  return new Pool(s.baseURL, { connections, pipelining: 1, connect: { ca: s.caPem }, allowH2: false });
}

export function authHeaders(s: Server): Record<string, string> {
  return { authorization: `Bearer ${s.token}`, 'content-type': 'application/json', accept: 'application/json' };
}

/** One HTTP exchange; throws on transport errors (e.g. the server was killed). */
export async function send(pool: Pool, s: Server, method: 'GET' | 'POST' | 'PUT', path: string, body?: object): Promise<{ status: number; json: any; text: string }> {
  const res = await pool.request({ method, path, headers: authHeaders(s), body: body === undefined ? undefined : JSON.stringify(body), headersTimeout: 10_000, bodyTimeout: 10_000 });
  const text = await res.body.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, json, text };
}

const counterName = (w: number) => `counter-${w}`;

/**
 * Makes sure each worker's counter exists and takes its stored state as the new baseline (an
 * update in flight at the last kill may have committed: the verification has judged it already).
 */
export async function initCounters(s: Server, ledger: Ledger, workers: number, round: number): Promise<void> {
  const pool = clientFor(s, 1);
  try {
    for (let w = 0; w < workers; w++) {
      const name = counterName(w);
      const got = await send(pool, s, 'GET', `${CM_PATH}/${name}`);
      if (got.status === 200) {
        ledger.counters.set(name, { seq: Number(got.json.data.seq), rv: Number(got.json.metadata.resourceVersion) });
        continue;
      }
      if (got.status !== 404) throw new Error(`GET ${name}: ${got.status} ${got.text}`);
      const p = payload();
      const res = await send(pool, s, 'POST', CM_PATH, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { seq: '0', ...p } });
      if (res.status !== 201) throw new Error(`create ${name}: ${res.status} ${res.text}`);
      const rv = Number(res.json.metadata.resourceVersion);
      ledger.counters.set(name, { seq: 0, rv });
      ledger.acks.push({ name, rv, type: 'ADDED', round });
    }
  } finally {
    await pool.close();
  }
}

export interface LoadRun {
  /** Resolves when every worker has stopped (after the server died, or stop()). */
  done: Promise<void>;
  /** Unexpected answers (non-2xx): any is a failure of the test. */
  unexpected: string[];
  stop(): void;
  acked(): number;
}

/** Starts `workers` writers; each stops at its first transport error (the server was killed). */
export function startLoad(s: Server, ledger: Ledger, workers: number, round: number): LoadRun {
  const pool = clientFor(s, workers);
  const unexpected: string[] = [];
  let stopped = false;
  let acked = 0;
  const worker = async (w: number) => {
    const counter = counterName(w);
    for (let i = 0; !stopped; i++) {
      try {
        if (i % 3 === 2) {
          const state = ledger.counters.get(counter)!;
          const p = payload();
          const seq = state.seq + 1;
          state.inflight = { seq, ...p };
          const res = await send(pool, s, 'PUT', `${CM_PATH}/${counter}`, {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: counter, resourceVersion: String(state.rv) },
            data: { seq: String(seq), ...p },
          });
          if (res.status !== 200) {
            unexpected.push(`PUT ${counter}: ${res.status} ${res.text.slice(0, 300)}`);
            return;
          }
          const rv = Number(res.json.metadata.resourceVersion);
          ledger.counters.set(counter, { seq, rv });
          ledger.acks.push({ name: counter, rv, type: 'MODIFIED', round });
        } else {
          const name = `r${round}-w${w}-${i}`;
          const p = payload();
          const attempt: CreateAttempt = { sum: p.sum, round };
          ledger.creates.set(name, attempt);
          const res = await send(pool, s, 'POST', CM_PATH, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { round: String(round) } }, data: p });
          if (res.status !== 201) {
            unexpected.push(`POST ${name}: ${res.status} ${res.text.slice(0, 300)}`);
            return;
          }
          attempt.rv = Number(res.json.metadata.resourceVersion);
          ledger.acks.push({ name, rv: attempt.rv, type: 'ADDED', round });
        }
        acked++;
      } catch {
        return; // the server is gone
      }
    }
  };
  const done = Promise.all(Array.from({ length: workers }, (_, w) => worker(w))).then(() => pool.destroy().catch(() => {}));
  return {
    done,
    unexpected,
    stop: () => {
      stopped = true;
    },
    acked: () => acked,
  };
}
