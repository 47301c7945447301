// The batch/v1 resources: Jobs and CronJobs. Their discovery facts, printer columns (as
// kube-apiserver's table printers fill them, always in wide mode) and upstream defaulting
// (pkg/apis/batch/v1 SetDefaults_Job and SetDefaults_CronJob, plus the Job selector that the
// registry generates on create).

import { defaultPodTemplateSpec } from '../defaults/pod.js';
import { age as since, humanDuration } from '../machinery/duration.js';
import { formatLabelSelector } from './apps-v1.js';
import { age, name, podTemplateColumns } from './columns.js';
import { ColumnDef, KObject, ResourceDef, STANDARD_VERBS } from './model.js';
import { validators } from '../validation/index.js';

const BATCH = { group: 'batch', version: 'v1' } as const;

// ---- shared helpers ----

const isObject = (v: unknown): v is KObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Ensures obj[key] is an object and returns it. */
function child(obj: KObject, key: string): KObject {
  if (!isObject(obj[key])) obj[key] = {};
  return obj[key];
}

const unset = (v: unknown): boolean => v === undefined || v === null;
const int = (v: unknown): number => (typeof v === 'number' ? v : 0);
const unsetTime = (t: unknown): boolean => t === undefined || t === null || t === '';

/** printBoolPtr: "True", "False" or "<unset>". */
const boolPtr = (v: unknown): string => (typeof v === 'boolean' ? (v ? 'True' : 'False') : '<unset>');

// ---- Job ----

/** Labels the registry puts on a job's pods when it generates the selector. */
export const JOB_NAME_LABELS = ['job-name', 'batch.kubernetes.io/job-name'];
export const CONTROLLER_UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];

/** SetDefaults_Job's label rule: a job without labels takes its pod template's. */
function defaultJobLabels(obj: KObject): void {
  const meta = child(obj, 'metadata');
  const templateLabels = obj.spec?.template?.metadata?.labels;
  if (isObject(templateLabels) && (!isObject(meta.labels) || Object.keys(meta.labels).length === 0)) {
    meta.labels = { ...templateLabels };
  }
}

/**
 * The selector upstream generates on create for a Job whose manualSelector is not true: job-name
 * and controller-uid labels (legacy and batch.kubernetes.io/ forms) added to the pod template, and
 * a selector on batch.kubernetes.io/controller-uid. A job without labels then shows the template's
 * (upstream applies that default again whenever it reads the job back). Needs metadata.uid, so the
 * server calls it once the uid is assigned; idempotent.
 */
export function generateJobSelector(obj: KObject): void {
  const meta = isObject(obj.metadata) ? obj.metadata : {};
  if (!meta.uid) return;
  const spec = child(obj, 'spec');
  if (spec.manualSelector === true) return;
  const podLabels = child(child(child(spec, 'template'), 'metadata'), 'labels');
  for (const k of JOB_NAME_LABELS) if (!(k in podLabels)) podLabels[k] = String(meta.name ?? '');
  for (const k of CONTROLLER_UID_LABELS) if (!(k in podLabels)) podLabels[k] = String(meta.uid);
  const matchLabels = child(child(spec, 'selector'), 'matchLabels');
  if (!('batch.kubernetes.io/controller-uid' in matchLabels)) matchLabels['batch.kubernetes.io/controller-uid'] = String(meta.uid);
  defaultJobLabels(obj);
}

/** SetDefaults_Job, the pod template's defaults, and (once a uid is known) the generated selector. */
export function defaultJob(obj: KObject): void {
  const spec = child(obj, 'spec');
  if (unset(spec.completions) && unset(spec.parallelism)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (unset(spec.parallelism)) spec.parallelism = 1;
  if (unset(spec.backoffLimit)) spec.backoffLimit = unset(spec.backoffLimitPerIndex) ? 6 : 2147483647;
  defaultJobLabels(obj);
  if (unset(spec.completionMode)) spec.completionMode = 'NonIndexed';
  if (unset(spec.suspend)) spec.suspend = false;
  if (isObject(spec.podFailurePolicy)) {
    for (const rule of Array.isArray(spec.podFailurePolicy.rules) ? spec.podFailurePolicy.rules : []) {
      for (const pattern of Array.isArray(rule?.onPodConditions) ? rule.onPodConditions : []) {
        if (isObject(pattern) && !pattern.status) pattern.status = 'True';
      }
    }
  }
  if (unset(spec.podReplacementPolicy)) spec.podReplacementPolicy = isObject(spec.podFailurePolicy) ? 'Failed' : 'TerminatingOrFailed';
  defaultPodTemplateSpec(child(spec, 'template'));
  generateJobSelector(obj);
}

/** The status of the first condition of a type is True (hasJobCondition). */
function hasCondition(o: KObject, type: string): boolean {
  const c = (Array.isArray(o.status?.conditions) ? o.status.conditions : []).find((x: KObject) => x?.type === type);
  return c?.status === 'True';
}

/** The STATUS column of a job. */
export function jobStatus(o: KObject): string {
  if (hasCondition(o, 'Complete')) return 'Complete';
  if (hasCondition(o, 'Failed')) return 'Failed';
  if (!unsetTime(o.metadata?.deletionTimestamp)) return 'Terminating';
  if (hasCondition(o, 'Suspended')) return 'Suspended';
  if (hasCondition(o, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** The COMPLETIONS column: "succeeded/completions", or "n/1 of parallelism" for work queues. */
export function jobCompletions(o: KObject): string {
  const succeeded = int(o.status?.succeeded);
  if (typeof o.spec?.completions === 'number') return `${succeeded}/${o.spec.completions}`;
  const parallelism = int(o.spec?.parallelism);
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** The DURATION column: from start to completion (or to now), empty before the job starts. */
export function jobDuration(o: KObject, now: number): string {
  const start = o.status?.startTime;
  if (unsetTime(start)) return '';
  const end = o.status?.completionTime;
  return humanDuration((unsetTime(end) ? now : Date.parse(end)) - Date.parse(start));
}

const jobColumns: ColumnDef[] = [
  name(),
  { name: 'Status', type: 'string', description: 'Overall state of the job.', cell: (o) => jobStatus(o) },
  { name: 'Completions', type: 'string', description: 'Succeeded pods out of the completions wanted.', cell: (o) => jobCompletions(o) },
  { name: 'Duration', type: 'string', description: 'How long the job ran, or has been running.', cell: (o, now) => jobDuration(o, now) },
  age(),
  ...podTemplateColumns((o) => o.spec?.template),
  { name: 'Selector', type: 'string', priority: 1, description: 'Label query over the pods of the job.', cell: (o) => formatLabelSelector(o.spec?.selector) },
];

// ---- CronJob ----

/** SetDefaults_CronJob plus the job template's pod template defaults. */
export function defaultCronJob(obj: KObject): void {
  const spec = child(obj, 'spec');
  if (!spec.concurrencyPolicy) spec.concurrencyPolicy = 'Allow';
  if (unset(spec.suspend)) spec.suspend = false;
  if (unset(spec.successfulJobsHistoryLimit)) spec.successfulJobsHistoryLimit = 3;
  if (unset(spec.failedJobsHistoryLimit)) spec.failedJobsHistoryLimit = 1;
  defaultPodTemplateSpec(child(child(child(spec, 'jobTemplate'), 'spec'), 'template'));
}

const cronJobColumns: ColumnDef[] = [
  name(),
  { name: 'Schedule', type: 'string', description: 'Cron schedule of the runs.', cell: (o) => o.spec?.schedule ?? '' },
  { name: 'Timezone', type: 'string', description: 'Time zone the schedule is read in.', cell: (o) => (typeof o.spec?.timeZone === 'string' ? o.spec.timeZone : '<none>') },
  { name: 'Suspend', type: 'boolean', description: 'Whether new runs are held back.', cell: (o) => boolPtr(o.spec?.suspend) },
  { name: 'Active', type: 'integer', description: 'Jobs of this cron job running now.', cell: (o) => (Array.isArray(o.status?.active) ? o.status.active.length : 0) },
  {
    name: 'Last Schedule', type: 'string', description: 'Time since a job was last scheduled.',
    cell: (o, now) => (unsetTime(o.status?.lastScheduleTime) ? '<none>' : since(o.status.lastScheduleTime, now)),
  },
  age(),
  ...podTemplateColumns((o) => o.spec?.jobTemplate?.spec?.template),
  { name: 'Selector', type: 'string', priority: 1, description: 'Label query over the pods of the created jobs.', cell: (o) => formatLabelSelector(o.spec?.jobTemplate?.spec?.selector) },
];

// ---- resources ----

export const resources: ResourceDef[] = [
  {
    ...BATCH, kind: 'CronJob', plural: 'cronjobs', singular: 'cronjob', namespaced: true,
    verbs: STANDARD_VERBS, shortNames: ['cj'], categories: ['all'], type: 'batch/v1:CronJob',
    status: true, generation: true, nameRule: 'subdomain',
    columns: cronJobColumns, strategy: { defaults: defaultCronJob, validate: validators.CronJob },
  },
  {
    ...BATCH, kind: 'Job', plural: 'jobs', singular: 'job', namespaced: true,
    verbs: STANDARD_VERBS, categories: ['all'], type: 'batch/v1:Job',
    status: true, generation: true, nameRule: 'subdomain',
    columns: jobColumns, strategy: { defaults: defaultJob, validate: validators.Job },
  },
];
