// Upstream defaulting of pod templates (SetDefaults_PodSpec, _Container, _Probe, volumes, ...),
// shared by every kind that embeds a PodTemplateSpec.
//
// This follows what kube-apiserver 1.34 does when it decodes a v1 object that carries a pod spec:
// the hand-written SetDefaults_* functions of pkg/apis/core/v1, the declarative +default markers of
// k8s.io/api (ContainerPort.protocol, RBD, ISCSI, ScaleIO, AzureDisk, GRPCAction.service,
// FileKeySelector.optional), the v1 <-> internal conversion of the deprecated serviceAccount alias,
// and the few places where Go's JSON encoder always writes a non-pointer struct (a container's
// `resources: {}`, a resource field selector's `divisor: "0"`), so that a stored template reads back
// the way `kubectl get -o yaml` shows it against a real cluster.
//
// Pod-only behaviour (SetDefaults_Pod: requests copied from limits, enableServiceLinks, host ports
// under hostNetwork) is deliberately NOT part of template defaulting, as upstream; it lives in
// defaultPod() for the day a Pod object needs it.

import { KObject } from '../resources/model.js';

export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
export const DEFAULT_TERMINATION_MESSAGE_PATH = '/dev/termination-log';
/** Default permission bits of secret, configMap, downwardAPI and projected volume files (0644). */
export const DEFAULT_VOLUME_FILE_MODE = 0o644;
/** Default validity of a projected service account token (one hour). */
export const DEFAULT_TOKEN_EXPIRATION_SECONDS = 3600;

/** Every member of VolumeSource; a volume with none of them set becomes an emptyDir. */
export const VOLUME_SOURCE_KEYS: readonly string[] = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc',
  'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected',
  'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];

const isObject = (v: unknown): v is KObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const unset = (v: unknown): boolean => v === undefined || v === null;
/** Go's zero-value test for a string field: absent, null or "". */
const emptyString = (v: unknown): boolean => unset(v) || v === '';
/** Go's zero-value test for a number field: absent, null or 0. */
const zeroNumber = (v: unknown): boolean => unset(v) || v === 0;

function eachObject(list: unknown, fn: (o: KObject) => void): void {
  if (Array.isArray(list)) for (const item of list) if (isObject(item)) fn(item);
}

// ---------------------------------------------------------------------------------------------
// Image references (the subset of distribution/reference that parsers.ParseImageName relies on)
// ---------------------------------------------------------------------------------------------

const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const HEX64 = /^[a-f0-9]{64}$/;

export interface ImageReference {
  /** Fully qualified repository, e.g. "docker.io/library/nginx". */
  repository: string;
  /** Tag; "latest" when the reference has neither tag nor digest. */
  tag: string;
  digest: string;
}

/** Parses a container image reference the way the kubelet and apiserver do; undefined when invalid. */
export function parseImageReference(image: string): ImageReference | undefined {
  if (!image || HEX64.test(image)) return undefined;
  const slash = image.indexOf('/');
  let domain = 'docker.io';
  let remainder = image;
  if (slash >= 0) {
    const first = image.slice(0, slash);
    if (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first) {
      domain = first;
      remainder = image.slice(slash + 1);
    }
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !remainder.includes('/')) remainder = `library/${remainder}`;
  const colon = remainder.indexOf(':');
  const remoteName = colon >= 0 ? remainder.slice(0, colon) : remainder;
  if (remoteName.toLowerCase() !== remoteName) return undefined;
  const m = REFERENCE.exec(`${domain}/${remainder}`);
  if (!m || m[1].length > 255) return undefined;
  const tag = m[2] ?? '';
  const digest = m[3] ?? '';
  return { repository: m[1], tag: tag || digest ? tag : 'latest', digest };
}

/** Default pull policy of an image: Always for ":latest" (or no tag and no digest), else IfNotPresent. */
export function defaultPullPolicy(image: unknown): 'Always' | 'IfNotPresent' {
  const ref = typeof image === 'string' ? parseImageReference(image) : undefined;
  return ref?.tag === 'latest' ? 'Always' : 'IfNotPresent';
}

// ---------------------------------------------------------------------------------------------
// Template and spec
// ---------------------------------------------------------------------------------------------

/** Applies upstream defaults to a PodTemplateSpec in place. */
export function defaultPodTemplateSpec(template: KObject | undefined): void {
  if (!isObject(template)) return;
  // PodTemplateSpec.spec is a non-pointer struct upstream: it is defaulted even when empty.
  if (!isObject(template.spec)) template.spec = {};
  defaultPodSpec(template.spec);
}

/** Applies upstream defaults to a PodSpec in place (what every pod template gets). */
export function defaultPodSpec(spec: KObject): void {
  if (emptyString(spec.dnsPolicy)) spec.dnsPolicy = 'ClusterFirst';
  if (emptyString(spec.restartPolicy)) spec.restartPolicy = 'Always';
  if (unset(spec.securityContext)) spec.securityContext = {};
  if (unset(spec.terminationGracePeriodSeconds)) spec.terminationGracePeriodSeconds = DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  if (emptyString(spec.schedulerName)) spec.schedulerName = DEFAULT_SCHEDULER_NAME;
  defaultServiceAccountAlias(spec);
  eachObject(spec.volumes, defaultVolume);
  eachObject(spec.initContainers, defaultContainer);
  eachObject(spec.containers, defaultContainer);
  eachObject(spec.ephemeralContainers, defaultContainer);
}

/**
 * serviceAccount is a deprecated alias of serviceAccountName: on input serviceAccountName wins
 * and falls back to serviceAccount; on output serviceAccount mirrors serviceAccountName.
 */
export function defaultServiceAccountAlias(spec: KObject): void {
  const name = !emptyString(spec.serviceAccountName) ? spec.serviceAccountName : spec.serviceAccount;
  if (emptyString(name)) {
    delete spec.serviceAccountName;
    delete spec.serviceAccount;
    return;
  }
  spec.serviceAccountName = name;
  spec.serviceAccount = name;
}

/**
 * Applies the defaults of a Pod object (SetDefaults_Pod on top of the spec defaults): container
 * requests default to their limits, enableServiceLinks to true, and under hostNetwork every
 * container port without a host port gets its container port. Pod-level resource defaulting
 * (PodLevelResources) is not done here.
 */
export function defaultPod(pod: KObject): void {
  if (!isObject(pod.spec)) pod.spec = {};
  const spec = pod.spec;
  defaultPodSpec(spec);
  eachObject(spec.containers, defaultRequestsFromLimits);
  eachObject(spec.initContainers, defaultRequestsFromLimits);
  if (unset(spec.enableServiceLinks)) spec.enableServiceLinks = true;
  if (spec.hostNetwork === true) {
    for (const list of [spec.containers, spec.initContainers]) {
      eachObject(list, (c) => eachObject(c.ports, (p) => {
        if (zeroNumber(p.hostPort)) p.hostPort = p.containerPort;
      }));
    }
  }
}

/** Copies each limit of a container into its requests when that request is not set. */
export function defaultRequestsFromLimits(container: KObject): void {
  const resources = container.resources;
  if (!isObject(resources) || !isObject(resources.limits)) return;
  const missing = Object.keys(resources.limits).filter((k) => !isObject(resources.requests) || !(k in resources.requests));
  if (!missing.length) return;
  if (!isObject(resources.requests)) resources.requests = {};
  for (const k of missing) resources.requests[k] = resources.limits[k];
}

// ---------------------------------------------------------------------------------------------
// Containers
// ---------------------------------------------------------------------------------------------

/** Applies upstream defaults to a Container (or an EphemeralContainer, which shares its fields). */
export function defaultContainer(c: KObject): void {
  if (emptyString(c.imagePullPolicy)) c.imagePullPolicy = defaultPullPolicy(c.image);
  if (emptyString(c.terminationMessagePath)) c.terminationMessagePath = DEFAULT_TERMINATION_MESSAGE_PATH;
  if (emptyString(c.terminationMessagePolicy)) c.terminationMessagePolicy = 'File';
  // resources is a non-pointer struct: upstream always writes it, as {} when empty.
  if (!isObject(c.resources)) c.resources = {};
  eachObject(c.ports, defaultContainerPort);
  eachObject(c.env, defaultEnvVar);
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) if (isObject(probe)) defaultProbe(probe);
  if (isObject(c.lifecycle)) defaultLifecycle(c.lifecycle);
}

export function defaultContainerPort(p: KObject): void {
  if (emptyString(p.protocol)) p.protocol = 'TCP';
}

export function defaultEnvVar(e: KObject): void {
  const from = e.valueFrom;
  if (!isObject(from)) return;
  if (isObject(from.fieldRef)) defaultObjectFieldSelector(from.fieldRef);
  if (isObject(from.resourceFieldRef)) defaultResourceFieldSelector(from.resourceFieldRef);
  if (isObject(from.fileKeyRef) && unset(from.fileKeyRef.optional)) from.fileKeyRef.optional = false;
}

export function defaultObjectFieldSelector(s: KObject): void {
  if (emptyString(s.apiVersion)) s.apiVersion = 'v1';
}

/** divisor is a non-pointer Quantity upstream, so it always reads back, as "0" when unset. */
export function defaultResourceFieldSelector(s: KObject): void {
  if (unset(s.divisor)) s.divisor = '0';
}

export function defaultProbe(p: KObject): void {
  if (zeroNumber(p.timeoutSeconds)) p.timeoutSeconds = 1;
  if (zeroNumber(p.periodSeconds)) p.periodSeconds = 10;
  if (zeroNumber(p.successThreshold)) p.successThreshold = 1;
  if (zeroNumber(p.failureThreshold)) p.failureThreshold = 3;
  if (isObject(p.httpGet)) defaultHTTPGetAction(p.httpGet);
  if (isObject(p.grpc) && unset(p.grpc.service)) p.grpc.service = '';
}

export function defaultHTTPGetAction(a: KObject): void {
  if (emptyString(a.path)) a.path = '/';
  if (emptyString(a.scheme)) a.scheme = 'HTTP';
}

export function defaultLifecycle(l: KObject): void {
  for (const handler of [l.postStart, l.preStop]) {
    if (isObject(handler) && isObject(handler.httpGet)) defaultHTTPGetAction(handler.httpGet);
  }
}

// ---------------------------------------------------------------------------------------------
// Volumes
// ---------------------------------------------------------------------------------------------

/** Applies upstream defaults to a pod Volume, including its source. */
export function defaultVolume(v: KObject): void {
  if (VOLUME_SOURCE_KEYS.every((k) => unset(v[k]))) v.emptyDir = {};
  if (isObject(v.hostPath) && unset(v.hostPath.type)) v.hostPath.type = '';
  for (const k of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    if (isObject(v[k]) && unset(v[k].defaultMode)) v[k].defaultMode = DEFAULT_VOLUME_FILE_MODE;
  }
  if (isObject(v.downwardAPI)) eachObject(v.downwardAPI.items, defaultDownwardAPIVolumeFile);
  if (isObject(v.projected)) eachObject(v.projected.sources, defaultVolumeProjection);
  if (isObject(v.iscsi) && emptyString(v.iscsi.iscsiInterface)) v.iscsi.iscsiInterface = 'default';
  if (isObject(v.rbd)) {
    if (emptyString(v.rbd.pool)) v.rbd.pool = 'rbd';
    if (emptyString(v.rbd.user)) v.rbd.user = 'admin';
    if (emptyString(v.rbd.keyring)) v.rbd.keyring = '/etc/ceph/keyring';
  }
  if (isObject(v.azureDisk)) {
    const d = v.azureDisk;
    if (unset(d.cachingMode)) d.cachingMode = 'ReadWrite';
    if (unset(d.fsType)) d.fsType = 'ext4';
    if (unset(d.readOnly)) d.readOnly = false;
    if (unset(d.kind)) d.kind = 'Shared';
  }
  if (isObject(v.scaleIO)) {
    if (emptyString(v.scaleIO.storageMode)) v.scaleIO.storageMode = 'ThinProvisioned';
    if (emptyString(v.scaleIO.fsType)) v.scaleIO.fsType = 'xfs';
  }
  if (isObject(v.ephemeral) && isObject(v.ephemeral.volumeClaimTemplate)) {
    const t = v.ephemeral.volumeClaimTemplate;
    if (!isObject(t.spec)) t.spec = {};
    defaultPersistentVolumeClaimSpec(t.spec);
  }
  if (isObject(v.image) && emptyString(v.image.pullPolicy)) v.image.pullPolicy = defaultPullPolicy(v.image.reference);
}

export function defaultDownwardAPIVolumeFile(f: KObject): void {
  if (isObject(f.fieldRef)) defaultObjectFieldSelector(f.fieldRef);
  if (isObject(f.resourceFieldRef)) defaultResourceFieldSelector(f.resourceFieldRef);
}

export function defaultVolumeProjection(p: KObject): void {
  if (isObject(p.downwardAPI)) eachObject(p.downwardAPI.items, defaultDownwardAPIVolumeFile);
  if (isObject(p.serviceAccountToken) && unset(p.serviceAccountToken.expirationSeconds)) {
    p.serviceAccountToken.expirationSeconds = DEFAULT_TOKEN_EXPIRATION_SECONDS;
  }
}

/**
 * Defaults of a PersistentVolumeClaimSpec, as embedded in an ephemeral volume's claim template (and
 * StatefulSet volumeClaimTemplates): volumeMode Filesystem, and the always-written `resources: {}`.
 */
export function defaultPersistentVolumeClaimSpec(spec: KObject): void {
  if (unset(spec.volumeMode)) spec.volumeMode = 'Filesystem';
  if (!isObject(spec.resources)) spec.resources = {};
}
