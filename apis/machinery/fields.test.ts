import { describe, expect, it } from 'vitest';
import { SelectorError } from './errors.js';
import {
  checkSelectableFields,
  escapeFieldValue,
  exactMetadataMatch,
  objectMetaFields,
  parseFieldSelector,
  unescapeFieldValue,
} from './fields.js';

describe('parseFieldSelector', () => {
  const cases: [input: string, canonical: string][] = [
    ['', ''],
    [',', ''],
    ['metadata.name=web', 'metadata.name=web'],
    ['metadata.name==web', 'metadata.name=web'],
    ['status.phase!=Running', 'status.phase!=Running'],
    ['spec.nodeName=', 'spec.nodeName='],
    ['metadata.namespace=b,metadata.name=a', 'metadata.name=a,metadata.namespace=b'],
    ['x=a\\,b', 'x=a\\,b'],
    ['x=a\\=b\\\\c', 'x=a\\=b\\\\c'],
  ];
  it.each(cases)('%j → %j', (input, canonical) => {
    expect(parseFieldSelector(input).toString()).toBe(canonical);
  });

  it('keeps escaped values unescaped in requirements', () => {
    expect(parseFieldSelector('a=x\\,y').requirements).toEqual([{ field: 'a', operator: '=', value: 'x,y' }]);
  });

  const errors: [input: string, message: string][] = [
    ['nooperator', "invalid selector: 'nooperator'; can't understand 'nooperator'"],
    ['a=1,b', "invalid selector: 'a=1,b'; can't understand 'b'"],
    ['x!==y', 'invalid field selector: unescaped character in value: 61'],
    ['x=a=b', 'invalid field selector: unescaped character in value: 61'],
    ['x=a\\b', 'invalid field selector: invalid escape sequence: \\b'],
    ['x=a\\', 'invalid field selector: invalid escape sequence: \\'],
  ];
  it.each(errors)('error for %j', (input, message) => {
    expect(() => parseFieldSelector(input)).toThrow(new SelectorError(message));
  });
});

describe('FieldSelector.matches', () => {
  const pod: Record<string, string> = { 'metadata.name': 'web-1', 'metadata.namespace': 'shop', 'status.phase': 'Running' };
  const get = (f: string) => pod[f];
  const cases: [selector: string, want: boolean][] = [
    ['', true],
    ['metadata.name=web-1', true],
    ['metadata.name=web-2', false],
    ['metadata.name!=web-2', true],
    ['status.phase!=Running', false],
    ['spec.nodeName=', true],
    ['spec.nodeName!=', false],
    ['metadata.name=web-1,metadata.namespace=shop', true],
    ['metadata.name=web-1,metadata.namespace=other', false],
  ];
  it.each(cases)('%j → %s', (sel, want) => {
    expect(parseFieldSelector(sel).matches(get)).toBe(want);
  });
});

describe('escaping', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', 'a\\,b'],
    ['a=b', 'a\\=b'],
    ['a\\b', 'a\\\\b'],
  ])('%j ⇄ %j', (raw, escaped) => {
    expect(escapeFieldValue(raw)).toBe(escaped);
    expect(unescapeFieldValue(escaped)).toBe(raw);
  });
});

describe('checkSelectableFields', () => {
  const cases: [selector: string, extra: string[] | undefined, error: string | undefined][] = [
    ['metadata.name=a,metadata.namespace=b', undefined, undefined],
    ['metadata.name=a', [], undefined],
    ['status.phase=Running', ['spec.nodeName', 'status.phase'], undefined],
    ['status.phase=Running', ['spec.nodeName'], 'field label not supported: status.phase'],
    ['message=whatever', [], 'field label not supported: message'],
    ['foo.bar=baz', undefined, '"foo.bar" is not a known field selector: only "metadata.name", "metadata.namespace"'],
  ];
  it.each(cases)('%j with %j', (sel, extra, error) => {
    const run = () => checkSelectableFields(parseFieldSelector(sel), extra);
    if (error) expect(run).toThrow(new SelectorError(error));
    else expect(run).not.toThrow();
  });
});

describe('exactMetadataMatch and requiresExactMatch', () => {
  const cases: [selector: string, want: ReturnType<typeof exactMetadataMatch>][] = [
    ['', { none: false }],
    ['metadata.name=web', { name: 'web', none: false }],
    ['metadata.name==web,metadata.namespace=shop', { name: 'web', namespace: 'shop', none: false }],
    ['metadata.name!=web', { none: false }],
    ['metadata.name=a,metadata.name=b', { name: 'a', none: true }],
    ['status.phase=Running', { none: false }],
  ];
  it.each(cases)('%j', (sel, want) => {
    expect(exactMetadataMatch(parseFieldSelector(sel))).toEqual(want);
  });

  it('requiresExactMatch', () => {
    const s = parseFieldSelector('metadata.name=web,status.phase!=Failed');
    expect(s.requiresExactMatch('metadata.name')).toBe('web');
    expect(s.requiresExactMatch('status.phase')).toBeUndefined();
  });

  it('transform drops requirements mapped to nothing', () => {
    const s = parseFieldSelector('a=1,b=2').transform((field, value) => (field === 'a' ? { field: '', value: '' } : { field: `x.${field}`, value }));
    expect(s.toString()).toBe('x.b=2');
  });

  it('objectMetaFields', () => {
    expect(objectMetaFields({ metadata: { name: 'n' } })).toEqual({ 'metadata.name': 'n', 'metadata.namespace': '' });
    const get = (f: string) => objectMetaFields({ metadata: { name: 'n', namespace: 'ns' } })[f];
    expect(parseFieldSelector('metadata.namespace=ns').matches(get)).toBe(true);
  });
});
