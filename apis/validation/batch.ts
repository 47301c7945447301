// batch/v1 (pkg/apis/batch/validation): Jobs (generated selector, counts, completion modes,
// template restart policy, what an update may change) and CronJobs (schedule, time zone,
// concurrency policy, job template).

import { validateLabelSelector } from '../machinery/objectMetaValidation.js';
import { deepEqual } from '../machinery/jsonEqual.js';
import { isDNS1123Label, isDNS1123Subdomain, regexError } from '../machinery/validation.js';
import { type FieldError, type KObject, FIELD_IMMUTABLE, child, invalid, isSet, key, notSupported, num, obj, required, str, tooLongMaxLength } from './field.js';
import { validateImmutable, validateNonnegative } from './common.js';
import { cronScheduleError, timeZoneError } from './cron.js';
import { goStringMap, goValue, labelSelectorValue } from './goValue.js';
import { selectorOf } from './apps.js';
import { validatePodTemplateSpec } from './podSpec.js';

const LEGACY_UID_LABEL = 'controller-uid';
const LEGACY_NAME_LABEL = 'job-name';
const UID_LABEL = 'batch.kubernetes.io/controller-uid';
const NAME_LABEL = 'batch.kubernetes.io/job-name';
const MAX_PARALLELISM_INDEXED = 100000;
const MAX_FAILED_INDEXES = 100000;

/** ValidateHasLabel on the pod template's metadata. */
function validateHasLabel(labels: KObject, k: string, expected: string): FieldError[] {
  const p = key('spec.template.metadata.labels', k);
  if (!(k in labels)) return [required(p, `must be '${expected}'`)];
  if (labels[k] !== expected) return [invalid(p, goStringMap(labels), `must be '${expected}'`)];
  return [];
}

/** validateGeneratedSelector: the labels and selector the server generated are still in place. */
function validateGeneratedSelector(job: KObject): FieldError[] {
  const spec = obj(job.spec);
  if (spec.manualSelector === true || !isSet(spec.selector)) return [];
  const meta = obj(job.metadata);
  const uid = str(meta.uid);
  const name = str(meta.name);
  const errs: FieldError[] = [];
  if (!uid) errs.push(required('metadata.uid'));
  const labels = obj(obj(obj(spec.template).metadata).labels);
  errs.push(...validateHasLabel(labels, LEGACY_UID_LABEL, uid), ...validateHasLabel(labels, LEGACY_NAME_LABEL, name));
  errs.push(...validateHasLabel(labels, UID_LABEL, uid), ...validateHasLabel(labels, NAME_LABEL, name));
  const selector = selectorOf(spec.selector);
  const expected = { [UID_LABEL]: uid, [NAME_LABEL]: name, [LEGACY_UID_LABEL]: uid, [LEGACY_NAME_LABEL]: name };
  if (selector && !selector.matches(expected)) errs.push(invalid('spec.selector', labelSelectorValue(spec.selector), '`selector` not auto-generated'));
  return errs;
}

const HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";

/** IsDomainPrefixedPath ("acme.io/foo"). */
function validateDomainPrefixedPath(fldPath: string, value: string): FieldError[] {
  if (!value) return [required(fldPath)];
  const slash = value.indexOf('/');
  if (slash <= 0 || slash === value.length - 1) return [invalid(fldPath, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const host = value.slice(0, slash);
  const path = value.slice(slash + 1);
  const errs = isDNS1123Subdomain(host).map((m) => invalid(fldPath, host, m));
  if (!new RegExp(`^${HTTP_PATH_FMT}$`).test(path)) errs.push(invalid(fldPath, path, regexError('Invalid path', HTTP_PATH_FMT)));
  return errs;
}

/** validateJobSpec: the part shared by Jobs and CronJob job templates (`fldPath` is the spec). */
function validateJobSpec(specValue: unknown, fldPath: string): FieldError[] {
  const spec = obj(specValue);
  const errs: FieldError[] = [];
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex']) {
    if (isSet(spec[f])) errs.push(...validateNonnegative(num(spec[f]), child(fldPath, f)));
  }
  if (isSet(spec.maxFailedIndexes)) {
    errs.push(...validateNonnegative(num(spec.maxFailedIndexes), child(fldPath, 'maxFailedIndexes')));
    if (!isSet(spec.backoffLimitPerIndex)) errs.push(required(child(fldPath, 'backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  if (isSet(spec.managedBy)) {
    const managedBy = str(spec.managedBy);
    errs.push(...validateDomainPrefixedPath(child(fldPath, 'managedBy'), managedBy));
    if (managedBy.length > 63) errs.push(tooLongMaxLength(child(fldPath, 'managedBy'), 63));
  }
  const mode = isSet(spec.completionMode) ? str(spec.completionMode) : undefined;
  if (mode !== undefined) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(notSupported(child(fldPath, 'completionMode'), mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
      if (!isSet(spec.completions)) errs.push(required(child(fldPath, 'completions'), 'when completion mode is Indexed'));
      if (isSet(spec.parallelism) && num(spec.parallelism) > MAX_PARALLELISM_INDEXED) {
        errs.push(invalid(child(fldPath, 'parallelism'), num(spec.parallelism), `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`));
      }
      if (isSet(spec.completions) && isSet(spec.maxFailedIndexes) && num(spec.maxFailedIndexes) > num(spec.completions)) {
        errs.push(invalid(child(fldPath, 'maxFailedIndexes'), num(spec.maxFailedIndexes), 'must be less than or equal to completions'));
      }
      if (isSet(spec.maxFailedIndexes) && num(spec.maxFailedIndexes) > MAX_FAILED_INDEXES) {
        errs.push(invalid(child(fldPath, 'maxFailedIndexes'), num(spec.maxFailedIndexes), `must be less than or equal to ${MAX_FAILED_INDEXES}`));
      }
    }
  }
  if (mode === undefined || mode === 'NonIndexed') {
    if (isSet(spec.backoffLimitPerIndex)) errs.push(invalid(child(fldPath, 'backoffLimitPerIndex'), num(spec.backoffLimitPerIndex), 'requires indexed completion mode'));
    if (isSet(spec.maxFailedIndexes)) errs.push(invalid(child(fldPath, 'maxFailedIndexes'), num(spec.maxFailedIndexes), 'requires indexed completion mode'));
  }
  if (isSet(spec.successPolicy) && mode !== 'Indexed') {
    errs.push(invalid(child(fldPath, 'successPolicy'), goValue('batch.SuccessPolicy{...}'), 'requires indexed completion mode'));
  }
  if (isSet(spec.podReplacementPolicy)) {
    const prp = str(spec.podReplacementPolicy);
    if (isSet(spec.podFailurePolicy)) {
      if (prp !== 'Failed') errs.push(notSupported(child(fldPath, 'podReplacementPolicy'), prp, ['Failed']));
    } else if (prp !== 'Failed' && prp !== 'TerminatingOrFailed') {
      errs.push(notSupported(child(fldPath, 'podReplacementPolicy'), prp, ['Failed', 'TerminatingOrFailed']));
    }
  }
  const templatePath = child(fldPath, 'template');
  errs.push(...validatePodTemplateSpec(spec.template, templatePath));
  const rp = str(obj(obj(spec.template).spec).restartPolicy);
  const rpPath = child(templatePath, 'spec', 'restartPolicy');
  if (rp === 'Always' || rp === '') errs.push(required(rpPath, 'valid values: "OnFailure", "Never"'));
  else if (rp !== 'OnFailure' && rp !== 'Never') errs.push(notSupported(rpPath, rp, ['OnFailure', 'Never']));
  else if (isSet(spec.podFailurePolicy) && rp !== 'Never') errs.push(invalid(rpPath, rp, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

/** %#v of a core.PodTemplateSpec is not reproducible from JSON; the error shows this stand-in. */
const templateValue = (t: unknown) => goValue(`core.PodTemplateSpec${JSON.stringify(t ?? {})}`);

/** The template parts a suspended Job that never started may still change (mutable scheduling directives). */
function schedulingDirectivesFree(template: unknown, from: unknown): KObject {
  const t: KObject = structuredClone(obj(template));
  const f = obj(from);
  const tSpec = obj(t.spec);
  const fSpec = obj(f.spec);
  t.metadata = { ...obj(t.metadata), labels: obj(f.metadata).labels, annotations: obj(f.metadata).annotations };
  t.spec = { ...tSpec, nodeSelector: fSpec.nodeSelector, tolerations: fSpec.tolerations, schedulingGates: fSpec.schedulingGates, affinity: { ...obj(tSpec.affinity), nodeAffinity: obj(fSpec.affinity).nodeAffinity } };
  return JSON.parse(JSON.stringify(t));
}

/** Job create and update. */
export function validateJob(job: KObject, old?: KObject): FieldError[] {
  const spec = obj(job.spec);
  const errs: FieldError[] = old ? [] : validateGeneratedSelector(job);
  errs.push(...validateJobSpec(spec, 'spec'));
  if (!isSet(spec.selector)) errs.push(required('spec.selector'));
  else errs.push(...validateLabelSelector(obj(spec.selector), 'spec.selector'));
  const selector = selectorOf(spec.selector);
  if (selector && !selector.matches(obj(obj(obj(spec.template).metadata).labels) as Record<string, string>)) {
    errs.push(invalid('spec.template.metadata.labels', goStringMap(obj(obj(spec.template).metadata).labels), '`selector` does not match template `labels`'));
  }
  if (!old) {
    if (str(spec.completionMode) === 'Indexed' && num(spec.completions) > 0) {
      const name = str(obj(job.metadata).name);
      const hostname = `${name}-${num(spec.completions) - 1}`;
      if (isDNS1123Label(hostname).length) errs.push(invalid('metadata.name', name, `will not able to create pod with invalid DNS label: ${hostname}`));
    }
    return errs;
  }
  const oldSpec = obj(old.spec);
  // Completions of an Indexed job may change together with parallelism (ElasticIndexedJob).
  if (!deepEqual(spec.completions ?? null, oldSpec.completions ?? null)) {
    if (str(spec.completionMode) !== 'Indexed') errs.push(invalid('spec.completions', spec.completions ?? null, FIELD_IMMUTABLE));
    else if (isSet(spec.completions) && num(spec.completions) !== num(spec.parallelism)) {
      errs.push(invalid('spec.completions', num(spec.completions), 'can only be modified in tandem with spec.parallelism'));
    }
  }
  errs.push(...validateImmutable(spec.selector, oldSpec.selector, 'spec.selector', labelSelectorValue(spec.selector)));
  const suspendedNotStarted = oldSpec.suspend === true && !isSet(obj(old.status).startTime);
  const oldTemplate = suspendedNotStarted ? schedulingDirectivesFree(oldSpec.template, spec.template) : oldSpec.template;
  const newTemplate = suspendedNotStarted ? schedulingDirectivesFree(spec.template, spec.template) : spec.template;
  errs.push(...validateImmutable(newTemplate, oldTemplate, 'spec.template', templateValue(spec.template)));
  for (const f of ['completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy']) {
    const v = spec[f];
    errs.push(...validateImmutable(v, oldSpec[f], `spec.${f}`, typeof v === 'object' && v !== null ? goValue(JSON.stringify(v)) : v ?? null));
  }
  return errs;
}

/** CronJob create and update. */
export function validateCronJob(cj: KObject, old?: KObject): FieldError[] {
  const spec = obj(cj.spec);
  const oldSpec = old ? obj(old.spec) : undefined;
  const errs: FieldError[] = [];
  const schedule = str(spec.schedule);
  if (!schedule) errs.push(required('spec.schedule'));
  else {
    const err = cronScheduleError(schedule);
    if (err) errs.push(invalid('spec.schedule', schedule, err));
    const allowTZ = !!oldSpec && str(oldSpec.schedule).includes('TZ');
    if (allowTZ && schedule.includes('TZ') && isSet(spec.timeZone)) errs.push(invalid('spec.schedule', schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
    else if (!allowTZ && schedule.includes('TZ')) errs.push(invalid('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  if (isSet(spec.startingDeadlineSeconds)) errs.push(...validateNonnegative(num(spec.startingDeadlineSeconds), 'spec.startingDeadlineSeconds'));
  if (!oldSpec || (oldSpec.timeZone ?? null) !== (spec.timeZone ?? null)) errs.push(...validateTimeZone(spec.timeZone));
  const cp = str(spec.concurrencyPolicy);
  if (!cp) errs.push(required('spec.concurrencyPolicy'));
  else if (!['Allow', 'Forbid', 'Replace'].includes(cp)) errs.push(notSupported('spec.concurrencyPolicy', cp, ['Allow', 'Forbid', 'Replace']));
  const jobSpec = obj(obj(spec.jobTemplate).spec);
  errs.push(...validateJobSpec(jobSpec, 'spec.jobTemplate.spec'));
  if (isSet(jobSpec.selector)) errs.push(invalid('spec.jobTemplate.spec.selector', labelSelectorValue(jobSpec.selector), '`selector` will be auto-generated'));
  if (jobSpec.manualSelector === true) errs.push(notSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']));
  for (const f of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) {
    if (isSet(spec[f])) errs.push(...validateNonnegative(num(spec[f]), `spec.${f}`));
  }
  const name = str(obj(cj.metadata).name);
  if (!old && name.length > 52) errs.push(invalid('metadata.name', name, 'must be no more than 52 characters'));
  return errs;
}

const TZ_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/** validateTimeZone. */
function validateTimeZone(tz: unknown): FieldError[] {
  if (!isSet(tz)) return [];
  const name = str(tz);
  const p = 'spec.timeZone';
  if (!name) return [invalid(p, name, 'timeZone must be nil or non-empty string')];
  for (const part of name.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TZ_PART.test(part)) return [invalid(p, name, `unknown time zone ${name}`)];
  }
  const errs: FieldError[] = [];
  if (name.toLowerCase() === 'local') errs.push(invalid(p, name, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  const err = name === 'Local' ? undefined : timeZoneError(name);
  if (err) errs.push(invalid(p, name, err));
  return errs;
}
