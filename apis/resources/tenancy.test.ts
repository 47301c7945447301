import { describe, expect, it } from 'vitest';
import { buildTypeRegistry } from '../types/index.js';
import { resources } from './tenancy.js';

const byPlural = (p: string) => resources.find((r) => r.plural === p)!;
const now = Date.parse('2025-01-03T00:00:00Z');

describe('kcp kinds', () => {
  it('declare kcp discovery facts', () => {
    expect(byPlural('workspaces')).toMatchObject({
      group: 'tenancy.kcp.io', version: 'v1alpha1', kind: 'Workspace', namespaced: false,
      shortNames: ['ws'], categories: ['kcp'], status: true, nameRule: 'label',
    });
    expect(byPlural('workspacetypes')).toMatchObject({ group: 'tenancy.kcp.io', kind: 'WorkspaceType', namespaced: false, categories: ['kcp'] });
    expect(byPlural('logicalclusters')).toMatchObject({ group: 'core.kcp.io', kind: 'LogicalCluster', namespaced: false, categories: ['kcp'] });
  });

  it('refer to catalogue types', () => {
    const registry = buildTypeRegistry();
    for (const r of resources) expect(registry.has(r.type), r.type).toBe(true);
  });

  it('print workspaces as kcp does: NAME TYPE REGION PHASE URL AGE', () => {
    const ws = byPlural('workspaces');
    expect(ws.columns!.map((c) => [c.name, c.type])).toEqual([
      ['Name', 'string'], ['Type', 'string'], ['Region', 'string'], ['Phase', 'string'], ['URL', 'string'], ['Age', 'date'],
    ]);
    const obj = {
      metadata: { name: 'team', labels: { region: 'eu' }, creationTimestamp: '2025-01-01T00:00:00Z' },
      spec: { type: { name: 'universal', path: 'root' }, cluster: '2cynbfy2m0wtjqcs', URL: 'https://127.0.0.1:6443/clusters/root:team' },
      status: { phase: 'Ready' },
    };
    expect(ws.columns!.map((c) => c.cell(obj, now))).toEqual(['team', 'universal', 'eu', 'Ready', 'https://127.0.0.1:6443/clusters/root:team', '2d']);
  });

  it('leave cells of missing values empty, as CRD columns do', () => {
    const ws = byPlural('workspaces');
    const obj = { metadata: { name: 'new', creationTimestamp: '2025-01-02T23:59:30Z' }, spec: {} };
    expect(ws.columns!.map((c) => c.cell(obj, now))).toEqual(['new', null, null, null, null, '30s']);
  });

  it('print workspace types with NAME and AGE, logical clusters with PHASE and URL', () => {
    expect(byPlural('workspacetypes').columns!.map((c) => c.name)).toEqual(['Name', 'Age']);
    const lc = byPlural('logicalclusters');
    expect(lc.columns!.map((c) => c.name)).toEqual(['Name', 'Phase', 'URL', 'Age']);
    const obj = { metadata: { name: 'cluster', creationTimestamp: '2025-01-02T00:00:00Z' }, status: { phase: 'Initializing', URL: 'https://h/clusters/abc' } };
    expect(lc.columns!.map((c) => c.cell(obj, now))).toEqual(['cluster', 'Initializing', 'https://h/clusters/abc', '24h']);
  });
});
