import { describe, expect, it } from 'vitest';
import type { FieldError, KObject } from './field.js';
import { goValue } from './goValue.js';
import { admitErrors, resourceOf } from './testing.js';

const UID = '0b4e3a52-7c1f-4a5e-9f0e-2d8c1b6a9e11';

function job(): KObject {
  return {
    apiVersion: 'batch/v1', kind: 'Job',
    metadata: { name: 'pi', namespace: 'default', uid: UID },
    spec: {
      backoffLimit: 4,
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }] } },
    },
  };
}

function cronJob(): KObject {
  return {
    apiVersion: 'batch/v1', kind: 'CronJob',
    metadata: { name: 'nightly', namespace: 'default' },
    spec: {
      schedule: '0 3 * * *',
      timeZone: 'Europe/Paris',
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'backup', image: 'busybox', args: ['sh', '-c', 'date'] }] } } } },
    },
  };
}

const edit = (base: KObject, fn: (o: KObject) => void): KObject => {
  const o = structuredClone(base);
  fn(o);
  return o;
};

/** A job as stored after create: defaults (with the generated selector) applied. */
function storedJob(): KObject {
  const o = job();
  resourceOf('batch', 'v1', 'jobs').strategy!.defaults!(o);
  return o;
}

describe('Job', () => {
  const errorsOf = (o: KObject, old?: KObject) => admitErrors('batch', 'v1', 'jobs', o, old);

  it('accepts a realistic job (with its generated selector)', () => {
    expect(errorsOf(job())).toEqual([]);
  });

  const cases: [string, (o: KObject) => void, FieldError[]][] = [
    ['the default restart policy Always', (o) => { delete o.spec.template.spec.restartPolicy; }, [
      { type: 'Required', field: 'spec.template.spec.restartPolicy', detail: 'valid values: "OnFailure", "Never"' },
    ]],
    ['an unknown restart policy', (o) => { o.spec.template.spec.restartPolicy = 'Sometimes'; }, [
      { type: 'NotSupported', field: 'spec.template.spec.restartPolicy', value: 'Sometimes', supported: ['Always', 'OnFailure', 'Never'] },
      { type: 'NotSupported', field: 'spec.template.spec.restartPolicy', value: 'Sometimes', supported: ['OnFailure', 'Never'] },
    ]],
    ['negative parallelism and completions', (o) => { o.spec.parallelism = -1; o.spec.completions = -2; }, [
      { type: 'Invalid', field: 'spec.parallelism', value: -1, detail: 'must be greater than or equal to 0' },
      { type: 'Invalid', field: 'spec.completions', value: -2, detail: 'must be greater than or equal to 0' },
    ]],
    ['an Indexed job without completions', (o) => { o.spec.completionMode = 'Indexed'; o.spec.parallelism = 2; }, [
      { type: 'Required', field: 'spec.completions', detail: 'when completion mode is Indexed' },
    ]],
    ['backoffLimitPerIndex without Indexed mode', (o) => { o.spec.backoffLimitPerIndex = 1; }, [
      { type: 'Invalid', field: 'spec.backoffLimitPerIndex', value: 1, detail: 'requires indexed completion mode' },
    ]],
    ['an unknown completion mode', (o) => { o.spec.completionMode = 'Ordered'; }, [
      { type: 'NotSupported', field: 'spec.completionMode', value: 'Ordered', supported: ['NonIndexed', 'Indexed'] },
    ]],
    ['a manual selector that misses the template labels', (o) => {
      o.spec.manualSelector = true;
      o.spec.selector = { matchLabels: { app: 'pi' } };
      o.spec.template.metadata = { labels: { app: 'other' } };
    }, [
      { type: 'Invalid', field: 'spec.template.metadata.labels', value: goValue('map[string]string{"app":"other"}'), detail: '`selector` does not match template `labels`' },
    ]],
  ];

  it.each(cases)('rejects %s', (_name, fn, expected) => {
    expect(errorsOf(edit(job(), fn))).toEqual(expected);
  });

  it('rejects a generated label the user overrode', () => {
    const o = edit(job(), (x) => { x.spec.template.metadata = { labels: { 'job-name': 'other' } }; });
    // The generated selector only uses the controller-uid label, so it still matches.
    expect(errorsOf(o)).toEqual([{
      type: 'Invalid', field: 'spec.template.metadata.labels[job-name]', detail: "must be 'pi'",
      value: goValue(`map[string]string{"batch.kubernetes.io/controller-uid":"${UID}", "batch.kubernetes.io/job-name":"pi", "controller-uid":"${UID}", "job-name":"other"}`),
    }]);
  });

  it('keeps completions, selector and template immutable', () => {
    const old = storedJob();
    expect(errorsOf(edit(old, (o) => { o.spec.completions = 3; }), old)).toEqual([{ type: 'Invalid', field: 'spec.completions', value: 3, detail: 'field is immutable' }]);
    const image = errorsOf(edit(old, (o) => { o.spec.template.spec.containers[0].image = 'perl:5.40'; }), old);
    expect(image).toEqual([{ type: 'Invalid', field: 'spec.template', value: expect.any(Object), detail: 'field is immutable' }]);
    const sel = errorsOf(edit(old, (o) => { o.spec.selector.matchLabels.extra = 'x'; o.spec.template.metadata.labels.extra = 'x'; }), old);
    expect(sel.map((e) => e.field)).toEqual(['spec.selector', 'spec.template']);
  });

  it('lets a suspended job that never ran change its scheduling directives', () => {
    const old = edit(storedJob(), (o) => { o.spec.suspend = true; });
    expect(errorsOf(edit(old, (o) => { o.spec.template.spec.nodeSelector = { zone: 'a' }; }), old)).toEqual([]);
    expect(errorsOf(edit(old, (o) => { o.spec.template.spec.containers[0].image = 'x'; }), old).map((e) => e.field)).toEqual(['spec.template']);
  });
});

describe('CronJob', () => {
  const errorsOf = (o: KObject, old?: KObject) => admitErrors('batch', 'v1', 'cronjobs', o, old);

  it('accepts a realistic cron job', () => {
    expect(errorsOf(cronJob())).toEqual([]);
  });

  const cases: [string, (o: KObject) => void, FieldError[]][] = [
    ['no schedule', (o) => { delete o.spec.schedule; }, [{ type: 'Required', field: 'spec.schedule' }]],
    ['a schedule with three fields', (o) => { o.spec.schedule = '0 3 *'; }, [
      { type: 'Invalid', field: 'spec.schedule', value: '0 3 *', detail: 'expected exactly 5 fields, found 3: [0 3 *]' },
    ]],
    ['minute 61', (o) => { o.spec.schedule = '61 * * * *'; }, [
      { type: 'Invalid', field: 'spec.schedule', value: '61 * * * *', detail: 'end of range (61) above maximum (59): 61' },
    ]],
    ['a time zone in the schedule', (o) => { o.spec.schedule = 'CRON_TZ=UTC 0 3 * * *'; }, [
      { type: 'Invalid', field: 'spec.schedule', value: 'CRON_TZ=UTC 0 3 * * *', detail: 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead' },
    ]],
    ['an unknown time zone', (o) => { o.spec.timeZone = 'Mars/Olympus'; }, [
      { type: 'Invalid', field: 'spec.timeZone', value: 'Mars/Olympus', detail: 'unknown time zone Mars/Olympus' },
    ]],
    ['the Local time zone', (o) => { o.spec.timeZone = 'Local'; }, [
      { type: 'Invalid', field: 'spec.timeZone', value: 'Local', detail: 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones' },
    ]],
    ['an empty time zone', (o) => { o.spec.timeZone = ''; }, [
      { type: 'Invalid', field: 'spec.timeZone', value: '', detail: 'timeZone must be nil or non-empty string' },
    ]],
    ['an unknown concurrency policy', (o) => { o.spec.concurrencyPolicy = 'Queue'; }, [
      { type: 'NotSupported', field: 'spec.concurrencyPolicy', value: 'Queue', supported: ['Allow', 'Forbid', 'Replace'] },
    ]],
    ['a job template with restart policy Always', (o) => { o.spec.jobTemplate.spec.template.spec.restartPolicy = 'Always'; }, [
      { type: 'Required', field: 'spec.jobTemplate.spec.template.spec.restartPolicy', detail: 'valid values: "OnFailure", "Never"' },
    ]],
    ['a selector in the job template', (o) => { o.spec.jobTemplate.spec.selector = { matchLabels: { a: 'b' } }; }, [
      { type: 'Invalid', field: 'spec.jobTemplate.spec.selector', value: goValue('&LabelSelector{MatchLabels:map[string]string{a: b,},MatchExpressions:[]LabelSelectorRequirement{},}'), detail: '`selector` will be auto-generated' },
    ]],
    ['negative history limits', (o) => { o.spec.successfulJobsHistoryLimit = -1; }, [
      { type: 'Invalid', field: 'spec.successfulJobsHistoryLimit', value: -1, detail: 'must be greater than or equal to 0' },
    ]],
    ['a name longer than 52 characters', (o) => { o.metadata.name = 'n'.repeat(53); }, [
      { type: 'Invalid', field: 'metadata.name', value: 'n'.repeat(53), detail: 'must be no more than 52 characters' },
    ]],
  ];

  it.each(cases)('rejects %s', (_name, fn, expected) => {
    expect(errorsOf(edit(cronJob(), fn))).toEqual(expected);
  });

  it('does not re-check an unchanged time zone or the name length on update', () => {
    const old = edit(cronJob(), (o) => { o.metadata.name = 'n'.repeat(53); });
    expect(errorsOf(edit(old, (o) => { o.spec.suspend = true; }), old)).toEqual([]);
  });
});
