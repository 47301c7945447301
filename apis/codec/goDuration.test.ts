import { describe, expect, it } from 'vitest';
import { formatGoDuration } from './goDuration.js';

describe('Go duration text', () => {
  it.each([
    [0, '0s'],
    [1, '1ns'],
    [1500, '1.5µs'],
    [250_000_000, '250ms'],
    [1_500_000_000, '1.5s'],
    [60_000_000_000, '1m0s'],
    [5_400_000_000_000, '1h30m0s'],
    [-2_000_000_000, '-2s'],
  ])('%d ns → %s', (n, text) => expect(formatGoDuration(n)).toBe(text));
});
