import { describe, expect, it } from 'vitest';
import { buildTypeRegistry } from '../types/index.js';
import { resources as apiextensions } from './apiextensions-v1.js';
import { resources as authentication } from './authentication-v1.js';
import { resources as authorization } from './authorization-v1.js';

describe('review resources', () => {
  it('are virtual, create-only and typed', () => {
    const registry = buildTypeRegistry();
    const all = [...authentication, ...authorization];
    expect(all.map((r) => `${r.plural}/${r.version}`).sort()).toEqual([
      'localsubjectaccessreviews/v1', 'selfsubjectaccessreviews/v1', 'selfsubjectreviews/v1', 'selfsubjectreviews/v1beta1',
      'selfsubjectrulesreviews/v1', 'subjectaccessreviews/v1', 'tokenreviews/v1',
    ]);
    for (const r of all) {
      expect(r.verbs).toEqual(['create']);
      expect(r.virtual).toBe(true);
      expect(registry.has(r.type), r.type).toBe(true);
      expect(r.namespaced).toBe(r.plural === 'localsubjectaccessreviews');
    }
  });
});

describe('customresourcedefinitions', () => {
  const crd = apiextensions[0];
  it('has upstream discovery facts and prints NAME and CREATED AT', () => {
    expect(crd).toMatchObject({
      group: 'apiextensions.k8s.io', version: 'v1', plural: 'customresourcedefinitions', namespaced: false,
      shortNames: ['crd', 'crds'], categories: ['api-extensions'], status: true,
    });
    const obj = { metadata: { name: 'crontabs.stable.example.com', creationTimestamp: '2025-01-01T00:00:00Z' } };
    expect(crd.columns!.map((c) => [c.name, c.type])).toEqual([['Name', 'string'], ['Created At', 'date']]);
    expect(crd.columns!.map((c) => c.cell(obj, 0))).toEqual(['crontabs.stable.example.com', '2025-01-01T00:00:00Z']);
  });

  it('spells JSON Schema extension fields with their JSON names', () => {
    const registry = buildTypeRegistry();
    const t = registry.get('apiextensions/v1:JSONSchemaProps');
    const renamed = Object.fromEntries(t.fields.filter((f) => f.jsonName).map((f) => [f.name, f.jsonName]));
    expect(renamed).toEqual({
      schema: '$schema', ref: '$ref',
      xKubernetesPreserveUnknownFields: 'x-kubernetes-preserve-unknown-fields',
      xKubernetesEmbeddedResource: 'x-kubernetes-embedded-resource',
      xKubernetesIntOrString: 'x-kubernetes-int-or-string',
      xKubernetesListMapKeys: 'x-kubernetes-list-map-keys',
      xKubernetesListType: 'x-kubernetes-list-type',
      xKubernetesMapType: 'x-kubernetes-map-type',
      xKubernetesValidations: 'x-kubernetes-validations',
    });
  });
});
