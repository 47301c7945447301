// CronJob schedules and time zones as kube-apiserver checks them: robfig/cron/v3's ParseStandard
// (five fields or a descriptor) with its error texts, and time.LoadLocation's "unknown time zone".

import { atoiError } from './common.js';

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1, max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

class CronError extends Error {}

function parseInt_(expr: string): number {
  // strconv.Atoi: an optional sign and decimal digits only.
  if (!/^[+-]?\d+$/.test(expr)) throw new CronError(`failed to parse int from ${expr}: ${atoiError(expr)}`);
  const n = Number(expr);
  if (n < 0) throw new CronError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseIntOrName(expr: string, r: Bounds): number {
  const named = r.names?.[expr.toLowerCase()];
  return named ?? parseInt_(expr);
}

function checkRange(expr: string, r: Bounds): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
  } else {
    start = parseIntOrName(lowAndHigh[0], r);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], r);
    else throw new CronError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseInt_(rangeAndStep[1]);
    if (lowAndHigh.length === 1) end = r.max;
  } else if (rangeAndStep.length > 2) {
    throw new CronError(`too many slashes: ${expr}`);
  }
  if (start < r.min) throw new CronError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new CronError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
}

/** A Go duration string as time.ParseDuration accepts it (for "@every"). */
const GO_DURATION = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$/;

/** The error ParseStandard returns for `spec`, or undefined when the schedule is valid. */
export function cronScheduleError(spec: string): string | undefined {
  try {
    if (spec.length === 0) throw new CronError('empty spec string');
    let s = spec;
    if (s.startsWith('TZ=') || s.startsWith('CRON_TZ=')) {
      const i = s.indexOf(' ');
      const eq = s.indexOf('=');
      const name = i < 0 ? s.slice(eq + 1) : s.slice(eq + 1, i);
      const tzErr = timeZoneError(name);
      if (tzErr) throw new CronError(`provided bad location ${name}: ${tzErr}`);
      s = i < 0 ? '' : s.slice(i).trim();
    }
    if (s.startsWith('@')) {
      if (['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'].includes(s)) return undefined;
      if (s.startsWith('@every ')) {
        const d = s.slice('@every '.length);
        if (!GO_DURATION.test(d)) throw new CronError(`failed to parse duration ${s}: time: invalid duration ${JSON.stringify(d)}`);
        return undefined;
      }
      throw new CronError(`unrecognized descriptor: ${s}`);
    }
    const fields = s.split(/\s+/).filter(Boolean);
    if (fields.length !== 5) throw new CronError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
    const bounds = [MINUTES, HOURS, DOM, MONTHS, DOW];
    fields.forEach((f, i) => {
      for (const expr of f.split(',').filter(Boolean)) checkRange(expr, bounds[i]);
    });
    return undefined;
  } catch (e) {
    if (e instanceof CronError) return e.message;
    throw e;
  }
}

let zones: Set<string> | undefined;

/** time.LoadLocation's error for a zone name, or undefined when the zone exists. */
export function timeZoneError(name: string): string | undefined {
  if (name === '' || name === 'UTC' || name === 'Local') return undefined;
  zones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (zones.has(name)) return undefined;
  try {
    // Aliases ("US/Eastern", "Etc/GMT+5") are known to ICU but not listed; Go's zone files are
    // case-sensitive, so a name written in lower case only is not found there.
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    if (name !== name.toLowerCase()) return undefined;
  } catch {
    // unknown to ICU
  }
  return `unknown time zone ${name}`;
}
