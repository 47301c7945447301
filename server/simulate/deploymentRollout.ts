// A Deployment's ReplicaSets, as the deployment controller keeps them: the ReplicaSet of the
// current pod template ("<deployment>-<pod-template-hash>", controlled by the deployment) runs
// every replica and the older ones are scaled to zero at once (the end state of a rolling
// update, without its steps); revisions, annotations and the history limit follow upstream.

import { deepEqual } from '../../apis/machinery/jsonEqual.js';
import { KObject } from '../../apis/resources/model.js';
import { CLUSTER_ANNOTATION } from '../../apis/tenancy/names.js';
import { wantedReplicas } from './replicaSet.js';
import { templateHash } from './templateHash.js';

export const POD_TEMPLATE_HASH = 'pod-template-hash';
export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
/** Longest revision-history annotation the controller writes. */
const MAX_REVISION_HISTORY_CHARS = 2000;

/** Deployment annotations never copied to its ReplicaSets (plus kcp's cluster stamp, the server's). */
const NOT_COPIED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  'deprecated.deployment.rollback.to',
  CLUSTER_ANNOTATION,
]);

/** metav1.IsControlledBy: the object's controller reference names `owner`'s uid. */
export function isControlledBy(obj: KObject, owner: KObject): boolean {
  const refs: KObject[] = Array.isArray(obj.metadata?.ownerReferences) ? obj.metadata.ownerReferences : [];
  return refs.some((r) => r.controller === true && r.uid === owner.metadata?.uid);
}

/** metav1.NewControllerRef. */
export function controllerRef(owner: KObject): KObject {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true };
}

/** The revision annotation of an object, 0 when absent or not a number. */
export function revisionOf(obj: KObject | undefined): number {
  const n = Number(obj?.metadata?.annotations?.[REVISION]);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

const byCreation = (a: KObject, b: KObject): number => {
  const ta = String(a.metadata?.creationTimestamp ?? '');
  const tb = String(b.metadata?.creationTimestamp ?? '');
  return ta === tb ? String(a.metadata.name).localeCompare(String(b.metadata.name)) : ta < tb ? -1 : 1;
};

/** A pod template without its pod-template-hash label (EqualIgnoreHash compares these). */
function withoutHash(template: KObject | undefined): KObject {
  const t = structuredClone(template ?? {});
  if (t.metadata?.labels) {
    delete t.metadata.labels[POD_TEMPLATE_HASH];
    if (Object.keys(t.metadata.labels).length === 0) delete t.metadata.labels;
  }
  return t;
}

/** FindNewReplicaSet: the oldest owned ReplicaSet whose template is the deployment's. */
export function findNewReplicaSet(d: KObject, owned: KObject[]): KObject | undefined {
  const template = withoutHash(d.spec?.template);
  return [...owned].sort(byCreation).find((rs) => deepEqual(withoutHash(rs.spec?.template), template));
}

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.endsWith('%')) {
    const exact = (Number(v.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(exact) : Math.floor(exact);
  }
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return 0;
}

/** ResolveFenceposts: maxSurge and maxUnavailable as counts (never both zero). */
function fenceposts(d: KObject): { surge: number; unavailable: number } {
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  const desired = wantedReplicas(d);
  const surge = scaledValue(ru.maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(ru.maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

const isRollingUpdate = (d: KObject): boolean => (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

/** deploymentutil.MaxSurge. */
export function maxSurge(d: KObject): number {
  return isRollingUpdate(d) ? fenceposts(d).surge : 0;
}

/** deploymentutil.MaxUnavailable. */
export function maxUnavailable(d: KObject): number {
  const replicas = wantedReplicas(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  return Math.min(fenceposts(d).unavailable, replicas);
}

/** The name of the new ReplicaSet and the collision count that makes it free. */
export function newReplicaSetName(d: KObject, all: KObject[]): { name: string; hash: string; collisionCount?: number } {
  let collisionCount: number | undefined = d.status?.collisionCount;
  for (;;) {
    const hash = templateHash(d.spec?.template, collisionCount);
    const name = `${d.metadata.name}-${hash}`;
    const taken = all.find((rs) => rs.metadata?.name === name);
    // A ReplicaSet of that name that is not this template's is a hash collision: count it, rehash.
    if (!taken || (isControlledBy(taken, d) && deepEqual(withoutHash(taken.spec?.template), withoutHash(d.spec?.template)))) {
      return { name, hash, collisionCount };
    }
    collisionCount = (collisionCount ?? 0) + 1;
  }
}

/** Labels with one more entry (labelsutil.CloneAndAddLabel). */
const withLabel = (labels: KObject | undefined, key: string, value: string): KObject => ({ ...(labels ?? {}), [key]: value });

/** The annotations a ReplicaSet of `d` gets: the deployment's own, copied (copyDeploymentAnnotationsToReplicaSet). */
function copiedAnnotations(d: KObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) if (!NOT_COPIED.has(k)) out[k] = String(v);
  return out;
}

/** The replicas annotations (SetReplicasAnnotations). */
function replicasAnnotations(d: KObject): Record<string, string> {
  const replicas = wantedReplicas(d);
  return { [DESIRED_REPLICAS]: String(replicas), [MAX_REPLICAS]: String(replicas + maxSurge(d)) };
}

/** SetNewReplicaSetAnnotations' revision rule: a lower revision is raised and remembered in the history. */
function revisionAnnotations(current: Record<string, string>, revision: number): Record<string, string> {
  const old = current[REVISION];
  const oldNumber = Number(old ?? 0) || 0;
  if (oldNumber >= revision) return {};
  const out: Record<string, string> = { [REVISION]: String(revision) };
  if (old !== undefined) {
    // A revision that comes back (a rollback) keeps the ones it served before.
    const history = current[REVISION_HISTORY] ? current[REVISION_HISTORY].split(',') : [];
    history.push(old);
    while (history.join(',').length > MAX_REVISION_HISTORY_CHARS && history.length > 1) history.shift();
    out[REVISION_HISTORY] = history.join(',');
  }
  return out;
}

/** The ReplicaSet upstream creates for the deployment's current template. */
export function newReplicaSet(d: KObject, name: string, hash: string, revision: number, replicas: number): KObject {
  const template = structuredClone(d.spec?.template ?? {});
  template.metadata = { ...(template.metadata ?? {}), labels: withLabel(template.metadata?.labels, POD_TEMPLATE_HASH, hash) };
  const selector = structuredClone(d.spec?.selector ?? {});
  selector.matchLabels = withLabel(selector.matchLabels, POD_TEMPLATE_HASH, hash);
  const spec: KObject = { replicas };
  if (d.spec?.minReadySeconds) spec.minReadySeconds = d.spec.minReadySeconds;
  spec.selector = selector;
  spec.template = template;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: d.metadata.namespace,
      labels: { ...template.metadata.labels },
      annotations: { ...copiedAnnotations(d), ...revisionAnnotations({}, revision), ...replicasAnnotations(d) },
      ownerReferences: [controllerRef(d)],
    },
    spec,
  };
}

/** A change to an existing ReplicaSet: its replicas and annotations to set. */
export interface ReplicaSetChange {
  name: string;
  uid: string;
  replicas: number;
  annotations: Record<string, string>;
}

export interface RolloutPlan {
  /** The ReplicaSet to create, when the template has none yet. */
  create?: KObject;
  /** The name of the deployment's new ReplicaSet (none while paused before one exists). */
  newName?: string;
  /** Existing owned ReplicaSets whose replicas or annotations change. */
  changes: ReplicaSetChange[];
  /** Old ReplicaSets beyond revisionHistoryLimit, to delete. */
  deletes: Array<{ name: string; uid: string }>;
  /** The deployment's revision annotation, when it has a new ReplicaSet. */
  revision?: string;
  /** status.collisionCount when a hash collision was met. */
  collisionCount?: number;
}

/** Old ReplicaSets to delete: the oldest fully scaled-down ones beyond the history limit. */
function cleanup(d: KObject, old: KObject[]): Array<{ name: string; uid: string }> {
  const limit = d.spec?.revisionHistoryLimit;
  if (typeof limit !== 'number') return [];
  const alive = old.filter((rs) => !rs.metadata?.deletionTimestamp);
  const excess = alive.length - limit;
  if (excess <= 0) return [];
  const sorted = [...alive].sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
  return sorted
    .slice(0, excess)
    .filter((rs) => wantedReplicas(rs) === 0 && !rs.status?.replicas && (rs.metadata?.generation ?? 0) <= (rs.status?.observedGeneration ?? 0))
    .map((rs) => ({ name: rs.metadata.name, uid: rs.metadata.uid }));
}

/**
 * What the deployment controller does to `d`'s ReplicaSets (`all` is every ReplicaSet of the
 * namespace): create the new one, scale it to spec.replicas and the old ones to 0, keep revisions
 * and annotations current, delete history beyond the limit. A paused deployment gets no new
 * ReplicaSet; only its single active (or latest) ReplicaSet follows spec.replicas.
 */
export function planRollout(d: KObject, all: KObject[]): RolloutPlan {
  const owned = all.filter((rs) => isControlledBy(rs, d) && !rs.metadata?.deletionTimestamp);
  const existingNew = findNewReplicaSet(d, owned);
  const old = owned.filter((rs) => rs !== existingNew);
  const revision = Math.max(0, ...old.map(revisionOf)) + 1;
  const replicas = wantedReplicas(d);
  const plan: RolloutPlan = { changes: [], deletes: [] };
  const change = (rs: KObject, wanted: number, annotations: Record<string, string>): void => {
    const current: Record<string, string> = rs.metadata?.annotations ?? {};
    const scaled = wantedReplicas(rs) !== wanted;
    const all = { ...annotations, ...(scaled ? replicasAnnotations(d) : {}) };
    const differs = Object.entries(all).some(([k, v]) => current[k] !== v);
    if (scaled || differs) plan.changes.push({ name: rs.metadata.name, uid: rs.metadata.uid, replicas: wanted, annotations: all });
  };

  if (d.spec?.paused) {
    const active = owned.filter((rs) => wantedReplicas(rs) > 0);
    const latest = [...owned].sort((a, b) => revisionOf(b) - revisionOf(a) || byCreation(b, a))[0];
    const target = active.length <= 1 ? (active[0] ?? existingNew ?? latest) : undefined;
    if (target) change(target, replicas, {});
    if (existingNew) {
      plan.newName = existingNew.metadata.name;
      plan.revision = String(Math.max(revisionOf(existingNew), revision));
    }
    plan.deletes = cleanup(d, old);
    return plan;
  }

  if (existingNew) {
    const current: Record<string, string> = existingNew.metadata?.annotations ?? {};
    change(existingNew, replicas, { ...copiedAnnotations(d), ...revisionAnnotations(current, revision) });
    plan.newName = existingNew.metadata.name;
    plan.revision = String(Math.max(revisionOf(existingNew), revision));
  } else {
    const { name, hash, collisionCount } = newReplicaSetName(d, all);
    plan.create = newReplicaSet(d, name, hash, revision, replicas);
    plan.newName = name;
    plan.revision = String(revision);
    if (collisionCount !== d.status?.collisionCount) plan.collisionCount = collisionCount;
  }
  for (const rs of old) change(rs, 0, {});
  plan.deletes = cleanup(d, old);
  return plan;
}
