import { describe, expect, it } from 'vitest';
import type { FieldError, KObject } from './field.js';
import { goValue } from './goValue.js';
import { admitErrors } from './testing.js';

const DNS_LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

function service(): KObject {
  return {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'https', port: 443, targetPort: 8443 }] },
  };
}

const edit = (fn: (o: KObject) => void, base = service()): KObject => {
  fn(base);
  return base;
};

const errorsOf = (o: KObject, old?: KObject) => admitErrors('', 'v1', 'services', o, old);

describe('Service', () => {
  it.each<[string, KObject]>([
    ['a ClusterIP service', service()],
    ['a headless service without ports', { metadata: { name: 'db', namespace: 'default' }, spec: { clusterIP: 'None', selector: { app: 'db' } } }],
    ['an ExternalName service', { metadata: { name: 'ext', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'api.example.com.' } }],
    ['a NodePort service', edit((o) => { o.spec.type = 'NodePort'; o.spec.ports[0].nodePort = 30080; })],
    ['a LoadBalancer with source ranges', edit((o) => { o.spec.type = 'LoadBalancer'; o.spec.loadBalancerSourceRanges = ['10.0.0.0/8']; })],
  ])('accepts %s', (_name, o) => {
    expect(errorsOf(o)).toEqual([]);
  });

  const cases: [string, (o: KObject) => void, FieldError[]][] = [
    ['no ports', (o) => { delete o.spec.ports; }, [{ type: 'Required', field: 'spec.ports' }]],
    ['two ports without names', (o) => { delete o.spec.ports[0].name; delete o.spec.ports[1].name; }, [
      { type: 'Required', field: 'spec.ports[0].name' },
      { type: 'Required', field: 'spec.ports[1].name' },
    ]],
    ['a port name that is not a DNS label', (o) => { o.spec.ports[0].name = 'HTTP'; }, [{ type: 'Invalid', field: 'spec.ports[0].name', value: 'HTTP', detail: DNS_LABEL }]],
    ['two ports with one name', (o) => { o.spec.ports[1].name = 'http'; }, [{ type: 'Duplicate', field: 'spec.ports[1].name', value: 'http' }]],
    ['port 0 (its defaulted targetPort too)', (o) => { o.spec.ports = [{ port: 0 }]; }, [
      { type: 'Invalid', field: 'spec.ports[0].port', value: 0, detail: 'must be between 1 and 65535, inclusive' },
      { type: 'Invalid', field: 'spec.ports[0].targetPort', value: 0, detail: 'must be between 1 and 65535, inclusive' },
    ]],
    ['a target port out of range', (o) => { o.spec.ports[1].targetPort = 70000; }, [
      { type: 'Invalid', field: 'spec.ports[1].targetPort', value: 70000, detail: 'must be between 1 and 65535, inclusive' },
    ]],
    ['an unknown protocol', (o) => { o.spec.ports[0].protocol = 'HTTP'; }, [
      { type: 'NotSupported', field: 'spec.ports[0].protocol', value: 'HTTP', supported: ['SCTP', 'TCP', 'UDP'] },
    ]],
    ['the same port twice', (o) => { o.spec.ports[1].port = 80; }, [
      { type: 'Duplicate', field: 'spec.ports[1]', value: goValue('core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}') },
    ]],
    ['an unknown type', (o) => { o.spec.type = 'Internal'; }, [
      { type: 'NotSupported', field: 'spec.type', value: 'Internal', supported: ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'] },
    ]],
    ['a node port on a ClusterIP service', (o) => { o.spec.ports[0].nodePort = 30080; }, [
      { type: 'Forbidden', field: 'spec.ports[0].nodePort', detail: "may not be used when `type` is 'ClusterIP'" },
    ]],
    ['an ExternalName service without externalName', (o) => { o.spec.type = 'ExternalName'; delete o.spec.ports; }, [{ type: 'Required', field: 'spec.externalName' }]],
    ['a headless NodePort service', (o) => { o.spec.type = 'NodePort'; o.spec.clusterIP = 'None'; }, [
      { type: 'Invalid', field: 'spec.clusterIPs[0]', value: 'None', detail: "may not be set to 'None' for NodePort services" },
    ]],
    ['a cluster IP that is not an IP', (o) => { o.spec.clusterIP = '10.0.0.300'; }, [
      { type: 'Invalid', field: 'spec.clusterIPs[0]', value: '10.0.0.300', detail: 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)' },
    ]],
    ['an unknown session affinity', (o) => { o.spec.sessionAffinity = 'Sticky'; }, [
      { type: 'NotSupported', field: 'spec.sessionAffinity', value: 'Sticky', supported: ['ClientIP', 'None'] },
    ]],
    ['source ranges on a ClusterIP service', (o) => { o.spec.loadBalancerSourceRanges = ['10.0.0.0/8']; }, [
      { type: 'Forbidden', field: 'spec.LoadBalancerSourceRanges', detail: "may only be used when `type` is 'LoadBalancer'" },
    ]],
    ['externalTrafficPolicy on a ClusterIP service', (o) => { o.spec.externalTrafficPolicy = 'Local'; }, [
      { type: 'Invalid', field: 'spec.externalTrafficPolicy', value: 'Local', detail: 'may only be set for externally-accessible services' },
    ]],
    ['an invalid selector label value', (o) => { o.spec.selector = { app: 'web app' }; }, [{
      type: 'Invalid', field: 'spec.selector', value: 'web app',
      detail: "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    }]],
  ];

  it.each(cases)('rejects %s', (_name, fn, expected) => {
    expect(errorsOf(edit(fn))).toEqual(expected);
  });

  it('keeps the primary cluster IP once set', () => {
    const old = edit((o) => { o.spec.clusterIP = '10.96.0.10'; o.spec.clusterIPs = ['10.96.0.10']; });
    const next = edit((o) => { o.spec.clusterIP = '10.96.0.11'; o.spec.clusterIPs = ['10.96.0.11']; });
    expect(errorsOf(next, old)).toEqual([
      { type: 'Invalid', field: 'spec.clusterIPs[0]', value: goValue('[]string{"10.96.0.11"}'), detail: 'may not change once set' },
    ]);
  });
});
