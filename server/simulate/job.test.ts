import { describe, expect, it } from 'vitest';
import { KObject } from '../../apis/resources/model.js';
import { completedIndexes, jobStatus } from './job.js';

const T0 = '2025-01-01T00:00:00Z';
const T1 = '2025-01-01T00:01:00Z';
const job = (spec: KObject = {}, status?: KObject): KObject => ({ metadata: { name: 'j', generation: 1 }, spec: { completions: 1, parallelism: 1, ...spec }, status });
const REACHED = { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };

describe('jobStatus', () => {
  it('completes at once: SuccessCriteriaMet then Complete, as 1.31+ write them', () => {
    expect(jobStatus(job({ completions: 2 }), T0)).toEqual({
      conditions: [
        { type: 'SuccessCriteriaMet', status: 'True', lastProbeTime: T0, lastTransitionTime: T0, ...REACHED },
        { type: 'Complete', status: 'True', lastProbeTime: T0, lastTransitionTime: T0, ...REACHED },
      ],
      startTime: T0, completionTime: T0, succeeded: 2, terminating: 0, uncountedTerminatedPods: {}, ready: 0,
    });
  });

  it('a finished job is left as it is', () => {
    const done = jobStatus(job(), T0)!;
    expect(jobStatus(job({}, done), T1)).toBe(done);
  });

  it('indexed jobs list their completed indexes; work queues succeed with their parallelism', () => {
    expect(jobStatus(job({ completions: 5, completionMode: 'Indexed' }), T0)?.completedIndexes).toBe('0-4');
    expect(jobStatus(job({ completions: undefined, parallelism: 3 }), T0)?.succeeded).toBe(3);
    expect([1, 2, 3].map(completedIndexes)).toEqual(['0', '0,1', '0-2']);
  });

  it('a suspended job waits, then completes once resumed', () => {
    const suspended = jobStatus(job({ suspend: true }), T0)!;
    expect(suspended).toEqual({ conditions: [{ type: 'Suspended', status: 'True', lastProbeTime: T0, lastTransitionTime: T0, reason: 'JobSuspended', message: 'Job suspended' }], terminating: 0, ready: 0 });
    expect(jobStatus(job({ suspend: true }, suspended), T1)).toEqual(suspended);
    const resumed = jobStatus(job({ suspend: false }, suspended), T1)!;
    expect(resumed.conditions.map((c: KObject) => [c.type, c.status, c.reason])).toEqual([
      ['Suspended', 'False', 'JobResumed'], ['SuccessCriteriaMet', 'True', 'CompletionsReached'], ['Complete', 'True', 'CompletionsReached'],
    ]);
    expect(resumed.startTime).toBe(T1);
  });
});
