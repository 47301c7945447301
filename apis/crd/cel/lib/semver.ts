// The Kubernetes semver library (apiserver/pkg/cel/library/semverlib.go, version 1): strict
// Semantic Versioning 2.0 parsing (blang/semver), the normalizing variant that accepts "v1.2" and
// leading zeros, comparisons and major/minor/patch.

import { celFunc, celMethod } from '@bufbuild/cel';
import { BOOL, INT, SEMVER_T, STRING, libraryValue, textOf } from './libraryTypes.js';

interface Version {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string[];
}

const NUM = /^(0|[1-9]\d*)$/;
const IDENT = /^[0-9A-Za-z-]+$/;

function parseStrict(s: string): Version {
  const m = /^([^-+]*)(?:-([^+]*))?(?:\+(.*))?$/.exec(s);
  const core = m?.[1].split('.') ?? [];
  if (!m || core.length !== 3) throw new Error(s.length === 0 ? 'Version string empty' : 'No Major.Minor.Patch elements found');
  const names = ['major', 'minor', 'patch'];
  core.forEach((c, i) => {
    if (!/^\d+$/.test(c)) throw new Error(`Invalid character(s) found in ${names[i]} number ${JSON.stringify(c)}`);
    if (!NUM.test(c)) throw new Error(`${names[i][0].toUpperCase()}${names[i].slice(1)} number must not contain leading zeroes ${JSON.stringify(c)}`);
  });
  const pre = m[2] === undefined ? [] : m[2].split('.');
  for (const p of pre) {
    if (!IDENT.test(p)) throw new Error(`Invalid character(s) found in prerelease ${JSON.stringify(p)}`);
    if (/^\d+$/.test(p) && !NUM.test(p)) throw new Error(`Numeric PreRelease version must not contain leading zeroes ${JSON.stringify(p)}`);
  }
  for (const b of m[3] === undefined ? [] : m[3].split('.')) if (!IDENT.test(b)) throw new Error(`Invalid character(s) found in build meta data ${JSON.stringify(b)}`);
  return { major: BigInt(core[0]), minor: BigInt(core[1]), patch: BigInt(core[2]), pre };
}

/** normalizeAndParse: drops a leading "v" and leading zeros, fills in missing minor and patch. */
function normalize(s: string): string {
  const parts = s.replace(/^v/, '').split('.');
  const head = parts.slice(0, 2);
  const rest = parts.length > 2 ? [parts.slice(2).join('.')] : [];
  const fixed = [...head, ...rest].map((p) => {
    if (p.length <= 1) return p;
    const t = p.replace(/^0+/, '');
    return t.length === 0 || !/^\d/.test(t) ? `0${t}` : t;
  });
  while (fixed.length < 3) fixed.push('0');
  return fixed.join('.');
}

function compare(a: Version, b: Version): bigint {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1n : 1n;
  if (a.pre.length === 0 || b.pre.length === 0) return a.pre.length === b.pre.length ? 0n : a.pre.length === 0 ? 1n : -1n;
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const [x, y] = [a.pre[i], b.pre[i]];
    if (x === y) continue;
    const [xn, yn] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (xn && yn) return BigInt(x) < BigInt(y) ? -1n : 1n;
    if (xn !== yn) return xn ? -1n : 1n;
    return x < y ? -1n : 1n;
  }
  return a.pre.length === b.pre.length ? 0n : a.pre.length < b.pre.length ? -1n : 1n;
}

const parse = (s: string, norm: boolean): string => {
  const text = norm ? normalize(s) : s;
  parseStrict(text);
  return text;
};

const ok = (f: () => unknown): boolean => {
  try {
    f();
    return true;
  } catch {
    return false;
  }
};

const version = (v: unknown): Version => parseStrict(textOf(v));
const S = SEMVER_T.cel;

export const semverFunctions = [
  celFunc('semver', [STRING], S, (s) => libraryValue(SEMVER_T, parse(s, false))),
  celFunc('semver', [STRING, BOOL], S, (s, n) => libraryValue(SEMVER_T, parse(s, n))),
  celFunc('isSemver', [STRING], BOOL, (s) => ok(() => parse(s, false))),
  celFunc('isSemver', [STRING, BOOL], BOOL, (s, n) => ok(() => parse(s, n))),
  celMethod('isGreaterThan', S, [S], BOOL, function (o) {
    return compare(version(this), version(o)) === 1n;
  }),
  celMethod('isLessThan', S, [S], BOOL, function (o) {
    return compare(version(this), version(o)) === -1n;
  }),
  celMethod('compareTo', S, [S], INT, function (o) {
    return compare(version(this), version(o));
  }),
  celMethod('major', S, [], INT, function () {
    return version(this).major;
  }),
  celMethod('minor', S, [], INT, function () {
    return version(this).minor;
  }),
  celMethod('patch', S, [], INT, function () {
    return version(this).patch;
  }),
];
