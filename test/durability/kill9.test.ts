// No acknowledged write is lost on kill -9, through the real server: `node bin/kplane serve` as a
// child process, a write load of creates and updates over HTTPS from concurrent clients, SIGKILL
// at a random moment, restart on the same data dir, check; several rounds on the same data dir.
// A watch cut by each kill resumes after the restart from its last revision and must see every
// later change exactly once, in order.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agent } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startChildServer, type ChildServer } from '../support/childServer.js';
import { openWatch, type WatchEvent, type WatchStream } from '../support/watch.js';
import { readState, verifyResumedWatch, verifyState, verifyWatchBeforeKill } from './verify.js';
import { CM_PATH, Ledger, NAMESPACE, checksum, clientFor, initCounters, send, startLoad, type Server } from './writeLoad.js';

const ROUNDS = 5;
const WORKERS = 6;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every event of a stream until it breaks (the server was killed) or ends. */
async function drainUntilBroken(w: WatchStream): Promise<WatchEvent[]> {
  const out: WatchEvent[] = [];
  for (;;) {
    let e: WatchEvent | undefined;
    try {
      e = await w.next(60_000);
    } catch {
      return out;
    }
    if (!e) return out;
    out.push(e);
  }
}

let server: ChildServer | undefined;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kplane-kill9-'));
afterAll(async () => {
  await server?.kill9();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('kill -9 of the server', () => {
  it(`loses no acknowledged write and no watch event, over ${ROUNDS} kills on one data dir`, async () => {
    const port = await freePort();
    server = await startChildServer({ dataDir, port });
    let s: Server = server;
    {
      const pool = clientFor(s, 1);
      const ns = await send(pool, s, 'POST', '/clusters/root/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } });
      await pool.close();
      expect(ns.status, ns.text).toBe(201);
    }
    const ledger = new Ledger();
    let floor = (await readState(s)).rv;

    for (let round = 0; round < ROUNDS; round++) {
      await initCounters(s, ledger, WORKERS, round);
      const watchFrom = (await readState(s)).rv;
      const agent = new Agent({ connect: { ca: s.caPem } });
      const watch = await openWatch(agent, `${s.baseURL}${CM_PATH}?watch=true&resourceVersion=${watchFrom}`, s.token);
      expect(watch.status).toBe(200);
      const beforeKill = drainUntilBroken(watch);

      // Load, then SIGKILL at a random moment once some writes were acknowledged.
      const load = startLoad(s, ledger, WORKERS, round);
      const deadline = Date.now() + 10_000;
      while (load.acked() < 40 && Date.now() < deadline) await sleep(5);
      await sleep(Math.random() * 1500);
      await server.kill9();
      await load.done;
      const watched = await beforeKill;
      watch.close();
      await agent.close();
      expect(load.unexpected).toEqual([]);
      expect(load.acked()).toBeGreaterThanOrEqual(40);

      // Restart on the same data dir and port; check the state.
      server = await startChildServer({ dataDir, port });
      s = server;
      const snap = await readState(s);
      expect(verifyState(ledger, snap, floor, round)).toEqual([]);
      expect(verifyWatchBeforeKill(ledger, snap, watched, watchFrom)).toEqual([]);

      // Resume the watch from the last revision it saw; a sentinel write marks the end.
      const resumeFrom = watched.length ? Number(watched[watched.length - 1]!.object.metadata.resourceVersion) : watchFrom;
      const agent2 = new Agent({ connect: { ca: s.caPem } });
      const resumed = await openWatch(agent2, `${s.baseURL}${CM_PATH}?watch=true&resourceVersion=${resumeFrom}`, s.token);
      expect(resumed.status).toBe(200);
      const sentinel = `sentinel-${round}`;
      const payload = `round ${round} done`;
      const pool = clientFor(s, 1);
      const created = await send(pool, s, 'POST', CM_PATH, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: sentinel }, data: { payload, sum: checksum(payload) } });
      await pool.close();
      expect(created.status, created.text).toBe(201);
      const sentinelRv = Number(created.json.metadata.resourceVersion);
      expect(sentinelRv).toBeGreaterThan(snap.rv);
      ledger.creates.set(sentinel, { sum: checksum(payload), round, rv: sentinelRv });
      ledger.acks.push({ name: sentinel, rv: sentinelRv, type: 'ADDED', round });
      const events = await resumed.collect((e) => e.object?.metadata?.name === sentinel, 10_000);
      resumed.close();
      await agent2.close();
      expect(verifyResumedWatch(ledger, snap, events, resumeFrom, sentinel, sentinelRv)).toEqual([]);
      floor = sentinelRv;
    }
    await server.stop();
    server = undefined;
  }, 60_000);
});
