import { describe, expect, it } from 'vitest';
import { buildTypeRegistry } from '../types/index.js';
import { resources as coreResources } from './core-v1.js';
import { eventFromCore, eventToCore, resources } from './events-v1.js';

const coreEvent = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'web-7d9f.17a2b3c4d5e6f708', namespace: 'default', uid: 'u1', resourceVersion: '42' },
  involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-7d9f', uid: 'p1', apiVersion: 'v1', fieldPath: 'spec.containers{web}' },
  reason: 'Pulled',
  message: 'Successfully pulled image "nginx:1.27"',
  source: { component: 'kubelet', host: 'node-1' },
  firstTimestamp: '2025-01-02T03:04:05Z',
  lastTimestamp: '2025-01-02T03:09:05Z',
  count: 3,
  type: 'Normal',
  eventTime: '2025-01-02T03:04:05.123456Z',
  series: { count: 2, lastObservedTime: '2025-01-02T03:09:05.000000Z' },
  action: 'Pulling',
  related: { kind: 'Node', name: 'node-1' },
  reportingComponent: 'kubelet',
  reportingInstance: 'node-1',
};

const v1Event = {
  apiVersion: 'events.k8s.io/v1',
  kind: 'Event',
  metadata: coreEvent.metadata,
  eventTime: coreEvent.eventTime,
  series: coreEvent.series,
  reportingController: 'kubelet',
  reportingInstance: 'node-1',
  action: 'Pulling',
  reason: 'Pulled',
  regarding: coreEvent.involvedObject,
  related: coreEvent.related,
  note: coreEvent.message,
  type: 'Normal',
  deprecatedSource: coreEvent.source,
  deprecatedFirstTimestamp: coreEvent.firstTimestamp,
  deprecatedLastTimestamp: coreEvent.lastTimestamp,
  deprecatedCount: 3,
};

describe('events.k8s.io/v1 ↔ core/v1 Event conversion', () => {
  it('maps every core field to its events.k8s.io/v1 name', () => {
    expect(eventFromCore(coreEvent)).toEqual(v1Event);
  });

  it('maps every events.k8s.io/v1 field to its core name', () => {
    expect(eventToCore(v1Event)).toEqual(coreEvent);
  });

  it('round-trips both ways without loss', () => {
    expect(eventToCore(eventFromCore(coreEvent))).toEqual(coreEvent);
    expect(eventFromCore(eventToCore(v1Event))).toEqual(v1Event);
  });

  it('leaves absent fields absent and keeps explicit nulls', () => {
    const sparse = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e' }, involvedObject: { kind: 'Pod', name: 'p' }, eventTime: null };
    const v1 = eventFromCore(sparse);
    expect(v1).toEqual({ apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'e' }, regarding: { kind: 'Pod', name: 'p' }, eventTime: null });
    expect(eventToCore(v1)).toEqual(sparse);
  });

  it('drops fields neither form has', () => {
    expect(eventToCore({ ...v1Event, bogus: 1 })).not.toHaveProperty('bogus');
  });

  it('only names fields the catalogue declares on both sides', () => {
    const registry = buildTypeRegistry();
    const v1Fields = registry.jsonFields('events/v1:Event');
    const full = eventFromCore(coreEvent);
    for (const k of Object.keys(full)) if (k !== 'apiVersion' && k !== 'kind') expect(v1Fields.has(k), `events/v1 ${k}`).toBe(true);
    expect(Object.keys(full).length - 2).toBe(v1Fields.size);
    if (registry.has('core/v1:Event')) {
      const coreFields = registry.jsonFields('core/v1:Event');
      for (const k of Object.keys(eventToCore(v1Event))) if (k !== 'apiVersion' && k !== 'kind') expect(coreFields.has(k), `core/v1 ${k}`).toBe(true);
    }
  });
});

describe('events.k8s.io/v1 resource', () => {
  const r = resources[0];

  it('is stored as core/v1 events with the conversion', () => {
    expect(r).toMatchObject({ group: 'events.k8s.io', version: 'v1', plural: 'events', namespaced: true, shortNames: ['ev'] });
    expect(r.storage).toMatchObject({ resource: '/events', version: 'v1' });
    expect(r.storage!.toStorage(v1Event)).toEqual(coreEvent);
    expect(r.storage!.fromStorage(coreEvent)).toEqual(v1Event);
  });

  const core = coreResources.find((c) => c.group === '' && c.plural === 'events');
  it.skipIf(!core?.columns)('prints with the core/v1 event columns', () => {
    const now = Date.parse('2025-01-02T03:10:05Z');
    expect(r.columns!.map((c) => c.name)).toEqual(core!.columns!.map((c) => c.name));
    expect(r.columns!.map((c) => c.cell(v1Event, now))).toEqual(core!.columns!.map((c) => c.cell(coreEvent, now)));
  });
});
