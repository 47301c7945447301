import { describe, expect, it } from 'vitest';
import type { FieldError, KObject } from './field.js';
import { goValue } from './goValue.js';
import { admitErrors } from './testing.js';

const ingress = (spec: KObject): KObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'default' }, spec });
const backend = { service: { name: 'web', port: { number: 80 } } };
const rule = (path: KObject) => ({ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend, ...path }] } });

describe('Ingress', () => {
  const errorsOf = (o: KObject, old?: KObject) => admitErrors('networking.k8s.io', 'v1', 'ingresses', o, old);

  it('accepts a realistic ingress', () => {
    expect(errorsOf(ingress({ ingressClassName: 'nginx', rules: [rule({})], tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }] }))).toEqual([]);
    expect(errorsOf(ingress({ defaultBackend: { service: { name: 'web', port: { name: 'http' } } } }))).toEqual([]);
  });

  const cases: [string, KObject, FieldError[]][] = [
    ['neither rules nor a default backend', ingress({}), [
      { type: 'Invalid', field: 'spec', value: goValue('[]networking.IngressRule(nil)'), detail: 'either `defaultBackend` or `rules` must be specified' },
    ]],
    ['a path without pathType', ingress({ rules: [rule({ pathType: undefined })] }), [
      { type: 'Required', field: 'spec.rules[0].http.paths[0].pathType', detail: 'pathType must be specified' },
    ]],
    ['a relative Prefix path', ingress({ rules: [rule({ path: 'api' })] }), [
      { type: 'Invalid', field: 'spec.rules[0].http.paths[0].path', value: 'api', detail: 'must be an absolute path' },
    ]],
    ['a path with //', ingress({ rules: [rule({ path: '/a//b' })] }), [
      { type: 'Invalid', field: 'spec.rules[0].http.paths[0].path', value: '/a//b', detail: "must not contain '//'" },
    ]],
    ['an unknown pathType', ingress({ rules: [rule({ pathType: 'Regex' })] }), [
      { type: 'NotSupported', field: 'spec.rules[0].http.paths[0].pathType', value: 'Regex', supported: ['Exact', 'ImplementationSpecific', 'Prefix'] },
    ]],
    ['a backend without port', ingress({ rules: [rule({ backend: { service: { name: 'web' } } })] }), [
      { type: 'Required', field: 'spec.rules[0].http.paths[0].backend', detail: 'port name or number is required' },
    ]],
    ['a backend service name that is not a DNS-1035 label', ingress({ rules: [rule({ backend: { service: { name: '1web', port: { number: 80 } } } })] }), [{
      type: 'Invalid', field: 'spec.rules[0].http.paths[0].backend.service.name', value: '1web',
      detail: "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    }]],
    ['an IP as host', ingress({ rules: [{ ...rule({}), host: '10.0.0.1' }] }), [
      { type: 'Invalid', field: 'spec.rules[0].host', value: '10.0.0.1', detail: 'must be a DNS name, not an IP address' },
    ]],
    ['a rule without paths', ingress({ rules: [{ host: 'a.example.com', http: { paths: [] } }] }), [{ type: 'Required', field: 'spec.rules[0].http.paths' }]],
  ];

  it.each(cases)('rejects %s', (_name, o, expected) => {
    expect(errorsOf(o)).toEqual(expected);
  });
});

const policy = (spec: KObject): KObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'db', namespace: 'default' }, spec });

describe('NetworkPolicy', () => {
  const errorsOf = (o: KObject, old?: KObject) => admitErrors('networking.k8s.io', 'v1', 'networkpolicies', o, old);

  it('accepts a realistic policy', () => {
    expect(errorsOf(policy({
      podSelector: { matchLabels: { app: 'db' } },
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }, { ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.1.0/24'] } }], ports: [{ port: 5432 }, { port: 'metrics' }] }],
      egress: [{ to: [{ ipBlock: { cidr: '2001:db8::/32' } }], ports: [{ protocol: 'UDP', port: 53, endPort: 60 }] }],
    }))).toEqual([]);
  });

  const cases: [string, KObject, FieldError[]][] = [
    ['a port out of range', policy({ ingress: [{ ports: [{ port: 0 }] }] }), [
      { type: 'Invalid', field: 'spec.ingress[0].ports[0].port', value: 0, detail: 'must be between 1 and 65535, inclusive' },
    ]],
    ['endPort below port', policy({ ingress: [{ ports: [{ port: 100, endPort: 90 }] }] }), [
      { type: 'Invalid', field: 'spec.ingress[0].ports[0].endPort', value: 90, detail: 'must be greater than or equal to `port`' },
    ]],
    ['an unknown protocol', policy({ egress: [{ ports: [{ protocol: 'ICMP' }] }] }), [
      { type: 'NotSupported', field: 'spec.egress[0].ports[0].protocol', value: 'ICMP', supported: ['TCP', 'UDP', 'SCTP'] },
    ]],
    ['a peer without selector or block', policy({ ingress: [{ from: [{}] }] }), [{ type: 'Required', field: 'spec.ingress[0].from[0]', detail: 'must specify a peer' }]],
    ['an ipBlock with another peer', policy({ ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }] }), [
      { type: 'Forbidden', field: 'spec.ingress[0].from[0]', detail: 'may not specify both ipBlock and another peer' },
    ]],
    ['an invalid CIDR', policy({ ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/33' } }] }] }), [
      { type: 'Invalid', field: 'spec.ingress[0].from[0].ipBlock.cidr', value: '10.0.0.0/33', detail: 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)' },
    ]],
    ['an except outside the block', policy({ ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['192.168.0.0/24', '10.0.0.0/8'] } }] }] }), [
      { type: 'Invalid', field: 'spec.ingress[0].from[0].ipBlock.except[0]', value: '192.168.0.0/24', detail: 'must be a strict subset of `cidr`' },
      { type: 'Invalid', field: 'spec.ingress[0].from[0].ipBlock.except[1]', value: '10.0.0.0/8', detail: 'must be a strict subset of `cidr`' },
    ]],
    ['an unknown policy type', policy({ policyTypes: ['Ingress', 'Sideways'] }), [
      { type: 'NotSupported', field: 'spec.policyTypes[1]', value: 'Sideways', supported: ['Ingress', 'Egress'] },
    ]],
  ];

  it.each(cases)('rejects %s', (_name, o, expected) => {
    expect(errorsOf(o)).toEqual(expected);
  });

  it('keeps accepting an invalid CIDR that was already stored', () => {
    const old = policy({ ingress: [{ from: [{ ipBlock: { cidr: '010.0.0.0/8' } }] }] });
    expect(errorsOf(policy({ ingress: [{ from: [{ ipBlock: { cidr: '010.0.0.0/8' } }], ports: [{ port: 80 }] }] }), old)).toEqual([]);
  });
});
