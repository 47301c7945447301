import { describe, expect, it } from 'vitest';
import { errors } from '../errors.js';
import type { FieldError } from '../resources/model.js';
import {
  validateAnnotations,
  validateFieldManager,
  validateLabels,
  validateLabelSelector,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validateOwnerReferences,
} from './objectMetaValidation.js';
import { nameIsDNSSubdomain, nameIsPathSegment } from './validation.js';

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const QNAME =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

const namespaced = { namespaced: true, nameFn: nameIsDNSSubdomain };
const clusterScoped = { namespaced: false, nameFn: nameIsDNSSubdomain };

describe('validateObjectMeta', () => {
  const cases: [name: string, meta: Record<string, unknown>, rules: typeof namespaced, want: FieldError[]][] = [
    ['valid', { name: 'web', namespace: 'default', labels: { app: 'web' }, annotations: { 'example.com/x': 'y' } }, namespaced, []],
    ['missing name', { namespace: 'default' }, namespaced, [{ type: 'Required', field: 'metadata.name', detail: 'name or generateName is required' }]],
    ['bad name', { name: 'Bad_Name', namespace: 'default' }, namespaced, [{ type: 'Invalid', field: 'metadata.name', value: 'Bad_Name', detail: SUBDOMAIN }]],
    ['generateName with trailing dash is fine', { name: 'web-x1', generateName: 'web-', namespace: 'default' }, namespaced, []],
    [
      'bad generateName',
      { name: 'web', generateName: 'Web-', namespace: 'default' },
      namespaced,
      [{ type: 'Invalid', field: 'metadata.generateName', value: 'Web-', detail: SUBDOMAIN }],
    ],
    ['namespace required', { name: 'web' }, namespaced, [{ type: 'Required', field: 'metadata.namespace', detail: undefined }]],
    [
      'namespace must be a DNS label',
      { name: 'web', namespace: 'a.b' },
      namespaced,
      [{ type: 'Invalid', field: 'metadata.namespace', value: 'a.b', detail: 'must not contain dots' }],
    ],
    ['namespace forbidden', { name: 'web', namespace: 'x' }, clusterScoped, [{ type: 'Forbidden', field: 'metadata.namespace', detail: 'not allowed on this type' }]],
    [
      'negative generation',
      { name: 'web', generation: -1 },
      clusterScoped,
      [{ type: 'Invalid', field: 'metadata.generation', value: -1, detail: 'must be greater than or equal to 0' }],
    ],
    [
      'bad label key and value',
      { name: 'web', labels: { 'bad key': 'bad value' } },
      clusterScoped,
      [
        { type: 'Invalid', field: 'metadata.labels', value: 'bad key', detail: QNAME },
        {
          type: 'Invalid',
          field: 'metadata.labels',
          value: 'bad value',
          detail:
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        },
      ],
    ],
    ['annotation keys are case-insensitive', { name: 'web', annotations: { 'Example.COM/Key': 'v' } }, clusterScoped, []],
    [
      'annotations too large',
      { name: 'web', annotations: { big: 'x'.repeat(262142) } },
      clusterScoped,
      [{ type: 'TooLong', field: 'metadata.annotations', detail: 'may not be more than 262144 bytes' }],
    ],
    [
      'bad finalizer and conflicting finalizers',
      { name: 'web', finalizers: ['orphan', 'foregroundDeletion', 'a b'] },
      clusterScoped,
      [
        { type: 'Invalid', field: 'metadata.finalizers', value: 'a b', detail: QNAME },
        { type: 'Invalid', field: 'metadata.finalizers', value: ['orphan', 'foregroundDeletion', 'a b'], detail: 'finalizer orphan and foregroundDeletion cannot be both set' },
      ],
    ],
    ['path-segment names', { name: 'system:admin' }, { namespaced: false, nameFn: nameIsPathSegment }, []],
    [
      'managed fields',
      { name: 'web', managedFields: [{ manager: 'kubectl', operation: 'Patch', fieldsType: 'FieldsV2' }] },
      clusterScoped,
      [
        { type: 'Invalid', field: 'metadata.managedFields[0].operation', value: 'Patch', detail: 'must be `Apply` or `Update`' },
        { type: 'Invalid', field: 'metadata.managedFields[0].fieldsType', value: 'FieldsV2', detail: 'must be `FieldsV1`' },
      ],
    ],
  ];
  it.each(cases)('%s', (_name, meta, rules, want) => {
    expect(validateObjectMeta(meta, rules)).toEqual(want);
  });

  it('renders as the upstream 422 message', () => {
    const errs = validateObjectMeta({ name: 'Bad_Name', namespace: 'default' }, namespaced);
    expect(errors.invalid({ group: '', kind: 'ConfigMap' }, 'Bad_Name', errs).message).toBe(`ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": ${SUBDOMAIN}`);
  });
});

describe('validateObjectMetaUpdate', () => {
  const old = { name: 'web', namespace: 'ns', uid: 'u1', resourceVersion: '5', generation: 2, creationTimestamp: '2024-01-01T00:00:00Z' };
  const cases: [name: string, meta: Record<string, unknown>, oldMeta: Record<string, unknown>, want: FieldError[]][] = [
    ['unchanged', { ...old }, old, []],
    ['resourceVersion required', { ...old, resourceVersion: '' }, old, [{ type: 'Invalid', field: 'metadata.resourceVersion', value: '', detail: 'must be specified for an update' }]],
    ['generation decrement', { ...old, generation: 1 }, old, [{ type: 'Invalid', field: 'metadata.generation', value: 1, detail: 'must not be decremented' }]],
    ['uid immutable', { ...old, uid: 'u2' }, old, [{ type: 'Invalid', field: 'metadata.uid', value: 'u2', detail: 'field is immutable' }]],
    [
      'creationTimestamp immutable',
      { ...old, creationTimestamp: '2025-01-01T00:00:00Z' },
      old,
      [{ type: 'Invalid', field: 'metadata.creationTimestamp', value: '2025-01-01T00:00:00Z', detail: 'field is immutable' }],
    ],
    [
      'no new finalizers while deleting',
      { ...old, finalizers: ['a', 'c', 'b'], deletionTimestamp: '2024-02-01T00:00:00Z' },
      { ...old, finalizers: ['a'], deletionTimestamp: '2024-02-01T00:00:00Z' },
      [{ type: 'Forbidden', field: 'metadata.finalizers', detail: 'no new finalizers can be added if the object is being deleted, found new finalizers []string{"b", "c"}' }],
    ],
  ];
  it.each(cases)('%s', (_name, meta, oldMeta, want) => {
    expect(validateObjectMetaUpdate(meta, oldMeta)).toEqual(want);
  });
});

describe('validateOwnerReferences', () => {
  const ref = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u' };
  const cases: [name: string, refs: unknown[], want: FieldError[]][] = [
    ['valid', [ref], []],
    [
      'missing everything',
      [{}],
      [
        { type: 'Invalid', field: 'metadata.ownerReferences.apiVersion', value: '', detail: 'version must not be empty' },
        { type: 'Invalid', field: 'metadata.ownerReferences.kind', value: '', detail: 'must not be empty' },
        { type: 'Invalid', field: 'metadata.ownerReferences.name', value: '', detail: 'must not be empty' },
        { type: 'Invalid', field: 'metadata.ownerReferences.uid', value: '', detail: 'must not be empty' },
      ],
    ],
    [
      'events cannot own',
      [{ apiVersion: 'v1', kind: 'Event', name: 'e', uid: 'u' }],
      [{ type: 'Invalid', field: 'metadata.ownerReferences', value: { apiVersion: 'v1', kind: 'Event', name: 'e', uid: 'u' }, detail: '/v1, Kind=Event is disallowed from being an owner' }],
    ],
    [
      'two controllers',
      [{ ...ref, controller: true }, { ...ref, name: 'rs2', controller: true }],
      [
        {
          type: 'Invalid',
          field: 'metadata.ownerReferences',
          value: [{ ...ref, controller: true }, { ...ref, name: 'rs2', controller: true }],
          detail: 'Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/rs and ReplicaSet/rs2',
        },
      ],
    ],
  ];
  it.each(cases)('%s', (_name, refs, want) => {
    expect(validateOwnerReferences(refs, 'metadata.ownerReferences')).toEqual(want);
  });
});

describe('small validators', () => {
  it('validateLabels accepts empty values', () => {
    expect(validateLabels({ a: '' }, 'metadata.labels')).toEqual([]);
  });

  it('validateAnnotations reports each bad key', () => {
    expect(validateAnnotations({ 'a/b/c': 'x' }, 'metadata.annotations')).toHaveLength(1);
  });

  it.each([
    ['kubectl-client-side-apply', []],
    ['m'.repeat(129), [{ type: 'TooLong', field: 'fieldManager', detail: 'may not be more than 128 bytes' }]],
    ['bad\tname', [{ type: 'Invalid', field: 'fieldManager', value: 'bad\tname', detail: 'invalid character U+0009 (at position 3)' }]],
  ])('validateFieldManager(%j)', (m, want) => {
    expect(validateFieldManager(m, 'fieldManager')).toEqual(want);
  });
});

describe('validateLabelSelector', () => {
  const cases: [name: string, sel: Record<string, unknown> | null, want: FieldError[]][] = [
    ['nil', null, []],
    ['valid', { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }, []],
    [
      'In without values',
      { matchExpressions: [{ key: 'env', operator: 'In' }] },
      [{ type: 'Required', field: 'spec.selector.matchExpressions[0].values', detail: "must be specified when `operator` is 'In' or 'NotIn'" }],
    ],
    [
      'Exists with values',
      { matchExpressions: [{ key: 'env', operator: 'Exists', values: ['x'] }] },
      [{ type: 'Forbidden', field: 'spec.selector.matchExpressions[0].values', detail: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'" }],
    ],
    [
      'bad operator, key and value',
      { matchExpressions: [{ key: '-k', operator: 'Equals', values: ['a b'] }] },
      [
        { type: 'Invalid', field: 'spec.selector.matchExpressions[0].operator', value: 'Equals', detail: 'not a valid selector operator' },
        { type: 'Invalid', field: 'spec.selector.matchExpressions[0].key', value: '-k', detail: QNAME },
        {
          type: 'Invalid',
          field: 'spec.selector.matchExpressions[0].values[0]',
          value: 'a b',
          detail:
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        },
      ],
    ],
  ];
  it.each(cases)('%s', (_name, sel, want) => {
    expect(validateLabelSelector(sel, 'spec.selector')).toEqual(want);
  });
});
