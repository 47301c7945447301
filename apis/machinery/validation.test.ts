import { describe, expect, it } from 'vitest';
import {
  annotationsSize,
  byteLength,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPathSegmentName,
  isValidPathSegmentPrefix,
  maskTrailingDash,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  nameIsPathSegment,
  nameValidator,
  validateAnnotationsSize,
} from './validation.js';

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const QNAME =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

type Case = [value: string, errors: string[]];

describe('isDNS1123Subdomain', () => {
  const cases: Case[] = [
    ['example.com', []],
    ['a', []],
    ['0', []],
    ['a-b.c-d', []],
    ['a'.repeat(253), []],
    ['a'.repeat(254), ['must be no more than 253 characters']],
    ['A', [SUBDOMAIN]],
    ['', [SUBDOMAIN]],
    ['-a', [SUBDOMAIN]],
    ['a-', [SUBDOMAIN]],
    ['a..b', [SUBDOMAIN]],
    ['a_b', [SUBDOMAIN]],
    ['.a', [SUBDOMAIN]],
    [`${'a'.repeat(253)}-`, ['must be no more than 253 characters', SUBDOMAIN]],
    ['café', [SUBDOMAIN]],
  ];
  it.each(cases)('%j', (v, errs) => expect(isDNS1123Subdomain(v)).toEqual(errs));
});

describe('isDNS1123Label', () => {
  const cases: Case[] = [
    ['default', []],
    ['kube-system', []],
    ['1abc', []],
    ['a'.repeat(63), []],
    ['a'.repeat(64), ['must be no more than 63 characters']],
    ['a.b', ['must not contain dots']],
    ['Abc', [LABEL]],
    ['', [LABEL]],
    ['a-', [LABEL]],
  ];
  it.each(cases)('%j', (v, errs) => expect(isDNS1123Label(v)).toEqual(errs));
});

describe('isDNS1035Label', () => {
  const cases: Case[] = [
    ['web', []],
    ['web-1', []],
    ['1web', [DNS1035]],
    ['web.x', [DNS1035]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
  ];
  it.each(cases)('%j', (v, errs) => expect(isDNS1035Label(v)).toEqual(errs));
});

describe('isQualifiedName (label keys, annotation keys, finalizers)', () => {
  const cases: Case[] = [
    ['app', []],
    ['App_Name.v-1', []],
    ['example.com/app', []],
    ['kubernetes.io/metadata.name', []],
    ['a'.repeat(63), []],
    ['a'.repeat(64), ['name part must be no more than 63 characters']],
    ['', ['name part must be non-empty', QNAME]],
    ['/app', ['prefix part must be non-empty']],
    ['example.com/', ['name part must be non-empty', QNAME]],
    ['Example.com/app', [`prefix part ${SUBDOMAIN}`]],
    ['-app', [QNAME]],
    ['app-', [QNAME]],
    ['a b', [QNAME]],
    [
      'a/b/c',
      [
        "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      ],
    ],
  ];
  it.each(cases)('%j', (v, errs) => expect(isQualifiedName(v)).toEqual(errs));
});

describe('isValidLabelValue', () => {
  const cases: Case[] = [
    ['', []],
    ['v1', []],
    ['my_value.1-x', []],
    ['a'.repeat(63), []],
    ['a'.repeat(64), ['must be no more than 63 characters']],
    ['-v', [VALUE]],
    ['a b', [VALUE]],
    ['a/b', [VALUE]],
  ];
  it.each(cases)('%j', (v, errs) => expect(isValidLabelValue(v)).toEqual(errs));
});

describe('path segment names', () => {
  const names: Case[] = [
    ['system:controller:x', []],
    ['Weird Name', []],
    ['.', ["may not be '.'"]],
    ['..', ["may not be '..'"]],
    ['a/b', ["may not contain '/'"]],
    ['a%b', ["may not contain '%'"]],
    ['a/%', ["may not contain '/'", "may not contain '%'"]],
  ];
  it.each(names)('name %j', (v, errs) => expect(isValidPathSegmentName(v)).toEqual(errs));

  const prefixes: Case[] = [
    ['.', []],
    ['..', []],
    ['a/', ["may not contain '/'"]],
  ];
  it.each(prefixes)('prefix %j', (v, errs) => expect(isValidPathSegmentPrefix(v)).toEqual(errs));
});

describe('generateName prefixes (maskTrailingDash)', () => {
  it.each([
    ['web-', 'wea'],
    ['w-', 'a'],
    ['-', '-'],
    ['web', 'web'],
    ['', ''],
  ])('maskTrailingDash(%j) = %j', (v, want) => expect(maskTrailingDash(v)).toBe(want));

  const cases: [fn: string, value: string, prefix: boolean, errs: string[]][] = [
    ['subdomain', 'web-', true, []],
    ['subdomain', 'web-', false, [SUBDOMAIN]],
    // upstream masks the last two characters, so the '.' before the dash is never checked
    ['subdomain', 'web.-', true, []],
    ['subdomain', 'a..b-', true, [SUBDOMAIN]],
    ['subdomain', 'Web-', true, [SUBDOMAIN]],
    ['label', 'ns-', true, []],
    ['label', 'a.b-', true, ['must not contain dots']],
    ['dns1035', 'svc-', true, []],
    ['dns1035', '1svc-', true, [DNS1035]],
    ['path', '..', false, ["may not be '..'"]],
    ['path', '..', true, []],
    ['path', 'a/', true, ["may not contain '/'"]],
  ];
  const fns = { subdomain: nameIsDNSSubdomain, label: nameIsDNSLabel, dns1035: nameIsDNS1035Label, path: nameIsPathSegment };
  it.each(cases)('%s %j prefix=%s', (fn, v, prefix, errs) => {
    expect(fns[fn as keyof typeof fns](v, prefix)).toEqual(errs);
  });

  it('nameValidator maps catalogue rules', () => {
    expect(nameValidator('subdomain')).toBe(nameIsDNSSubdomain);
    expect(nameValidator('label')).toBe(nameIsDNSLabel);
    expect(nameValidator('dns1035')).toBe(nameIsDNS1035Label);
    expect(nameValidator('path')).toBe(nameIsPathSegment);
    expect(nameValidator('any')('Anything/At%All', false)).toEqual([]);
  });
});

describe('sizes', () => {
  it.each([
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['😀', 4],
  ])('byteLength(%j) = %d', (s, n) => expect(byteLength(s)).toBe(n));

  it('annotation size limit is 256 KiB of keys and values', () => {
    expect(annotationsSize({ ab: 'cde' })).toBe(5);
    expect(validateAnnotationsSize({ k: 'v'.repeat(262143) })).toBeUndefined();
    expect(validateAnnotationsSize({ k: 'v'.repeat(262144) })).toBe('annotations size 262145 is larger than limit 262144');
  });
});
