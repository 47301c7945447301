// Jobs: every pod succeeds as soon as it is started, so a Job completes at once with the status
// the job controller writes (1.31+: SuccessCriteriaMet, then Complete). A suspended job waits,
// with the Suspended condition, until it is resumed. A finished job is never touched again.

import { timestamp } from '../../apis/registry/meta.js';
import { KObject } from '../../apis/resources/model.js';
import { ObjectKey } from '../../storage/store.js';
import { findCondition, setConditionInPlace } from './conditions.js';
import { CONTROLLER_MANAGER, SimulationContext, statusStep, updateObject } from './writes.js';

const COMPLETIONS_REACHED = { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };

const finished = (job: KObject): boolean =>
  ['Complete', 'Failed'].some((type) => findCondition(job.status?.conditions, type)?.status === 'True');

/** How many pods succeed: spec.completions, or parallelism for a work queue (no completions). */
export function jobSucceeded(job: KObject): number {
  if (typeof job.spec?.completions === 'number') return job.spec.completions;
  return Math.max(1, Number(job.spec?.parallelism ?? 1));
}

/** Indexes 0..n-1 in the job controller's interval notation ("0", "0,1", "0-4"). */
export function completedIndexes(n: number): string {
  if (n <= 0) return '';
  if (n === 1) return '0';
  return n === 2 ? '0,1' : `0-${n - 1}`;
}

/** The status the job should have now, or its status unchanged once it has finished. */
export function jobStatus(job: KObject, now: string): KObject | undefined {
  const prev: KObject = job.status ?? {};
  if (finished(job)) return job.status;
  let conditions: KObject[] = Array.isArray(prev.conditions) ? prev.conditions : [];
  const set = (type: string, status: 'True' | 'False', reason: string, message: string): void => {
    conditions = setConditionInPlace(conditions, { type, status, reason, message }, now, { probeTime: true });
  };
  if (job.spec?.suspend === true) {
    set('Suspended', 'True', 'JobSuspended', 'Job suspended');
    // A suspended job has not started (its start time is reset while suspended).
    return { conditions, terminating: 0, ready: 0 };
  }
  if (findCondition(conditions, 'Suspended')?.status === 'True') set('Suspended', 'False', 'JobResumed', 'Job resumed');
  set('SuccessCriteriaMet', 'True', COMPLETIONS_REACHED.reason, COMPLETIONS_REACHED.message);
  set('Complete', 'True', COMPLETIONS_REACHED.reason, COMPLETIONS_REACHED.message);
  const succeeded = jobSucceeded(job);
  // Fields in upstream's order; zero counts other than the pointers are omitted.
  const status: KObject = { conditions, startTime: prev.startTime ?? now, completionTime: now };
  if (succeeded) status.succeeded = succeeded;
  status.terminating = 0;
  if (job.spec?.completionMode === 'Indexed') status.completedIndexes = completedIndexes(succeeded);
  status.uncountedTerminatedPods = {};
  status.ready = 0;
  return status;
}

export async function syncJob(ctx: SimulationContext, key: ObjectKey): Promise<boolean> {
  const now = timestamp(ctx.now());
  await updateObject(ctx, key, CONTROLLER_MANAGER, [statusStep((job) => (job.metadata?.deletionTimestamp ? undefined : jobStatus(job, now)))]);
  return true;
}
