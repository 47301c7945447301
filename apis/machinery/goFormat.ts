// How Go's fmt and encoding/json print JSON-decoded values (interface{} holding map, slice,
// string, int64, float64, bool or nil). Upstream error messages embed values this way
// ("map: map[image:nginx] does not contain declared merge key: name"), and clients show those
// messages verbatim, so our messages reproduce the Go spelling.

/** Go's strconv.Quote (the %q verb) for a string. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '\v': out += '\\v'; continue;
    }
    if (cp < 0x80) {
      out += cp < 0x20 || cp === 0x7f ? `\\x${cp.toString(16).padStart(2, '0')}` : ch;
    } else if (cp >= 0xd800 && cp <= 0xdfff) {
      out += '\\ufffd'; // a lone surrogate is not valid UTF-8; Go would print the replacement escape
    } else if (/[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch)) {
      out += ch;
    } else if (cp < 0x10000) {
      out += `\\u${cp.toString(16).padStart(4, '0')}`;
    } else {
      out += `\\U${cp.toString(16).padStart(8, '0')}`;
    }
  }
  return `${out}"`;
}

/** Go's %v of a float64 (strconv 'g' with the shortest precision). */
function goFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mantissa, expText] = n.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(n);
}

/** Go's %v of a JSON number: integral values were decoded as int64, others as float64. */
function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return BigInt(n).toString();
  return goFloat(n);
}

/** The Go type name of a JSON-decoded value, as reflect.TypeOf(v) prints it. */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return '[]interface {}';
  switch (typeof v) {
    case 'string': return 'string';
    case 'boolean': return 'bool';
    case 'number': return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? 'int64' : 'float64';
    case 'object': return 'map[string]interface {}';
    default: return typeof v;
  }
}

/** Go's %v of a JSON-decoded value: maps print as map[k:v ...] with sorted keys. */
export function goSprintV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goSprintV).join(' ')}]`;
  switch (typeof v) {
    case 'string': return v;
    case 'boolean': return String(v);
    case 'number': return goNumber(v);
    case 'object': {
      const o = v as Record<string, unknown>;
      return `map[${Object.keys(o).sort().map((k) => `${k}:${goSprintV(o[k])}`).join(' ')}]`;
    }
    default: return String(v);
  }
}

/** Go's %s of a JSON-decoded value: non-strings print as %!s(type=value). */
export function goSprintS(v: unknown): string {
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (Array.isArray(v)) return `[${v.map(goSprintS).join(' ')}]`;
  switch (typeof v) {
    case 'string': return v;
    case 'object': {
      const o = v as Record<string, unknown>;
      return `map[${Object.keys(o).sort().map((k) => `${k}:${goSprintS(o[k])}`).join(' ')}]`;
    }
    default: return `%!s(${goTypeName(v)}=${goSprintV(v)})`;
  }
}

/** Go's json.Marshal of a JSON value: sorted keys, HTML-safe escapes, no whitespace. */
export function goJsonMarshal(v: unknown): string {
  const escape = (s: string) => s.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const enc = (x: unknown): string => {
    if (x === null || x === undefined) return 'null';
    if (Array.isArray(x)) return `[${x.map(enc).join(',')}]`;
    if (typeof x === 'object') {
      const o = x as Record<string, unknown>;
      return `{${Object.keys(o).sort().map((k) => `${escape(JSON.stringify(k))}:${enc(o[k])}`).join(',')}}`;
    }
    if (typeof x === 'string') return escape(JSON.stringify(x));
    return JSON.stringify(x);
  };
  return enc(v);
}
