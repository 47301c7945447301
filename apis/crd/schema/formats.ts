// String formats custom objects are validated against (kube-openapi strfmt.Default, as
// apiextensions-apiserver's StripUnsupportedFormatsPostProcessorForVersion filters it). Names are
// matched as go-openapi does, with dashes removed ("date-time" is "datetime").
//
// Kubernetes 1.34 validates objects with its minimum compatibility version, 1.33, so the formats
// introduced for 1.34 (k8s-short-name, k8s-long-name) are ignored on objects; they are checked in
// schema defaults, which upstream validates without the version filter.

import { RE2JS } from '@bufbuild/re2';
import { isRequestURI } from './goUrl.js';
import { isEmail } from './goMail.js';
import {
  isBSONObjectID,
  isCIDR,
  isCreditCard,
  isDate,
  isDateTime,
  isDuration,
  isIPv4,
  isIPv6,
  isISBN,
  isMAC,
} from './formatChecks.js';

/** go-openapi's format name normalisation. */
export const normalizeFormat = (name: string): string => name.replaceAll('-', '');

const re2 = (pattern: string) => {
  const re = RE2JS.compile(pattern);
  return (s: string) => re.test(s);
};

const HOSTNAME = re2(String.raw`^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z\p{L}]){2,63})$`);
const utf8Length = (s: string) => Buffer.byteLength(s, 'utf8');

function isHostname(s: string): boolean {
  return HOSTNAME(s) && utf8Length(s) <= 255 && s.split('.').every((p) => utf8Length(p) <= 63);
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const UUID3 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const UUID4 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const UUID5 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;
const SHORT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LONG_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Every format of strfmt.Default, by normalised name. */
const REGISTRY: Record<string, (s: string) => boolean> = {
  bsonobjectid: isBSONObjectID,
  uri: isRequestURI,
  email: isEmail,
  hostname: isHostname,
  ipv4: isIPv4,
  ipv6: isIPv6,
  cidr: isCIDR,
  mac: isMAC,
  uuid: (s) => UUID.test(s),
  uuid3: (s) => UUID3.test(s),
  uuid4: (s) => UUID4.test(s),
  uuid5: (s) => UUID5.test(s),
  isbn: (s) => isISBN(s, 10) || isISBN(s, 13),
  isbn10: (s) => isISBN(s, 10),
  isbn13: (s) => isISBN(s, 13),
  creditcard: isCreditCard,
  ssn: (s) => s.length === 11 && /^\d{3}[- ]?\d{2}[- ]?\d{4}$/.test(s),
  hexcolor: (s) => /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(s),
  rgbcolor: (s) => /^rgb\(\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*\)$/.test(s),
  byte: (s) => BASE64.test(s),
  password: () => true,
  date: isDate,
  duration: isDuration,
  datetime: isDateTime,
  k8sshortname: (s) => s.length <= 63 && SHORT_NAME.test(s),
  k8slongname: (s) => s.length <= 253 && LONG_NAME.test(s),
};

/** Formats validated on custom objects at compatibility version 1.33 (all but the 1.34 additions). */
const OBJECT_FORMATS = new Set(Object.keys(REGISTRY).filter((f) => f !== 'k8sshortname' && f !== 'k8slongname'));

/** Where a format is looked up: objects (version-filtered) or schema defaults (all of strfmt). */
export type FormatScope = 'objects' | 'defaults';

/** The normalised name of `format` when it is validated in `scope`, else undefined. */
export function knownFormat(format: string, scope: FormatScope): string | undefined {
  const name = normalizeFormat(format);
  if (!Object.prototype.hasOwnProperty.call(REGISTRY, name)) return undefined;
  return scope === 'defaults' || OBJECT_FORMATS.has(name) ? name : undefined;
}

/** The validator of a normalised format name. */
export const formatValidator = (name: string): ((s: string) => boolean) => REGISTRY[name];

export const FORMAT_NAMES: readonly string[] = Object.keys(REGISTRY);
