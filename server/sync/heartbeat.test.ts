import { describe, expect, it } from 'vitest';
import { heartbeat, statusWithHeartbeat } from './heartbeat.js';

const target = (status?: object, leaseDurationSeconds?: number): any => ({ metadata: { name: 'edge' }, spec: leaseDurationSeconds ? { leaseDurationSeconds } : {}, status });
const T0 = Date.parse('2025-01-01T00:00:00Z');

describe('heartbeat', () => {
  it('AgentNotConnected without a lease', () => {
    const h = heartbeat(target(), undefined, T0);
    expect(h.healthy).toMatchObject({ type: 'HeartbeatHealthy', status: 'Unknown', reason: 'AgentNotConnected' });
    expect(h.ready).toMatchObject({ type: 'Ready', status: 'Unknown', reason: 'AgentNotConnected' });
    expect(h.lastHeartbeatTime).toBeUndefined();
  });

  it('healthy within three lease durations (default 20 s), missed after', () => {
    const renew = '2025-01-01T00:00:00.123456Z';
    expect(heartbeat(target(), renew, T0 + 60_000)).toMatchObject({ healthy: { status: 'True', reason: 'HeartbeatReceived' }, ready: { status: 'True', reason: 'Ready' }, lastHeartbeatTime: '2025-01-01T00:00:00Z' });
    const missed = heartbeat(target(), renew, T0 + 60_200);
    expect(missed.ready).toMatchObject({ status: 'Unknown', reason: 'HeartbeatMissed' });
    expect(missed.ready.message).toContain('2025-01-01T00:00:00Z');
    expect(heartbeat(target(undefined, 1), renew, T0 + 3_200).healthy.status).toBe('Unknown');
    expect(heartbeat(target(undefined, 1), renew, T0 + 2_000).healthy.status).toBe('True');
  });

  it('without a lease, the last recorded heartbeat counts', () => {
    const h = heartbeat(target({ lastHeartbeatTime: '2025-01-01T00:00:00Z' }), undefined, T0 + 100_000);
    expect(h).toMatchObject({ ready: { status: 'Unknown', reason: 'HeartbeatMissed' }, lastHeartbeatTime: '2025-01-01T00:00:00Z' });
  });
});

describe('statusWithHeartbeat', () => {
  it('merges into the agent status and changes lastTransitionTime only with the status', () => {
    const agent = { version: { agent: 'v1' }, conditions: [{ type: 'ResourcesCompatible', status: 'True', reason: 'R', message: '', lastTransitionTime: 'x' }] };
    const h = heartbeat(target(), '2025-01-01T00:00:00Z', T0);
    const s1 = statusWithHeartbeat(target(agent), h, 'key1', 'T1')!;
    expect(s1).toMatchObject({ version: { agent: 'v1' }, targetKey: 'key1', lastHeartbeatTime: '2025-01-01T00:00:00Z' });
    expect(s1.conditions.map((c: any) => [c.type, c.status, c.lastTransitionTime])).toEqual([
      ['ResourcesCompatible', 'True', 'x'],
      ['HeartbeatHealthy', 'True', 'T1'],
      ['Ready', 'True', 'T1'],
    ]);
    // Nothing changes: nothing to write.
    expect(statusWithHeartbeat(target(s1), h, 'key1', 'T2')).toBeUndefined();
    // A renewal moves lastHeartbeatTime only.
    const s2 = statusWithHeartbeat(target(s1), heartbeat(target(), '2025-01-01T00:00:20Z', T0 + 20_000), 'key1', 'T2')!;
    expect(s2.lastHeartbeatTime).toBe('2025-01-01T00:00:20Z');
    expect(s2.conditions[1].lastTransitionTime).toBe('T1');
    // Missed: the status changes, and so does the transition time.
    const s3 = statusWithHeartbeat(target(s2), heartbeat(target(), '2025-01-01T00:00:20Z', T0 + 100_000), 'key1', 'T3')!;
    expect(s3.conditions[2]).toMatchObject({ status: 'Unknown', reason: 'HeartbeatMissed', lastTransitionTime: 'T3' });
  });
});
