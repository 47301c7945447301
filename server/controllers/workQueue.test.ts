import { describe, expect, it } from 'vitest';
import { WorkQueue } from './workQueue.js';

const until = async (cond: () => boolean, ms = 2000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('WorkQueue', () => {
  it('processes each key once, including keys added while draining, off the caller’s stack', async () => {
    const seen: string[] = [];
    const q: WorkQueue = new WorkQueue(async (k) => {
      seen.push(k);
      if (k === 'a') q.add('c');
      return true;
    }, () => {});
    q.add('a');
    q.add('b');
    q.add('a');
    expect(seen).toEqual([]);
    await until(() => seen.length === 3);
    expect(seen).toEqual(['a', 'b', 'c']);
    q.stop();
  });

  it('retries keys that are not done, or that throw, after the retry delay', async () => {
    const attempts = new Map<string, number>();
    const errors: string[] = [];
    const q = new WorkQueue(
      async (k) => {
        const n = (attempts.get(k) ?? 0) + 1;
        attempts.set(k, n);
        if (k === 'boom' && n === 1) throw new Error('first time');
        return n >= 2;
      },
      (_e, k) => errors.push(k),
      20,
    );
    q.add('slow');
    q.add('boom');
    await until(() => q.size === 0 && attempts.get('slow') === 2 && attempts.get('boom') === 2);
    expect(errors).toEqual(['boom']);
    q.stop();
  });

  it('does nothing once stopped', async () => {
    const seen: string[] = [];
    const q = new WorkQueue(async (k) => (seen.push(k), true), () => {});
    q.stop();
    q.add('x');
    await new Promise((r) => setTimeout(r, 30));
    expect(seen).toEqual([]);
  });
});
