// Events (pkg/apis/core/validation/events.go). Every write gets the legacy checks (namespaces
// agree with involvedObject, reporting fields of new-style events); writes through
// events.k8s.io/v1 also get the strict ones. Field paths are those of the core/v1 type, which
// upstream validates for both APIs.

import { isDNS1123Subdomain, isQualifiedName } from '../machinery/validation.js';
import { type FieldError, type KObject, invalid, isSet, num, obj, required, str } from './field.js';
import { validateImmutable } from './common.js';
import { goValue } from './goValue.js';

const unsetTime = (t: unknown): boolean => t === undefined || t === null || t === '';

/** legacyValidateEvent, on the core/v1 form. */
export function validateEventLegacy(event: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const namespace = str(obj(event.metadata).namespace);
  const involvedNs = str(obj(event.involvedObject).namespace);
  if (unsetTime(event.eventTime)) {
    if (!involvedNs) {
      if (namespace !== '' && namespace !== 'default') errs.push(invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
    } else if (namespace !== involvedNs) {
      errs.push(invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
    }
  } else {
    if (!involvedNs && namespace !== 'default' && namespace !== 'kube-system') errs.push(invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
    const controller = str(event.reportingComponent);
    if (!controller) errs.push(required('reportingController'));
    errs.push(...isQualifiedName(controller).map((m) => invalid('reportingController', controller, m)));
    const instance = str(event.reportingInstance);
    if (!instance) errs.push(required('reportingInstance'));
    if (instance.length > 128) errs.push(invalid('reportingInstance', '', 'can have at most 128 characters'));
    const action = str(event.action);
    if (!action) errs.push(required('action'));
    if (action.length > 128) errs.push(invalid('action', '', 'can have at most 128 characters'));
    const reason = str(event.reason);
    if (!reason) errs.push(required('reason'));
    if (reason.length > 128) errs.push(invalid('reason', '', 'can have at most 128 characters'));
    if (str(event.message).length > 1024) errs.push(invalid('message', '', 'can have at most 1024 characters'));
  }
  errs.push(...isDNS1123Subdomain(namespace).map((m) => invalid('namespace', namespace, m)));
  return errs;
}

function validateSeries(event: KObject): FieldError[] {
  if (!isSet(event.series)) return [];
  const s = obj(event.series);
  const errs: FieldError[] = [];
  if (num(s.count) < 2) errs.push(invalid('series.count', '', 'should be at least 2'));
  if (unsetTime(s.lastObservedTime)) errs.push(required('series.lastObservedTime'));
  return errs;
}

/** A core/v1 Event written through the core API (legacy checks only). */
export function validateCoreEvent(event: KObject): FieldError[] {
  return validateEventLegacy(event);
}

/** An event written through events.k8s.io/v1, given in its core/v1 form. */
export function validateStrictEvent(event: KObject, old?: KObject): FieldError[] {
  const errs = validateEventLegacy(event);
  if (!old) {
    errs.push(...validateSeries(event));
    if (unsetTime(event.eventTime)) errs.push(required('eventTime'));
    const type = str(event.type);
    if (type !== 'Normal' && type !== 'Warning') errs.push(invalid('type', '', `has invalid value: ${type}`));
    if (!unsetTime(event.firstTimestamp)) errs.push(invalid('firstTimestamp', '', 'needs to be unset'));
    if (!unsetTime(event.lastTimestamp)) errs.push(invalid('lastTimestamp', '', 'needs to be unset'));
    if (num(event.count) !== 0) errs.push(invalid('count', '', 'needs to be unset'));
    const source = obj(event.source);
    if (str(source.component) || str(source.host)) errs.push(invalid('source', '', 'needs to be unset'));
    return errs;
  }
  if (JSON.stringify(event.series ?? null) !== JSON.stringify(old.series ?? null)) errs.push(...validateSeries(event));
  const fields: [string, string][] = [
    ['involvedObject', 'involvedObject'], ['reason', 'reason'], ['message', 'message'], ['source', 'source'],
    ['firstTimestamp', 'firstTimestamp'], ['lastTimestamp', 'lastTimestamp'], ['count', 'count'], ['reason', 'reason'],
    ['type', 'type'], ['eventTime', 'eventTime'], ['action', 'action'], ['related', 'related'],
    ['reportingComponent', 'reportingController'], ['reportingInstance', 'reportingInstance'],
  ];
  for (const [f, path] of fields) {
    const v = event[f];
    const shown = typeof v === 'object' && v !== null ? goValue(JSON.stringify(v)) : (v ?? (f === 'count' ? 0 : ''));
    errs.push(...validateImmutable(v ?? null, old[f] ?? null, path, shown));
  }
  return errs;
}
