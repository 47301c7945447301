import { describe, expect, it } from 'vitest';
import type { FieldError, KObject } from './field.js';
import { admitErrors } from './testing.js';

const claim = (spec: KObject = {}): KObject => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' },
  spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '10Gi' } }, ...spec },
});

const errorsOf = (o: KObject, old?: KObject) => admitErrors('', 'v1', 'persistentvolumeclaims', o, old);

describe('PersistentVolumeClaim', () => {
  it('accepts a realistic claim', () => {
    expect(errorsOf(claim())).toEqual([]);
  });

  const cases: [string, KObject, FieldError[]][] = [
    ['no access modes and no storage request', { metadata: { name: 'data', namespace: 'default' }, spec: {} }, [
      { type: 'Required', field: 'spec.accessModes', detail: 'at least 1 access mode is required' },
      { type: 'Required', field: 'spec.resources[storage]' },
    ]],
    ['an unknown access mode', claim({ accessModes: ['ReadWriteSometimes'] }), [
      { type: 'NotSupported', field: 'spec.accessModes', value: 'ReadWriteSometimes', supported: ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'] },
    ]],
    ['ReadWriteOncePod with another mode', claim({ accessModes: ['ReadWriteOncePod', 'ReadOnlyMany'] }), [
      { type: 'Forbidden', field: 'spec.accessModes', detail: 'may not use ReadWriteOncePod with other access modes' },
    ]],
    ['a zero storage request', claim({ resources: { requests: { storage: '0' } } }), [
      { type: 'Invalid', field: 'spec.resources[storage]', value: '0', detail: 'must be greater than zero' },
    ]],
    ['an unknown volume mode', claim({ volumeMode: 'Raw' }), [{ type: 'NotSupported', field: 'spec.volumeMode', value: 'Raw', supported: ['Block', 'Filesystem'] }]],
  ];

  it.each(cases)('rejects %s', (_name, o, expected) => {
    expect(errorsOf(o)).toEqual(expected);
  });

  it('makes the spec immutable except the request of a bound claim', () => {
    expect(errorsOf(claim({ storageClassName: 'fast' }), claim())).toEqual([
      { type: 'Forbidden', field: 'spec', detail: 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims' },
    ]);
    const bound = (c: KObject) => ({ ...c, status: { phase: 'Bound', capacity: { storage: '10Gi' } } });
    expect(errorsOf(bound(claim({ resources: { requests: { storage: '20Gi' } } })), bound(claim()))).toEqual([]);
    expect(errorsOf(claim({ volumeName: 'pv-1' }), claim())).toEqual([]);
  });
});
