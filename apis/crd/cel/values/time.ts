// Parsing of `format: date`, `date-time` and `duration` strings the way kube-openapi's strfmt reads
// them (date-time in RFC 3339 and its ISO 8601 relatives, durations in Go syntax plus days and
// weeks), into seconds and nanoseconds since the epoch.

export interface Instant {
  seconds: bigint;
  nanos: number;
}

const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const epochSeconds = (y: number, m: number, d: number, hh = 0, mm = 0, ss = 0): bigint => {
  const dt = new Date(0);
  dt.setUTCFullYear(y, m - 1, d);
  dt.setUTCHours(hh, mm, ss, 0);
  return BigInt(Math.floor(dt.getTime() / 1000));
};

/** A `format: date` value (2006-01-02) at midnight UTC. */
export function parseFullDate(s: string): Instant | undefined {
  const m = FULL_DATE.exec(s);
  if (!m || !validDate(+m[1], +m[2], +m[3])) return undefined;
  return { seconds: epochSeconds(+m[1], +m[2], +m[3]), nanos: 0 };
}

/** A `format: date-time` value; a missing zone means UTC. */
export function parseDateTime(s: string): Instant | undefined {
  const m = DATE_TIME.exec(s);
  if (!m) return undefined;
  const [y, mo, d, hh, mm, ss] = [+m[1], +m[2], +m[3], +m[4], +m[5], m[6] === undefined ? 0 : +m[6]];
  if (!validDate(y, mo, d) || hh > 23 || mm > 59 || ss > 59) return undefined;
  let seconds = epochSeconds(y, mo, d, hh, mm, ss);
  if (m[9]) {
    const offset = (+m[10] * 60 + +m[11]) * 60;
    if (+m[10] > 23 || +m[11] > 59) return undefined;
    seconds += BigInt(m[9] === '-' ? offset : -offset);
  }
  const nanos = m[7] ? Number(m[7].padEnd(9, '0')) : 0;
  return { seconds, nanos };
}

const UNIT_NANOS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  'µs': 1000n,
  'μs': 1000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
  d: 86_400_000_000_000n,
  w: 604_800_000_000_000n,
};

const MAX_NANOS = 2n ** 63n - 1n;

/** A Go duration ("1h30m", "-1.5s") or strfmt's extension with days and weeks ("3d", "1 w"). */
export function parseGoDuration(s: string): bigint | undefined {
  let rest = s.trim();
  let sign = 1n;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1n;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') return undefined;
  let total = 0n;
  const part = /^(\d*)(?:\.(\d*))?\s*(ns|us|µs|μs|ms|s|m|h|d|w)/;
  while (rest.length > 0) {
    const m = part.exec(rest);
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) return undefined;
    const unit = UNIT_NANOS[m[3]];
    const frac = m[2] ?? '';
    total += BigInt(m[1] || '0') * unit + (frac ? (BigInt(frac) * unit) / 10n ** BigInt(frac.length) : 0n);
    if (total > MAX_NANOS) return undefined;
    rest = rest.slice(m[0].length).trimStart();
  }
  return sign * total;
}

export const instantFromNanos = (n: bigint): Instant => {
  const seconds = n / 1_000_000_000n;
  return { seconds, nanos: Number(n - seconds * 1_000_000_000n) };
};
