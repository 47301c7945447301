import { describe, expect, it } from 'vitest';
import { parseDateTime, parseFullDate, parseGoDuration } from './time.js';

describe('date, date-time and duration strings', () => {
  it('parses RFC 3339 date-times and full dates', () => {
    expect(parseDateTime('1970-01-01T00:00:01Z')).toEqual({ seconds: 1n, nanos: 0 });
    expect(parseDateTime('1970-01-01T01:00:00.5+01:00')).toEqual({ seconds: 0n, nanos: 500_000_000 });
    expect(parseDateTime('2024-02-30T00:00:00Z')).toBeUndefined();
    expect(parseDateTime('yesterday')).toBeUndefined();
    expect(parseFullDate('1970-01-02')).toEqual({ seconds: 86400n, nanos: 0 });
    expect(parseFullDate('1970-13-02')).toBeUndefined();
  });

  it('parses Go durations and strfmt days and weeks', () => {
    expect(parseGoDuration('1h30m')).toBe(5_400_000_000_000n);
    expect(parseGoDuration('-1.5s')).toBe(-1_500_000_000n);
    expect(parseGoDuration('250ms')).toBe(250_000_000n);
    expect(parseGoDuration('2d')).toBe(172_800_000_000_000n);
    expect(parseGoDuration('0')).toBe(0n);
    expect(parseGoDuration('1x')).toBeUndefined();
    expect(parseGoDuration('')).toBeUndefined();
  });
});
