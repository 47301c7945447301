import { describe, expect, it } from 'vitest';
import { KObject, ResourceDef, STANDARD_VERBS } from './model.js';
import { generateJobSelector, resources } from './batch-v1.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function res(plural: string): ResourceDef {
  const r = resources.find((x) => x.plural === plural);
  if (!r) throw new Error(`no resource ${plural}`);
  return r;
}

const headers = (plural: string, wide = false): string[] =>
  res(plural).columns!.filter((c) => wide || !c.priority).map((c) => c.name.toUpperCase());
const row = (plural: string, obj: KObject, wide = false): unknown[] =>
  res(plural).columns!.filter((c) => wide || !c.priority).map((c) => c.cell(obj, NOW));

function defaulted(plural: string, obj: KObject): KObject {
  const copy = structuredClone(obj);
  res(plural).strategy!.defaults!(copy);
  return copy;
}

const podTemplate = { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] } };

describe('batch/v1 discovery facts', () => {
  it('serves jobs and cronjobs as upstream does', () => {
    expect(resources.map((r) => [r.plural, r.singular, r.kind, r.shortNames ?? [], r.categories, r.status, r.generation])).toEqual([
      ['cronjobs', 'cronjob', 'CronJob', ['cj'], ['all'], true, true],
      ['jobs', 'job', 'Job', [], ['all'], true, true],
    ]);
    for (const r of resources) {
      expect(r).toMatchObject({ group: 'batch', version: 'v1', namespaced: true, type: `batch/v1:${r.kind}` });
      expect(r.verbs).toEqual(STANDARD_VERBS);
      expect(r.scale).toBeUndefined();
    }
  });
});

describe('jobs', () => {
  it('defaults like SetDefaults_Job', () => {
    const j = defaulted('jobs', { metadata: { name: 'pi' }, spec: { template: podTemplate } });
    expect(j.spec).toMatchObject({
      completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed',
    });
    expect(j.spec.template.spec.dnsPolicy).toBe('ClusterFirst');
    expect(j.spec.selector).toBeUndefined(); // no uid yet: the selector is generated later

    const queue = defaulted('jobs', { spec: { parallelism: 3, template: podTemplate } });
    expect(queue.spec.completions).toBeUndefined();
    expect(queue.spec.parallelism).toBe(3);

    const perIndex = defaulted('jobs', {
      spec: {
        completionMode: 'Indexed', completions: 4, backoffLimitPerIndex: 1, template: podTemplate,
        podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] },
      },
    });
    expect(perIndex.spec.backoffLimit).toBe(2147483647);
    expect(perIndex.spec.podReplacementPolicy).toBe('Failed');
    expect(perIndex.spec.podFailurePolicy.rules[0].onPodConditions[0]).toEqual({ type: 'DisruptionTarget', status: 'True' });

    const labelled = defaulted('jobs', { spec: { template: { metadata: { labels: { app: 'pi' } }, ...podTemplate } } });
    expect(labelled.metadata.labels).toEqual({ app: 'pi' });
  });

  it('generates the selector and pod labels once the uid is known', () => {
    const j = defaulted('jobs', { metadata: { name: 'pi', uid: 'u-1' }, spec: { template: podTemplate } });
    expect(j.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } });
    const labels = {
      'batch.kubernetes.io/controller-uid': 'u-1', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'u-1', 'job-name': 'pi',
    };
    expect(j.spec.template.metadata.labels).toEqual(labels);
    expect(j.metadata.labels).toEqual(labels);
    const again = structuredClone(j);
    generateJobSelector(again);
    expect(again).toEqual(j);

    const manual = defaulted('jobs', { metadata: { name: 'm', uid: 'u-2' }, spec: { manualSelector: true, selector: { matchLabels: { a: 'b' } }, template: podTemplate } });
    expect(manual.spec.selector).toEqual({ matchLabels: { a: 'b' } });
  });

  it('prints NAME STATUS COMPLETIONS DURATION AGE, and CONTAINERS IMAGES SELECTOR when wide', () => {
    expect(headers('jobs')).toEqual(['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE']);
    expect(headers('jobs', true)).toEqual(['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    const done = {
      metadata: { name: 'pi', creationTimestamp: ago(600) },
      spec: { completions: 1, parallelism: 1, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } }, template: podTemplate },
      status: { succeeded: 1, startTime: ago(600), completionTime: ago(563), conditions: [{ type: 'SuccessCriteriaMet', status: 'True' }, { type: 'Complete', status: 'True' }] },
    };
    expect(row('jobs', done, true)).toEqual(['pi', 'Complete', '1/1', '37s', '10m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=u-1']);
    const running = { metadata: { name: 'q', creationTimestamp: ago(90) }, spec: { parallelism: 3, template: podTemplate }, status: { startTime: ago(80), succeeded: 1 } };
    expect(row('jobs', running)).toEqual(['q', 'Running', '1/1 of 3', '80s', '90s']);
    const pending = { metadata: { name: 'p', creationTimestamp: ago(1) }, spec: { completions: 5, template: podTemplate } };
    expect(row('jobs', pending)).toEqual(['p', 'Running', '0/5', '', '1s']);
    const failed = { metadata: { name: 'f' }, spec: { completions: 1 }, status: { conditions: [{ type: 'Failed', status: 'True' }] } };
    expect(row('jobs', failed)[1]).toBe('Failed');
    expect(row('jobs', { metadata: { name: 's' }, status: { conditions: [{ type: 'Suspended', status: 'True' }] } })[1]).toBe('Suspended');
    expect(row('jobs', { metadata: { name: 't', deletionTimestamp: ago(1) } })[1]).toBe('Terminating');
  });
});

describe('cronjobs', () => {
  it('defaults like SetDefaults_CronJob', () => {
    const c = defaulted('cronjobs', { spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: podTemplate } } } });
    expect(c.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    // the job template is not defaulted as a Job, only its pod template
    expect(c.spec.jobTemplate.spec.backoffLimit).toBeUndefined();
    expect(c.spec.jobTemplate.spec.template.spec.schedulerName).toBe('default-scheduler');
  });

  it('prints NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE, and CONTAINERS IMAGES SELECTOR when wide', () => {
    expect(headers('cronjobs')).toEqual(['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE']);
    expect(headers('cronjobs', true)).toEqual(['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    const c = {
      metadata: { name: 'hello', creationTimestamp: ago(3600) },
      spec: { schedule: '*/5 * * * *', suspend: false, jobTemplate: { spec: { template: podTemplate } } },
      status: { active: [{ name: 'hello-1' }], lastScheduleTime: ago(120) },
    };
    expect(row('cronjobs', c, true)).toEqual(['hello', '*/5 * * * *', '<none>', 'False', 1, '2m', '60m', 'pi', 'perl:5.34', '<none>']);
    const tz = { metadata: { name: 'tz' }, spec: { schedule: '0 0 * * *', timeZone: 'Etc/UTC', suspend: true } };
    expect(row('cronjobs', tz).slice(0, 6)).toEqual(['tz', '0 0 * * *', 'Etc/UTC', 'True', 0, '<none>']);
  });
});
