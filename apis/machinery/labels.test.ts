import { describe, expect, it } from 'vitest';
import { SelectorError } from './errors.js';
import {
  formatLabelSelector,
  labelSelectorAsSelector,
  newRequirement,
  parseLabelSelector,
  Selector,
  selectorFromSet,
  type LabelSelector,
} from './labels.js';

const keyRegexTail =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const valueRegexTail =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('parseLabelSelector: accepted strings and their canonical form', () => {
  const cases: [input: string, canonical: string][] = [
    ['', ''],
    ['tier=web', 'tier=web'],
    ['tier==web', 'tier==web'],
    ['tier!=web', 'tier!=web'],
    ['tier = web , env = prod', 'env=prod,tier=web'],
    ['zone=a,app=b,mid=c', 'app=b,mid=c,zone=a'],
    ['tier=', 'tier='],
    ['tier= ,env= ', 'env=,tier='],
    ['canary', 'canary'],
    ['!canary', '!canary'],
    ['  !canary  ', '!canary'],
    ['env in (prod, staging)', 'env in (prod,staging)'],
    ['env in (staging,prod,prod)', 'env in (prod,staging)'],
    ['env notin (dev)', 'env notin (dev)'],
    ['env in ()', 'env in ()'],
    ['env in (a,)', 'env in (,a)'],
    ['env in (,a)', 'env in (,a)'],
    ['env in (a,,b)', 'env in (,a,b)'],
    ['in in (in, notin)', 'in in (in,notin)'],
    ['notin=in', 'notin=in'],
    ['example.com/team=payments', 'example.com/team=payments'],
    ['replicas>2', 'replicas>2'],
    ['replicas<10,replicas>2', 'replicas<10,replicas>2'],
  ];
  it.each(cases)('%j → %j', (input, canonical) => {
    expect(parseLabelSelector(input).toString()).toBe(canonical);
  });

  it('newlines and tabs are whitespace', () => {
    expect(parseLabelSelector('a=b,\n\tc').toString()).toBe('a=b,c');
  });
});

describe('parseLabelSelector: errors carry upstream messages', () => {
  const cases: [input: string, message: string][] = [
    ['x=a||y=b', `unable to parse requirement: values[0][x]: Invalid value: "a||y": ${valueRegexTail}`],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['x<a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['component not in (x)', "unable to parse requirement: found 'not', expected: in, notin, =, ==, !=, gt, lt"],
    ['a=b,', "found '', expected: identifier after ','"],
    ['a=b,,c', "found ',', expected: identifier after ','"],
    [',a', "found ',', expected: !, identifier, or 'end of string'"],
    ['=a', "found '=', expected: !, identifier, or 'end of string'"],
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['a=b c', "found 'c', expected: ',' or 'end of string'"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['x in a', "unable to parse requirement: found 'a' expected: '('"],
    ['x in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['x in (a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
    ['x in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['x=(', "unable to parse requirement: found '(', expected: identifier"],
    ['-bad=x', `unable to parse requirement: <nil>: Invalid value: "-bad": ${keyRegexTail}`],
    ['a/b/c', `unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`],
    ['/name=x', 'unable to parse requirement: <nil>: Invalid value: "/name": prefix part must be non-empty'],
    [`k=${'v'.repeat(64)}`, `unable to parse requirement: values[0][k]: Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters`],
  ];
  it.each(cases)('%j', (input, message) => {
    let err: unknown;
    try {
      parseLabelSelector(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SelectorError);
    expect((err as SelectorError).message).toBe(message);
    expect((err as SelectorError).code).toBe(400);
    expect((err as SelectorError).reason).toBe('BadRequest');
  });

  it('maps to a 400 Status', () => {
    try {
      parseLabelSelector('x==a==b');
    } catch (e) {
      expect((e as SelectorError).toStatus()).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: "found '==', expected: ',' or 'end of string'",
        reason: 'BadRequest',
        code: 400,
      });
    }
  });
});

describe('Selector.matches', () => {
  const labels = { app: 'web', tier: 'frontend', replicas: '3', 'example.com/owner': 'team-a' };
  const cases: [selector: string, labels: Record<string, string> | undefined, matches: boolean][] = [
    ['', labels, true],
    ['', undefined, true],
    ['app=web', labels, true],
    ['app==web', labels, true],
    ['app=db', labels, false],
    ['app!=db', labels, true],
    ['missing!=x', labels, true],
    ['app!=web', labels, false],
    ['app', labels, true],
    ['missing', labels, false],
    ['!missing', labels, true],
    ['!app', labels, false],
    ['app in (db,web)', labels, true],
    ['app in (db)', labels, false],
    ['missing in (x)', labels, false],
    ['app notin (db)', labels, true],
    ['app notin (web)', labels, false],
    ['missing notin (x)', labels, true],
    ['replicas>2', labels, true],
    ['replicas>3', labels, false],
    ['replicas<4', labels, true],
    ['app>1', labels, false],
    ['missing>1', labels, false],
    ['app=web,tier=frontend', labels, true],
    ['app=web,tier=backend', labels, false],
    ['example.com/owner=team-a', labels, true],
    ['missing=', labels, false],
    ['missing=', { missing: '' }, true],
  ];
  it.each(cases)('%j on %j → %s', (selector, ls, want) => {
    expect(parseLabelSelector(selector).matches(ls)).toBe(want);
  });
});

describe('Selector helpers', () => {
  it('deterministic order regardless of input order', () => {
    expect(parseLabelSelector('x=a,a=x').toString()).toBe(parseLabelSelector('a=x,x=a').toString());
  });

  it('isEmpty', () => {
    expect(parseLabelSelector('').isEmpty()).toBe(true);
    expect(parseLabelSelector('a').isEmpty()).toBe(false);
    expect(Selector.NOTHING.isEmpty()).toBe(false);
    expect(Selector.NOTHING.matches({})).toBe(false);
    expect(Selector.NOTHING.toString()).toBe('');
  });

  it.each([
    ['app=web', 'app', 'web'],
    ['app==web', 'app', 'web'],
    ['app in (web)', 'app', 'web'],
    ['app in (web,db)', 'app', undefined],
    ['app!=web', 'app', undefined],
    ['tier=x', 'app', undefined],
  ])('requiresExactMatch(%j, %j) = %j', (sel, key, want) => {
    expect(parseLabelSelector(sel).requiresExactMatch(key)).toBe(want);
  });

  it('selectorFromSet sorts keys and matches exactly', () => {
    const s = selectorFromSet({ tier: 'web', app: 'shop' });
    expect(s.toString()).toBe('app=shop,tier=web');
    expect(s.matches({ app: 'shop', tier: 'web', extra: 'x' })).toBe(true);
    expect(s.matches({ app: 'shop' })).toBe(false);
    expect(selectorFromSet({}).isEmpty()).toBe(true);
    expect(selectorFromSet(undefined).isEmpty()).toBe(true);
  });

  it('add keeps requirements sorted', () => {
    const s = parseLabelSelector('m=1').add(newRequirement('a', 'exists', []), newRequirement('z', '!=', ['q']));
    expect(s.toString()).toBe('a,m=1,z!=q');
  });
});

describe('newRequirement', () => {
  const cases: [key: string, op: Parameters<typeof newRequirement>[1], values: string[] | null, error: string | undefined][] = [
    ['x', 'in', ['a'], undefined],
    ['x', 'in', [], 'values: Invalid value: []: for \'in\', \'notin\' operators, values set can\'t be empty'],
    ['x', 'notin', null, 'values: Invalid value: null: for \'in\', \'notin\' operators, values set can\'t be empty'],
    ['x', '=', ['a', 'b'], 'values: Invalid value: ["a","b"]: exact-match compatibility requires one single value'],
    ['x', 'exists', ['a'], 'values: Invalid value: ["a"]: values set must be empty for exists and does not exist'],
    ['x', 'gt', ['1', '2'], "values: Invalid value: [\"1\",\"2\"]: for 'Gt', 'Lt' operators, exactly one value is required"],
    ['x', 'lt', ['9223372036854775808'], "values[0]: Invalid value: \"9223372036854775808\": for 'Gt', 'Lt' operators, the value must be an integer"],
    ['x', 'bogus' as never, [], 'operator: Unsupported value: "bogus": supported values: "in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"'],
    [
      'bad key',
      'in',
      ['a b'],
      `[key: Invalid value: "bad key": ${keyRegexTail}, values[0][bad key]: Invalid value: "a b": ${valueRegexTail}]`,
    ],
  ];
  it.each(cases)('%j %j %j', (key, op, values, error) => {
    if (error === undefined) expect(() => newRequirement(key, op, values)).not.toThrow();
    else expect(() => newRequirement(key, op, values)).toThrow(new SelectorError(error));
  });
});

describe('labelSelectorAsSelector and formatLabelSelector', () => {
  const cases: [name: string, sel: LabelSelector | null | undefined, text: string, matches?: [Record<string, string>, boolean][]][] = [
    ['nil selects nothing', null, '<none>', [[{ a: 'b' }, false]]],
    ['undefined selects nothing', undefined, '<none>', [[{}, false]]],
    ['empty selects everything', {}, '<none>', [[{ a: 'b' }, true]]],
    ['empty lists select everything', { matchLabels: {}, matchExpressions: [] }, '<none>', [[{}, true]]],
    ['matchLabels', { matchLabels: { app: 'web', tier: 'fe' } }, 'app=web,tier=fe', [[{ app: 'web', tier: 'fe' }, true], [{ app: 'web' }, false]]],
    [
      'expressions',
      {
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'canary'] },
          { key: 'track', operator: 'NotIn', values: ['beta'] },
          { key: 'owner', operator: 'Exists' },
          { key: 'legacy', operator: 'DoesNotExist', values: [] },
        ],
      },
      'app=web,env in (canary,prod),!legacy,owner,track notin (beta)',
      [
        [{ app: 'web', env: 'prod', owner: 'x' }, true],
        [{ app: 'web', env: 'prod', owner: 'x', legacy: '1' }, false],
        [{ app: 'web', env: 'dev', owner: 'x' }, false],
      ],
    ],
    ['same key in labels and expressions', { matchLabels: { a: '1' }, matchExpressions: [{ key: 'a', operator: 'Exists' }] }, 'a=1,a'],
    ['bad operator', { matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] }, '<error>'],
    ['in without values', { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, '<error>'],
  ];
  it.each(cases)('%s', (_name, sel, text, matches) => {
    expect(formatLabelSelector(sel)).toBe(text);
    for (const [labels, want] of matches ?? []) expect(labelSelectorAsSelector(sel).matches(labels)).toBe(want);
  });

  it.each([
    [{ matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] }, '"Equals" is not a valid label selector operator'],
    [{ matchExpressions: [{ key: 'a', operator: 'In' }] }, "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty"],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, 'values: Invalid value: ["x"]: values set must be empty for exists and does not exist'],
    [{ matchLabels: { 'a b': 'x' } }, `key: Invalid value: "a b": ${keyRegexTail}`],
  ])('conversion error %#', (sel, message) => {
    expect(() => labelSelectorAsSelector(sel as LabelSelector)).toThrow(new SelectorError(message));
  });
});
