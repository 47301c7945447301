// The Kubernetes IP and CIDR libraries (apiserver/pkg/cel/library/ip.go, cidr.go) over a parser
// with Go netip's rules: strict dotted IPv4 (no leading zeros), IPv6 with "::" and an embedded
// IPv4 tail, canonical text as RFC 5952, zones and IPv4-mapped IPv6 refused as upstream does.

import { celFunc, celMethod } from '@bufbuild/cel';
import { BOOL, CIDR_T, INT, IP_T, STRING, libraryValue, textOf } from './libraryTypes.js';

interface Addr {
  bytes: number[]; // 4 or 16
  zone: string;
}

function parseIPv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p[0] === '0')) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

function parseIPv6(s: string): number[] | undefined {
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const fields = part.split(':');
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      if (i === fields.length - 1 && f.includes('.')) {
        const v4 = parseIPv4(f);
        if (!v4) return undefined;
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(f)) {
        out.push(parseInt(f, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

function parseAddr(raw: string): Addr | undefined {
  if (raw.includes(':')) {
    const pct = raw.indexOf('%');
    const zone = pct >= 0 ? raw.slice(pct + 1) : '';
    if (pct >= 0 && zone === '') return undefined;
    const bytes = parseIPv6(pct >= 0 ? raw.slice(0, pct) : raw);
    return bytes ? { bytes, zone } : undefined;
  }
  const bytes = parseIPv4(raw);
  return bytes ? { bytes, zone: '' } : undefined;
}

const is4In6 = (b: number[]): boolean => b.length === 16 && b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;

/** Parses an IP as the library accepts it; throws upstream's message otherwise. */
function parseIP(raw: string): number[] {
  const a = parseAddr(raw);
  if (!a) throw new Error(`IP Address ${JSON.stringify(raw)} parse error during conversion from string: ParseAddr(${JSON.stringify(raw)}): unable to parse IP`);
  if (a.zone) throw new Error(`IP address ${JSON.stringify(raw)} with zone value is not allowed`);
  if (is4In6(a.bytes)) throw new Error(`IPv4-mapped IPv6 address ${JSON.stringify(raw)} is not allowed`);
  return a.bytes;
}

/** netip.Addr.String(): dotted IPv4, RFC 5952 IPv6. */
export function ipString(b: number[]): string {
  if (b.length === 4) return b.join('.');
  const g = Array.from({ length: 8 }, (_, i) => (b[2 * i] << 8) | b[2 * i + 1]);
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  const hex = (xs: number[]) => xs.map((x) => x.toString(16)).join(':');
  return best < 0 ? hex(g) : `${hex(g.slice(0, best))}::${hex(g.slice(best + bestLen))}`;
}

interface Prefix {
  bytes: number[];
  bits: number;
}

function parsePrefix(raw: string): Prefix {
  const bad = (why: string): never => {
    throw new Error(`network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix(${JSON.stringify(raw)}): ${why}`);
  };
  const slash = raw.lastIndexOf('/');
  if (slash < 0) bad("no '/'");
  const addrText = raw.slice(0, slash);
  const bitsText = raw.slice(slash + 1);
  const a = parseAddr(addrText);
  if (!a) bad(`ParseAddr(${JSON.stringify(addrText)}): unable to parse IP`);
  if (a!.zone) bad('IPv6 zones cannot be present in a prefix');
  if (!/^\d+$/.test(bitsText) || (bitsText.length > 1 && bitsText[0] === '0')) bad(`bad bits after slash: ${JSON.stringify(bitsText)}`);
  const bits = Number(bitsText);
  if (bits > a!.bytes.length * 8) bad('prefix length out of range');
  if (is4In6(a!.bytes)) throw new Error(`network address parse error during conversion from string: IPv4-mapped IPv6 address ${JSON.stringify(raw)} is not allowed`);
  return { bytes: a!.bytes, bits };
}

const prefixText = (p: Prefix): string => `${ipString(p.bytes)}/${p.bits}`;

function masked(p: Prefix): Prefix {
  return { bits: p.bits, bytes: p.bytes.map((b, i) => b & (0xff << (8 - Math.max(0, Math.min(8, p.bits - 8 * i)))) & 0xff) };
}

const sameBits = (a: number[], b: number[], bits: number): boolean => {
  const ma = masked({ bytes: a, bits }).bytes;
  const mb = masked({ bytes: b, bits }).bytes;
  return ma.every((x, i) => x === mb[i]);
};

const contains = (p: Prefix, ip: number[]): boolean => ip.length === p.bytes.length && sameBits(p.bytes, ip, p.bits);

const ipOf = (v: unknown): number[] => parseAddr(textOf(v))!.bytes;
const prefixOf = (v: unknown): Prefix => parsePrefix(textOf(v));

const ipValue = (b: number[]) => libraryValue(IP_T, ipString(b));
const cidrValue = (p: Prefix) => libraryValue(CIDR_T, prefixText(p));

const v4 = (b: number[]): number[] | undefined => (b.length === 4 ? b : undefined);
const isMulticast = (b: number[]): boolean => (b.length === 4 ? (b[0] & 0xf0) === 0xe0 : b[0] === 0xff);
const isLoopback = (b: number[]): boolean => (v4(b) ? b[0] === 127 : b.every((x, i) => x === (i === 15 ? 1 : 0)));
const isUnspecified = (b: number[]): boolean => b.every((x) => x === 0);
const isLinkLocalUnicast = (b: number[]): boolean => (v4(b) ? b[0] === 169 && b[1] === 254 : b[0] === 0xfe && (b[1] & 0xc0) === 0x80);
const isLinkLocalMulticast = (b: number[]): boolean => (v4(b) ? b[0] === 224 && b[1] === 0 && b[2] === 0 : b[0] === 0xff && (b[1] & 0x0f) === 0x02);
const isBroadcast = (b: number[]): boolean => b.length === 4 && b.every((x) => x === 255);

const IPT = IP_T.cel;
const CIDRT = CIDR_T.cel;

export const netFunctions = [
  celFunc('ip', [STRING], IPT, (s) => ipValue(parseIP(s))),
  celFunc('isIP', [STRING], BOOL, (s) => {
    try {
      parseIP(s);
      return true;
    } catch {
      return false;
    }
  }),
  celFunc('ip.isCanonical', [STRING], BOOL, (s) => ipString(parseIP(s)) === s),
  celFunc('string', [IPT], STRING, (ip) => textOf(ip)),
  celMethod('family', IPT, [], INT, function () {
    return ipOf(this).length === 4 ? 4n : 6n;
  }),
  celMethod('isUnspecified', IPT, [], BOOL, function () {
    return isUnspecified(ipOf(this));
  }),
  celMethod('isLoopback', IPT, [], BOOL, function () {
    return isLoopback(ipOf(this));
  }),
  celMethod('isLinkLocalMulticast', IPT, [], BOOL, function () {
    return isLinkLocalMulticast(ipOf(this));
  }),
  celMethod('isLinkLocalUnicast', IPT, [], BOOL, function () {
    return isLinkLocalUnicast(ipOf(this));
  }),
  celMethod('isGlobalUnicast', IPT, [], BOOL, function () {
    const b = ipOf(this);
    return !isUnspecified(b) && !isLoopback(b) && !isMulticast(b) && !isLinkLocalUnicast(b) && !isBroadcast(b);
  }),
  celFunc('cidr', [STRING], CIDRT, (s) => cidrValue(parsePrefix(s))),
  celFunc('isCIDR', [STRING], BOOL, (s) => {
    try {
      parsePrefix(s);
      return true;
    } catch {
      return false;
    }
  }),
  celFunc('string', [CIDRT], STRING, (c) => textOf(c)),
  celMethod('containsIP', CIDRT, [STRING], BOOL, function (s) {
    return contains(prefixOf(this), parseIP(s));
  }),
  celMethod('containsIP', CIDRT, [IPT], BOOL, function (ip) {
    return contains(prefixOf(this), ipOf(ip));
  }),
  celMethod('containsCIDR', CIDRT, [STRING], BOOL, function (s) {
    const p = prefixOf(this);
    const o = parsePrefix(s);
    return o.bytes.length === p.bytes.length && p.bits <= o.bits && sameBits(p.bytes, o.bytes, p.bits);
  }),
  celMethod('containsCIDR', CIDRT, [CIDRT], BOOL, function (c) {
    const p = prefixOf(this);
    const o = prefixOf(c);
    return o.bytes.length === p.bytes.length && p.bits <= o.bits && sameBits(p.bytes, o.bytes, p.bits);
  }),
  celMethod('ip', CIDRT, [], IPT, function () {
    return ipValue(prefixOf(this).bytes);
  }),
  celMethod('prefixLength', CIDRT, [], INT, function () {
    return BigInt(prefixOf(this).bits);
  }),
  celMethod('masked', CIDRT, [], CIDRT, function () {
    return cidrValue(masked(prefixOf(this)));
  }),
];
