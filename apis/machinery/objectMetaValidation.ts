// Validation of ObjectMeta and label selectors as field errors, with upstream's paths and details
// (apimachinery 1.34 pkg/api/validation/objectmeta.go, pkg/apis/meta/v1/validation). The server
// turns the list into a 422 Invalid with errors.invalid().

import type { FieldError } from '../resources/model.js';
import { goQuote } from './goFormat.js';
import {
  byteLength,
  isQualifiedName,
  isValidLabelValue,
  TOTAL_ANNOTATION_SIZE_LIMIT_B,
  annotationsSize,
  validateNamespaceName,
  type ValidateNameFunc,
} from './validation.js';

type Obj = Record<string, any>;

const child = (path: string, name: string) => (path ? `${path}.${name}` : name);
const index = (path: string, i: number) => `${path}[${i}]`;

const invalid = (field: string, value: unknown, detail: string): FieldError => ({ type: 'Invalid', field, value, detail });
const required = (field: string, detail = ''): FieldError => ({ type: 'Required', field, detail: detail || undefined });
const forbidden = (field: string, detail: string): FieldError => ({ type: 'Forbidden', field, detail });
const tooLong = (field: string, max: number): FieldError => ({ type: 'TooLong', field, detail: `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}` });

const sortedEntries = (m: unknown): [string, unknown][] =>
  m && typeof m === 'object' ? Object.entries(m as Obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];

/** ValidateLabelName: a label key. */
export function validateLabelName(key: string, fldPath: string): FieldError[] {
  return isQualifiedName(key).map((msg) => invalid(fldPath, key, msg));
}

/** ValidateLabels: every key a qualified name, every value a label value. */
export function validateLabels(labels: unknown, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of sortedEntries(labels)) {
    errs.push(...validateLabelName(k, fldPath));
    const value = typeof v === 'string' ? v : String(v ?? '');
    for (const msg of isValidLabelValue(value)) errs.push(invalid(fldPath, value, msg));
  }
  return errs;
}

/** ValidateAnnotations: keys are qualified names (case-insensitive), total size at most 256 KiB. */
export function validateAnnotations(annotations: unknown, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k] of sortedEntries(annotations)) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(fldPath, k, msg));
  }
  if (annotationsSize(annotations as Record<string, string>) > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(tooLong(fldPath, TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

/** Group and version of an apiVersion string, as schema.ParseGroupVersion reads it. */
function parseGroupVersion(apiVersion: string): { group: string; version: string } | undefined {
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '' };
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: parts[0] };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return undefined;
}

function ownerRefForMessage(ref: Obj): Obj {
  const out: Obj = { apiVersion: ref.apiVersion ?? '', kind: ref.kind ?? '', name: ref.name ?? '', uid: ref.uid ?? '' };
  if (ref.controller !== undefined && ref.controller !== null) out.controller = ref.controller;
  if (ref.blockOwnerDeletion !== undefined && ref.blockOwnerDeletion !== null) out.blockOwnerDeletion = ref.blockOwnerDeletion;
  return out;
}

/** ValidateOwnerReferences. */
export function validateOwnerReferences(refs: unknown, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!Array.isArray(refs)) return errs;
  let firstController = '';
  for (const raw of refs) {
    const ref: Obj = raw && typeof raw === 'object' ? raw : {};
    const apiVersion = String(ref.apiVersion ?? '');
    const kind = String(ref.kind ?? '');
    const gv = parseGroupVersion(apiVersion) ?? { group: '', version: '' };
    if (!gv.version) errs.push(invalid(child(fldPath, 'apiVersion'), apiVersion, 'version must not be empty'));
    if (!kind) errs.push(invalid(child(fldPath, 'kind'), kind, 'must not be empty'));
    if (!ref.name) errs.push(invalid(child(fldPath, 'name'), String(ref.name ?? ''), 'must not be empty'));
    if (!ref.uid) errs.push(invalid(child(fldPath, 'uid'), String(ref.uid ?? ''), 'must not be empty'));
    if (gv.group === '' && gv.version === 'v1' && kind === 'Event') {
      errs.push(invalid(fldPath, ownerRefForMessage(ref), `${gv.group}/${gv.version}, Kind=${kind} is disallowed from being an owner`));
    }
    if (ref.controller === true) {
      const current = `${kind}/${ref.name ?? ''}`;
      if (firstController) {
        errs.push(invalid(fldPath, refs.map((r: Obj) => ownerRefForMessage(r ?? {})),
          `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`));
      } else firstController = current;
    }
  }
  return errs;
}

/** ValidateFinalizers: qualified names, and not both orphan and foregroundDeletion. */
export function validateFinalizers(finalizers: unknown, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!Array.isArray(finalizers)) return errs;
  for (const f of finalizers) {
    const s = String(f ?? '');
    for (const msg of isQualifiedName(s)) errs.push(invalid(fldPath, s, msg));
  }
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errs.push(invalid(fldPath, finalizers, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

export const FIELD_MANAGER_MAX_LENGTH = 128;
const MAX_SUBRESOURCE_NAME_LENGTH = 256;

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
function isPrint(ch: string): boolean {
  return ch === ' ' || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch);
}

/** ValidateFieldManager: at most 128 bytes, printable characters only. */
export function validateFieldManager(manager: string, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  if (byteLength(manager) > FIELD_MANAGER_MAX_LENGTH) errs.push(tooLong(fldPath, FIELD_MANAGER_MAX_LENGTH));
  let pos = 0;
  for (const ch of manager) {
    if (!isPrint(ch)) {
      const cp = ch.codePointAt(0)!;
      errs.push(invalid(fldPath, manager, `invalid character U+${cp.toString(16).toUpperCase().padStart(4, '0')} (at position ${pos})`));
    }
    pos += byteLength(ch);
  }
  return errs;
}

/** ValidateManagedFields. */
export function validateManagedFields(entries: unknown, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!Array.isArray(entries)) return errs;
  entries.forEach((raw, i) => {
    const e: Obj = raw && typeof raw === 'object' ? raw : {};
    const p = index(fldPath, i);
    const operation = String(e.operation ?? '');
    if (operation !== 'Apply' && operation !== 'Update') errs.push(invalid(child(p, 'operation'), operation, 'must be `Apply` or `Update`'));
    const fieldsType = String(e.fieldsType ?? '');
    if (fieldsType && fieldsType !== 'FieldsV1') errs.push(invalid(child(p, 'fieldsType'), fieldsType, 'must be `FieldsV1`'));
    errs.push(...validateFieldManager(String(e.manager ?? ''), child(p, 'manager')));
    if (byteLength(String(e.subresource ?? '')) > MAX_SUBRESOURCE_NAME_LENGTH) errs.push(tooLong(child(p, 'subresource'), MAX_SUBRESOURCE_NAME_LENGTH));
  });
  return errs;
}

export interface ObjectMetaRules {
  /** Namespaced kinds require metadata.namespace; cluster-scoped kinds forbid it. */
  namespaced: boolean;
  /** Name rule of the kind (validation.ts nameValidator). */
  nameFn: ValidateNameFunc;
}

/**
 * ValidateObjectMetaAccessor: the checks every create runs on metadata, after the server has
 * generated a name from generateName. `fldPath` is "metadata".
 */
export function validateObjectMeta(meta: Obj | undefined, rules: ObjectMetaRules, fldPath = 'metadata'): FieldError[] {
  const m: Obj = meta ?? {};
  const errs: FieldError[] = [];
  const generateName = String(m.generateName ?? '');
  if (generateName) for (const msg of rules.nameFn(generateName, true)) errs.push(invalid(child(fldPath, 'generateName'), generateName, msg));
  const name = String(m.name ?? '');
  if (!name) errs.push(required(child(fldPath, 'name'), 'name or generateName is required'));
  else for (const msg of rules.nameFn(name, false)) errs.push(invalid(child(fldPath, 'name'), name, msg));
  const namespace = String(m.namespace ?? '');
  if (rules.namespaced) {
    if (!namespace) errs.push(required(child(fldPath, 'namespace')));
    else for (const msg of validateNamespaceName(namespace, false)) errs.push(invalid(child(fldPath, 'namespace'), namespace, msg));
  } else if (namespace) {
    errs.push(forbidden(child(fldPath, 'namespace'), 'not allowed on this type'));
  }
  if (typeof m.generation === 'number' && m.generation < 0) errs.push(invalid(child(fldPath, 'generation'), m.generation, 'must be greater than or equal to 0'));
  errs.push(...validateLabels(m.labels, child(fldPath, 'labels')));
  errs.push(...validateAnnotations(m.annotations, child(fldPath, 'annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, child(fldPath, 'ownerReferences')));
  errs.push(...validateFinalizers(m.finalizers, child(fldPath, 'finalizers')));
  errs.push(...validateManagedFields(m.managedFields, child(fldPath, 'managedFields')));
  return errs;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * ValidateObjectMetaAccessorUpdate: what an update may not do to metadata (immutable identity,
 * generation going backwards, new finalizers on an object being deleted), plus the content rules.
 */
export function validateObjectMetaUpdate(meta: Obj | undefined, oldMeta: Obj | undefined, fldPath = 'metadata'): FieldError[] {
  const m: Obj = meta ?? {};
  const o: Obj = oldMeta ?? {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) {
    const old = new Set<string>(Array.isArray(o.finalizers) ? o.finalizers : []);
    const extra = [...new Set<string>(Array.isArray(m.finalizers) ? m.finalizers : [])].filter((f) => !old.has(f)).sort();
    if (extra.length) {
      errs.push(forbidden(child(fldPath, 'finalizers'),
        `no new finalizers can be added if the object is being deleted, found new finalizers []string{${extra.map(goQuote).join(', ')}}`));
    }
  }
  if (!m.resourceVersion) errs.push(invalid(child(fldPath, 'resourceVersion'), String(m.resourceVersion ?? ''), 'must be specified for an update'));
  if ((m.generation ?? 0) < (o.generation ?? 0)) errs.push(invalid(child(fldPath, 'generation'), m.generation ?? 0, 'must not be decremented'));
  const immutable: [string, unknown][] = [
    ['name', m.name ?? ''],
    ['namespace', m.namespace ?? ''],
    ['uid', m.uid ?? ''],
    ['creationTimestamp', m.creationTimestamp ?? null],
    ['deletionTimestamp', m.deletionTimestamp ?? null],
    ['deletionGracePeriodSeconds', m.deletionGracePeriodSeconds ?? null],
  ];
  for (const [k, v] of immutable) {
    const oldV = k === 'name' || k === 'namespace' || k === 'uid' ? (o[k] ?? '') : (o[k] ?? null);
    if (!same(v, oldV)) errs.push(invalid(child(fldPath, k), v, 'field is immutable'));
  }
  errs.push(...validateLabels(m.labels, child(fldPath, 'labels')));
  errs.push(...validateAnnotations(m.annotations, child(fldPath, 'annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, child(fldPath, 'ownerReferences')));
  errs.push(...validateManagedFields(m.managedFields, child(fldPath, 'managedFields')));
  return errs;
}

export interface LabelSelectorValidationOptions {
  /** Accept values that are not valid label values (for objects persisted before the rule). */
  allowInvalidLabelValueInSelector?: boolean;
  /** Accept operators that cannot be interpreted (SubjectAccessReview). */
  allowUnknownOperatorInRequirement?: boolean;
}

/** ValidateLabelSelector: a metav1.LabelSelector inside an object (spec.selector). */
export function validateLabelSelector(ps: Obj | null | undefined, fldPath: string, opts: LabelSelectorValidationOptions = {}): FieldError[] {
  const errs: FieldError[] = [];
  if (!ps) return errs;
  errs.push(...validateLabels(ps.matchLabels, child(fldPath, 'matchLabels')));
  const exprs: Obj[] = Array.isArray(ps.matchExpressions) ? ps.matchExpressions : [];
  exprs.forEach((expr, i) => {
    const p = index(child(fldPath, 'matchExpressions'), i);
    const values: unknown[] = Array.isArray(expr?.values) ? expr.values : [];
    const operator = String(expr?.operator ?? '');
    switch (operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(required(child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(forbidden(child(p, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        if (!opts.allowUnknownOperatorInRequirement) errs.push(invalid(child(p, 'operator'), operator, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(String(expr?.key ?? ''), child(p, 'key')));
    if (!opts.allowInvalidLabelValueInSelector) {
      values.forEach((v, j) => {
        const s = String(v ?? '');
        for (const msg of isValidLabelValue(s)) errs.push(invalid(index(child(p, 'values'), j), s, msg));
      });
    }
  });
  return errs;
}
