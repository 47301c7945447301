// The rest of the commands users type: wait, events, subresources, rollout status, auth.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
  await e.ok(['create', 'namespace', 'cmds']);
  await e.ok(['-n', 'cmds', 'create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
});
afterAll(async () => e?.stop());

const available = (generation: number, replicas: number): string =>
  JSON.stringify({
    status: {
      observedGeneration: generation, replicas, updatedReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas,
      conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'ok', lastUpdateTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z' }],
    },
  });

describe('subresources from kubectl', () => {
  it('patches and reads the status subresource', async () => {
    await e.ok(['-n', 'cmds', 'patch', 'deployment', 'web', '--subresource=status', '--type=merge', '-p', available(1, 2)]);
    const out = await e.ok(['-n', 'cmds', 'get', 'deployment', 'web', '--subresource=status']);
    expect(out).toMatch(/web\s+2\/2\s+2\s+2/);
  });

  it('scales through the scale subresource', async () => {
    expect(await e.ok(['-n', 'cmds', 'scale', 'deployment', 'web', '--replicas=3'])).toContain('deployment.apps/web scaled');
    expect((await e.getJson(['-n', 'cmds', 'deploy', 'web'])).spec.replicas).toBe(3);
  });
});

describe('kubectl wait', () => {
  it('waits for a condition set by a status writer', async () => {
    const waiting = e.kubectl(['-n', 'cmds', 'wait', '--for=condition=Ready', 'deploy/web', '--timeout=20s']);
    await new Promise((r) => setTimeout(r, 500));
    // kubectl wait ignores conditions observed at an older generation than the object's.
    const { generation } = (await e.getJson(['-n', 'cmds', 'deploy', 'web'])).metadata;
    const ready = JSON.stringify({ status: { observedGeneration: generation, conditions: [{ type: 'Ready', status: 'True', reason: 'R', message: 'm', lastUpdateTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z' }] } });
    await e.ok(['-n', 'cmds', 'patch', 'deployment', 'web', '--subresource=status', '--type=merge', '-p', ready]);
    const r = await waiting;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('deployment.apps/web condition met');
  });

  it('waits for a jsonpath value', async () => {
    const waiting = e.kubectl(['-n', 'cmds', 'wait', '--for=jsonpath={.spec.replicas}=5', 'deploy/web', '--timeout=20s']);
    await new Promise((r) => setTimeout(r, 500));
    await e.ok(['-n', 'cmds', 'scale', 'deployment', 'web', '--replicas=5']);
    const r = await waiting;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('condition met');
  });

  it('waits for deletion held by a finalizer', async () => {
    await e.ok(['-n', 'cmds', 'create', 'configmap', 'held', '--from-literal=a=b']);
    await e.ok(['-n', 'cmds', 'patch', 'configmap', 'held', '--type=merge', '-p', '{"metadata":{"finalizers":["example.com/hold"]}}']);
    await e.ok(['-n', 'cmds', 'delete', 'configmap', 'held', '--wait=false']);
    const waiting = e.kubectl(['-n', 'cmds', 'wait', '--for=delete', 'configmap/held', '--timeout=20s']);
    await new Promise((r) => setTimeout(r, 500));
    await e.ok(['-n', 'cmds', 'patch', 'configmap', 'held', '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
    const r = await waiting;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('configmap/held condition met');
  });

  it('times out with a non-zero exit when the condition never holds', async () => {
    const r = await e.kubectl(['-n', 'cmds', 'wait', '--for=condition=Never', 'deploy/web', '--timeout=1s']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('timed out waiting for the condition');
  });
});

describe('kubectl rollout status', () => {
  it('reports a rollout complete once the status says so', async () => {
    const d = await e.getJson(['-n', 'cmds', 'deploy', 'web']);
    await e.ok(['-n', 'cmds', 'patch', 'deployment', 'web', '--subresource=status', '--type=merge', '-p', available(d.metadata.generation, d.spec.replicas)]);
    const out = await e.ok(['-n', 'cmds', 'rollout', 'status', 'deployment/web', '--timeout=20s']);
    expect(out).toContain('deployment "web" successfully rolled out');
  });
});

describe('kubectl events', () => {
  it('lists core/v1 events, also with kubectl get events', async () => {
    const ev = `apiVersion: v1
kind: Event
metadata: {name: web.1, namespace: cmds}
involvedObject: {kind: Deployment, name: web, namespace: cmds, apiVersion: apps/v1}
reason: ScalingReplicaSet
message: Scaled up replica set web-1 to 2
type: Normal
source: {component: deployment-controller}
firstTimestamp: "2026-01-01T00:00:00Z"
lastTimestamp: "2026-01-01T00:00:00Z"
count: 1
`;
    await e.ok(['create', '-f', e.file('event.yaml', ev)]);
    const events = await e.ok(['-n', 'cmds', 'events']);
    expect(events).toMatch(/Normal\s+ScalingReplicaSet\s+Deployment\/web\s+Scaled up replica set web-1 to 2/);
    const get = await e.ok(['-n', 'cmds', 'get', 'events']);
    expect(get).toMatch(/Normal\s+ScalingReplicaSet\s+deployment\/web/);
    const selected = await e.ok(['-n', 'cmds', 'get', 'events', '--field-selector', 'involvedObject.name=web', '-o', 'name']);
    expect(selected.trim()).toBe('event/web.1');
  });
});

describe('auth commands', () => {
  it('answers can-i, can-i --list and whoami for the admin', async () => {
    expect((await e.ok(['auth', 'can-i', 'create', 'deployments', '-n', 'cmds'])).trim()).toBe('yes');
    expect(await e.ok(['auth', 'can-i', '--list'])).toMatch(/\*\.\*\s+\[\]\s+\[\]\s+\[\*\]/);
    expect(await e.ok(['auth', 'whoami'])).toMatch(/Username\s+kplane-admin/);
  });
});
