// String and number rules that many kinds share (k8s.io/apimachinery/pkg/util/validation and the
// small helpers of pkg/apis/core/validation): port numbers and names, config keys, environment
// variable names, percentages, IP addresses and CIDRs, and the generic field checks
// (non-negative, immutable). Each is<X> returns upstream's messages; callers wrap them.

import { isIPv4, isIPv6 } from 'node:net';
import { goQuote } from '../machinery/goFormat.js';
import { deepEqual } from '../machinery/jsonEqual.js';
import { byteLength, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, maxLenError, regexError } from '../machinery/validation.js';
import { FIELD_IMMUTABLE, IS_NEGATIVE, type FieldError, invalid } from './field.js';

export const inclusiveRangeError = (lo: number, hi: number): string => `must be between ${lo} and ${hi}, inclusive`;

/** IsValidPortNum: 1..65535. */
export function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 && Number.isInteger(port) ? [] : [inclusiveRangeError(1, 65535)];
}

/** IsValidPortName: an IANA service name (at most 15 characters, a letter, no double hyphen). */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (byteLength(port) > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

const CONFIG_MAP_KEY_FMT = '[-._a-zA-Z0-9]+';
const CONFIG_MAP_KEY_ERR = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";

/** IsConfigMapKey: keys of ConfigMap and Secret data (they become file names). */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 253) errs.push(maxLenError(253));
  if (!new RegExp(`^${CONFIG_MAP_KEY_FMT}$`).test(value)) errs.push(regexError(CONFIG_MAP_KEY_ERR, CONFIG_MAP_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'));
  if (value === '.') errs.push("must not be '.'");
  else if (value === '..') errs.push("must not be '..'");
  else if (value.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/** IsRelaxedEnvVarName (RelaxedEnvironmentVariableValidation, on since 1.32): printable ASCII but '='. */
export function isRelaxedEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (value.length === 0) errs.push('environment variable name must be non-empty');
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if (cp > 0x7e || cp < 0x20 || ch === '=') {
      errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
      break;
    }
  }
  return errs;
}

/** IsValidPercent: digits followed by '%'. */
export function isValidPercent(value: string): string[] {
  return /^[0-9]+%$/.test(value) ? [] : [regexError("a valid percent string must be a numeric string followed by an ending '%'", '[0-9]+%', '1%', '93%')];
}

/** IsHTTPHeaderName. */
export function isHTTPHeaderName(value: string): string[] {
  return /^[-A-Za-z0-9]+$/.test(value) ? [] : [regexError("a valid HTTP header must consist of alphanumeric characters or '-'", '[-A-Za-z0-9]+', 'X-Header-Name')];
}

const WILDCARD_FMT = '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';

/** IsWildcardDNS1123Subdomain: "*." followed by a DNS subdomain. */
export function isWildcardDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 253) errs.push(maxLenError(253));
  if (!new RegExp(`^${WILDCARD_FMT}$`).test(value)) {
    errs.push(regexError(
      "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character",
      WILDCARD_FMT, '*.example.com'));
  }
  return errs;
}

/** An IP address as Go's sloppy parser reads it (IPv4 with leading zeros tolerated). */
export function parseIPSloppy(value: string): 4 | 6 | undefined {
  if (isIPv6(value)) return 6;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value) && value.split('.').every((p) => Number(p) <= 255)) return 4;
  return isIPv4(value) ? 4 : undefined;
}

/** IsValidIP (field form). */
export function validateIP(fldPath: string, value: string): FieldError[] {
  return parseIPSloppy(value) ? [] : [invalid(fldPath, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

/** The address family and prefix of a CIDR as ParseCIDRSloppy accepts it. */
export function parseCIDRSloppy(value: string): { family: 4 | 6; ip: string; prefix: number } | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) return undefined;
  const ip = value.slice(0, slash);
  const bits = value.slice(slash + 1);
  const family = parseIPSloppy(ip);
  if (!family || !/^\d+$/.test(bits)) return undefined;
  const prefix = Number(bits);
  if (prefix > (family === 4 ? 32 : 128)) return undefined;
  return { family, ip, prefix };
}

/** IsValidCIDR (field form, legacy sloppy parsing). */
export function validateCIDR(fldPath: string, value: string): FieldError[] {
  return parseCIDRSloppy(value) ? [] : [invalid(fldPath, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

/** ValidateNonnegativeField. */
export function validateNonnegative(value: number, fldPath: string): FieldError[] {
  return value < 0 ? [invalid(fldPath, value, IS_NEGATIVE)] : [];
}

/** ValidateImmutableField: `value` is what the error shows (the new value). */
export function validateImmutable(next: unknown, prev: unknown, fldPath: string, value: unknown = next): FieldError[] {
  return deepEqual(next ?? null, prev ?? null) ? [] : [invalid(fldPath, value, FIELD_IMMUTABLE)];
}

/** Messages of a DNS-1123 label check, wrapped as Invalid errors (ValidateDNS1123Label). */
export const dnsLabelErrors = (value: string, fldPath: string): FieldError[] => isDNS1123Label(value).map((m) => invalid(fldPath, value, m));

/** ValidateDNS1123Subdomain. */
export const dnsSubdomainErrors = (value: string, fldPath: string): FieldError[] => isDNS1123Subdomain(value).map((m) => invalid(fldPath, value, m));

/** ValidateQualifiedName. */
export const qualifiedNameErrors = (value: string, fldPath: string): FieldError[] => isQualifiedName(value).map((m) => invalid(fldPath, value, m));

/** Messages of a name rule (ValidateNameFunc) wrapped as Invalid errors. */
export const nameErrors = (fn: (v: string, prefix: boolean) => string[], value: string, fldPath: string): FieldError[] =>
  fn(value, false).map((m) => invalid(fldPath, value, m));

/** Go's strconv.Atoi error text for a value that is not an integer. */
export const atoiError = (s: string): string => `strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`;
