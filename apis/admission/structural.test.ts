import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from '../catalogue.js';
import { decodeStructural, normalizeTime } from './structural.js';

const types = builtinCatalogue().types;

describe('decoding objects against the catalogue', () => {
  it('reports unknown fields with their JSON paths and drops them', () => {
    const obj: any = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', bogus: 1 },
      spec: { replicas: 1, foo: true, template: { spec: { containers: [{ name: 'a', image: 'x', imagePullPolicyy: 'Always' }] } } },
    };
    const issues = decodeStructural(types, 'apps/v1:Deployment', obj);
    expect(issues.errors).toEqual([]);
    expect(issues.unknown.sort()).toEqual(['metadata.bogus', 'spec.foo', 'spec.template.spec.containers[0].imagePullPolicyy']);
    expect(obj.spec.foo).toBeUndefined();
    expect(obj.spec.template.spec.containers[0]).toEqual({ name: 'a', image: 'x' });
  });

  it('reports values of the wrong JSON type as Go decoding errors', () => {
    const issues = decodeStructural(types, 'apps/v1:Deployment', { spec: { replicas: 'three' } });
    expect(issues.errors).toEqual(['json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32']);
    expect(decodeStructural(types, 'core/v1:ConfigMap', { data: { a: 1 } }).errors[0]).toMatch(/cannot unmarshal number/);
    expect(decodeStructural(types, 'core/v1:ConfigMap', { data: [] }).errors[0]).toMatch(/cannot unmarshal array/);
  });

  it('drops empty lists and maps of omitempty fields, as Go encodes them', () => {
    const obj: any = { metadata: { name: 'x', labels: {}, finalizers: [] }, data: {} };
    decodeStructural(types, 'core/v1:ConfigMap', obj);
    expect(obj).toEqual({ metadata: { name: 'x' } });
  });

  it('turns nulls into absent fields', () => {
    const obj: any = { metadata: { name: 'x', labels: null }, data: null };
    expect(decodeStructural(types, 'core/v1:ConfigMap', obj)).toEqual({ unknown: [], errors: [] });
    expect(obj).toEqual({ metadata: { name: 'x' } });
  });

  it('canonicalises quantities and checks int-or-strings', () => {
    const obj: any = { spec: { template: { spec: { containers: [{ name: 'a', resources: { requests: { cpu: 0.5, memory: '1024Mi' } } }] } }, strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } } } };
    expect(decodeStructural(types, 'apps/v1:Deployment', obj).errors).toEqual([]);
    expect(obj.spec.template.spec.containers[0].resources.requests).toEqual({ cpu: '500m', memory: '1Gi' });
    expect(decodeStructural(types, 'core/v1:ResourceQuota', { spec: { hard: { cpu: 'lots' } } }).errors[0]).toMatch(/quantities must match/);
    expect(decodeStructural(types, 'apps/v1:Deployment', { spec: { strategy: { rollingUpdate: { maxSurge: true } } } }).errors[0]).toMatch(/IntOrString/);
  });

  it('checks base64 in bytes fields and range of int32', () => {
    expect(decodeStructural(types, 'core/v1:Secret', { data: { a: 'not base64!' } }).errors[0]).toMatch(/illegal base64/);
    expect(decodeStructural(types, 'apps/v1:Deployment', { spec: { replicas: 2 ** 31 } }).errors[0]).toMatch(/cannot unmarshal number/);
  });

  it('normalises times to RFC 3339 seconds in UTC', () => {
    expect(normalizeTime('2026-01-02T03:04:05.123+02:00', false)).toBe('2026-01-02T01:04:05Z');
    expect(normalizeTime('2026-01-02T03:04:05.1234567Z', true)).toBe('2026-01-02T03:04:05.123456Z');
    expect(normalizeTime('yesterday', false)).toBeUndefined();
  });
});
