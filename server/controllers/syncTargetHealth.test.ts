import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { memStore } from '../../storage/sqlite/testHelpers.js';
import { JsonObject, Store } from '../../storage/store.js';
import { LEASES, SYNC_TARGETS, SyncTargetHealth } from './syncTargetHealth.js';

const put = (store: Store, resource: string, namespace: string, obj: JsonObject) =>
  store.mutate({ key: { cluster: 'compute', resource, namespace, name: obj.metadata.name }, apply: (cur) => (cur ? { ...cur.object, ...obj } : obj) });
const target = async (store: Store) => (await store.get({ cluster: 'compute', resource: SYNC_TARGETS, namespace: '', name: 'edge' }))!.object;
const ready = (t: JsonObject) => t.status?.conditions?.find((c: JsonObject) => c.type === 'Ready');

async function until(probe: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await probe()); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('SyncTargetHealth', () => {
  let stop = (): void => {};
  afterEach(() => stop());

  it('writes the heartbeat conditions when they change, and only then', async () => {
    const store = memStore();
    let now = Date.parse('2025-01-01T00:00:00Z');
    const health = new SyncTargetHealth(store, pino({ level: 'silent' }), () => now, 10);
    stop = () => {
      health.stop();
      void store.close();
    };
    await put(store, SYNC_TARGETS, '', { apiVersion: 'sync.kplane.io/v1alpha1', kind: 'SyncTarget', metadata: { name: 'edge' }, spec: { leaseDurationSeconds: 10 }, status: { distribution: 'k3s' } });
    await health.start();
    await until(async () => !!ready(await target(store)));
    expect(ready(await target(store))).toMatchObject({ status: 'Unknown', reason: 'AgentNotConnected', lastTransitionTime: '2025-01-01T00:00:00Z' });

    await put(store, LEASES, 'kplane-syncers', { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'edge', namespace: 'kplane-syncers' }, spec: { renewTime: '2025-01-01T00:00:00.000000Z' } });
    await until(async () => ready(await target(store))?.status === 'True');
    const t = await target(store);
    expect(t.status).toMatchObject({ distribution: 'k3s', lastHeartbeatTime: '2025-01-01T00:00:00Z' });
    expect(t.status.targetKey).toMatch(/^[0-9a-z]{8}$/);

    // Time passes within three durations: nothing to write.
    const rv = store.currentRevision();
    now += 29_000;
    await new Promise((r) => setTimeout(r, 100));
    expect(store.currentRevision()).toBe(rv);

    now += 2_000;
    await until(async () => ready(await target(store))?.status === 'Unknown');
    expect(ready(await target(store))).toMatchObject({ reason: 'HeartbeatMissed', lastTransitionTime: '2025-01-01T00:00:31Z' });
    const after = store.currentRevision();
    await new Promise((r) => setTimeout(r, 100));
    expect(store.currentRevision()).toBe(after);
  });
});
