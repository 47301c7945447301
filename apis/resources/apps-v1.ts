// The apps/v1 workload resources: Deployments, StatefulSets, DaemonSets and ReplicaSets. Their
// discovery facts, printer columns (as kube-apiserver's table printers fill them, always in wide
// mode) and upstream defaulting (k8s.io/kubernetes pkg/apis/apps/v1 SetDefaults_*).

import { defaultPodTemplateSpec } from '../defaults/pod.js';
import { age, name, podTemplateColumns } from './columns.js';
import { defaultPersistentVolumeClaim, formatLabels } from './core-v1.js';
import { ColumnDef, KObject, ResourceDef, STANDARD_VERBS } from './model.js';
import { validators } from '../validation/index.js';

const APPS = { group: 'apps', version: 'v1' } as const;

// ---- shared helpers ----

const isObject = (v: unknown): v is KObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Ensures obj[key] is an object and returns it. */
function child(obj: KObject, key: string): KObject {
  if (!isObject(obj[key])) obj[key] = {};
  return obj[key];
}

const unset = (v: unknown): boolean => v === undefined || v === null;

/** An int32 field as printed: a missing value is Go's zero. */
const int = (v: unknown): number => (typeof v === 'number' ? v : 0);

/**
 * A label selector in query-string form (labels.Selector.String() of LabelSelectorAsSelector):
 * requirements sorted by key, "k=v", "k in (a,b)", "k notin (a,b)", "k", "!k". Empty and absent
 * selectors give "", an unknown operator undefined.
 */
export function labelSelectorString(sel: unknown): string | undefined {
  if (!isObject(sel)) return '';
  const reqs: { key: string; text: string }[] = [];
  if (isObject(sel.matchLabels)) {
    for (const [k, v] of Object.entries(sel.matchLabels)) reqs.push({ key: k, text: `${k}=${v}` });
  }
  for (const e of Array.isArray(sel.matchExpressions) ? sel.matchExpressions : []) {
    if (!isObject(e)) continue;
    const key = String(e.key ?? '');
    const values = (Array.isArray(e.values) ? e.values.map(String) : []).sort();
    switch (e.operator) {
      case 'In': reqs.push({ key, text: `${key} in (${values.join(',')})` }); break;
      case 'NotIn': reqs.push({ key, text: `${key} notin (${values.join(',')})` }); break;
      case 'Exists': reqs.push({ key, text: key }); break;
      case 'DoesNotExist': reqs.push({ key, text: `!${key}` }); break;
      default: return undefined;
    }
  }
  return reqs
    .map((r, i) => ({ ...r, i }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i))
    .map((r) => r.text)
    .join(',');
}

/** metav1.FormatLabelSelector: the query-string form, "<none>" when empty, "<error>" when invalid. */
export function formatLabelSelector(sel: unknown): string {
  const s = labelSelectorString(sel);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}

/** The wide SELECTOR column of a kind whose label selector is at `selector(obj)`. */
function selectorColumn(selector: (o: KObject) => unknown, format = formatLabelSelector): ColumnDef {
  return {
    name: 'Selector', type: 'string', priority: 1,
    description: 'Label query over the pods this object manages.',
    cell: (o) => format(selector(o)),
  };
}

/** Sets a RollingUpdate strategy's missing limits. */
function defaultRollingUpdate(strategy: KObject, maxUnavailable: number | string, maxSurge: number | string): void {
  const ru = child(strategy, 'rollingUpdate');
  if (unset(ru.maxUnavailable)) ru.maxUnavailable = maxUnavailable;
  if (unset(ru.maxSurge)) ru.maxSurge = maxSurge;
}

// ---- Deployment ----

/** SetDefaults_Deployment plus the pod template's defaults. */
export function defaultDeployment(obj: KObject): void {
  const spec = child(obj, 'spec');
  if (unset(spec.replicas)) spec.replicas = 1;
  const strategy = child(spec, 'strategy');
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') defaultRollingUpdate(strategy, '25%', '25%');
  if (unset(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = 10;
  if (unset(spec.progressDeadlineSeconds)) spec.progressDeadlineSeconds = 600;
  defaultPodTemplateSpec(child(spec, 'template'));
}

const deploymentColumns: ColumnDef[] = [
  name(),
  { name: 'Ready', type: 'string', description: 'Ready pods out of the desired replicas.', cell: (o) => `${int(o.status?.readyReplicas)}/${int(o.spec?.replicas)}` },
  { name: 'Up-to-date', type: 'string', description: 'Pods that run the current pod template.', cell: (o) => int(o.status?.updatedReplicas) },
  { name: 'Available', type: 'string', description: 'Pods that have been ready for at least minReadySeconds.', cell: (o) => int(o.status?.availableReplicas) },
  age(),
  ...podTemplateColumns((o) => o.spec?.template),
  // The deployment printer writes the selector's string form as is: "" rather than "<none>".
  selectorColumn((o) => o.spec?.selector, (s) => labelSelectorString(s) ?? '<invalid>'),
];

// ---- StatefulSet ----

/** SetDefaults_StatefulSet plus the pod template's and the claim templates' defaults. */
export function defaultStatefulSet(obj: KObject): void {
  const spec = child(obj, 'spec');
  if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
  const strategy = child(spec, 'updateStrategy');
  if (!strategy.type) {
    strategy.type = 'RollingUpdate';
    child(strategy, 'rollingUpdate');
  }
  if (strategy.type === 'RollingUpdate' && isObject(strategy.rollingUpdate)) {
    if (unset(strategy.rollingUpdate.partition)) strategy.rollingUpdate.partition = 0;
    // maxUnavailable is only defaulted behind the MaxUnavailableStatefulSet gate (alpha in 1.34).
  }
  const retention = child(spec, 'persistentVolumeClaimRetentionPolicy');
  if (!retention.whenDeleted) retention.whenDeleted = 'Retain';
  if (!retention.whenScaled) retention.whenScaled = 'Retain';
  if (unset(spec.replicas)) spec.replicas = 1;
  if (unset(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = 10;
  defaultPodTemplateSpec(child(spec, 'template'));
  for (const claim of Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : []) {
    if (isObject(claim)) defaultPersistentVolumeClaim(claim);
  }
}

const statefulSetColumns: ColumnDef[] = [
  name(),
  { name: 'Ready', type: 'string', description: 'Ready pods out of the desired replicas.', cell: (o) => `${int(o.status?.readyReplicas)}/${int(o.spec?.replicas)}` },
  age(),
  ...podTemplateColumns((o) => o.spec?.template),
];

// ---- DaemonSet ----

/** SetDefaults_DaemonSet plus the pod template's defaults. */
export function defaultDaemonSet(obj: KObject): void {
  const spec = child(obj, 'spec');
  const strategy = child(spec, 'updateStrategy');
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') defaultRollingUpdate(strategy, 1, 0);
  if (unset(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = 10;
  defaultPodTemplateSpec(child(spec, 'template'));
}

const daemonSetColumns: ColumnDef[] = [
  name(),
  { name: 'Desired', type: 'integer', description: 'Nodes that should run the daemon pod.', cell: (o) => int(o.status?.desiredNumberScheduled) },
  { name: 'Current', type: 'integer', description: 'Nodes that run at least one daemon pod and should.', cell: (o) => int(o.status?.currentNumberScheduled) },
  { name: 'Ready', type: 'integer', description: 'Nodes whose daemon pod is ready.', cell: (o) => int(o.status?.numberReady) },
  { name: 'Up-to-date', type: 'integer', description: 'Nodes that run the current pod template.', cell: (o) => int(o.status?.updatedNumberScheduled) },
  { name: 'Available', type: 'integer', description: 'Nodes whose daemon pod has been ready for at least minReadySeconds.', cell: (o) => int(o.status?.numberAvailable) },
  { name: 'Node Selector', type: 'string', description: 'Node labels the pod template requires.', cell: (o) => formatLabels(o.spec?.template?.spec?.nodeSelector) },
  age(),
  ...podTemplateColumns((o) => o.spec?.template),
  selectorColumn((o) => o.spec?.selector),
];

// ---- ReplicaSet ----

/** SetDefaults_ReplicaSet plus the pod template's defaults. */
export function defaultReplicaSet(obj: KObject): void {
  const spec = child(obj, 'spec');
  if (unset(spec.replicas)) spec.replicas = 1;
  defaultPodTemplateSpec(child(spec, 'template'));
}

const replicaSetColumns: ColumnDef[] = [
  name(),
  { name: 'Desired', type: 'integer', description: 'Number of pods wanted.', cell: (o) => int(o.spec?.replicas) },
  { name: 'Current', type: 'integer', description: 'Number of pods last observed.', cell: (o) => int(o.status?.replicas) },
  { name: 'Ready', type: 'integer', description: 'Pods with a Ready condition.', cell: (o) => int(o.status?.readyReplicas) },
  age(),
  ...podTemplateColumns((o) => o.spec?.template),
  selectorColumn((o) => o.spec?.selector),
];

// ---- resources ----

/** The /scale subresource of the replicated kinds: replicas and the spec's label selector. */
const SCALE = { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.spec.selector' };

export const resources: ResourceDef[] = [
  {
    ...APPS, kind: 'DaemonSet', plural: 'daemonsets', singular: 'daemonset', namespaced: true,
    verbs: STANDARD_VERBS, shortNames: ['ds'], categories: ['all'], type: 'apps/v1:DaemonSet',
    status: true, generation: true, nameRule: 'subdomain',
    columns: daemonSetColumns, strategy: { defaults: defaultDaemonSet, validate: validators.DaemonSet },
  },
  {
    ...APPS, kind: 'Deployment', plural: 'deployments', singular: 'deployment', namespaced: true,
    verbs: STANDARD_VERBS, shortNames: ['deploy'], categories: ['all'], type: 'apps/v1:Deployment',
    status: true, scale: SCALE, generation: true, nameRule: 'subdomain',
    columns: deploymentColumns, strategy: { defaults: defaultDeployment, validate: validators.Deployment },
  },
  {
    ...APPS, kind: 'ReplicaSet', plural: 'replicasets', singular: 'replicaset', namespaced: true,
    verbs: STANDARD_VERBS, shortNames: ['rs'], categories: ['all'], type: 'apps/v1:ReplicaSet',
    status: true, scale: SCALE, generation: true, nameRule: 'subdomain',
    columns: replicaSetColumns, strategy: { defaults: defaultReplicaSet, validate: validators.ReplicaSet },
  },
  {
    ...APPS, kind: 'StatefulSet', plural: 'statefulsets', singular: 'statefulset', namespaced: true,
    verbs: STANDARD_VERBS, shortNames: ['sts'], categories: ['all'], type: 'apps/v1:StatefulSet',
    status: true, scale: SCALE, generation: true, nameRule: 'subdomain',
    columns: statefulSetColumns, strategy: { defaults: defaultStatefulSet, validate: validators.StatefulSet },
  },
];
