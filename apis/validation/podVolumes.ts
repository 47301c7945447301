// Pod volumes (pkg/apis/core/validation ValidateVolumes, validateVolumeSource and the per-source
// checks): unique DNS-label names, exactly one source, and each source's required fields.

import { type FieldError, type KObject, child, duplicate, forbidden, index, invalid, isSet, notSupported, num, obj, objects, list, required, str } from './field.js';
import { dnsLabelErrors, inclusiveRangeError, nameErrors } from './common.js';
import { VOLUME_FIELD_PATHS, validateObjectFieldSelector, validateResourceFieldSelector } from './downwardApi.js';
import { validateTemplateObjectMeta } from './templateMeta.js';
import { validatePersistentVolumeClaimSpec } from './pvc.js';
import { compareQuantities } from './resources.js';
import { nameIsDNSSubdomain } from '../machinery/validation.js';

const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';
const MORE_THAN_ONE = 'may not specify more than 1 volume type';

/** The volumes of a pod that containers may mount: name → source (only volumes without errors). */
export type VolumeMap = Map<string, KObject>;

/** Path elements are split on "/" and must not be "..". */
export function validatePathNoBacksteps(targetPath: string, fldPath: string): FieldError[] {
  return targetPath.split('/').includes('..') ? [invalid(fldPath, targetPath, "must not contain '..'")] : [];
}

/** validateLocalDescendingPath: relative, without "..". */
export function validateLocalDescendingPath(targetPath: string, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  if (targetPath.startsWith('/')) errs.push(invalid(fldPath, targetPath, 'must be a relative path'));
  errs.push(...validatePathNoBacksteps(targetPath, fldPath));
  return errs;
}

/** ValidateLocalNonReservedPath: also may not start with "..". */
export function validateLocalNonReservedPath(targetPath: string, fldPath: string): FieldError[] {
  const errs = validateLocalDescendingPath(targetPath, fldPath);
  if (targetPath.startsWith('..') && !targetPath.startsWith('../')) errs.push(invalid(fldPath, targetPath, "must not start with '..'"));
  return errs;
}

function validateMode(mode: unknown, fldPath: string): FieldError[] {
  if (!isSet(mode)) return [];
  const m = num(mode);
  return m > 0o777 || m < 0 ? [invalid(fldPath, m, FILE_MODE_ERROR)] : [];
}

function validateKeyToPath(kp: KObject, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!str(kp.key)) errs.push(required(child(fldPath, 'key')));
  if (!str(kp.path)) errs.push(required(child(fldPath, 'path')));
  errs.push(...validateLocalNonReservedPath(str(kp.path), child(fldPath, 'path')));
  errs.push(...validateMode(kp.mode, child(fldPath, 'mode')));
  return errs;
}

function validateItems(items: unknown, fldPath: string): FieldError[] {
  return objects(items).flatMap((kp, i) => validateKeyToPath(kp, index(child(fldPath, 'items'), i)));
}

function validateDownwardAPIFile(file: KObject, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!str(file.path)) errs.push(required(child(fldPath, 'path')));
  errs.push(...validateLocalNonReservedPath(str(file.path), child(fldPath, 'path')));
  if (isSet(file.fieldRef)) {
    errs.push(...validateObjectFieldSelector(file.fieldRef, VOLUME_FIELD_PATHS, child(fldPath, 'fieldRef')));
    if (isSet(file.resourceFieldRef)) errs.push(invalid(fldPath, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (isSet(file.resourceFieldRef)) {
    errs.push(...validateResourceFieldSelector(file.resourceFieldRef, child(fldPath, 'resourceFieldRef'), true));
  } else {
    errs.push(required(fldPath, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...validateMode(file.mode, child(fldPath, 'mode')));
  return errs;
}

function validateProjected(p: KObject, fldPath: string): FieldError[] {
  const errs = validateMode(p.defaultMode, child(fldPath, 'defaultMode'));
  const paths = new Set<string>();
  const claimPath = (path: string, value: unknown) => {
    if (paths.has(path)) errs.push(invalid(fldPath, value, 'conflicting duplicate paths'));
    else paths.add(path);
  };
  objects(p.sources).forEach((source, i) => {
    const srcPath = index(child(fldPath, 'sources'), i);
    let count = 0;
    for (const kind of ['secret', 'configMap'] as const) {
      if (!isSet(source[kind])) continue;
      count++;
      const s = obj(source[kind]);
      const projPath = child(srcPath, kind);
      if (!str(s.name)) errs.push(required(child(projPath, 'name')));
      objects(s.items).forEach((kp, j) => {
        errs.push(...validateKeyToPath(kp, index(child(projPath, 'items'), j)));
        if (str(kp.path)) claimPath(str(kp.path), str(s.name));
      });
    }
    if (isSet(source.downwardAPI)) {
      count++;
      for (const file of objects(obj(source.downwardAPI).items)) {
        errs.push(...validateDownwardAPIFile(file, child(srcPath, 'downwardAPI')));
        if (str(file.path)) claimPath(str(file.path), str(file.path));
      }
    }
    if (isSet(source.serviceAccountToken)) {
      count++;
      const t = obj(source.serviceAccountToken);
      const projPath = child(srcPath, 'serviceAccountToken');
      const exp = num(t.expirationSeconds);
      if (exp < 600) errs.push(invalid(child(projPath, 'expirationSeconds'), exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32) errs.push(invalid(child(projPath, 'expirationSeconds'), exp, 'may not specify a duration larger than 2^32 seconds'));
      if (!str(t.path)) errs.push(required(child(fldPath, 'path')));
      else errs.push(...validateLocalNonReservedPath(str(t.path), child(fldPath, 'path')));
    }
    if (isSet(source.clusterTrustBundle)) {
      count++;
      const b = obj(source.clusterTrustBundle);
      const projPath = child(srcPath, 'clusterTrustBundle');
      if (isSet(b.name) && isSet(b.signerName)) errs.push(invalid(projPath, 'clusterTrustBundle', 'only one of name and signerName may be used'));
      else if (!isSet(b.name) && !isSet(b.signerName)) errs.push(required(projPath, 'either name or signerName must be specified'));
      if (!str(b.path)) errs.push(required(child(projPath, 'path')));
      errs.push(...validateLocalNonReservedPath(str(b.path), child(projPath, 'path')));
      claimPath(str(b.path), str(b.path));
    }
    if (isSet(source.podCertificate)) count++;
    if (count > 1) errs.push(forbidden(srcPath, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

type SourceCheck = (s: KObject, fldPath: string, volName: string) => FieldError[];

const need = (...fields: string[]): SourceCheck => (s, fldPath) => fields.filter((f) => !str(s[f])).map((f) => required(child(fldPath, f)));

/** The volume sources in upstream's checking order: [field, path used for its own errors, check]. */
const SOURCES: [string, string, SourceCheck][] = [
  ['emptyDir', 'emptyDir', (s, p) => (isSet(s.sizeLimit) && compareQuantities(s.sizeLimit, '0') < 0 ? [forbidden(child(p, 'sizeLimit'), 'SizeLimit field must be a valid resource quantity')] : [])],
  ['hostPath', 'hostPath', (s, p) => {
    if (!str(s.path)) return [required(child(p, 'path'))];
    const errs = validatePathNoBacksteps(str(s.path), child(p, 'path'));
    if (isSet(s.type) && !HOST_PATH_TYPES.includes(str(s.type))) errs.push(notSupported(child(p, 'type'), str(s.type), HOST_PATH_TYPES));
    return errs;
  }],
  ['gitRepo', 'gitRepo', (s, p) => [...need('repository')(s, p, ''), ...validateLocalDescendingPath(str(s.directory), child(p, 'directory'))]],
  ['gcePersistentDisk', 'persistentDisk', (s, p) => {
    const errs = need('pdName')(s, p, '');
    if (num(s.partition) < 0 || num(s.partition) > 255) errs.push(invalid(child(p, 'partition'), num(s.partition), inclusiveRangeError(1, 255)));
    return errs;
  }],
  ['awsElasticBlockStore', 'awsElasticBlockStore', (s, p) => {
    const errs = need('volumeID')(s, p, '');
    if (num(s.partition) < 0 || num(s.partition) > 255) errs.push(invalid(child(p, 'partition'), num(s.partition), inclusiveRangeError(1, 255)));
    return errs;
  }],
  ['secret', 'secret', (s, p) => [...need('secretName')(s, p, ''), ...validateMode(s.defaultMode, child(p, 'defaultMode')), ...validateItems(s.items, p)]],
  ['nfs', 'nfs', (s, p) => {
    const errs = need('server', 'path')(s, p, '');
    if (!str(s.path).startsWith('/')) errs.push(invalid(child(p, 'path'), str(s.path), 'must be an absolute path'));
    return errs;
  }],
  ['iscsi', 'iscsi', (s, p, volName) => {
    const errs = need('targetPortal', 'iqn')(s, p, '');
    const lun = num(s.lun);
    if (lun < 0 || lun > 255) errs.push(invalid(child(p, 'lun'), lun, inclusiveRangeError(0, 255)));
    if ((s.chapAuthDiscovery === true || s.chapAuthSession === true) && !isSet(s.secretRef)) errs.push(required(child(p, 'secretRef')));
    if (isSet(s.initiatorName) && `${volName}:${str(s.targetPortal)}`.length > 64) {
      errs.push(invalid(child(p, 'name'), volName, 'Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.'));
    }
    return errs;
  }],
  ['glusterfs', 'glusterfs', need('endpoints', 'path')],
  ['flocker', 'flocker', (s, p) => {
    const errs: FieldError[] = [];
    if (!str(s.datasetName) && !str(s.datasetUUID)) errs.push(required(p, 'one of datasetName and datasetUUID is required'));
    if (str(s.datasetName) && str(s.datasetUUID)) errs.push(invalid(p, 'resource', 'datasetName and datasetUUID can not be specified simultaneously'));
    if (str(s.datasetName).includes('/')) errs.push(invalid(child(p, 'datasetName'), str(s.datasetName), "must not contain '/'"));
    return errs;
  }],
  ['persistentVolumeClaim', 'persistentVolumeClaim', need('claimName')],
  ['rbd', 'rbd', (s, p) => [...(list(s.monitors).length ? [] : [required(child(p, 'monitors'))]), ...need('image')(s, p, '')]],
  ['cinder', 'cinder', need('volumeID')],
  ['cephfs', 'cephfs', (s, p) => (list(s.monitors).length ? [] : [required(child(p, 'monitors'))])],
  ['quobyte', 'quobyte', (s, p) => [
    ...(str(s.registry) ? [] : [required(child(p, 'registry'), 'must be a host:port pair or multiple pairs separated by commas')]),
    ...need('volume')(s, p, ''),
  ]],
  ['downwardAPI', 'downwardAPI', (s, p) => [...validateMode(s.defaultMode, child(p, 'defaultMode')), ...objects(s.items).flatMap((f) => validateDownwardAPIFile(f, p))]],
  ['fc', 'fc', (s, p) => {
    const errs: FieldError[] = [];
    const wwns = list(s.targetWWNs);
    const wwids = list(s.wwids);
    if (!wwns.length && !wwids.length) errs.push(required(child(p, 'targetWWNs'), 'must specify either targetWWNs or wwids, but not both'));
    if (wwns.length && wwids.length) errs.push(invalid(child(p, 'targetWWNs'), s.targetWWNs, 'targetWWNs and wwids can not be specified simultaneously'));
    if (wwns.length) {
      if (!isSet(s.lun)) errs.push(required(child(p, 'lun'), 'lun is required if targetWWNs is specified'));
      else if (num(s.lun) < 0 || num(s.lun) > 255) errs.push(invalid(child(p, 'lun'), num(s.lun), inclusiveRangeError(0, 255)));
    }
    return errs;
  }],
  ['flexVolume', 'flexVolume', need('driver')],
  ['configMap', 'configMap', (s, p) => [...need('name')(s, p, ''), ...validateMode(s.defaultMode, child(p, 'defaultMode')), ...validateItems(s.items, p)]],
  ['azureFile', 'azureFile', need('secretName', 'shareName')],
  ['vsphereVolume', 'vsphereVolume', need('volumePath')],
  ['photonPersistentDisk', 'photonPersistentDisk', need('pdID')],
  ['portworxVolume', 'portworxVolume', need('volumeID')],
  ['azureDisk', 'azureDisk', (s, p) => {
    const errs = need('diskName', 'diskURI')(s, p, '');
    if (isSet(s.cachingMode) && !['None', 'ReadOnly', 'ReadWrite'].includes(str(s.cachingMode))) errs.push(notSupported(child(p, 'cachingMode'), str(s.cachingMode), ['None', 'ReadOnly', 'ReadWrite']));
    if (isSet(s.kind) && !['Dedicated', 'Managed', 'Shared'].includes(str(s.kind))) errs.push(notSupported(child(p, 'kind'), str(s.kind), ['Dedicated', 'Managed', 'Shared']));
    return errs;
  }],
  ['storageos', 'storageos', (s, p) => (str(s.volumeName) ? dnsLabelErrors(str(s.volumeName), child(p, 'volumeName')) : [required(child(p, 'volumeName'))])],
  ['projected', 'projected', validateProjected],
  ['scaleIO', 'scaleIO', need('gateway', 'system', 'volumeName')],
  ['csi', 'csi', (s, p) => {
    const driver = str(s.driver);
    const errs: FieldError[] = [];
    if (!driver) errs.push(required(child(p, 'driver')));
    if (driver.length > 63) errs.push({ type: 'TooLong', field: child(p, 'driver'), detail: 'may not be more than 63 bytes' });
    errs.push(...nameErrors(nameIsDNSSubdomain, driver.toLowerCase(), child(p, 'driver')).map((e) => ({ ...e, value: driver })));
    const secretRef = obj(s.nodePublishSecretRef);
    if (isSet(s.nodePublishSecretRef) && !str(secretRef.name)) errs.push(required(child(p, 'nodePublishSecretRef', 'name')));
    return errs;
  }],
  ['ephemeral', 'ephemeral', (s, p) => {
    if (!isSet(s.volumeClaimTemplate)) return [required(child(p, 'volumeClaimTemplate'))];
    const t = obj(s.volumeClaimTemplate);
    const tp = child(p, 'volumeClaimTemplate');
    return [...validateTemplateObjectMeta(t.metadata, child(tp, 'metadata')), ...validatePersistentVolumeClaimSpec(t.spec, child(tp, 'spec'))];
  }],
  ['image', 'image', (s, p) => {
    const policy = str(s.pullPolicy);
    return policy && !['Always', 'IfNotPresent', 'Never'].includes(policy) ? [notSupported(child(p, 'pullPolicy'), policy, ['Always', 'IfNotPresent', 'Never'])] : [];
  }],
];

/** Where upstream reports a second source (two names differ from the field: its own typos). */
const FORBIDDEN_PATH: Record<string, string> = { cephfs: 'cephFS', downwardAPI: 'downwarAPI' };

/** validateVolumeSource: exactly one source, and that source's own rules. */
export function validateVolumeSource(vol: KObject, fldPath: string, volName: string): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const [field, checkPath, check] of SOURCES) {
    if (!isSet(vol[field])) continue;
    if (count > 0) {
      errs.push(forbidden(child(fldPath, FORBIDDEN_PATH[field] ?? field), MORE_THAN_ONE));
      continue;
    }
    count++;
    errs.push(...check(obj(vol[field]), child(fldPath, checkPath), volName));
  }
  if (count === 0) errs.push(required(fldPath, 'must specify a volume type'));
  return errs;
}

/** ValidateVolumes: the valid volumes by name, and every error. */
export function validateVolumes(volumes: unknown, fldPath: string): { volumes: VolumeMap; errs: FieldError[] } {
  const out: VolumeMap = new Map();
  const errs: FieldError[] = [];
  objects(volumes).forEach((vol, i) => {
    const idxPath = index(fldPath, i);
    const name = str(vol.name);
    const namePath = child(idxPath, 'name');
    const el = validateVolumeSource(vol, idxPath, name);
    if (!name) el.push(required(namePath));
    else el.push(...dnsLabelErrors(name, namePath));
    if (out.has(name)) el.push(duplicate(namePath, name));
    if (el.length === 0) out.set(name, vol);
    else errs.push(...el);
  });
  return { volumes: out, errs };
}
