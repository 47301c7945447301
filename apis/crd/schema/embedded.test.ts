import { describe, expect, it } from 'vitest';
import { coerce, validateEmbedded } from './embedded.js';
import { decodeObjectMeta } from './objectMeta.js';
import { toStructural } from './structural.js';
import { texts } from './testing.js';

const embedded = { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true };
const schema = toStructural({
  type: 'object',
  properties: {
    embedded,
    nested: { ...embedded, properties: { embedded } },
    items: { type: 'array', items: embedded },
    additionalProperties: { type: 'object', additionalProperties: embedded },
  },
});

describe('validateEmbedded (objectmeta.Validate)', () => {
  it('requires apiVersion and kind of every embedded resource, and of the root when asked', () => {
    expect(texts(validateEmbedded('', {}, schema))).toEqual([]);
    expect(texts(validateEmbedded('', {}, schema, true))).toEqual(['apiVersion: Required value', 'kind: Required value']);
    expect(texts(validateEmbedded('', { embedded: {}, nested: { embedded: {} }, items: [{}], additionalProperties: { foo: {} } }, schema))).toEqual([
      'embedded.apiVersion: Required value',
      'embedded.kind: Required value',
      'nested.apiVersion: Required value',
      'nested.kind: Required value',
      'nested.embedded.apiVersion: Required value',
      'nested.embedded.kind: Required value',
      'items[0].apiVersion: Required value',
      'items[0].kind: Required value',
      'additionalProperties[foo].apiVersion: Required value',
      'additionalProperties[foo].kind: Required value',
    ]);
  });

  it('validates metadata as ObjectMeta with path-segment names, namespace only when set', () => {
    const res = (metadata: unknown) => texts(validateEmbedded('', { embedded: { apiVersion: 'foo/v1', kind: 'Foo', metadata } }, schema));
    expect(res({ namespace: 'kube-system' })).toEqual([]);
    expect(res({ name: 'foo' })).toEqual([]);
    expect(res({ name: '..', namespace: '$$$', labels: { '#': '#' }, annotations: { '#': '#' } })).toEqual([
      "embedded.metadata.name: Invalid value: \"..\": may not be '..'",
      "embedded.metadata.namespace: Invalid value: \"$$$\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      "embedded.metadata.labels: Invalid value: \"#\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      "embedded.metadata.labels: Invalid value: \"#\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      "embedded.metadata.annotations: Invalid value: \"#\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
  });

  it('checks TypeMeta values', () => {
    const res = (e: Record<string, unknown>) => texts(validateEmbedded('', { embedded: e }, schema));
    expect(res({ apiVersion: '', kind: 3 })).toEqual(['embedded.apiVersion: Invalid value: "": must not be empty', 'embedded.kind: Invalid value: 3: must be a string']);
  });
});

describe('coerce (objectmeta.Coerce)', () => {
  it('normalises embedded metadata and lists its unknown fields', () => {
    const obj = { embedded: { apiVersion: 'v1', kind: 'Pod', metadata: { name: '', generation: 0, creationTimestamp: '2024-01-01T10:00:00.5+02:00', x: 1 } } };
    expect(coerce(obj, schema)).toEqual({ unknown: ['embedded.metadata.x'], error: undefined });
    expect(obj.embedded.metadata).toEqual({ creationTimestamp: '2024-01-01T08:00:00Z' });
  });

  it('drops malformed fields one top-level field at a time when asked', () => {
    const obj = { embedded: { apiVersion: 1, kind: 'Pod', metadata: { name: 'n', labels: { a: 1, b: 'x' } } } };
    expect(coerce(obj, schema, { dropInvalidFields: true }).error).toBeUndefined();
    expect(obj.embedded).toEqual({ kind: 'Pod', metadata: { name: 'n' } });
  });
});

describe('decodeObjectMeta', () => {
  it('reports Go json errors without map keys in the struct field path', () => {
    expect(decodeObjectMeta({ ownerReferences: [{ name: 5 }] }).error).toBe('json: cannot unmarshal number into Go struct field OwnerReference.ownerReferences.name of type string');
    expect(decodeObjectMeta([]).error).toBe('json: cannot unmarshal array into Go value of type v1.ObjectMeta');
    expect(decodeObjectMeta(null)).toEqual({ meta: {}, unknown: [] });
  });
});
