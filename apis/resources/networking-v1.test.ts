import { describe, expect, it } from 'vitest';
import { KObject, ResourceDef, STANDARD_VERBS } from './model.js';
import { ingressHosts, resources } from './networking-v1.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function res(plural: string): ResourceDef {
  const r = resources.find((x) => x.plural === plural);
  if (!r) throw new Error(`no resource ${plural}`);
  return r;
}

const headers = (plural: string, wide = false): string[] =>
  res(plural).columns!.filter((c) => wide || !c.priority).map((c) => c.name.toUpperCase());
const row = (plural: string, obj: KObject): unknown[] => res(plural).columns!.map((c) => c.cell(obj, NOW));

describe('networking.k8s.io/v1 discovery facts', () => {
  it('serves ingresses and networkpolicies as upstream does', () => {
    expect(resources.map((r) => [r.plural, r.singular, r.kind, r.shortNames, r.categories, !!r.status, r.generation])).toEqual([
      ['ingresses', 'ingress', 'Ingress', ['ing'], undefined, true, true],
      ['networkpolicies', 'networkpolicy', 'NetworkPolicy', ['netpol'], undefined, false, true],
    ]);
    for (const r of resources) {
      expect(r).toMatchObject({ group: 'networking.k8s.io', version: 'v1', namespaced: true, type: `networking/v1:${r.kind}` });
      expect(r.verbs).toEqual(STANDARD_VERBS);
    }
  });
});

describe('ingresses', () => {
  it('prints NAME CLASS HOSTS ADDRESS PORTS AGE', () => {
    expect(headers('ingresses', true)).toEqual(['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE']);
    const ing = {
      metadata: { name: 'web', creationTimestamp: ago(30) },
      spec: { ingressClassName: 'nginx', tls: [{ hosts: ['a.example.com'], secretName: 'tls' }], rules: [{ host: 'a.example.com' }, { host: 'b.example.com' }] },
      status: { loadBalancer: { ingress: [{ ip: '10.0.0.9' }, { hostname: 'lb.example.com' }, { ip: '10.0.0.2' }, { ip: '10.0.0.9' }] } },
    };
    expect(row('ingresses', ing)).toEqual(['web', 'nginx', 'a.example.com,b.example.com', '10.0.0.2,10.0.0.9,lb.example.com', '80, 443', '30s']);
    const bare = { metadata: { name: 'bare', creationTimestamp: ago(30) }, spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } } } };
    expect(row('ingresses', bare)).toEqual(['bare', '<none>', '*', '', '80', '30s']);
  });

  it('lists at most three hosts', () => {
    const rules = ['a', 'b', '', 'c', 'd', 'e'].map((host) => ({ host }));
    expect(ingressHosts(rules)).toBe('a,b,c + 3 more...');
    expect(ingressHosts([{}, { host: '' }])).toBe('*');
  });
});

describe('networkpolicies', () => {
  it('defaults policyTypes and port protocols', () => {
    const np = { spec: { podSelector: {}, ingress: [{ ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] }], egress: [{ ports: [{ port: 443 }] }] } };
    const d: KObject = structuredClone(np);
    res('networkpolicies').strategy!.defaults!(d);
    expect(d.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(d.spec.ingress[0].ports).toEqual([{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }]);
    expect(d.spec.egress[0].ports).toEqual([{ port: 443, protocol: 'TCP' }]);
    const ingressOnly: KObject = { spec: { podSelector: { matchLabels: { app: 'db' } } } };
    res('networkpolicies').strategy!.defaults!(ingressOnly);
    expect(ingressOnly.spec.policyTypes).toEqual(['Ingress']);
    const explicit: KObject = { spec: { policyTypes: ['Egress'] } };
    res('networkpolicies').strategy!.defaults!(explicit);
    expect(explicit.spec.policyTypes).toEqual(['Egress']);
  });

  it('prints NAME POD-SELECTOR AGE', () => {
    expect(headers('networkpolicies', true)).toEqual(['NAME', 'POD-SELECTOR', 'AGE']);
    expect(row('networkpolicies', { metadata: { name: 'deny-all', creationTimestamp: ago(60) }, spec: { podSelector: {} } })).toEqual(['deny-all', '<none>', '60s']);
    expect(row('networkpolicies', { metadata: { name: 'db' }, spec: { podSelector: { matchLabels: { role: 'db' } } } })[1]).toBe('role=db');
  });
});
