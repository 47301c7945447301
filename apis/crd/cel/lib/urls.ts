// The Kubernetes URL library (apiserver/pkg/cel/library/urls.go) over a parser that follows Go's
// url.ParseRequestURI: an absolute URL or an absolute path, no fragment. Accessors return what
// Go's url.URL returns (Host keeps the port and IPv6 brackets, Hostname drops them).

import { celFunc, celMethod, celList, listType, mapType } from '@bufbuild/cel';
import { BOOL, STRING, URL_T, libraryValue, textOf } from './libraryTypes.js';

interface ParsedURL {
  scheme: string;
  opaque: string;
  host: string;
  path: string;
  rawQuery: string;
}

const fail = (raw: string, msg: string): never => {
  throw new Error(`parse ${JSON.stringify(raw)}: ${msg}`);
};

function toURL(s: string) {
  try {
    parseRequestURI(s);
  } catch (e) {
    throw new Error(`URL parse error during conversion from string: ${(e as Error).message}`);
  }
  return libraryValue(URL_T, s);
}

function unescape(raw: string, s: string, plusIsSpace = false): string {
  const t = plusIsSpace ? s.replace(/\+/g, ' ') : s;
  if (/%(?![0-9A-Fa-f]{2})/.test(t)) fail(raw, `invalid URL escape ${JSON.stringify(/%.{0,2}/.exec(t.slice(t.search(/%(?![0-9A-Fa-f]{2})/)))![0])}`);
  try {
    return decodeURIComponent(t);
  } catch {
    return t;
  }
}

/** Go url.ParseRequestURI, reduced to the parts the library exposes. */
export function parseRequestURI(raw: string): ParsedURL {
  if (/[\x00-\x1f\x7f]/.test(raw)) fail(raw, 'net/url: invalid control character in URL');
  if (raw === '') fail(raw, 'empty url');
  const u: ParsedURL = { scheme: '', opaque: '', host: '', path: '', rawQuery: '' };
  if (raw === '*') return { ...u, path: '*' };
  let rest = raw;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(raw);
  if (scheme) {
    u.scheme = scheme[1].toLowerCase();
    rest = raw.slice(scheme[0].length);
  } else if (raw.startsWith(':')) {
    fail(raw, 'missing protocol scheme');
  }
  const q = rest.indexOf('?');
  if (q >= 0) {
    u.rawQuery = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  if (!rest.startsWith('/')) {
    if (u.scheme) return { ...u, opaque: rest };
    fail(raw, 'invalid URI for request');
  }
  if (u.scheme && rest.startsWith('//')) {
    const end = rest.indexOf('/', 2);
    const authority = end < 0 ? rest.slice(2) : rest.slice(2, end);
    rest = end < 0 ? '' : rest.slice(end);
    const at = authority.lastIndexOf('@');
    u.host = at < 0 ? authority : authority.slice(at + 1);
    if (u.host.startsWith('[') ? !/^\[[0-9A-Fa-f:.%]+\](:\d*)?$/.test(u.host) : /:(?!\d*$)/.test(u.host)) {
      fail(raw, `invalid port ${JSON.stringify(u.host.slice(u.host.lastIndexOf(':')))} after host`);
    }
  }
  u.path = unescape(raw, rest);
  return u;
}

function hostname(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}

function port(host: string): string {
  const colon = host.lastIndexOf(':');
  if (colon < 0 || host.indexOf(']', colon) >= 0) return '';
  return host.slice(colon + 1);
}

function query(raw: string, rawQuery: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of rawQuery.split('&')) {
    if (part === '' || part.includes(';')) continue;
    const eq = part.indexOf('=');
    try {
      const k = unescape(raw, eq < 0 ? part : part.slice(0, eq), true);
      const v = eq < 0 ? '' : unescape(raw, part.slice(eq + 1), true);
      out.set(k, [...(out.get(k) ?? []), v]);
    } catch {
      // Go's Query() drops pairs it cannot unescape.
    }
  }
  return out;
}

const parsed = (v: unknown): ParsedURL => parseRequestURI(textOf(v));
const U = URL_T.cel;

export const urlFunctions = [
  celFunc('url', [STRING], U, toURL),
  celFunc('isURL', [STRING], BOOL, (s) => {
    try {
      parseRequestURI(s);
      return true;
    } catch {
      return false;
    }
  }),
  celMethod('getScheme', U, [], STRING, function () {
    return parsed(this).scheme;
  }),
  celMethod('getHost', U, [], STRING, function () {
    return parsed(this).host;
  }),
  celMethod('getHostname', U, [], STRING, function () {
    return hostname(parsed(this).host);
  }),
  celMethod('getPort', U, [], STRING, function () {
    return port(parsed(this).host);
  }),
  celMethod('getEscapedPath', U, [], STRING, function () {
    const u = parsed(this);
    return u.opaque ? '' : encodeURI(u.path).replace(/%25([0-9A-Fa-f]{2})/g, '%$1');
  }),
  celMethod('getQuery', U, [], mapType(STRING, listType(STRING)), function () {
    const q = query(textOf(this), parsed(this).rawQuery);
    return new Map([...q].map(([k, v]) => [k, celList(v)]));
  }),
];
