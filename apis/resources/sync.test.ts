import { describe, expect, it } from 'vitest';
import { buildTypeRegistry } from '../types/index.js';
import { resources } from './sync.js';

const byPlural = (p: string) => resources.find((r) => r.plural === p)!;
const now = Date.parse('2025-01-01T01:00:00Z');

describe('sync.kplane.io/v1alpha1', () => {
  it('serves cluster-scoped synctargets and placements with status', () => {
    for (const p of ['synctargets', 'placements']) {
      expect(byPlural(p)).toMatchObject({ group: 'sync.kplane.io', version: 'v1alpha1', namespaced: false, status: true });
    }
    const registry = buildTypeRegistry();
    for (const r of resources) expect(registry.has(r.type), r.type).toBe(true);
  });

  it('defaults placement policies to Abort and Delete', () => {
    const registry = buildTypeRegistry();
    expect(registry.field('sync/v1alpha1:PlacementSpec', 'conflictPolicy')).toMatchObject({ default: 'Abort', enum: ['Abort', 'Adopt'] });
    expect(registry.field('sync/v1alpha1:PlacementSpec', 'deletionPolicy')).toMatchObject({ default: 'Delete', enum: ['Delete', 'Orphan'] });
  });

  it('prints sync targets with readiness, member facts and heartbeat age', () => {
    const st = byPlural('synctargets');
    expect(st.columns!.map((c) => c.name)).toEqual(['Name', 'Ready', 'Distribution', 'Version', 'Last Heartbeat', 'Agent', 'Age']);
    const obj = {
      metadata: { name: 'eu-edge-17', creationTimestamp: '2025-01-01T00:00:00Z' },
      status: {
        conditions: [{ type: 'HeartbeatHealthy', status: 'True' }, { type: 'Ready', status: 'False' }],
        lastHeartbeatTime: '2025-01-01T00:59:40Z',
        distribution: 'k3s',
        version: { kubernetes: 'v1.31.4+k3s1', agent: 'v0.1.0' },
      },
    };
    expect(st.columns!.map((c) => c.cell(obj, now))).toEqual(['eu-edge-17', 'False', 'k3s', 'v1.31.4+k3s1', '20s', 'v0.1.0', '60m']);
    expect(st.columns!.map((c) => c.cell({ metadata: { name: 'x', creationTimestamp: '2025-01-01T00:59:00Z' } }, now)))
      .toEqual(['x', null, null, null, null, null, '60s']);
  });

  it('prints placements with their location and chosen targets', () => {
    const pl = byPlural('placements');
    expect(pl.columns!.map((c) => c.name)).toEqual(['Name', 'Location', 'Targets', 'Ready', 'Namespaces', 'Conflict Policy', 'Age']);
    const obj = {
      metadata: { name: 'web', creationTimestamp: '2025-01-01T00:00:00Z' },
      spec: { location: { workspace: 'root:compute' } },
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        decisions: [
          { namespace: 'default', target: 'eu-1' },
          { namespace: 'shop', target: 'eu-1' },
          { namespace: 'shop', target: 'us-1' },
        ],
      },
    };
    expect(pl.columns!.map((c) => c.cell(obj, now))).toEqual(['web', 'root:compute', 'eu-1,us-1', 'True', 2, 'Abort', '60m']);
  });
});
