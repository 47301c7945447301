// PersistentVolumeClaims (pkg/apis/core/validation ValidatePersistentVolumeClaimSpec and
// ValidatePersistentVolumeClaimUpdate): access modes, the storage request, class and mode, and
// the immutability of a claim's spec after creation.

import { validateLabelSelector } from '../machinery/objectMetaValidation.js';
import { deepEqual } from '../machinery/jsonEqual.js';
import { nameIsDNSSubdomain } from '../machinery/validation.js';
import { type FieldError, type KObject, child, forbidden, invalid, isSet, key, list, notSupported, obj, required, str } from './field.js';
import { nameErrors, validateImmutable } from './common.js';
import { goValue, quantityString } from './goValue.js';
import { compareQuantities, validateResourceQuantityValue } from './resources.js';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];

function validateDataSource(ds: KObject, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!str(ds.name)) errs.push(required(child(fldPath, 'name')));
  if (!str(ds.kind)) errs.push(required(child(fldPath, 'kind')));
  // A core-group source can only be another claim; the value prints as schema.GroupKind.String().
  if (!str(ds.apiGroup) && str(ds.kind) !== 'PersistentVolumeClaim') {
    errs.push(notSupported(fldPath, goValue(str(ds.kind)), ['PersistentVolumeClaim']));
  }
  return errs;
}

/** ValidatePersistentVolumeClaimSpec. */
export function validatePersistentVolumeClaimSpec(specValue: unknown, fldPath: string): FieldError[] {
  const spec = obj(specValue);
  const errs: FieldError[] = [];
  const modes = list(spec.accessModes).map(str);
  if (modes.length === 0) errs.push(required(child(fldPath, 'accessModes'), 'at least 1 access mode is required'));
  if (isSet(spec.selector)) errs.push(...validateLabelSelector(obj(spec.selector), child(fldPath, 'selector')));
  let rwop = false;
  let others = false;
  for (const mode of modes) {
    if (!ACCESS_MODES.includes(mode)) errs.push(notSupported(child(fldPath, 'accessModes'), mode, ACCESS_MODES));
    if (mode === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(mode)) others = true;
  }
  if (rwop && others) errs.push(forbidden(child(fldPath, 'accessModes'), 'may not use ReadWriteOncePod with other access modes'));
  const requests = obj(obj(spec.resources).requests);
  const storagePath = key(child(fldPath, 'resources'), 'storage');
  if (!('storage' in requests)) errs.push(required(storagePath));
  else if (compareQuantities(requests.storage, '0') <= 0) errs.push(invalid(storagePath, quantityString(requests.storage), 'must be greater than zero'));
  else errs.push(...validateResourceQuantityValue('storage', requests.storage, storagePath));
  if (str(spec.storageClassName)) errs.push(...nameErrors(nameIsDNSSubdomain, str(spec.storageClassName), child(fldPath, 'storageClassName')));
  if (isSet(spec.volumeMode) && !VOLUME_MODES.includes(str(spec.volumeMode))) errs.push(notSupported(child(fldPath, 'volumeMode'), str(spec.volumeMode), VOLUME_MODES));
  if (isSet(spec.dataSource)) errs.push(...validateDataSource(obj(spec.dataSource), child(fldPath, 'dataSource')));
  if (isSet(spec.dataSourceRef)) errs.push(...validateDataSource(obj(spec.dataSourceRef), child(fldPath, 'dataSourceRef')));
  const ref = obj(spec.dataSourceRef);
  if (isSet(spec.dataSourceRef) && str(ref.namespace)) {
    if (isSet(spec.dataSource)) errs.push(invalid(fldPath, goValue(child(fldPath, 'dataSource')), 'may not be specified when dataSourceRef.namespace is specified'));
  } else if (isSet(spec.dataSource) && isSet(spec.dataSourceRef)) {
    const ds = obj(spec.dataSource);
    if ((ds.apiGroup ?? null) !== (ref.apiGroup ?? null) || str(ds.kind) !== str(ref.kind) || str(ds.name) !== str(ref.name)) {
      errs.push(invalid(fldPath, goValue(child(fldPath, 'dataSource')), 'must match dataSourceRef'));
    }
  }
  if (str(spec.volumeAttributesClassName)) errs.push(...nameErrors(nameIsDNSSubdomain, str(spec.volumeAttributesClassName), child(fldPath, 'volumeAttributesClassName')));
  return errs;
}

const BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';

/** A comparable copy of a claim spec with what an update may change taken from `next`. */
function immutablePart(spec: KObject, next: KObject, old: KObject, bound: boolean): KObject {
  const s: KObject = structuredClone(spec);
  const oldSpec = obj(old.spec);
  if (!str(oldSpec.volumeName)) s.volumeName = obj(next.spec).volumeName;
  if (!isSet(oldSpec.storageClassName) && isSet(obj(next.spec).storageClassName)) {
    const oldAnnotation = obj(obj(old.metadata).annotations)[BETA_STORAGE_CLASS];
    if (oldAnnotation === undefined || oldAnnotation === obj(next.spec).storageClassName) s.storageClassName = obj(next.spec).storageClassName;
  }
  if (bound) {
    s.resources = { ...obj(s.resources), requests: { ...obj(obj(s.resources).requests), storage: obj(obj(obj(next.spec).resources).requests).storage } };
    s.volumeAttributesClassName = obj(next.spec).volumeAttributesClassName;
  }
  for (const k of Object.keys(s)) if (s[k] === undefined) delete s[k];
  return s;
}

/** ValidatePersistentVolumeClaim / ...Update (kind rules; metadata is validated elsewhere). */
export function validatePersistentVolumeClaim(pvc: KObject, old?: KObject): FieldError[] {
  const errs = validatePersistentVolumeClaimSpec(pvc.spec, 'spec');
  if (!old) return errs;
  const bound = obj(pvc.status).phase === 'Bound';
  const next = immutablePart(obj(pvc.spec), pvc, old, bound);
  const prev = immutablePart(obj(old.spec), pvc, old, bound);
  errs.push(...validateImmutable(
    obj(pvc.metadata).annotations?.[BETA_STORAGE_CLASS] ?? '', obj(old.metadata).annotations?.[BETA_STORAGE_CLASS] ?? '',
    `metadata.annotations.${BETA_STORAGE_CLASS}`,
  ));
  if (!deepEqual(next, prev)) {
    errs.push(forbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'));
  }
  const newSize = obj(obj(obj(pvc.spec).resources).requests).storage;
  const statusSize = obj(obj(old.status).capacity).storage;
  const oldSize = obj(obj(obj(old.spec).resources).requests).storage;
  if (isSet(newSize) && isSet(oldSize) && compareQuantities(newSize, oldSize) < 0 && compareQuantities(newSize, statusSize ?? '0') <= 0) {
    errs.push(forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity'));
  }
  return errs;
}
