import { describe, expect, it } from 'vitest';
import { WorkQueue } from './workQueue.js';

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('WorkQueue', () => {
  it('coalesces items per key and never runs one key twice at once', async () => {
    const seen: string[] = [];
    let active = 0;
    let maxActive = 0;
    const q = new WorkQueue<number>({
      concurrency: 4,
      merge: (_a, b) => b,
      onError: () => undefined,
      process: async (key, n) => {
        active++;
        maxActive = Math.max(maxActive, active);
        seen.push(`${key}:${n}`);
        await tick();
        active--;
      },
    });
    q.add('a', 1);
    q.add('a', 2); // a:1 is running already → a:2 waits for it
    q.add('a', 3); // merges into the waiting a:2
    q.add('b', 1);
    await tick(1);
    await q.idle();
    await tick(20);
    expect(seen.sort()).toEqual(['a:1', 'a:3', 'b:1']);
    expect(maxActive).toBeLessThanOrEqual(2);
    expect(q.size).toBe(0);
  });

  it('retries after the delay onError gives, keeping the item pending meanwhile', async () => {
    let calls = 0;
    const q = new WorkQueue<string>({
      concurrency: 1,
      merge: (_a, b) => b,
      onError: (_k, _i, _e, attempt) => (attempt < 3 ? 10 : undefined),
      process: async () => {
        calls++;
        throw new Error('no');
      },
    });
    q.add('x', 'v');
    await tick(15);
    expect(q.has('x')).toBe(true);
    await tick(60);
    expect(calls).toBe(3);
    expect(q.has('x')).toBe(false);
  });
});
