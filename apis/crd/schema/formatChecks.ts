// Parsers behind the string formats (kube-openapi pkg/validation/strfmt and its govalidator copy),
// written to accept what Go's net, net/url, net/mail and time packages accept.

import { isIPv6 as nodeIsIPv6 } from 'node:net';
import { parseCIDRSloppy, parseIPSloppy } from '../../validation/common.js';

/** net.ParseIP(s) != nil && contains ":" (no zones; IPv4 parts without leading zeros). */
export function isIPv6(s: string): boolean {
  if (!s.includes(':') || s.includes('%')) return false;
  if (!nodeIsIPv6(s)) return false;
  const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  return !tail || tail.slice(1).every((p) => p === '0' || !p.startsWith('0'));
}

/** netutils.ParseIPSloppy(s) != nil && contains "." (an IPv4-mapped IPv6 address counts). */
export const isIPv4 = (s: string): boolean => parseIPSloppy(s) !== undefined && s.includes('.');

export const isCIDR = (s: string): boolean => parseCIDRSloppy(s) !== undefined;

/** net.ParseMAC: 6, 8 or 20 octets, written as colon- or hyphen-separated pairs (01:23:45:67:89:ab) or dot-separated quads (0123.4567.89ab). */
export function isMAC(s: string): boolean {
  const octets = (n: number) => n === 6 || n === 8 || n === 20;
  if (s.length < 14) return false;
  if (s[2] === ':' || s[2] === '-') {
    const sep = s[2];
    if ((s.length + 1) % 3 !== 0) return false;
    const parts = s.split(sep);
    return octets(parts.length) && parts.every((p) => /^[0-9A-Fa-f]{2}$/.test(p));
  }
  if (s[4] === '.') {
    if ((s.length + 1) % 5 !== 0) return false;
    const parts = s.split('.');
    return octets(parts.length * 2) && parts.every((p) => /^[0-9A-Fa-f]{4}$/.test(p));
  }
  return false;
}

/** bson ObjectIDFromHex: 24 hexadecimal digits. */
export const isBSONObjectID = (s: string): boolean => /^[0-9A-Fa-f]{24}$/.test(s);

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** time.Parse("2006-01-02", s). */
export function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= (mo === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[mo - 1]);
}

const TIME_OF_DAY = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/;

/** strfmt.IsDateTime: a date, "t", then a time of day with zone (checked as strfmt does, loosely). */
export function isDateTime(s: string): boolean {
  if (s.length < 4) return false;
  const parts = s.toLowerCase().split('t');
  if (parts.length < 2 || !isDate(parts[0])) return false;
  const m = TIME_OF_DAY.exec(parts[1]);
  if (!m) return false;
  return m[1] <= '23' && m[2] <= '59' && m[3] <= '59';
}

const GO_UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
const MAX_DURATION_NS = 2n ** 63n - 1n;

/** time.ParseDuration: [-+]?(number unit)+ or "0", within ±2^63-1 ns. */
function isGoDuration(s: string): boolean {
  let rest = s;
  if (rest.startsWith('-') || rest.startsWith('+')) rest = rest.slice(1);
  if (rest === '0') return true;
  if (rest === '') return false;
  let total = 0;
  while (rest) {
    const m = /^(\d*)(?:\.(\d*))?/.exec(rest)!;
    if (!m[0] || m[0] === '.' || (m[1] === '' && !m[2])) return false;
    rest = rest.slice(m[0].length);
    const u = /^[^\d.]+/.exec(rest);
    if (!u || !(u[0] in GO_UNITS)) return false;
    rest = rest.slice(u[0].length);
    total += Number(`${m[1] || '0'}.${m[2] || '0'}`) * GO_UNITS[u[0]];
  }
  return BigInt(Math.floor(total)) <= MAX_DURATION_NS;
}

const SCALA_UNITS = [['ns', 'nano'], ['us', 'µs', 'micro'], ['ms', 'milli'], ['s', 'sec'], ['m', 'min'], ['h', 'hr', 'hour'], ['d', 'day'], ['w', 'wk', 'week']];

/** strfmt.ParseDuration: Go's syntax, else any "<digits><unit>" run with a Scala-style unit. */
export function isDuration(s: string): boolean {
  if (isGoDuration(s)) return true;
  let ok = false;
  for (const m of s.matchAll(/(\d+)\s*([A-Za-zµ]+)/g)) {
    if (!Number.isSafeInteger(Number(m[1])) || Number(m[1]) > 2 ** 63 - 1) return false; // strconv.Atoi overflow
    const unit = m[2].trim().toLowerCase();
    for (const variants of SCALA_UNITS) {
      const last = variants.length - 1;
      variants.forEach((v, i) => {
        if ((i === last && unit.startsWith(v)) || v.toLowerCase() === unit) ok = true;
      });
    }
  }
  return ok;
}

/** govalidator.IsCreditCard: 13-19 digits of a known issuer, Luhn checksum. */
export function isCreditCard(s: string): boolean {
  const digits = s.replace(/[^0-9]+/g, '');
  if (!/^(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35\d{3})\d{11})$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      sum += d >= 10 ? (d % 10) + 1 : d;
    } else sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** govalidator.IsISBN for version 10 or 13. */
export function isISBN(s: string, version: 10 | 13): boolean {
  const v = s.replace(/[\s-]+/g, '');
  if (version === 10) {
    if (!/^(?:[0-9]{9}X|[0-9]{10})$/.test(v)) return false;
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += (i + 1) * Number(v[i]);
    sum += v[9] === 'X' ? 100 : 10 * Number(v[9]);
    return sum % 11 === 0;
  }
  if (!/^[0-9]{13}$/.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (i % 2 ? 3 : 1) * Number(v[i]);
  return Number(v[12]) - ((10 - (sum % 10)) % 10) === 0;
}
