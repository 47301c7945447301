import { describe, expect, it } from 'vitest';
import { envFlag, program } from './cli.js';

describe('kplane serve flags', () => {
  it('has --simulate-workloads, off unless given', () => {
    const serve = program().commands.find((c) => c.name() === 'serve')!;
    const flag = serve.options.find((o) => o.long === '--simulate-workloads');
    expect(flag?.isBoolean()).toBe(true);
    expect(flag?.defaultValue).toBeUndefined();
  });

  it('reads KPLANE_SIMULATE_WORKLOADS as a boolean', () => {
    expect(['true', 'TRUE', '1', 'yes'].map(envFlag)).toEqual([true, true, true, true]);
    expect(['false', '0', '', 'no', undefined].map(envFlag)).toEqual([false, false, false, false, false]);
  });
});
