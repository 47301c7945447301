// The kill -9 test's checks must catch what they are for: a test that cannot fail proves nothing.

import { describe, expect, it } from 'vitest';
import type { WatchEvent } from '../support/watch.js';
import { verifyResumedWatch, verifyState, verifyWatchBeforeKill, type Snapshot } from './verify.js';
import { Ledger, checksum } from './writeLoad.js';

function cm(name: string, rv: number, payload: string, extra: Record<string, string> = {}): any {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, uid: `uid-${name}`, resourceVersion: String(rv) }, data: { ...extra, payload, sum: checksum(payload) } };
}

/** Round 0 from revision 10: a, b acknowledged at 11, 12; c sent, unacknowledged; counter at seq 1 (rv 13), seq 2 in flight. */
function world() {
  const ledger = new Ledger();
  ledger.creates.set('a', { sum: checksum('pa'), round: 0, rv: 11 });
  ledger.creates.set('b', { sum: checksum('pb'), round: 0, rv: 12 });
  ledger.creates.set('c', { sum: checksum('pc'), round: 0 });
  ledger.counters.set('counter-0', { seq: 1, rv: 13, inflight: { seq: 2, sum: checksum('p2') } });
  ledger.acks.push({ name: 'a', rv: 11, type: 'ADDED', round: 0 }, { name: 'b', rv: 12, type: 'ADDED', round: 0 }, { name: 'counter-0', rv: 13, type: 'MODIFIED', round: 0 });
  const objects = [cm('a', 11, 'pa'), cm('b', 12, 'pb'), cm('counter-0', 13, 'p1', { seq: '1' })];
  const snap: Snapshot = { rv: 13, byName: new Map(objects.map((o) => [o.metadata.name, o])) };
  const events: WatchEvent[] = [
    { type: 'ADDED', object: objects[0] },
    { type: 'ADDED', object: objects[1] },
    { type: 'MODIFIED', object: objects[2] },
  ];
  return { ledger, snap, events, objects };
}

describe('kill -9 checks', () => {
  it('accept a consistent outcome, including an unacknowledged write that committed whole', () => {
    const { ledger, snap, events } = world();
    expect(verifyState(ledger, snap, 10, 0)).toEqual([]);
    snap.byName.set('c', cm('c', 14, 'pc'));
    snap.byName.set('counter-0', cm('counter-0', 15, 'p2', { seq: '2' }));
    snap.rv = 15;
    expect(verifyState(ledger, snap, 10, 0)).toEqual([]);
    expect(verifyWatchBeforeKill(ledger, snap, events.slice(0, 2), 10)).toEqual([]);
    const resumed: WatchEvent[] = [
      { type: 'MODIFIED', object: cm('counter-0', 13, 'p1', { seq: '1' }) },
      { type: 'ADDED', object: cm('c', 14, 'pc') },
      { type: 'MODIFIED', object: cm('counter-0', 15, 'p2', { seq: '2' }) },
      { type: 'ADDED', object: cm('s', 16, 'ps') },
    ];
    expect(verifyResumedWatch(ledger, snap, resumed, 12, 's', 16)).toEqual([]);
  });

  it('catch lost, stale, half-written and unknown objects, and a revision going back', () => {
    const { ledger, snap } = world();
    snap.byName.delete('a');
    snap.byName.set('b', cm('b', 11, 'pb'));
    snap.byName.set('c', { ...cm('c', 14, 'pc'), data: { payload: 'p', sum: 'wrong' } });
    snap.byName.set('zz', cm('zz', 13, 'pz'));
    snap.byName.set('counter-0', cm('counter-0', 9, 'p0', { seq: '0' }));
    snap.rv = 12;
    const errs = verifyState(ledger, snap, 14, 0).join('\n');
    expect(errs).toMatch(/a: acknowledged create \(rv 11\) is missing/);
    expect(errs).toMatch(/b: resourceVersion 11, acknowledged 12/);
    expect(errs).toMatch(/c: incomplete object/);
    expect(errs).toMatch(/zz: never written/);
    expect(errs).toMatch(/counter-0: seq 0, acknowledged 1/);
    expect(errs).toMatch(/revision went back: list rv 12 < acknowledged rv 13/);
    expect(errs).toMatch(/revision went back: list rv 12 < 14/);
  });

  it('catch watch events lost, repeated, out of order, or not durable', () => {
    const { ledger, snap, events } = world();
    expect(verifyWatchBeforeKill(ledger, snap, [events[0]!, events[2]!], 10).join('\n')).toMatch(/ADDED b at rv 12 not delivered/);
    expect(verifyWatchBeforeKill(ledger, snap, [events[1]!, events[0]!], 10).join('\n')).toMatch(/out of order/);
    const ghost: WatchEvent = { type: 'ADDED', object: cm('ghost', 14, 'pg') };
    expect(verifyWatchBeforeKill(ledger, snap, [...events, ghost], 10).join('\n')).toMatch(/ghost at rv 14, gone after the restart/);
    const sentinel: WatchEvent = { type: 'ADDED', object: cm('s', 14, 'ps') };
    ledger.acks.push({ name: 's', rv: 14, type: 'ADDED', round: 0 });
    // Resumed from 11: b (12) and counter (13) must come again exactly once, then the sentinel.
    expect(verifyResumedWatch(ledger, snap, [events[1]!, events[1]!, events[2]!, sentinel], 11, 's', 14).join('\n')).toMatch(/out of order, repeated/);
    expect(verifyResumedWatch(ledger, snap, [events[1]!, sentinel], 11, 's', 14).join('\n')).toMatch(/MODIFIED counter-0 at rv 13 not delivered/);
    expect(verifyResumedWatch(ledger, snap, [events[0]!, events[1]!, events[2]!, sentinel], 11, 's', 14).join('\n')).toMatch(/rv 11 .* too old/);
    expect(verifyResumedWatch(ledger, snap, [events[1]!, events[2]!], 11, 's', 14).join('\n')).toMatch(/did not end with s/);
  });
});
