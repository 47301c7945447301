// Pure: a workspace object → the member copy the agent applies. Namespaces are mapped, fields the
// member allocates or that only mean something in the workspace are stripped, and the copy is
// labelled ours and annotated with where it came from, its upstream generation and a spec hash.

import {
  CONFLICT_POLICY_ANNOTATION_PREFIX, DELETION_POLICY_ANNOTATION_PREFIX, MANAGED_BY_LABEL, NAMESPACE_LOCATOR_ANNOTATION,
  SPEC_HASH_ANNOTATION, STATE_LABEL_PREFIX, SYNC_CONDITION_ANNOTATION_PREFIX, UPSTREAM_ANNOTATION,
  UPSTREAM_GENERATION_ANNOTATION, UPSTREAM_UID_ANNOTATION, downstreamNamespace,
} from '../apis/sync/contract.js';
import { SyncedResource } from './resources.js';
import { hashJson } from './specHash.js';

export type KObject = Record<string, any>;

/** Workspace annotation naming the logical cluster an object lives in. */
export const CLUSTER_ANNOTATION = 'kcp.io/cluster';

export interface TargetIdentity {
  /** targetKey(compute cluster id, target name). */
  key: string;
  /** Path (or id) of the compute workspace holding the SyncTarget. */
  workspace: string;
  name: string;
}

/** Annotations that must not travel: the workspace's own bookkeeping, or what member controllers write. */
const DROPPED_ANNOTATIONS = new Set([
  CLUSTER_ANNOTATION,
  'kcp.io/path',
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'pv.kubernetes.io/bind-completed',
  'pv.kubernetes.io/bound-by-controller',
  'volume.kubernetes.io/selected-node',
  'volume.kubernetes.io/storage-provisioner',
  'volume.beta.kubernetes.io/storage-provisioner',
]);
const DROPPED_ANNOTATION_PREFIXES = [
  SYNC_CONDITION_ANNOTATION_PREFIX, CONFLICT_POLICY_ANNOTATION_PREFIX, DELETION_POLICY_ANNOTATION_PREFIX, 'sync.kplane.io/',
];
/** Labels the member's job controller sets on a Job's pods (they carry the member's job uid). */
const JOB_POD_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid', 'job-name', 'batch.kubernetes.io/job-name'];

export function clusterOf(obj: KObject): string {
  return obj?.metadata?.annotations?.[CLUSTER_ANNOTATION] ?? '';
}

function filteredLabels(labels: Record<string, string> | undefined, drop: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith(STATE_LABEL_PREFIX) || k === MANAGED_BY_LABEL || drop.includes(k)) continue;
    out[k] = v;
  }
  return out;
}

function filteredAnnotations(annotations: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(annotations ?? {})) {
    if (DROPPED_ANNOTATIONS.has(k) || DROPPED_ANNOTATION_PREFIXES.some((p) => k.startsWith(p))) continue;
    out[k] = v;
  }
  return out;
}

/** "<cluster id>/<namespace>/<name>" (namespace empty for cluster-scoped objects). */
export function upstreamRef(cluster: string, namespace: string | undefined, name: string): string {
  return `${cluster}/${namespace ?? ''}/${name}`;
}

export function parseUpstreamRef(ref: string | undefined): { cluster: string; namespace: string; name: string } | undefined {
  if (!ref) return undefined;
  const m = /^([^/]+)\/([^/]*)\/(.+)$/.exec(ref);
  return m ? { cluster: m[1], namespace: m[2], name: m[3] } : undefined;
}

/** Kind-specific stripping of what the member allocates or owns. Mutates `obj` (a copy). */
function stripKindFields(r: SyncedResource, obj: KObject): void {
  const spec = obj.spec;
  if (!spec || typeof spec !== 'object') {
    if (r.id === '/serviceaccounts') delete obj.secrets;
    return;
  }
  switch (r.id) {
    case '/services': {
      if (spec.clusterIP !== 'None') {
        delete spec.clusterIP;
        delete spec.clusterIPs;
      } else if (Array.isArray(spec.clusterIPs)) {
        spec.clusterIPs = ['None'];
      }
      delete spec.healthCheckNodePort;
      if (spec.ipFamilyPolicy !== 'PreferDualStack' && spec.ipFamilyPolicy !== 'RequireDualStack') {
        // Single-stack families are whatever the member runs; the workspace's defaults mean nothing there.
        delete spec.ipFamilies;
        delete spec.ipFamilyPolicy;
      }
      if (Array.isArray(spec.ports)) spec.ports = spec.ports.map((p: KObject) => { const { nodePort: _n, ...rest } = p; return rest; });
      break;
    }
    case 'batch/jobs':
      stripJobSelector(spec);
      break;
    case 'batch/cronjobs':
      if (spec.jobTemplate?.spec) stripJobSelector(spec.jobTemplate.spec);
      break;
    case '/persistentvolumeclaims':
      // Binding happens on the member, to its own volumes.
      delete spec.volumeName;
      break;
  }
}

function stripJobSelector(jobSpec: KObject): void {
  if (!jobSpec.manualSelector) delete jobSpec.selector;
  const labels = jobSpec.template?.metadata?.labels;
  if (labels) for (const l of JOB_POD_LABELS) delete labels[l];
}

/** RoleBinding subjects naming ServiceAccounts of the workspace point at their mapped namespaces. */
function mapSubjects(obj: KObject, key: string, cluster: string): void {
  if (!Array.isArray(obj.subjects)) return;
  obj.subjects = obj.subjects.map((s: KObject) =>
    s?.kind === 'ServiceAccount' && s.namespace ? { ...s, namespace: downstreamNamespace(key, cluster, s.namespace) } : s,
  );
}

export interface DesiredObject {
  object: KObject;
  /** Hash of the object as applied (the SPEC_HASH_ANNOTATION it carries). */
  hash: string;
}

/**
 * The member copy of a workspace object: apiVersion/kind, name, mapped namespace, filtered labels
 * and annotations plus ours, everything else but status and server-set metadata (and but
 * spec.replicas when an autoscaler scales it).
 */
export function downstreamObject(r: SyncedResource, upstream: KObject, target: TargetIdentity, o: { autoscaled?: boolean } = {}): DesiredObject {
  const cluster = clusterOf(upstream);
  const meta = upstream.metadata ?? {};
  const { metadata: _m, status: _s, ...rest } = upstream;
  const obj: KObject = structuredClone(rest);
  obj.apiVersion = upstream.apiVersion ?? (r.group ? `${r.group}/${r.version}` : r.version);
  obj.kind = upstream.kind ?? r.kind;
  stripKindFields(r, obj);
  // The member's autoscaler owns the replica count of what it scales.
  if (o.autoscaled && obj.spec) delete obj.spec.replicas;
  if (r.id === 'rbac.authorization.k8s.io/rolebindings') mapSubjects(obj, target.key, cluster);
  const annotations: Record<string, string> = filteredAnnotations(meta.annotations);
  annotations[UPSTREAM_ANNOTATION] = upstreamRef(cluster, r.namespaced ? meta.namespace : undefined, meta.name);
  if (meta.uid) annotations[UPSTREAM_UID_ANNOTATION] = meta.uid;
  if (typeof meta.generation === 'number') annotations[UPSTREAM_GENERATION_ANNOTATION] = String(meta.generation);
  const metadata: KObject = { name: meta.name };
  if (r.namespaced) metadata.namespace = downstreamNamespace(target.key, cluster, meta.namespace);
  metadata.labels = { ...filteredLabels(meta.labels), [MANAGED_BY_LABEL]: target.key };
  metadata.annotations = annotations;
  obj.metadata = metadata;
  const hash = hashJson(obj);
  annotations[SPEC_HASH_ANNOTATION] = hash;
  return { object: obj, hash };
}

export interface NamespaceLocator {
  workspace: string;
  workspacePath?: string;
  namespace: string;
  syncTarget: { workspace: string; name: string; key: string };
}

export function namespaceLocator(cluster: string, namespace: string, target: TargetIdentity, workspacePath?: string): NamespaceLocator {
  const l: NamespaceLocator = { workspace: cluster, namespace, syncTarget: { workspace: target.workspace, name: target.name, key: target.key } };
  if (workspacePath) l.workspacePath = workspacePath;
  return l;
}

export function parseLocator(value: string | undefined): NamespaceLocator | undefined {
  if (!value) return undefined;
  try {
    const l = JSON.parse(value);
    return typeof l?.workspace === 'string' && typeof l?.namespace === 'string' ? l : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The member namespace holding one workspace namespace's copies. With only the identity known
 * (an object arrived before its namespace), labels and annotations are just ours.
 */
export function downstreamNamespaceObject(target: TargetIdentity, cluster: string, namespace: string, upstream?: KObject): DesiredObject {
  const meta = upstream?.metadata ?? {};
  const annotations: Record<string, string> = filteredAnnotations(meta.annotations);
  annotations[NAMESPACE_LOCATOR_ANNOTATION] = JSON.stringify(namespaceLocator(cluster, namespace, target, meta.annotations?.['kcp.io/path']));
  annotations[UPSTREAM_ANNOTATION] = upstreamRef(cluster, undefined, namespace);
  if (meta.uid) annotations[UPSTREAM_UID_ANNOTATION] = meta.uid;
  const obj: KObject = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: downstreamNamespace(target.key, cluster, namespace),
      labels: { ...filteredLabels(meta.labels, ['kubernetes.io/metadata.name']), [MANAGED_BY_LABEL]: target.key },
      annotations,
    },
  };
  const hash = hashJson(obj);
  annotations[SPEC_HASH_ANNOTATION] = hash;
  return { object: obj, hash };
}

/**
 * Fingerprint of a member object's content apart from status and server-kept metadata: when it
 * changes and the agent did not change it, someone else did (drift is checked then).
 */
export function memberContentHash(obj: KObject): string {
  const { status: _s, metadata, ...rest } = obj;
  const { resourceVersion: _rv, managedFields: _mf, generation: _g, creationTimestamp: _c, uid: _u, ...meta } = metadata ?? {};
  return hashJson({ ...rest, metadata: meta });
}
