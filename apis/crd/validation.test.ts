import { describe, expect, it } from 'vitest';
import { fieldErrorText } from '../errors.js';
import type { KObject } from '../resources/model.js';
import { admitErrors } from '../validation/testing.js';

const SCHEMA = { type: 'object', properties: { spec: { type: 'object', properties: { color: { type: 'string' }, size: { type: 'integer' }, tags: { type: 'object', additionalProperties: { type: 'string' } } } }, status: { type: 'object', properties: { replicas: { type: 'integer' } } } } };

function crd(spec: KObject = {}, extra: KObject = {}): KObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com', ...(extra.metadata ?? {}) },
    spec: {
      group: 'example.com', scope: 'Namespaced', names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: SCHEMA } }],
      ...spec,
    },
    ...(extra.status ? { status: extra.status } : {}),
  };
}

const version = (v: KObject): KObject => ({ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: SCHEMA }, ...v });

/** The rendered messages of a definition's validation, as the 422 lists them. */
function messages(o: KObject, old?: KObject): string[] {
  return admitErrors('apiextensions.k8s.io', 'v1', 'customresourcedefinitions', o, old).map(fieldErrorText);
}

describe('CustomResourceDefinition validation', () => {
  it('accepts a realistic definition', () => {
    expect(messages(crd({ versions: [version({ subresources: { status: {}, scale: { specReplicasPath: '.spec.size', statusReplicasPath: '.status.replicas' } }, additionalPrinterColumns: [{ name: 'Color', type: 'string', jsonPath: '.spec.color' }], selectableFields: [{ jsonPath: '.spec.color' }] })] }))).toEqual([]);
  });

  it('checks the name, group, scope and names', () => {
    expect(messages({ ...crd({ group: 'example' }), metadata: { name: 'widgets.example' } })).toEqual(['spec.group: Invalid value: "example": should be a domain with at least one dot']);
    expect(messages({ ...crd(), metadata: { name: 'widget' } })).toEqual(['metadata.name: Invalid value: "widget": must be spec.names.plural+"."+spec.group']);
    expect(messages(crd({ scope: 'Global' }))).toEqual(['spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"']);
    expect(messages(crd({ names: { plural: 'widgets', kind: 'Widget', listKind: 'Widget', shortNames: ['W'] } }))).toEqual([
      expect.stringMatching(/^spec\.names\.shortNames\[0\]: Invalid value: "W": a DNS-1035 label/),
      'spec.names.listKind: Invalid value: "Widget": kind and listKind may not be the same',
    ]);
  });

  it('wants exactly one storage version, unique version names and a schema for each version', () => {
    expect(messages(crd({ versions: [version({}), version({ name: 'v2', storage: true })] }))).toEqual([
      expect.stringMatching(/^spec\.versions: Invalid value: .*: must have exactly one version marked as storage version$/),
      'status.storedVersions: Invalid value: []string{"v1"}: must have the storage version v2',
    ]);
    expect(messages(crd({ versions: [version({}), version({ storage: false })] }))).toEqual([expect.stringMatching(/must contain unique version names$/)]);
    expect(messages(crd({ versions: [{ name: 'v1', served: true, storage: true }] }))).toEqual(['spec.versions[0].schema.openAPIV3Schema: Required value']);
  });

  it('reports per-version fields that are identical in every version at the spec, as upstream’s internal form does', () => {
    const badScale = { status: {}, scale: { specReplicasPath: 'spec.size', statusReplicasPath: '.spec.replicas' } };
    expect(messages(crd({ versions: [version({ subresources: badScale })] }))).toEqual([
      'spec.subresources.scale.specReplicasPath: Invalid value: "spec.size": must be a simple json path starting with .',
      'spec.subresources.scale.statusReplicasPath: Invalid value: ".spec.replicas": should be a json path under .status',
    ]);
    expect(messages(crd({ versions: [version({ subresources: badScale }), version({ name: 'v2', storage: false })] }))).toEqual([
      'spec.versions[0].subresources.scale.specReplicasPath: Invalid value: "spec.size": must be a simple json path starting with .',
      'spec.versions[0].subresources.scale.statusReplicasPath: Invalid value: ".spec.replicas": should be a json path under .status',
    ]);
  });

  it('checks printer columns', () => {
    expect(messages(crd({ versions: [version({ additionalPrinterColumns: [{ name: '', type: 'text', format: 'uuid' }] })] }))).toEqual([
      'spec.additionalPrinterColumns[0].name: Required value',
      'spec.additionalPrinterColumns[0].type: Invalid value: "text": must be one of boolean,date,integer,number,string',
      'spec.additionalPrinterColumns[0].format: Invalid value: "uuid": must be one of byte,date,date-time,double,float,int32,int64,password',
      'spec.additionalPrinterColumns[0].JSONPath: Required value',
    ]);
  });

  it('checks selectable fields against the schema', () => {
    const fields = [{ jsonPath: '.spec.missing' }, { jsonPath: '.metadata.name' }, { jsonPath: '.spec.tags' }, { jsonPath: '.spec.color' }, { jsonPath: ".spec['color']" }, { jsonPath: '.spec.size[0]' }, { jsonPath: '.spec.color' }];
    expect(messages(crd({ versions: [version({ selectableFields: fields })] }))).toEqual([
      'spec.selectableFields[0].jsonPath: Invalid value: ".spec.missing": is an invalid path: does not refer to a valid field',
      'spec.selectableFields[1].jsonPath: Invalid value: ".metadata.name": is an invalid path: does not refer to a valid field',
      'spec.selectableFields[2].jsonPath: Invalid value: ".spec.tags": must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed.',
      'spec.selectableFields[4].jsonPath: Invalid value: ".spec[\'color\']": is an invalid path: array notation is not allowed',
      'spec.selectableFields[5].jsonPath: Invalid value: ".spec.size[0]": is an invalid path: array notation is not allowed',
      'spec.selectableFields[6].jsonPath: Duplicate value: ".spec.color"',
    ]);
    const nine = Array.from({ length: 9 }, (_, i) => ({ jsonPath: `.spec.f${i}` }));
    const wide = { ...SCHEMA, properties: { ...SCHEMA.properties, spec: { type: 'object', properties: Object.fromEntries(nine.map((_, i) => [`f${i}`, { type: 'string' }])) } } };
    expect(messages(crd({ versions: [version({ schema: { openAPIV3Schema: wide }, selectableFields: nine })] }))).toEqual(['spec.selectableFields: Too many: 9: must have at most 8 items']);
  });

  it('checks deprecation warnings and conversion', () => {
    expect(messages(crd({ versions: [version({ deprecationWarning: 'old' })] }))).toEqual(['spec.versions[0].deprecationWarning: Invalid value: "old": can only be set for deprecated versions']);
    expect(messages(crd({ conversion: { strategy: 'Webhook', webhook: { clientConfig: { url: 'http://example.com/convert?x=1' }, conversionReviewVersions: ['v2'] } } }))).toEqual([
      "spec.conversion.webhookClientConfig.url: Invalid value: \"http://example.com/convert?x=1\": 'https' is the only allowed URL scheme; query parameters are not permitted in the URL",
      'spec.conversion.conversionReviewVersions: Invalid value: []string{"v2"}: must include at least one of v1, v1beta1',
    ]);
    expect(messages(crd({ conversion: { strategy: 'None', webhook: { conversionReviewVersions: ['v1'] } } }))).toEqual([
      'spec.conversion.conversionReviewVersions: Forbidden: should not be set when strategy is not set to Webhook',
    ]);
    expect(messages(crd({ preserveUnknownFields: true }))).toEqual(['spec.preserveUnknownFields: Invalid value: true: cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead']);
  });

  it('restricts the root of the schema when the status subresource is on', () => {
    const withStatus = (schema: KObject) => crd({ versions: [version({ schema: { openAPIV3Schema: schema }, subresources: { status: {} } })] });
    expect(messages(withStatus({ type: 'array', items: { type: 'string' } }))).toEqual([
      'spec.validation.openAPIV3Schema.type: Invalid value: "array": only "object" is allowed as the type at the root of the schema if the status subresource is enabled',
      ...(messages(withStatus({ type: 'array', items: { type: 'string' } })).slice(1)),
    ]);
    expect(messages(crd({ versions: [version({ schema: { openAPIV3Schema: { ...SCHEMA, nullable: true } } })] }))).toContain('spec.validation.openAPIV3Schema.nullable: Forbidden: nullable cannot be true at the root');
  });

  it('keeps stored versions until they leave status, and protected groups need approval', () => {
    expect(messages(crd({}, { status: { storedVersions: ['v1', 'v0'] } }))).toEqual([
      'status.storedVersions[1]: Invalid value: "v0": missing from spec.versions; v0 was previously a storage version, and must remain in spec.versions until a storage migration ensures no data remains persisted in v0 and removes v0 from status.storedVersions',
    ]);
    const k8s = { ...crd({ group: 'widgets.k8s.io' }), metadata: { name: 'widgets.widgets.k8s.io' } };
    expect(messages(k8s)).toEqual(['metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation "api-approved.kubernetes.io", see https://github.com/kubernetes/enhancements/pull/1111']);
    expect(messages({ ...k8s, metadata: { ...k8s.metadata, annotations: { 'api-approved.kubernetes.io': 'unapproved, testing' } } })).toEqual([]);
  });

  it('keeps group and plural immutable, and scope and kind once established', () => {
    const old = crd({}, { status: { storedVersions: ['v1'], conditions: [{ type: 'Established', status: 'True' }] } });
    const next = crd({ scope: 'Cluster', names: { plural: 'widgets', singular: 'widget', kind: 'Gadget', listKind: 'GadgetList' } }, { status: old.status });
    expect(messages(next, old)).toEqual(['spec.scope: Invalid value: "Cluster": field is immutable', 'spec.names.kind: Invalid value: "Gadget": field is immutable']);
    const unestablished = crd({}, { status: { storedVersions: ['v1'] } });
    expect(messages(crd({ scope: 'Cluster' }, { status: unestablished.status }), unestablished)).toEqual([]);
    expect(messages(crd({ group: 'example.org' }), crd())).toEqual(['spec.group: Invalid value: "example.org": field is immutable']);
  });
});
