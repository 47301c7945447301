import { describe, expect, it } from 'vitest';
import { typeRegistry } from '../types/index.js';
import type { FieldError } from './field.js';
import { combine, validateStructure } from './structure.js';

const reg = typeRegistry();

describe('validateStructure', () => {
  const cases: [string, string, unknown, FieldError[]][] = [
    ['a valid service', 'core/v1:Service', { metadata: { name: 'web' }, spec: { type: 'ClusterIP', ports: [{ port: 80, protocol: 'TCP' }] } }, []],
    ['an enum value outside the list', 'core/v1:Service', { spec: { type: 'Internal', sessionAffinity: 'Sticky' } }, [
      { type: 'NotSupported', field: 'spec.type', value: 'Internal', supported: ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'] },
      { type: 'NotSupported', field: 'spec.sessionAffinity', value: 'Sticky', supported: ['ClientIP', 'None'] },
    ]],
    ['enums inside lists', 'core/v1:Service', { spec: { ports: [{ port: 80 }, { port: 53, protocol: 'QUIC' }] } }, [
      { type: 'NotSupported', field: 'spec.ports[1].protocol', value: 'QUIC', supported: ['SCTP', 'TCP', 'UDP'] },
    ]],
    ['a missing required string deep in a template', 'apps/v1:Deployment', {
      spec: { template: { spec: { containers: [{ image: 'nginx', env: [{ value: 'x' }] }], volumes: [{ name: 'v', hostPath: {} }] } } },
    }, [
      { type: 'Required', field: 'spec.template.spec.volumes[0].hostPath.path' },
      { type: 'Required', field: 'spec.template.spec.containers[0].name' },
      { type: 'Required', field: 'spec.template.spec.containers[0].env[0].name' },
    ]],
    ['an empty string in an enum that lists it', 'apps/v1:Deployment', {
      spec: { template: { spec: { containers: [{ name: 'c' }], volumes: [{ name: 'v', hostPath: { path: '/x', type: '' } }] } } },
    }, []],
    ['repeated enums', 'networking/v1:NetworkPolicy', { spec: { policyTypes: ['Ingress', 'Sideways'] } }, [
      { type: 'NotSupported', field: 'spec.policyTypes[1]', value: 'Sideways', supported: ['Ingress', 'Egress'] },
    ]],
    ['metadata and status are not visited', 'apps/v1:Deployment', { metadata: { ownerReferences: [{}] }, status: { conditions: [{}] } }, []],
    ['fields a kind reports elsewhere are not reported', 'apps/v1:Deployment', {
      spec: { template: { spec: { containers: [{ name: 'c', resizePolicy: [{}] }] } } },
    }, []],
  ];

  it.each(cases)('%s', (_name, type, obj, expected) => {
    expect(validateStructure(reg, type, obj)).toEqual(expected);
  });

  it('ignores unknown types and non-objects', () => {
    expect(validateStructure(reg, 'core/v1:Nothing', {})).toEqual([]);
    expect(validateStructure(reg, 'core/v1:Service', 'x')).toEqual([]);
  });
});

describe('combine', () => {
  const req = (field: string): FieldError => ({ type: 'Required', field });
  it('keeps kind errors first and drops structural errors the kind covered', () => {
    const kind = [req('spec.a'), req('spec.b[0].c'), { type: 'Invalid', field: 'spec.d', value: 'x', detail: 'bad' } as FieldError];
    const structural = [req('spec.a'), req('spec.b'), req('spec.d.e'), req('spec.f')];
    expect(combine(kind, structural)).toEqual([...kind, req('spec.f')]);
  });
});
