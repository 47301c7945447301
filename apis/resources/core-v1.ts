// The core/v1 resources served in every workspace (all but pods): their discovery facts,
// printer columns (as kube-apiserver's table printers fill them) and upstream defaulting.

import { age as since } from '../machinery/duration.js';
import { age, defaultColumns, name } from './columns.js';
import { ColumnDef, KObject, ResourceDef, STANDARD_VERBS, Strategy } from './model.js';
import { validators } from '../validation/index.js';

const CORE = { group: '', version: 'v1' } as const;

/** Verbs of namespaces: everything but deletecollection. */
const NAMESPACE_VERBS = STANDARD_VERBS.filter((v) => v !== 'deletecollection');

// ---- shared helpers ----

const isObject = (v: unknown): v is KObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Ensures obj[key] is an object and returns it. */
function child(obj: KObject, key: string): KObject {
  if (!isObject(obj[key])) obj[key] = {};
  return obj[key];
}

/** True when a Time/MicroTime JSON value is unset (Go's IsZero). */
const unsetTime = (t: unknown): boolean => t === undefined || t === null || t === '';

/** Age since a timestamp, "<unknown>" when it is unset (translateTimestampSince). */
const sinceTime = (t: unknown, now: number): string => (unsetTime(t) ? '<unknown>' : since(String(t), now));

/** Number of keys of an optional map. */
const count = (m: unknown): number => (isObject(m) ? Object.keys(m).length : 0);

/** A Quantity as printed; the zero quantity prints as "0". */
const quantity = (q: unknown): string => (q === undefined || q === null || q === '' ? '0' : String(q));

/** "k1=v1,k2=v2" with keys sorted, or "<none>" (labels.FormatLabels). */
export function formatLabels(m: unknown): string {
  if (!isObject(m) || Object.keys(m).length === 0) return '<none>';
  return Object.keys(m).sort().map((k) => `${k}=${m[k]}`).join(',');
}

// ---- Namespace ----

/** The label every namespace carries with its own name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Namespace defaulting: the name label (SetDefaults_Namespace), phase Active
 * (SetDefaults_NamespaceStatus) and, on create (no uid yet), the "kubernetes" finalizer that
 * upstream's PrepareForCreate adds.
 */
export function defaultNamespace(obj: KObject): void {
  const meta = child(obj, 'metadata');
  if (meta.name) {
    meta.labels = { ...(isObject(meta.labels) ? meta.labels : {}), [NAMESPACE_NAME_LABEL]: meta.name };
  }
  const status = child(obj, 'status');
  if (!status.phase) status.phase = 'Active';
}

/** The namespace lifecycle: the "kubernetes" finalizer holds deletion until content is gone. */
const namespaceStrategy: Strategy = {
  defaults: defaultNamespace,
  prepareForCreate(obj) {
    const spec = child(obj, 'spec');
    const finalizers: string[] = Array.isArray(spec.finalizers) ? spec.finalizers : [];
    if (!finalizers.includes('kubernetes')) spec.finalizers = [...finalizers, 'kubernetes'];
  },
  prepareForUpdate(obj, old) {
    // spec.finalizers change only through /finalize, status only through /status.
    obj.spec = { ...(obj.spec ?? {}), finalizers: old.spec?.finalizers };
    if (!old.spec?.finalizers) delete obj.spec.finalizers;
  },
  updateSubresource(name, obj, old) {
    if (name !== 'finalize') return undefined;
    const next = structuredClone(old);
    next.spec = { ...(next.spec ?? {}), finalizers: obj.spec?.finalizers ?? [] };
    return next;
  },
  validate: validators.Namespace,
  holdsDeletion: (obj) => (obj.spec?.finalizers?.length ?? 0) > 0,
  beginDeletion(obj) {
    child(obj, 'status').phase = 'Terminating';
  },
};

/** The event fields upstream's field label conversion accepts (kubectl describe uses involvedObject.*). */
const EVENT_FIELDS: Record<string, (o: KObject) => string | undefined> = {
  'involvedObject.kind': (o) => o.involvedObject?.kind,
  'involvedObject.namespace': (o) => o.involvedObject?.namespace,
  'involvedObject.name': (o) => o.involvedObject?.name,
  'involvedObject.uid': (o) => o.involvedObject?.uid,
  'involvedObject.apiVersion': (o) => o.involvedObject?.apiVersion,
  'involvedObject.resourceVersion': (o) => o.involvedObject?.resourceVersion,
  'involvedObject.fieldPath': (o) => o.involvedObject?.fieldPath,
  reason: (o) => o.reason,
  reportingComponent: (o) => o.reportingComponent,
  source: (o) => o.source?.component,
  type: (o) => o.type,
};

const namespaceColumns: ColumnDef[] = [
  name(),
  { name: 'Status', type: 'string', description: 'Lifecycle phase of the namespace: Active or Terminating.', cell: (o) => o.status?.phase ?? '' },
  age(),
];

// ---- ConfigMap, Secret, ServiceAccount ----

const configMapColumns: ColumnDef[] = [
  name(),
  { name: 'Data', type: 'string', description: 'Number of keys in data and binaryData.', cell: (o) => count(o.data) + count(o.binaryData) },
  age(),
];

/** Secret defaulting: stringData merged into data (as the v1 conversion does), type Opaque. */
export function defaultSecret(obj: KObject): void {
  if (isObject(obj.stringData)) {
    if (Object.keys(obj.stringData).length > 0) {
      const data = child(obj, 'data');
      for (const [k, v] of Object.entries(obj.stringData)) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    }
    delete obj.stringData;
  }
  if (!obj.type) obj.type = 'Opaque';
}

const secretColumns: ColumnDef[] = [
  name(),
  { name: 'Type', type: 'string', description: 'Kind of secret, which decides the keys it holds.', cell: (o) => o.type ?? '' },
  { name: 'Data', type: 'string', description: 'Number of keys in data.', cell: (o) => count(o.data) },
  age(),
];

const serviceAccountColumns: ColumnDef[] = [
  name(),
  { name: 'Secrets', type: 'string', description: 'Number of secrets listed for the account.', cell: (o) => (Array.isArray(o.secrets) ? o.secrets.length : 0) },
  age(),
];

// ---- Event ----

/** "component, host", falling back to the reporting controller and instance (formatEventSource). */
function eventSource(o: KObject): string {
  const component = o.source?.component || o.reportingComponent || '';
  const host = o.source?.host || o.reportingInstance || '';
  return host ? `${component}, ${host}` : component;
}

function eventFirstSeen(o: KObject, now: number): string {
  return unsetTime(o.firstTimestamp) ? sinceTime(o.eventTime, now) : sinceTime(o.firstTimestamp, now);
}

function eventLastSeen(o: KObject, now: number): string {
  if (isObject(o.series)) return sinceTime(o.series.lastObservedTime, now);
  return unsetTime(o.lastTimestamp) ? eventFirstSeen(o, now) : sinceTime(o.lastTimestamp, now);
}

function eventCount(o: KObject): number {
  if (isObject(o.series)) return o.series.count ?? 0;
  return o.count || 1; // singleton events of the newer API carry no count
}

function eventObject(o: KObject): string {
  const kind = String(o.involvedObject?.kind ?? '').toLowerCase();
  return o.involvedObject?.name ? `${kind}/${o.involvedObject.name}` : kind;
}

const eventColumns: ColumnDef[] = [
  { name: 'Last Seen', type: 'string', description: 'Time since the event last happened.', cell: eventLastSeen },
  { name: 'Type', type: 'string', description: 'Normal or Warning.', cell: (o) => o.type ?? '' },
  { name: 'Reason', type: 'string', description: 'Short machine-readable cause of the event.', cell: (o) => o.reason ?? '' },
  { name: 'Object', type: 'string', description: 'The object the event is about, as kind/name.', cell: eventObject },
  { name: 'Subobject', type: 'string', priority: 1, description: 'Part of the object the event is about.', cell: (o) => o.involvedObject?.fieldPath ?? '' },
  { name: 'Source', type: 'string', priority: 1, description: 'Component (and host) that reported the event.', cell: eventSource },
  { name: 'Message', type: 'string', description: 'What happened.', cell: (o) => String(o.message ?? '').trim() },
  { name: 'First Seen', type: 'string', priority: 1, description: 'Time since the event first happened.', cell: eventFirstSeen },
  { name: 'Count', type: 'string', priority: 1, description: 'How many times the event happened.', cell: eventCount },
  { ...name(), priority: 1 },
];

// ---- Service ----

/**
 * Service defaulting (SetDefaults_Service): type ClusterIP, sessionAffinity None, port protocol TCP
 * and targetPort = port, traffic policies Cluster, LoadBalancer node ports and ingress ipMode.
 * Allocations (clusterIP(s), IP families, node ports) are not defaults and are left alone.
 */
export function defaultService(obj: KObject): void {
  const spec = child(obj, 'spec');
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    if (timeout === undefined || timeout === null) spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  if (!spec.type) spec.type = 'ClusterIP';
  for (const port of Array.isArray(spec.ports) ? spec.ports : []) {
    if (!isObject(port)) continue;
    if (!port.protocol) port.protocol = 'TCP';
    if (port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 || port.targetPort === '') {
      port.targetPort = port.port;
    }
  }
  const externallyAccessible = spec.type === 'LoadBalancer' || spec.type === 'NodePort'
    || (spec.type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
  if (externallyAccessible && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if ((spec.internalTrafficPolicy === undefined || spec.internalTrafficPolicy === null)
    && ['ClusterIP', 'NodePort', 'LoadBalancer'].includes(spec.type)) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer') {
    if (spec.allocateLoadBalancerNodePorts === undefined || spec.allocateLoadBalancerNodePorts === null) {
      spec.allocateLoadBalancerNodePorts = true;
    }
    for (const ing of obj.status?.loadBalancer?.ingress ?? []) {
      if (isObject(ing) && ing.ip && !ing.ipMode) ing.ipMode = 'VIP';
    }
  }
}

/** "80/TCP,443:30443/TCP" (makePortString). */
export function servicePorts(ports: unknown): string {
  if (!Array.isArray(ports)) return '';
  return ports
    .map((p: KObject) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`))
    .join(',');
}

/** Load-balancer ingress addresses, IP else hostname, de-duplicated and sorted. */
function loadBalancerAddresses(o: KObject): string[] {
  const seen = new Set<string>();
  for (const ing of o.status?.loadBalancer?.ingress ?? []) {
    if (ing?.ip) seen.add(ing.ip);
    else if (ing?.hostname) seen.add(ing.hostname);
  }
  return [...seen].sort();
}

/** The EXTERNAL-IP cell (getServiceExternalIP, as the server prints it: wide, untruncated). */
export function serviceExternalIP(o: KObject): string {
  const spec = o.spec ?? {};
  const externalIPs: string[] = Array.isArray(spec.externalIPs) ? spec.externalIPs : [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerAddresses(o);
      if (externalIPs.length) return [...lb, ...externalIPs].join(',');
      return lb.length ? lb.join(',') : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

function serviceClusterIP(o: KObject): string {
  const ips = o.spec?.clusterIPs;
  if (Array.isArray(ips) && ips.length) return ips[0];
  return o.spec?.clusterIP || '<none>';
}

const serviceColumns: ColumnDef[] = [
  name(),
  { name: 'Type', type: 'string', description: 'How the service is exposed.', cell: (o) => o.spec?.type ?? '' },
  { name: 'Cluster-IP', type: 'string', description: 'Virtual IP of the service inside the cluster.', cell: serviceClusterIP },
  { name: 'External-IP', type: 'string', description: 'Addresses the service is reachable at from outside the cluster.', cell: serviceExternalIP },
  { name: 'Port(s)', type: 'string', description: 'Ports the service exposes, with node ports.', cell: (o) => servicePorts(o.spec?.ports) || '<none>' },
  age(),
  { name: 'Selector', type: 'string', priority: 1, description: 'Labels of the pods that receive the traffic.', cell: (o) => formatLabels(o.spec?.selector) },
];

// ---- PersistentVolumeClaim ----

/** The annotation that, when present, overrides spec.storageClassName. */
const BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';

/**
 * PersistentVolumeClaimSpec defaulting: volumeMode Filesystem (SetDefaults_PersistentVolumeClaimSpec)
 * and dataSource/dataSourceRef mirrored into each other (NormalizeDataSources on create).
 */
export function defaultPersistentVolumeClaimSpec(spec: KObject): void {
  if (!spec.volumeMode) spec.volumeMode = 'Filesystem';
  const src = spec.dataSource;
  const ref = spec.dataSourceRef;
  if (isObject(src) && !isObject(ref)) {
    spec.dataSourceRef = { ...(src.apiGroup != null ? { apiGroup: src.apiGroup } : {}), kind: src.kind, name: src.name };
  } else if (isObject(ref) && !isObject(src) && !ref.namespace) {
    spec.dataSource = { ...(ref.apiGroup != null ? { apiGroup: ref.apiGroup } : {}), kind: ref.kind, name: ref.name };
  }
}

/** PersistentVolumeClaim defaulting: the spec's, and phase Pending (SetDefaults_PersistentVolumeClaim). */
export function defaultPersistentVolumeClaim(obj: KObject): void {
  defaultPersistentVolumeClaimSpec(child(obj, 'spec'));
  const status = child(obj, 'status');
  if (!status.phase) status.phase = 'Pending';
}

/** "RWO,ROX,RWX,RWOP" in that fixed order (GetAccessModesAsString). */
export function accessModesString(modes: unknown): string {
  const set = new Set(Array.isArray(modes) ? modes : []);
  const out: string[] = [];
  if (set.has('ReadWriteOnce')) out.push('RWO');
  if (set.has('ReadOnlyMany')) out.push('ROX');
  if (set.has('ReadWriteMany')) out.push('RWX');
  if (set.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

const bound = (o: KObject): boolean => !!o.spec?.volumeName;

const pvcColumns: ColumnDef[] = [
  name(),
  {
    name: 'Status', type: 'string', description: 'Phase of the claim: Pending, Bound or Lost (Terminating while deleted).',
    cell: (o) => (unsetTime(o.metadata?.deletionTimestamp) ? (o.status?.phase ?? '') : 'Terminating'),
  },
  { name: 'Volume', type: 'string', description: 'Name of the volume bound to the claim.', cell: (o) => o.spec?.volumeName ?? '' },
  {
    name: 'Capacity', type: 'string', description: 'Storage capacity of the bound volume.',
    cell: (o) => (bound(o) ? quantity(o.status?.capacity?.storage) : ''),
  },
  {
    name: 'Access Modes', type: 'string', description: 'Access modes of the bound volume.',
    cell: (o) => (bound(o) ? accessModesString(o.status?.accessModes) : ''),
  },
  {
    name: 'StorageClass', type: 'string', description: 'StorageClass of the claim.',
    cell: (o) => {
      const ann = o.metadata?.annotations;
      if (isObject(ann) && BETA_STORAGE_CLASS in ann) return ann[BETA_STORAGE_CLASS];
      return o.spec?.storageClassName ?? '';
    },
  },
  {
    name: 'VolumeAttributesClass', type: 'string', description: 'VolumeAttributesClass of the claim.',
    cell: (o) => o.spec?.volumeAttributesClassName ?? '<unset>',
  },
  age(),
  { name: 'VolumeMode', type: 'string', priority: 1, description: 'Filesystem or Block.', cell: (o) => o.spec?.volumeMode ?? '<unset>' },
];

// ---- ResourceQuota ----

/** The REQUEST and LIMIT cells: "name: used/hard" for each enforced resource, sorted by name. */
export function quotaCells(o: KObject): { request: string; limit: string } {
  const hard = isObject(o.status?.hard) ? o.status.hard : {};
  const used = isObject(o.status?.used) ? o.status.used : {};
  const request: string[] = [];
  const limit: string[] = [];
  for (const r of Object.keys(hard).sort()) {
    const pieces = r.split('.');
    (pieces.length > 1 && pieces[0] === 'limits' ? limit : request).push(`${r}: ${quantity(used[r])}/${quantity(hard[r])}`);
  }
  return { request: request.join(', '), limit: limit.join(', ') };
}

const resourceQuotaColumns: ColumnDef[] = [
  name(),
  age(),
  { name: 'Request', type: 'string', description: 'Use and hard limit of each enforced resource other than limits.*.', cell: (o) => quotaCells(o).request },
  { name: 'Limit', type: 'string', description: 'Use and hard limit of each enforced limits.* resource.', cell: (o) => quotaCells(o).limit },
];

// ---- LimitRange ----

/**
 * LimitRange defaulting (SetDefaults_LimitRangeItem): for Container items, default falls back to
 * max, and defaultRequest to default, then to min.
 */
export function defaultLimitRange(obj: KObject): void {
  for (const item of Array.isArray(obj.spec?.limits) ? obj.spec.limits : []) {
    if (!isObject(item) || item.type !== 'Container') continue;
    const def: KObject = { ...(isObject(item.default) ? item.default : {}) };
    const req: KObject = { ...(isObject(item.defaultRequest) ? item.defaultRequest : {}) };
    for (const [k, v] of Object.entries(isObject(item.max) ? item.max : {})) if (!(k in def)) def[k] = v;
    for (const [k, v] of Object.entries(def)) if (!(k in req)) req[k] = v;
    for (const [k, v] of Object.entries(isObject(item.min) ? item.min : {})) if (!(k in req)) req[k] = v;
    if (Object.keys(def).length) item.default = def;
    if (Object.keys(req).length) item.defaultRequest = req;
  }
}

// ---- the resources ----

export const resources: ResourceDef[] = [
  {
    ...CORE, kind: 'ConfigMap', plural: 'configmaps', singular: 'configmap', namespaced: true,
    verbs: STANDARD_VERBS, shortNames: ['cm'], type: 'core/v1:ConfigMap',
    nameRule: 'subdomain', columns: configMapColumns, strategy: { validate: validators.ConfigMap },
  },
  {
    ...CORE, kind: 'Event', plural: 'events', singular: 'event', namespaced: true,
    verbs: STANDARD_VERBS, shortNames: ['ev'], type: 'core/v1:Event',
    nameRule: 'path', columns: eventColumns, selectableFields: EVENT_FIELDS, strategy: { validate: validators.Event },
  },
  {
    ...CORE, kind: 'LimitRange', plural: 'limitranges', singular: 'limitrange', namespaced: true,
    verbs: STANDARD_VERBS, shortNames: ['limits'], type: 'core/v1:LimitRange',
    nameRule: 'subdomain', columns: defaultColumns(), strategy: { defaults: defaultLimitRange, validate: validators.LimitRange },
  },
  {
    ...CORE, kind: 'Namespace', plural: 'namespaces', singular: 'namespace', namespaced: false,
    verbs: NAMESPACE_VERBS, shortNames: ['ns'], type: 'core/v1:Namespace', status: true,
    subresources: [{ name: 'finalize', ...CORE, kind: 'Namespace', verbs: ['update'] }],
    nameRule: 'label', columns: namespaceColumns, strategy: namespaceStrategy,
    selectableFields: { 'status.phase': (o) => o.status?.phase },
  },
  {
    ...CORE, kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', singular: 'persistentvolumeclaim', namespaced: true,
    verbs: STANDARD_VERBS, shortNames: ['pvc'], type: 'core/v1:PersistentVolumeClaim', status: true,
    nameRule: 'subdomain', columns: pvcColumns, strategy: { defaults: defaultPersistentVolumeClaim, validate: validators.PersistentVolumeClaim },
  },
  {
    ...CORE, kind: 'ResourceQuota', plural: 'resourcequotas', singular: 'resourcequota', namespaced: true,
    verbs: STANDARD_VERBS, shortNames: ['quota'], type: 'core/v1:ResourceQuota', status: true,
    nameRule: 'subdomain', columns: resourceQuotaColumns, strategy: { validate: validators.ResourceQuota },
  },
  {
    ...CORE, kind: 'Secret', plural: 'secrets', singular: 'secret', namespaced: true,
    verbs: STANDARD_VERBS, type: 'core/v1:Secret',
    nameRule: 'subdomain', columns: secretColumns, strategy: { defaults: defaultSecret, validate: validators.Secret },
    selectableFields: { type: (o) => o.type },
  },
  {
    ...CORE, kind: 'ServiceAccount', plural: 'serviceaccounts', singular: 'serviceaccount', namespaced: true,
    verbs: STANDARD_VERBS, shortNames: ['sa'], type: 'core/v1:ServiceAccount',
    subresources: [{ name: 'token', group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest', verbs: ['create'] }],
    nameRule: 'subdomain', columns: serviceAccountColumns, strategy: { validate: validators.ServiceAccount },
  },
  {
    ...CORE, kind: 'Service', plural: 'services', singular: 'service', namespaced: true,
    verbs: STANDARD_VERBS, shortNames: ['svc'], categories: ['all'], type: 'core/v1:Service', status: true,
    nameRule: 'dns1035', columns: serviceColumns, strategy: { defaults: defaultService, validate: validators.Service },
  },
];
