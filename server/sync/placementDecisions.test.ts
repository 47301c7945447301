import { describe, expect, it } from 'vitest';
import { downstreamNamespace, targetKey } from '../../apis/sync/contract.js';
import { DecisionInput, NamespaceView, TargetView, chooseTargets, decidePlacement, rendezvousScore } from './placementDecisions.js';

const T = (name: string, labels: Record<string, string> = {}, unschedulable = false): TargetView => ({ name, labels, unschedulable });
const N = (name: string, labels: Record<string, string> = {}, deleting = false): NamespaceView => ({ name, labels, deleting });

function input(over: Partial<DecisionInput> & { spec?: object; status?: object } = {}): DecisionInput {
  const { spec, status, ...rest } = over;
  return {
    cluster: 'tenant1',
    computeCluster: 'compute1',
    placement: { metadata: { name: 'p', generation: 1 }, spec: { location: { workspace: 'root:compute' }, ...(spec ?? {}) }, ...(status ? { status } : {}) },
    targets: [T('a'), T('b'), T('c')],
    namespaces: [N('default'), N('web', { app: 'web' })],
    ...rest,
  };
}

const placedOn = (r: ReturnType<typeof decidePlacement>): Record<string, string[]> => {
  const out: Record<string, string[]> = {};
  for (const d of r.decisions) (out[d.namespace] ??= []).push(d.target);
  return out;
};

describe('rendezvous hashing', () => {
  it('ranks targets per (workspace, namespace), independently of the other targets', () => {
    const all = chooseTargets('ws', 'ns', [], ['a', 'b', 'c', 'd'], 4);
    expect([...all].sort()).toEqual(['a', 'b', 'c', 'd']);
    // Removing a target that was not chosen never changes the choice.
    const best = all[0];
    for (const drop of all.slice(1)) expect(chooseTargets('ws', 'ns', [], all.filter((t) => t !== drop), 1)).toEqual([best]);
    expect(rendezvousScore('ws', 'ns', 'a')).toBe(rendezvousScore('ws', 'ns', 'a'));
    expect(rendezvousScore('ws', 'ns', 'a')).not.toBe(rendezvousScore('ws2', 'ns', 'a'));
  });

  it('keeps what a namespace has, trimming the worst ranked when fewer are wanted', () => {
    expect(chooseTargets('ws', 'ns', ['c'], ['a', 'b', 'c'], 1)).toEqual(['c']);
    const two = chooseTargets('ws', 'ns', ['a', 'b', 'c'], [], 2);
    expect(two).toEqual(chooseTargets('ws', 'ns', [], ['a', 'b', 'c'], 2));
    expect(chooseTargets('ws', 'ns', ['b'], ['a', 'b', 'c'], 2)).toContain('b');
  });

  it('spreads namespaces over targets', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const [t] = chooseTargets('ws', `ns-${i}`, [], ['a', 'b', 'c'], 1);
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    for (const t of ['a', 'b', 'c']) expect(counts.get(t)).toBeGreaterThan(60);
  });
});

describe('decidePlacement', () => {
  it('places every selected namespace on one target by default, with keys and downstream names', () => {
    const r = decidePlacement(input());
    expect(r.misconfigured).toBeUndefined();
    expect(r.selected).toBe(2);
    expect(r.decisions.map((d) => d.namespace)).toEqual(['default', 'web']);
    for (const d of r.decisions) {
      expect(d.targetKey).toBe(targetKey('compute1', d.target));
      expect(d.downstreamNamespace).toBe(downstreamNamespace(d.targetKey, 'tenant1', d.namespace));
    }
    // Deterministic.
    expect(decidePlacement(input())).toEqual(r);
  });

  it('never places the system namespaces, and honours the namespace selector', () => {
    const namespaces = [N('kube-system'), N('kube-public'), N('kube-node-lease'), N('default'), N('web', { app: 'web' })];
    expect(Object.keys(placedOn(decidePlacement(input({ namespaces }))))).toEqual(['default', 'web']);
    const r = decidePlacement(input({ namespaces, spec: { namespaceSelector: { matchLabels: { app: 'web' } } } }));
    expect(Object.keys(placedOn(r))).toEqual(['web']);
    expect(r.selected).toBe(1);
  });

  it('chooses numberOfTargets targets, only among those matching the location selector', () => {
    const targets = [T('a', { region: 'eu' }), T('b', { region: 'eu' }), T('c', { region: 'us' })];
    const r = decidePlacement(input({ targets, spec: { numberOfTargets: 2, location: { workspace: 'root:compute', selector: { matchLabels: { region: 'eu' } } } } }));
    expect(placedOn(r)).toEqual({ default: ['a', 'b'], web: ['a', 'b'] });
    const three = decidePlacement(input({ targets, spec: { numberOfTargets: 3, location: { workspace: 'root:compute', selector: { matchLabels: { region: 'eu' } } } } }));
    expect(three.short).toBe(2);
    expect(three.unplaced).toBe(0);
  });

  it('skips unschedulable targets for new decisions but keeps existing ones on them', () => {
    const fresh = decidePlacement(input({ targets: [T('a', {}, true), T('b')] }));
    expect(placedOn(fresh)).toEqual({ default: ['b'], web: ['b'] });
    const status = { decisions: [{ namespace: 'web', target: 'a', targetKey: targetKey('compute1', 'a') }] };
    const kept = decidePlacement(input({ targets: [T('a', {}, true), T('b')], status }));
    expect(placedOn(kept)).toEqual({ default: ['b'], web: ['a'] });
  });

  it('keeps decisions stable when targets come and go, and moves a namespace only when its target goes', () => {
    const first = decidePlacement(input({ targets: [T('a')] }));
    expect(placedOn(first)).toEqual({ default: ['a'], web: ['a'] });
    const withMore = decidePlacement(input({ targets: [T('a'), T('b'), T('c')], status: { decisions: first.decisions } }));
    expect(placedOn(withMore)).toEqual({ default: ['a'], web: ['a'] });
    const gone = decidePlacement(input({ targets: [T('b'), T('c')], status: { decisions: first.decisions } }));
    expect(gone.decisions).toHaveLength(2);
    expect(gone.decisions.every((d) => d.target !== 'a')).toBe(true);
  });

  it('drops decisions whose target no longer matches, or belongs to another compute workspace', () => {
    const status = { decisions: [{ namespace: 'web', target: 'a', targetKey: targetKey('other', 'a') }] };
    const r = decidePlacement(input({ targets: [T('a')], status }));
    expect(r.decisions.find((d) => d.namespace === 'web')!.targetKey).toBe(targetKey('compute1', 'a'));
    const moved = decidePlacement(input({
      targets: [T('a', { region: 'us' }), T('b', { region: 'eu' })],
      spec: { location: { workspace: 'root:compute', selector: { matchLabels: { region: 'eu' } } } },
      status: { decisions: [{ namespace: 'web', target: 'a', targetKey: targetKey('compute1', 'a') }] },
    }));
    expect(placedOn(moved).web).toEqual(['b']);
  });

  it('gives a namespace being deleted no new decision but keeps the ones it has', () => {
    const status = { decisions: [{ namespace: 'web', target: 'b', targetKey: targetKey('compute1', 'b') }] };
    const r = decidePlacement(input({ namespaces: [N('web', {}, true), N('gone', {}, true)], status }));
    expect(placedOn(r)).toEqual({ web: ['b'] });
    expect(r.selected).toBe(1);
  });

  it('reports no targets, unknown workspaces and invalid selectors', () => {
    const none = decidePlacement(input({ targets: [] }));
    expect(none).toMatchObject({ decisions: [], selected: 2, unplaced: 2, matching: 0 });
    const unknown = decidePlacement(input({ computeCluster: undefined }));
    expect(unknown.misconfigured?.reason).toBe('WorkspaceNotFound');
    expect(unknown.decisions).toEqual([]);
    const bad = decidePlacement(input({ spec: { namespaceSelector: { matchExpressions: [{ key: 'a', operator: 'Bogus' }] } } }));
    expect(bad.misconfigured?.reason).toBe('InvalidSelector');
  });
});
