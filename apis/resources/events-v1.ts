// events.k8s.io/v1 events. They share storage with core/v1 events: objects are stored in the core
// form and converted field by field on the way in and out, as kube-apiserver does, so an event
// written through either API is visible through both. Table output is the core printer's, applied
// to the converted object (upstream prints both APIs with the same printer).

import { resources as coreResources } from './core-v1.js';
import { ColumnDef, KObject, ResourceDef, STANDARD_VERBS } from './model.js';
import { validators } from '../validation/index.js';

/** [events.k8s.io/v1 field, core/v1 field] pairs; every other top-level field is dropped. */
const FIELD_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['metadata', 'metadata'],
  ['eventTime', 'eventTime'],
  ['series', 'series'],
  ['reportingController', 'reportingComponent'],
  ['reportingInstance', 'reportingInstance'],
  ['action', 'action'],
  ['reason', 'reason'],
  ['regarding', 'involvedObject'],
  ['related', 'related'],
  ['note', 'message'],
  ['type', 'type'],
  ['deprecatedSource', 'source'],
  ['deprecatedFirstTimestamp', 'firstTimestamp'],
  ['deprecatedLastTimestamp', 'lastTimestamp'],
  ['deprecatedCount', 'count'],
];

function copyFields(from: KObject, apiVersion: string, pick: (p: readonly [string, string]) => [string, string]): KObject {
  const out: KObject = { apiVersion, kind: 'Event' };
  for (const pair of FIELD_PAIRS) {
    const [src, dst] = pick(pair);
    if (from[src] !== undefined) out[dst] = from[src];
  }
  return out;
}

/** Converts a core/v1 Event into an events.k8s.io/v1 Event. */
export function eventFromCore(core: KObject): KObject {
  return copyFields(core, 'events.k8s.io/v1', ([v1, c]) => [c, v1]);
}

/** Converts an events.k8s.io/v1 Event into a core/v1 Event. */
export function eventToCore(event: KObject): KObject {
  return copyFields(event, 'v1', ([v1, c]) => [v1, c]);
}

/** The core/v1 event columns, reading the events.k8s.io/v1 object through its core form. */
function eventColumns(): ColumnDef[] | undefined {
  const core = coreResources.find((r) => r.group === '' && r.plural === 'events');
  return core?.columns?.map((c) => ({ ...c, cell: (o: KObject, now: number) => c.cell(eventToCore(o), now) }));
}

export const resources: ResourceDef[] = [
  {
    group: 'events.k8s.io', version: 'v1', kind: 'Event', plural: 'events', singular: 'event',
    namespaced: true, verbs: STANDARD_VERBS, shortNames: ['ev'], type: 'events/v1:Event',
    columns: eventColumns(),
    storage: { resource: '/events', version: 'v1', fromStorage: eventFromCore, toStorage: eventToCore },
    // Upstream validates the core form, strictly for writes through this API.
    strategy: { validate: (obj, old) => validators.StrictEvent(eventToCore(obj), old && eventToCore(old)) },
  },
];
