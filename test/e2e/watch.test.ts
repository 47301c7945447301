// kubectl get --watch: a user following a namespace sees a row for every change as it happens,
// over a long-lived watch on the server.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E, lines, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
  await e.ok(['create', 'ns', 'live']);
  await e.ok(['-n', 'live', 'create', 'cm', 'existing', '--from-literal=a=1']);
});
afterAll(async () => e?.stop());

/** Rows of a watch's output whose first cells are `cells` (header lines excluded). */
const rowsFor = (out: string, ...cells: string[]) => lines(out).filter((l) => l.split(/\s+/).slice(0, cells.length).join(' ') === cells.join(' '));

describe('kubectl get -w follows changes as they happen', () => {
  it('prints the current objects, then a row for each create, update and delete', async () => {
    const watch = e.background(['-n', 'live', 'get', 'cm', '-w', '--output-watch-events', '-v=6']);
    await watch.until((out) => rowsFor(out, 'ADDED', 'existing').length === 1);
    await watch.watching();
    expect(lines(watch.stdout)[0].split(/\s+/)).toEqual(['EVENT', 'NAME', 'DATA', 'AGE']);

    await e.ok(['-n', 'live', 'create', 'cm', 'followed', '--from-literal=a=1']);
    await watch.until((out) => rowsFor(out, 'ADDED', 'followed').length === 1);
    expect(rowsFor(watch.stdout, 'ADDED', 'followed')[0]).toMatch(/^ADDED\s+followed\s+1\s+\d+s$/);

    await e.ok(['-n', 'live', 'patch', 'cm', 'followed', '--type', 'merge', '-p', '{"data":{"b":"2"}}']);
    await watch.until((out) => rowsFor(out, 'MODIFIED', 'followed').length === 1);
    // The modified row shows the new content: two data keys.
    expect(rowsFor(watch.stdout, 'MODIFIED', 'followed')[0]).toMatch(/^MODIFIED\s+followed\s+2\s/);

    await e.ok(['-n', 'live', 'delete', 'cm', 'followed']);
    await watch.until((out) => rowsFor(out, 'DELETED', 'followed').length === 1);
    await watch.stop();

    // Nothing else happened: exactly these events, in this order.
    const events = lines(watch.stdout).slice(1).map((l) => l.split(/\s+/).slice(0, 2).join(' '));
    expect(events).toEqual(['ADDED existing', 'ADDED followed', 'MODIFIED followed', 'DELETED followed']);
  });

  it('without --output-watch-events prints plain rows: the initial list, then one row per change', async () => {
    const watch = e.background(['-n', 'live', 'get', 'cm', '-w', '-v=6']);
    await watch.watching();
    await watch.until((out) => rowsFor(out, 'existing').length === 1);
    expect(lines(watch.stdout)[0].split(/\s+/)).toEqual(['NAME', 'DATA', 'AGE']);

    await e.ok(['-n', 'live', 'create', 'cm', 'plain', '--from-literal=a=1']);
    await e.ok(['-n', 'live', 'label', 'cm', 'plain', 'seen=yes']);
    await e.ok(['-n', 'live', 'delete', 'cm', 'plain']);
    // Created, labeled, deleted: three rows for "plain".
    await watch.until((out) => rowsFor(out, 'plain').length === 3);
    await watch.stop();
    expect(rowsFor(watch.stdout, 'existing')).toHaveLength(1);
  });
});

describe('kubectl get --watch-only prints only what changes after it starts', () => {
  it('shows new and changed deployments, and a deleted one, but not the existing ones', async () => {
    await e.ok(['-n', 'live', 'create', 'deployment', 'before', '--image=nginx']);
    const watch = e.background(['-n', 'live', 'get', 'deployments', '--watch-only', '--output-watch-events', '-v=6']);
    await watch.watching();

    await e.ok(['-n', 'live', 'create', 'deployment', 'after', '--image=nginx', '--replicas=2']);
    await watch.until((out) => rowsFor(out, 'ADDED', 'after').length === 1);
    expect(rowsFor(watch.stdout, 'ADDED', 'after')[0]).toMatch(/^ADDED\s+after\s+0\/2\s+0\s+0\s+\d+s$/);

    await e.ok(['-n', 'live', 'patch', 'deployment', 'after', '-p', '{"spec":{"replicas":4}}']);
    await watch.until((out) => rowsFor(out, 'MODIFIED', 'after').length >= 1);
    expect(rowsFor(watch.stdout, 'MODIFIED', 'after')[0]).toMatch(/^MODIFIED\s+after\s+0\/4\s/);

    await e.ok(['-n', 'live', 'delete', 'deployment', 'before']);
    await watch.until((out) => rowsFor(out, 'DELETED', 'before').length === 1);
    await watch.stop();

    expect(rowsFor(watch.stdout, 'ADDED', 'before')).toEqual([]);
    expect(lines(watch.stdout)[0].split(/\s+/)).toEqual(['EVENT', 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
  });

  it('watches across all namespaces with -A', async () => {
    await e.ok(['create', 'ns', 'other']);
    const watch = e.background(['get', 'cm', '-A', '--watch-only', '-v=6']);
    await watch.watching();
    await e.ok(['-n', 'other', 'create', 'cm', 'far', '--from-literal=x=y']);
    await e.ok(['-n', 'live', 'create', 'cm', 'near']);
    await watch.until((out) => rowsFor(out, 'other', 'far').length === 1 && rowsFor(out, 'live', 'near').length === 1);
    await watch.stop();
    expect(lines(watch.stdout)[0].split(/\s+/)).toEqual(['NAMESPACE', 'NAME', 'DATA', 'AGE']);
  });
});
