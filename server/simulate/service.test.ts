import { describe, expect, it } from 'vitest';
import { KObject } from '../../apis/resources/model.js';
import { addUsed, allocatedSpec, serviceStatus } from './service.js';
import { allocateClusterIP, allocateNodePort, emptyUsed } from './serviceAddresses.js';

const svc = (name: string, spec: KObject, status?: KObject): KObject => ({ metadata: { name, namespace: 'ns' }, spec: { ports: [{ port: 80, protocol: 'TCP' }], ...spec }, status });
const IPV4 = /^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/;

describe('allocatedSpec', () => {
  it('a ClusterIP service: one IPv4 address from 10.96.0.0/12, SingleStack', () => {
    const spec = allocatedSpec(svc('a', { type: 'ClusterIP', selector: { app: 'a' } }), emptyUsed())!;
    expect(spec.clusterIP).toMatch(IPV4);
    expect(spec.clusterIP.startsWith('10.96.0.')).toBe(false); // the low band is for static IPs
    expect(spec).toMatchObject({ clusterIPs: [spec.clusterIP], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
  });

  it('is stable for a name and unique in a workspace', () => {
    const first = allocatedSpec(svc('a', { type: 'ClusterIP' }), emptyUsed())!.clusterIP;
    expect(allocatedSpec(svc('a', { type: 'ClusterIP' }), emptyUsed())!.clusterIP).toBe(first);
    const used = emptyUsed();
    used.clusterIPs.add(first);
    const second = allocatedSpec(svc('a', { type: 'ClusterIP' }), used)!.clusterIP;
    expect(second).not.toBe(first);
    expect(used.clusterIPs.has(second)).toBe(true);
  });

  it('nothing to do once allocated, or for ExternalName services', () => {
    const spec = allocatedSpec(svc('a', { type: 'ClusterIP' }), emptyUsed())!;
    expect(allocatedSpec(svc('a', spec), emptyUsed())).toBeUndefined();
    expect(allocatedSpec(svc('e', { type: 'ExternalName', externalName: 'example.com' }), emptyUsed())).toBeUndefined();
  });

  it('keeps a requested IP and infers its family', () => {
    expect(allocatedSpec(svc('a', { type: 'ClusterIP', clusterIP: '10.96.0.10' }), emptyUsed())).toMatchObject({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ipFamilies: ['IPv4'] });
    expect(allocatedSpec(svc('a', { type: 'ClusterIP', clusterIPs: ['fd00:10:96::a'] }), emptyUsed())).toMatchObject({ clusterIP: 'fd00:10:96::a', ipFamilies: ['IPv6'] });
  });

  it('headless services: None, and both families when they have no selector', () => {
    expect(allocatedSpec(svc('h', { clusterIP: 'None' }), emptyUsed())).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'], ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'] });
    expect(allocatedSpec(svc('h', { clusterIP: 'None', selector: { app: 'h' } }), emptyUsed())).toMatchObject({ ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'] });
  });

  it('node ports for NodePort and LoadBalancer services, shared by ports of the same number', () => {
    const spec = allocatedSpec(svc('n', { type: 'NodePort', ports: [{ name: 'tcp', port: 53, protocol: 'TCP' }, { name: 'udp', port: 53, protocol: 'UDP' }, { name: 'web', port: 80, protocol: 'TCP', nodePort: 30080 }] }), emptyUsed())!;
    expect(spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
    expect(spec.ports[1].nodePort).toBe(spec.ports[0].nodePort);
    expect(spec.ports[2].nodePort).toBe(30080);
    const lb = allocatedSpec(svc('l', { type: 'LoadBalancer', allocateLoadBalancerNodePorts: false, externalTrafficPolicy: 'Local' }), emptyUsed())!;
    expect(lb.ports[0].nodePort).toBeUndefined();
    expect(lb.healthCheckNodePort).toBeGreaterThanOrEqual(30000);
  });
});

describe('serviceStatus', () => {
  it('a load balancer gets a documentation-range ingress address, kept once given; others an empty loadBalancer', () => {
    const used = emptyUsed();
    const s = serviceStatus(svc('l', { type: 'LoadBalancer' }), used);
    expect(s.loadBalancer.ingress).toEqual([{ ip: expect.stringMatching(/^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$/), ipMode: 'VIP' }]);
    expect(serviceStatus(svc('l', { type: 'LoadBalancer' }, s), emptyUsed())).toEqual(s);
    expect(serviceStatus(svc('c', { type: 'ClusterIP' }), used)).toEqual({ loadBalancer: {} });
  });
});

describe('address pools', () => {
  it('hand out every address once', () => {
    const used = emptyUsed();
    addUsed(used, svc('x', { clusterIP: '10.96.1.1', ports: [{ port: 1, nodePort: 30001 }] }));
    expect(used.clusterIPs.has('10.96.1.1')).toBe(true);
    expect(used.nodePorts.has(30001)).toBe(true);
    const ports = new Set<number>();
    for (let i = 0; i < 2767; i++) ports.add(allocateNodePort(used, 'same seed')!);
    expect(ports.size).toBe(2767);
    expect(allocateNodePort(used, 'same seed')).toBeUndefined();
    expect(allocateClusterIP('IPv6', used, 'a')).toMatch(/^fd00:10:96::[0-9a-f]+$/);
  });
});
