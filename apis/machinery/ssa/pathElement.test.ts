import { describe, expect, it } from 'vitest';
import {
  PathElement,
  PathElementError,
  compareElements,
  compareStrings,
  compareValues,
  elementString,
  fieldElement,
  goQuote,
  indexElement,
  keyElement,
  parseElement,
  path,
  pathString,
  serializeElement,
  valueElement,
} from './pathElement.js';

describe('FieldsV1 keys', () => {
  const cases: [string, PathElement, string][] = [
    ['field', fieldElement('image'), 'f:image'],
    ['field with dots and slashes', fieldElement('kubectl.kubernetes.io/last-applied-configuration'), 'f:kubectl.kubernetes.io/last-applied-configuration'],
    ['key', keyElement({ name: 'nginx' }), 'k:{"name":"nginx"}'],
    ['key fields sorted by name', keyElement({ protocol: 'TCP', containerPort: 80 }), 'k:{"containerPort":80,"protocol":"TCP"}'],
    ['set member string', valueElement('example.com/fin'), 'v:"example.com/fin"'],
    ['set member number', valueElement(3), 'v:3'],
    ['set member bool', valueElement(true), 'v:true'],
    ['index', indexElement(2), 'i:2'],
    ['HTML characters escaped like Go', valueElement('a<b>&c'), 'v:"a\\u003cb\\u003e\\u0026c"'],
  ];
  it.each(cases)('serializes a %s', (_, pe, text) => {
    expect(serializeElement(pe)).toBe(text);
  });
  it.each(cases)('parses a %s back', (_, pe, text) => {
    expect(parseElement(text)).toEqual(pe);
  });

  it('parses key objects in any key order', () => {
    expect(parseElement('k:{"protocol":"TCP","containerPort":80}')).toEqual(keyElement({ containerPort: 80, protocol: 'TCP' }));
  });

  it('drops unknown element types and rejects malformed keys', () => {
    expect(parseElement('x:whatever')).toBeUndefined();
    expect(() => parseElement('f')).toThrow(PathElementError);
    expect(() => parseElement('fname')).toThrow(PathElementError);
    expect(() => parseElement('k:{"name":')).toThrow(PathElementError);
    expect(() => parseElement('k:["a"]')).toThrow(PathElementError);
    expect(() => parseElement('i:x')).toThrow(PathElementError);
  });
});

describe('ordering', () => {
  it('puts fields before keys, values and indexes', () => {
    const list = [indexElement(0), valueElement('a'), keyElement({ name: 'a' }), fieldElement('z'), fieldElement('a')];
    expect(list.sort(compareElements).map(serializeElement)).toEqual(['f:a', 'f:z', 'k:{"name":"a"}', 'v:"a"', 'i:0']);
  });

  it('orders key values numerically, not as text', () => {
    const ports = [8080, 443, 80, 1000].map((p) => keyElement({ containerPort: p, protocol: 'TCP' }));
    expect(ports.sort(compareElements).map((pe) => (pe.kind === 'key' ? pe.fields[0].value : 0))).toEqual([80, 443, 1000, 8080]);
  });

  it('orders values by type: numbers, strings, booleans, lists, maps, null', () => {
    const values = [null, { a: 1 }, [1], true, 'x', 2];
    expect([...values].sort(compareValues)).toEqual([2, 'x', true, [1], { a: 1 }, null]);
  });

  it('compares strings by code point, as Go does on UTF-8', () => {
    expect(compareStrings('B', 'a')).toBeLessThan(0);
    expect(compareStrings('\uffff', '\u{1f600}')).toBeLessThan(0);
    expect(compareStrings('ab', 'a')).toBeGreaterThan(0);
  });
});

describe('rendering', () => {
  const cases: [PathElement[], string][] = [
    [path('data', 'key1'), '.data.key1'],
    [path('spec', 'template', 'spec', 'containers', keyElement({ name: 'nginx' }), 'image'), '.spec.template.spec.containers[name="nginx"].image'],
    [path('ports', keyElement({ containerPort: 80, protocol: 'TCP' })), '.ports[containerPort=80,protocol="TCP"]'],
    [path('metadata', 'finalizers', valueElement('a/b')), '.metadata.finalizers[="a/b"]'],
    [path('args', indexElement(1)), '.args[1]'],
  ];
  it.each(cases)('renders %j as %s', (p, text) => {
    expect(pathString(p)).toBe(text);
  });

  it('quotes like Go %q', () => {
    expect(goQuote('a"b\\c\n\x01')).toBe('"a\\"b\\\\c\\n\\x01"');
    expect(elementString(valueElement(null))).toBe('[=null]');
  });
});
