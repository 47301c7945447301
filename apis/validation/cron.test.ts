import { describe, expect, it } from 'vitest';
import { cronScheduleError, timeZoneError } from './cron.js';

describe('cron schedules (robfig/cron v3 ParseStandard)', () => {
  it.each(['*/5 * * * *', '0 3 * * 1-5', '15,45 8-18/2 1 jan-jun sun', '@hourly', '@every 1h30m', '0 0 1 */3 ?'])('accepts %s', (s) => {
    expect(cronScheduleError(s)).toBeUndefined();
  });

  it.each([
    ['', 'empty spec string'],
    ['* * *', 'expected exactly 5 fields, found 3: [* * *]'],
    ['* * * * * *', 'expected exactly 5 fields, found 6: [* * * * * *]'],
    ['61 * * * *', 'end of range (61) above maximum (59): 61'],
    ['* 24 * * *', 'end of range (24) above maximum (23): 24'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['* * * foo *', 'failed to parse int from foo: strconv.Atoi: parsing "foo": invalid syntax'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['@every forever', 'failed to parse duration @every forever: time: invalid duration "forever"'],
  ])('rejects %j with %j', (s, msg) => {
    expect(cronScheduleError(s)).toBe(msg);
  });
});

describe('time zones (time.LoadLocation)', () => {
  it.each(['UTC', 'Europe/Paris', 'America/New_York', 'Etc/GMT+5'])('knows %s', (tz) => {
    expect(timeZoneError(tz)).toBeUndefined();
  });
  it.each(['Mars/Olympus', 'europe/paris'])('does not know %s', (tz) => {
    expect(timeZoneError(tz)).toBe(`unknown time zone ${tz}`);
  });
});
