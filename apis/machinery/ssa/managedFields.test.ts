import { describe, expect, it } from 'vitest';
import { FieldSet } from './fieldSet.js';
import {
  ManagedFieldsError,
  ManagerEntry,
  Managers,
  capUpdateManagers,
  decodeManagedFields,
  encodeManagedFields,
  formatTime,
  managerIdentifier,
} from './managedFields.js';
import { path } from './pathElement.js';

const entry = (over: Record<string, unknown> = {}) => ({
  manager: 'kubectl',
  operation: 'Apply',
  apiVersion: 'v1',
  time: '2024-05-01T10:00:00Z',
  fieldsType: 'FieldsV1',
  fieldsV1: { 'f:data': { 'f:a': {} } },
  ...over,
});

describe('manager identifiers', () => {
  it.each([
    [{ manager: 'kubectl', operation: 'Apply', apiVersion: 'v1' }, '{"manager":"kubectl","operation":"Apply"}'],
    [{ manager: 'kubectl-edit', operation: 'Update', apiVersion: 'apps/v1' }, '{"manager":"kubectl-edit","operation":"Update","apiVersion":"apps/v1"}'],
    [{ manager: 'kubectl', operation: 'Update', apiVersion: 'apps/v1', subresource: 'scale' }, '{"manager":"kubectl","operation":"Update","apiVersion":"apps/v1","subresource":"scale"}'],
  ] as const)('%j → %s', (e, id) => {
    expect(managerIdentifier(e)).toBe(id);
  });
});

describe('decoding managedFields', () => {
  it('reads entries into sets keyed by identifier', () => {
    const m = decodeManagedFields([entry(), entry({ manager: 'kubectl-edit', operation: 'Update', fieldsV1: { 'f:data': { 'f:b': {} } } })]);
    expect([...m.keys()]).toEqual(['{"manager":"kubectl","operation":"Apply"}', '{"manager":"kubectl-edit","operation":"Update","apiVersion":"v1"}']);
    const apply = m.get('{"manager":"kubectl","operation":"Apply"}')!;
    expect(apply.set.has(path('data', 'a'))).toBe(true);
    expect(apply.time).toBe('2024-05-01T10:00:00Z');
  });

  it('reads nothing from nothing', () => {
    expect(decodeManagedFields(undefined).size).toBe(0);
    expect(decodeManagedFields([]).size).toBe(0);
  });

  it('tolerates a missing fieldsV1 and a missing time', () => {
    const m = decodeManagedFields([{ manager: 'x', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1' }]);
    expect([...m.values()][0].set.isEmpty()).toBe(true);
  });

  it.each([
    ['a bad operation', [entry({ operation: 'Patch' })], 'operation must be `Apply` or `Update`'],
    ['a missing apiVersion', [entry({ apiVersion: '' })], 'apiVersion must not be empty'],
    ['a missing fieldsType', [entry({ fieldsType: undefined })], 'missing fieldsType in managed fields entry 0'],
    ['another fieldsType', [entry(), entry({ fieldsType: 'FieldsV2' })], 'invalid fieldsType "FieldsV2" in managed fields entry 1'],
    ['bad fieldsV1', [entry({ fieldsV1: { 'f:a': 3 } })], 'error decoding versioned set'],
    ['a non-list', { a: 1 }, 'managedFields must be a list'],
  ])('rejects %s', (_, v, msg) => {
    expect(() => decodeManagedFields(v)).toThrow(ManagedFieldsError);
    expect(() => decodeManagedFields(v)).toThrow(msg);
  });
});

describe('encoding managedFields', () => {
  const m = (e: Partial<ManagerEntry> & { manager: string }): [string, ManagerEntry] => {
    const full: ManagerEntry = { operation: 'Update', apiVersion: 'v1', set: FieldSet.of(path('data', e.manager)), ...e };
    return [managerIdentifier(full), full];
  };

  it('sorts Apply first, then by time, manager, apiVersion and subresource', () => {
    const managers: Managers = new Map([
      m({ manager: 'b', time: '2024-01-01T00:00:02Z' }),
      m({ manager: 'a', time: '2024-01-01T00:00:02Z' }),
      m({ manager: 'z', time: '2024-01-01T00:00:01Z' }),
      m({ manager: 'late', operation: 'Apply', time: '2025-01-01T00:00:00Z' }),
      m({ manager: 'a', time: '2024-01-01T00:00:02Z', subresource: 'status' }),
    ]);
    expect(encodeManagedFields(managers)!.map((e) => `${e.operation}:${e.manager}:${e.subresource ?? ''}`)).toEqual([
      'Apply:late:',
      'Update:z:',
      'Update:a:',
      'Update:a:status',
      'Update:b:',
    ]);
  });

  it('writes entries in upstream field order', () => {
    const out = encodeManagedFields(new Map([m({ manager: 'k', time: '2024-01-01T00:00:00Z', subresource: 'status' })]))!;
    expect(JSON.stringify(out)).toBe(
      '[{"manager":"k","operation":"Update","apiVersion":"v1","time":"2024-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:k":{}}},"subresource":"status"}]',
    );
  });

  it('writes nothing for no managers', () => {
    expect(encodeManagedFields(new Map())).toBeUndefined();
  });

  it('round-trips what it decodes', () => {
    const wire = [entry(), entry({ manager: 'e', operation: 'Update', subresource: 'status', fieldsV1: { 'f:status': { 'f:phase': {} } } })];
    expect(encodeManagedFields(decodeManagedFields(wire))).toEqual(wire);
  });

  it('formats times at second precision in UTC', () => {
    expect(formatTime('2024-05-01T12:00:00.987+02:00')).toBe('2024-05-01T10:00:00Z');
  });
});

describe('capping Update entries', () => {
  it('merges the oldest Update entries into ancient-changes per apiVersion', () => {
    const managers: Managers = new Map();
    for (let i = 0; i < 12; i++) {
      const e: ManagerEntry = { manager: `m${i}`, operation: 'Update', apiVersion: 'v1', time: formatTime(new Date(Date.UTC(2024, 0, 1, 0, 0, i))), set: FieldSet.of(path('data', `k${i}`)) };
      managers.set(managerIdentifier(e), e);
    }
    const applier: ManagerEntry = { manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', set: FieldSet.of(path('data', 'x')) };
    managers.set(managerIdentifier(applier), applier);
    const capped = capUpdateManagers(managers, 10);
    const updates = [...capped.values()].filter((e) => e.operation === 'Update');
    expect(updates.length).toBe(10);
    const ancient = capped.get('{"manager":"ancient-changes","operation":"Update","apiVersion":"v1"}')!;
    expect(ancient.set.paths().length).toBe(3);
    expect(ancient.time).toBe('2024-01-01T00:00:02Z');
    expect(capped.has('{"manager":"m3","operation":"Update","apiVersion":"v1"}')).toBe(true);
    expect(capped.has('{"manager":"kubectl","operation":"Apply"}')).toBe(true);
  });

  it('leaves ten or fewer alone', () => {
    const managers: Managers = new Map([['x', { manager: 'x', operation: 'Update', apiVersion: 'v1', set: new FieldSet() }]]);
    expect(capUpdateManagers(managers)).toBe(managers);
  });
});
