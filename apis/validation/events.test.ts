import { describe, expect, it } from 'vitest';
import type { FieldError, KObject } from './field.js';
import { admitErrors } from './testing.js';

const coreEvent = (extra: KObject = {}): KObject => ({
  apiVersion: 'v1', kind: 'Event',
  metadata: { name: 'web.17c3a', namespace: 'default' },
  involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1' },
  reason: 'Pulled', message: 'Container image pulled', type: 'Normal', count: 1,
  firstTimestamp: '2025-01-01T00:00:00Z', lastTimestamp: '2025-01-01T00:00:00Z', source: { component: 'kubelet' },
  ...extra,
});

const newEvent = (extra: KObject = {}): KObject => ({
  apiVersion: 'events.k8s.io/v1', kind: 'Event',
  metadata: { name: 'web.17c3b', namespace: 'default' },
  eventTime: '2025-01-01T00:00:00.000000Z', reportingController: 'example.com/controller', reportingInstance: 'controller-0',
  action: 'Scale', reason: 'ScaledUp', regarding: { kind: 'Deployment', namespace: 'default', name: 'web' }, note: 'scaled to 3', type: 'Normal',
  ...extra,
});

describe('core/v1 Event', () => {
  const errorsOf = (o: KObject, old?: KObject) => admitErrors('', 'v1', 'events', o, old);

  it('accepts a kubelet event', () => {
    expect(errorsOf(coreEvent())).toEqual([]);
  });

  it('requires the involved object to be in the event namespace', () => {
    expect(errorsOf(coreEvent({ involvedObject: { kind: 'Pod', namespace: 'other', name: 'x' } }))).toEqual([
      { type: 'Invalid', field: 'involvedObject.namespace', value: 'other', detail: 'does not match event.namespace' },
    ]);
  });

  it('requires the reporting fields of an event with eventTime', () => {
    expect(errorsOf(coreEvent({ eventTime: '2025-01-01T00:00:00.000000Z', reason: '' }))).toEqual<FieldError[]>([
      { type: 'Required', field: 'reportingController' },
      { type: 'Invalid', field: 'reportingController', value: '', detail: 'name part must be non-empty' },
      { type: 'Invalid', field: 'reportingController', value: '', detail: "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')" },
      { type: 'Required', field: 'reportingInstance' },
      { type: 'Required', field: 'action' },
      { type: 'Required', field: 'reason' },
    ]);
  });
});

describe('events.k8s.io/v1 Event', () => {
  const errorsOf = (o: KObject, old?: KObject) => admitErrors('events.k8s.io', 'v1', 'events', o, old);

  it('accepts a controller event', () => {
    expect(errorsOf(newEvent())).toEqual([]);
  });

  it('applies the strict rules, with the core field names', () => {
    expect(errorsOf(newEvent({ type: 'Info', deprecatedCount: 2 }))).toEqual([
      { type: 'Invalid', field: 'type', value: '', detail: 'has invalid value: Info' },
      { type: 'Invalid', field: 'count', value: '', detail: 'needs to be unset' },
    ]);
  });

  it('keeps the event content immutable', () => {
    expect(errorsOf(newEvent({ note: 'scaled to 4' }), newEvent())).toEqual([
      { type: 'Invalid', field: 'message', value: 'scaled to 4', detail: 'field is immutable' },
    ]);
  });
});
