// What must hold after a kill -9 and a restart, as lists of violations (empty = fine):
// acknowledged writes are there with their resourceVersion, unacknowledged ones are absent or
// complete, revisions never go back, and watches see every change exactly once, in order, across
// the restart.

import type { WatchEvent } from '../support/watch.js';
import { CM_PATH, isComplete, type Ledger, type Server, clientFor, send } from './writeLoad.js';

export interface Snapshot {
  /** The list's resourceVersion. */
  rv: number;
  byName: Map<string, any>;
}

export async function readState(s: Server): Promise<Snapshot> {
  const pool = clientFor(s, 1);
  try {
    const res = await send(pool, s, 'GET', CM_PATH);
    if (res.status !== 200) throw new Error(`LIST: ${res.status} ${res.text.slice(0, 300)}`);
    return { rv: Number(res.json.metadata.resourceVersion), byName: new Map(res.json.items.map((o: any) => [o.metadata.name, o])) };
  } finally {
    await pool.close();
  }
}

const rvOf = (o: any) => Number(o?.metadata?.resourceVersion);

/**
 * The stored state after a restart against everything attempted so far. `floor` is the highest
 * revision observed before this round's writes began: the revision must not be below it, and
 * every write acknowledged in `round` must be above it.
 */
export function verifyState(ledger: Ledger, snap: Snapshot, floor: number, round: number): string[] {
  const errs: string[] = [];
  const maxAcked = ledger.maxAckedRv();
  if (snap.rv < maxAcked) errs.push(`revision went back: list rv ${snap.rv} < acknowledged rv ${maxAcked}`);
  if (snap.rv < floor) errs.push(`revision went back: list rv ${snap.rv} < ${floor} seen before the round`);
  for (const a of ledger.acks) if (a.round === round && a.rv <= floor) errs.push(`${a.name}: acknowledged rv ${a.rv} is not above ${floor}, the revision before the round`);

  for (const [name, c] of ledger.creates) {
    const obj = snap.byName.get(name);
    if (c.rv !== undefined) {
      if (!obj) errs.push(`${name}: acknowledged create (rv ${c.rv}) is missing`);
      else if (rvOf(obj) !== c.rv) errs.push(`${name}: resourceVersion ${rvOf(obj)}, acknowledged ${c.rv}`);
    }
    if (obj && !isComplete(obj)) errs.push(`${name}: incomplete object ${JSON.stringify(obj).slice(0, 200)}`);
    if (obj && obj.data?.sum !== c.sum) errs.push(`${name}: content is not what was sent`);
  }
  for (const [name, c] of ledger.counters) {
    const obj = snap.byName.get(name);
    if (!obj) {
      errs.push(`${name}: acknowledged counter is missing`);
      continue;
    }
    if (!isComplete(obj)) errs.push(`${name}: incomplete object`);
    const seq = Number(obj.data?.seq);
    if (seq === c.seq) {
      if (rvOf(obj) !== c.rv) errs.push(`${name}: seq ${seq} at resourceVersion ${rvOf(obj)}, acknowledged at ${c.rv}`);
    } else if (c.inflight && seq === c.inflight.seq) {
      // The unacknowledged update committed before the kill: allowed, if whole and later.
      if (obj.data.sum !== c.inflight.sum) errs.push(`${name}: seq ${seq} with content that was not sent`);
      if (rvOf(obj) <= c.rv) errs.push(`${name}: update at rv ${rvOf(obj)} is not after the acknowledged ${c.rv}`);
    } else {
      errs.push(`${name}: seq ${seq}, acknowledged ${c.seq}${c.inflight ? ` (in flight ${c.inflight.seq})` : ''}`);
    }
  }
  for (const [name, obj] of snap.byName) {
    if (!ledger.creates.has(name) && !ledger.counters.has(name)) errs.push(`${name}: never written, yet present`);
    if (rvOf(obj) > snap.rv) errs.push(`${name}: resourceVersion ${rvOf(obj)} above the list's ${snap.rv}`);
  }
  return errs;
}

function orderErrors(events: WatchEvent[], after: number, label: string): string[] {
  const errs: string[] = [];
  let last = after;
  for (const e of events) {
    const rv = rvOf(e.object);
    if (e.type !== 'ADDED' && e.type !== 'MODIFIED') errs.push(`${label}: unexpected ${e.type} ${JSON.stringify(e.object).slice(0, 200)}`);
    if (!(rv > last)) errs.push(`${label}: rv ${rv} (${e.object?.metadata?.name}) after ${last}: out of order, repeated or too old`);
    if (!isComplete(e.object)) errs.push(`${label}: incomplete object in event at rv ${rv}`);
    last = Math.max(last, rv);
  }
  return errs;
}

/** Index of events by revision (duplicates are reported by orderErrors). */
function byRv(events: WatchEvent[]): Map<number, WatchEvent> {
  return new Map(events.map((e) => [rvOf(e.object), e]));
}

/**
 * The watch opened at `fromRv` before the round's writes, cut by the kill: in order, only
 * durable changes (what it saw survived the restart), and every acknowledged write up to the
 * last revision it saw.
 */
export function verifyWatchBeforeKill(ledger: Ledger, snap: Snapshot, events: WatchEvent[], fromRv: number): string[] {
  const errs = orderErrors(events, fromRv, 'watch before the kill');
  const last = events.length ? rvOf(events[events.length - 1]!.object) : fromRv;
  for (const e of events) {
    const name = e.object.metadata.name;
    const stored = snap.byName.get(name);
    const rv = rvOf(e.object);
    if (!stored) errs.push(`watch before the kill: saw ${name} at rv ${rv}, gone after the restart`);
    else if (rvOf(stored) < rv) errs.push(`watch before the kill: saw ${name} at rv ${rv}, stored at ${rvOf(stored)} after the restart`);
    else if (rvOf(stored) === rv && stored.data.sum !== e.object.data.sum) errs.push(`watch before the kill: ${name} at rv ${rv} differs from the stored object`);
  }
  const seen = byRv(events);
  for (const a of ledger.acks) {
    if (a.rv <= fromRv || a.rv > last) continue;
    const e = seen.get(a.rv);
    if (!e || e.object.metadata.name !== a.name || e.type !== a.type) errs.push(`watch before the kill: acknowledged ${a.type} ${a.name} at rv ${a.rv} not delivered`);
  }
  return errs;
}

/**
 * The watch resumed after the restart from `fromRv` (the last revision seen before the kill), read
 * up to the sentinel create acknowledged at `sentinelRv`: in order, nothing at or below `fromRv`
 * again, every acknowledged write in between, and every change the restarted server holds in
 * between (including unacknowledged writes that did commit).
 */
export function verifyResumedWatch(ledger: Ledger, snap: Snapshot, events: WatchEvent[], fromRv: number, sentinel: string, sentinelRv: number): string[] {
  const errs = orderErrors(events, fromRv, 'resumed watch');
  const lastEvent = events[events.length - 1];
  if (!lastEvent || lastEvent.object.metadata.name !== sentinel || rvOf(lastEvent.object) !== sentinelRv) {
    errs.push(`resumed watch: did not end with ${sentinel} at rv ${sentinelRv}`);
  }
  const seen = byRv(events);
  for (const a of ledger.acks) {
    if (a.rv <= fromRv || a.rv > sentinelRv) continue;
    const e = seen.get(a.rv);
    if (!e || e.object.metadata.name !== a.name || e.type !== a.type) errs.push(`resumed watch: acknowledged ${a.type} ${a.name} at rv ${a.rv} not delivered`);
  }
  for (const [name, obj] of snap.byName) {
    const rv = rvOf(obj);
    if (rv <= fromRv || rv >= sentinelRv) continue;
    const e = seen.get(rv);
    if (!e || e.object.metadata.name !== name) errs.push(`resumed watch: ${name} (stored at rv ${rv}) not delivered`);
    else if (e.object.data.sum !== obj.data.sum) errs.push(`resumed watch: ${name} at rv ${rv} differs from the stored object`);
  }
  return errs;
}
