import { isCelError, isCelList, isCelUint, type CelValue } from '@bufbuild/cel';
import { describe, expect, it } from 'vitest';
import { celTypeOf, declTypeOf } from './declType.js';
import { compileProgram } from './program.js';
import { JSONSchema } from './schema.js';
import { T } from './types.js';
import { ValueConverter } from './values/convert.js';

const SELF: JSONSchema = {
  type: 'object',
  properties: {
    s: { type: 'string', maxLength: 100 },
    ints: { type: 'array', maxItems: 10, items: { type: 'integer' } },
    strs: { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 10 } },
    empty: { type: 'array', maxItems: 10, items: { type: 'number' } },
    set: { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 10 }, 'x-kubernetes-list-type': 'set' },
  },
};
const DATA = { s: 'Hello, World', ints: [3, 1, 2], strs: ['a', 'b', 'c'], empty: [], set: ['x', 'y'] };

/** Compiles and runs one expression with `self` bound to DATA; compile errors throw. */
function run(expr: string): unknown {
  const decl = declTypeOf(SELF, false)!;
  const self = celTypeOf(decl, 'selfType0');
  const compiled = compileProgram(expr, { variables: new Map([['self', self], ['oldSelf', self]]), self: decl });
  if (!compiled.ok) throw new Error(compiled.detail);
  const v = new ValueConverter().convert(DATA, SELF);
  return plain(compiled.program.run({ self: v, oldSelf: v }));
}

function plain(v: CelValue | ReturnType<typeof compileProgram> | unknown): unknown {
  if (isCelError(v)) return `error: ${v.message}`;
  if (isCelList(v)) return [...v].map(plain);
  if (isCelUint(v)) return v.value;
  return v;
}

const typeOf = (expr: string): string => {
  const decl = declTypeOf(SELF, false)!;
  const compiled = compileProgram(expr, { variables: new Map([['self', celTypeOf(decl, 'selfType0')]]), self: decl });
  return compiled.ok ? JSON.stringify(compiled.program.type) : compiled.detail;
};

describe('Kubernetes list library', () => {
  it('isSorted, sum, min, max, indexOf, lastIndexOf', () => {
    expect(run('self.ints.isSorted()')).toBe(false);
    expect(run('[1, 2, 2, 3].isSorted() && self.strs.isSorted()')).toBe(true);
    expect(run('self.ints.sum()')).toBe(6n);
    expect(run('[1.5, 2.5].sum()')).toBe(4);
    expect(run('self.empty.sum()')).toBe(0);
    expect(run('[duration("1m"), duration("30s")].sum() == duration("90s")')).toBe(true);
    expect(run('self.ints.min()')).toBe(1n);
    expect(run('self.strs.max()')).toBe('c');
    expect(run('self.empty.max()')).toBe('error: max called on empty list');
    expect(run('self.ints.indexOf(2)')).toBe(2n);
    expect(run('[1, 2, 1].lastIndexOf(1)')).toBe(2n);
    expect(run("self.strs.indexOf('z')")).toBe(-1n);
    expect(typeOf('self.ints.sum()')).toBe('{"kind":"int"}');
  });

  it('sets extension', () => {
    expect(run('sets.contains([1, 2, 3], [3, 1])')).toBe(true);
    expect(run('sets.equivalent([1, 2, 2], [2, 1])')).toBe(true);
    expect(run('sets.intersects(self.strs, ["c", "d"])')).toBe(true);
  });

  it('set lists concatenate as unions', () => {
    expect(run('self.set + ["y", "z"]')).toEqual(['x', 'y', 'z']);
    expect(run('self.strs + ["a"]')).toEqual(['a', 'b', 'c', 'a']);
  });
});

describe('regex library and matches', () => {
  it('find, findAll and matches use RE2', () => {
    expect(run("self.s.find('[A-Z][a-z]+')")).toBe('Hello');
    expect(run("self.s.findAll('[A-Z][a-z]+')")).toEqual(['Hello', 'World']);
    expect(run("self.s.findAll('[a-z]', 2)")).toEqual(['e', 'l']);
    expect(run("self.s.matches('^Hello')")).toBe(true);
    expect(run("matches(self.s, 'World$')")).toBe(true);
    expect(() => run("self.s.find('(')")).toThrow(/^error parsing regexp: missing closing \)/);
  });
});

describe('strings extension', () => {
  it('provides the upstream string functions', () => {
    expect(run("self.s.lowerAscii() == 'hello, world' && self.s.upperAscii() == 'HELLO, WORLD'")).toBe(true);
    expect(run("self.s.split(', ')")).toEqual(['Hello', 'World']);
    expect(run("self.strs.join('-')")).toBe('a-b-c');
    expect(run("self.s.replace('l', 'L', 2)")).toBe('HeLLo, World');
    expect(run('self.s.substring(7)')).toBe('World');
    expect(run('self.s.substring(0, 5)')).toBe('Hello');
    expect(run("'  x '.trim()")).toBe('x');
    expect(run('self.s.charAt(4)')).toBe('o');
    expect(run("self.s.indexOf('o') == 4 && self.s.lastIndexOf('o') == 8")).toBe(true);
    expect(run("'%s has %d items'.format([dyn(self.s), dyn(size(self.strs))])")).toBe('Hello, World has 3 items');
    // List literals must be homogeneous, as upstream's validator requires (no exemption for format).
    expect(() => run("'%s has %d items'.format([self.s, size(self.strs)])")).toThrow("expected type 'string' but found 'int'");
    expect(run("strings.quote('a\"b')")).toBe('"a\\"b"');
  });
});

describe('standard functions with cel-go behaviour', () => {
  it('converts as cel-go does', () => {
    expect(run('int(duration("1s"))')).toBe(1000000000n);
    expect(run('timestamp(86400) == timestamp("1970-01-02T00:00:00Z")')).toBe(true);
    expect(run('string(1e6) + " " + string(0.5) + " " + string(123456.0)')).toBe('1e+06 0.5 123456');
    expect(run("int('0x10')")).toBe('error: strconv.ParseInt: parsing "0x10": invalid syntax');
    expect(run("uint('42') == 42u")).toBe(true);
    expect(run('duration("1h30m") == duration("90m")')).toBe(true);
  });

  it('reports integer overflow and division by zero', () => {
    expect(run('9223372036854775807 + 1')).toBe('error: int overflow during _+_');
    expect(run('self.ints[0] / 0')).toBe('error: int divide by zero');
  });
});

describe('URL library', () => {
  it('parses request URIs and exposes their parts', () => {
    expect(run("url('https://user@example.com:8443/a%20b?x=1&x=2&y').getScheme()")).toBe('https');
    expect(run("url('https://example.com:8443/p').getHost()")).toBe('example.com:8443');
    expect(run("url('https://[::1]:80/p').getHostname()")).toBe('::1');
    expect(run("url('https://example.com:8443/p').getPort()")).toBe('8443');
    expect(run("url('https://example.com/a%20b').getEscapedPath()")).toBe('/a%20b');
    expect(run("url('/path?x=1&x=2').getQuery()['x']")).toEqual(['1', '2']);
    expect(run("isURL('https://example.com') && isURL('/abs') && !isURL('relative/path')")).toBe(true);
    expect(run("url('relative')")).toBe('error: URL parse error during conversion from string: parse "relative": invalid URI for request');
  });
});

describe('quantity library', () => {
  it('parses, compares and does arithmetic on quantities', () => {
    expect(run("quantity('1Gi') == quantity('1024Mi')")).toBe(true);
    expect(run("quantity('500m').isLessThan(quantity('1')) && quantity('2').isGreaterThan(quantity('1500m'))")).toBe(true);
    expect(run("quantity('1.5').compareTo(quantity('1500m'))")).toBe(0n);
    expect(run("quantity('2Ki').asInteger()")).toBe(2048n);
    expect(run("quantity('1500m').isInteger()")).toBe(false);
    expect(run("quantity('1500m').asInteger()")).toBe('error: cannot convert value to integer');
    expect(run("quantity('250m').asApproximateFloat()")).toBe(0.25);
    expect(run("sign(quantity('-3'))")).toBe(-1n);
    expect(run("quantity('1').add(quantity('500m')) == quantity('1.5') && quantity('1').sub(2) == quantity('-1')")).toBe(true);
    expect(run("isQuantity('1Gi') && !isQuantity('1GiB')")).toBe(true);
    expect(run("quantity('x')")).toBe("error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });
});

describe('IP and CIDR libraries', () => {
  it('parses addresses as netip does', () => {
    expect(run("ip('10.0.0.1').family() == 4 && ip('2001:db8::1').family() == 6")).toBe(true);
    expect(run("ip('127.0.0.1').isLoopback() && ip('::').isUnspecified() && ip('fe80::1').isLinkLocalUnicast() && ip('ff02::1').isLinkLocalMulticast()")).toBe(true);
    expect(run("ip('8.8.8.8').isGlobalUnicast() && !ip('255.255.255.255').isGlobalUnicast()")).toBe(true);
    expect(run("string(ip('2001:DB8:0:0:0:0:0:1'))")).toBe('2001:db8::1');
    expect(run("ip.isCanonical('2001:db8::1') && !ip.isCanonical('2001:DB8::1')")).toBe(true);
    expect(run("isIP('1.2.3.4') && !isIP('01.2.3.4') && !isIP('::ffff:1.2.3.4') && !isIP('fe80::1%eth0')")).toBe(true);
    expect(run("ip('1.2.3') == ip('1.2.3.4')")).toBe('error: IP Address "1.2.3" parse error during conversion from string: ParseAddr("1.2.3"): unable to parse IP');
  });

  it('tests containment and masks prefixes', () => {
    expect(run("cidr('10.0.0.0/8').containsIP('10.1.2.3') && !cidr('10.0.0.0/8').containsIP(ip('11.0.0.1'))")).toBe(true);
    expect(run("cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16') && !cidr('10.1.0.0/16').containsCIDR(cidr('10.0.0.0/8'))")).toBe(true);
    expect(run("cidr('192.168.1.5/24').masked() == cidr('192.168.1.0/24') && cidr('192.168.1.5/24').prefixLength() == 24")).toBe(true);
    expect(run("string(cidr('192.168.1.5/24').ip())")).toBe('192.168.1.5');
    expect(run("isCIDR('2001:db8::/32') && !isCIDR('10.0.0.0/33')")).toBe(true);
  });
});

describe('format library', () => {
  it('validates with named formats and returns optional messages', () => {
    expect(run("format.dns1123Label().validate('my-name').hasValue()")).toBe(false);
    const messages = run("format.dns1123Label().validate('My_Name').value()") as string[];
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'/);
    expect(run("format.named('uuid').value().validate('not-a-uuid').value()")).toEqual(['does not match the UUID format']);
    expect(run("format.named('nope').hasValue()")).toBe(false);
    expect(run("!format.date().validate('2024-02-29').hasValue() && format.date().validate('2023-02-29').hasValue()")).toBe(true);
  });
});

describe('semver library', () => {
  it('parses and compares semantic versions', () => {
    expect(run("semver('1.2.3').isLessThan(semver('1.10.0')) && semver('1.0.0-alpha').isLessThan(semver('1.0.0'))")).toBe(true);
    expect(run("semver('v1.2', true).major() == 1 && semver('v1.2', true).minor() == 2 && semver('1.2.3').patch() == 3")).toBe(true);
    expect(run("isSemver('1.2.3') && !isSemver('v1.2.3') && isSemver('v01.2', true)")).toBe(true);
  });
});

describe('optional values', () => {
  it('supports the optional functions', () => {
    expect(run('optional.of(1).hasValue() && !optional.none().hasValue()')).toBe(true);
    expect(run('optional.none().orValue(5)')).toBe(5n);
    expect(run("optional.ofNonZeroValue('').or(optional.of('x')).value()")).toBe('x');
    expect(run('optional.none().value()')).toBe('error: optional.none() dereference');
  });

  it('rejects the optional syntax the parser cannot read', () => {
    expect(() => run('self.?s.orValue("")')).toThrow(/Syntax error/);
  });
});

describe('unsupported two-variable comprehensions', () => {
  it('reports them as compile errors', () => {
    expect(() => run('self.ints.all(i, v, v > 0)')).toThrow("two-variable comprehension 'all' is not supported");
    expect(() => run('self.ints.transformList(i, v, v * 2) == []')).toThrow("two-variable comprehension 'transformList' is not supported");
  });
});

describe('types of results', () => {
  it('infers types through the libraries', () => {
    expect(typeOf("url('/a').getQuery()")).toBe(JSON.stringify(T.map(T.string, T.list(T.string))));
    expect(typeOf("cidr('10.0.0.0/8').ip()")).toBe(JSON.stringify(T.opaque('net.IP')));
  });
});
