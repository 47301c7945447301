// Metadata of embedded templates that only carry labels and annotations (a PVC template of an
// ephemeral volume): upstream's ValidateTemplateObjectMeta, which forbids every other field.

import { validateAnnotations, validateLabels } from '../machinery/objectMetaValidation.js';
import { type FieldError, child, forbidden, isSet, obj } from './field.js';

/** ObjectMeta fields in Go declaration order, as validateFieldAllowList names them (lower-cased first rune). */
const OBJECT_META_FIELDS: [json: string, goName: string][] = [
  ['name', 'name'], ['generateName', 'generateName'], ['namespace', 'namespace'], ['selfLink', 'selfLink'],
  ['uid', 'uID'], ['resourceVersion', 'resourceVersion'], ['generation', 'generation'],
  ['creationTimestamp', 'creationTimestamp'], ['deletionTimestamp', 'deletionTimestamp'],
  ['deletionGracePeriodSeconds', 'deletionGracePeriodSeconds'], ['labels', 'labels'], ['annotations', 'annotations'],
  ['ownerReferences', 'ownerReferences'], ['finalizers', 'finalizers'], ['managedFields', 'managedFields'],
];

const isZero = (v: unknown): boolean =>
  !isSet(v) || v === '' || v === 0 || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && Object.keys(v as object).length === 0);

/** ValidateTemplateObjectMeta. */
export function validateTemplateObjectMeta(meta: unknown, fldPath: string): FieldError[] {
  const m = obj(meta);
  const errs = [...validateAnnotations(m.annotations, child(fldPath, 'annotations')), ...validateLabels(m.labels, child(fldPath, 'labels'))];
  for (const [json, goName] of OBJECT_META_FIELDS) {
    if (json === 'labels' || json === 'annotations') continue;
    if (!isZero(m[json])) errs.push(forbidden(child(fldPath, goName), 'cannot be set'));
  }
  return errs;
}
