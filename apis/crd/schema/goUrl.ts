// Whether Go's url.ParseRequestURI accepts a string (the "uri" format): an absolute URI or an
// absolute path, with well-formed percent escapes, a valid authority and port.

const CTL = /[\x00-\x1f\x7f]/;
const HEX = /^[0-9A-Fa-f]$/;

/** unescape()'s checks: every % starts a hex pair; in a host, ASCII may not be %-encoded (but %25). */
function validEscapes(s: string, host = false): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '%') {
      if (i + 2 >= s.length || !HEX.test(s[i + 1]) || !HEX.test(s[i + 2])) return false;
      if (host && parseInt(s[i + 1], 16) < 8 && s.slice(i, i + 3) !== '%25') return false;
      i += 2;
    } else if (host && c.charCodeAt(0) < 0x80 && !/[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"]/.test(c)) {
      return false;
    }
  }
  return true;
}

const validOptionalPort = (port: string): boolean => port === '' || /^:[0-9]*$/.test(port);

function validHost(host: string): boolean {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0 || !validOptionalPort(host.slice(i + 1))) return false;
    const zone = host.slice(0, i).indexOf('%25');
    if (zone >= 0) return validEscapes(host.slice(0, zone), true) && validEscapes(host.slice(zone, i)) && validEscapes(host.slice(i), true);
  } else {
    const i = host.lastIndexOf(':');
    if (i >= 0 && !validOptionalPort(host.slice(i))) return false;
  }
  return validEscapes(host, true);
}

const validUserinfo = (s: string): boolean => /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s) && validEscapes(s);

function validAuthority(authority: string): boolean {
  const at = authority.lastIndexOf('@');
  if (!validHost(at < 0 ? authority : authority.slice(at + 1))) return false;
  return at < 0 || validUserinfo(authority.slice(0, at));
}

/** The scheme and the rest, as getScheme splits them; undefined for "missing protocol scheme". */
function splitScheme(raw: string): { scheme: string; rest: string } | undefined {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return { scheme: '', rest: raw };
      continue;
    }
    if (c === ':') return i === 0 ? undefined : { scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
    return { scheme: '', rest: raw };
  }
  return { scheme: '', rest: raw };
}

/** url.ParseRequestURI(raw) returns no error. */
export function isRequestURI(raw: string): boolean {
  if (CTL.test(raw) || raw === '') return false;
  if (raw === '*') return true;
  const split = splitScheme(raw);
  if (!split) return false;
  const { scheme } = split;
  let rest = split.rest;
  if (rest.endsWith('?') && rest.split('?').length === 2) rest = rest.slice(0, -1);
  else if (rest.includes('?')) rest = rest.slice(0, rest.indexOf('?'));
  if (!rest.startsWith('/')) return scheme !== ''; // rootless with a scheme is opaque; else not a request URI
  if (scheme !== '' && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) [authority, rest] = [authority.slice(0, slash), authority.slice(slash)];
    if (!validAuthority(authority)) return false;
  }
  return validEscapes(rest);
}
