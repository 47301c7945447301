import { describe, expect, it } from 'vitest';
import { fieldErrorText } from '../../errors.js';
import { compileSchemaRules, type JSONSchema, type ValidationRule } from './index.js';

const BASE = 'spec.validation.openAPIV3Schema';
const errorsOf = (schema: JSONSchema): string[] => compileSchemaRules(schema, BASE).errors.map(fieldErrorText);
const typesOf = (schema: JSONSchema): string[] => compileSchemaRules(schema, BASE).errors.map((e) => `${e.type} ${e.field}`);

/** A schema whose `spec` property carries the given rules. */
const specWith = (rules: ValidationRule[], properties: Record<string, JSONSchema> = { replicas: { type: 'integer' }, name: { type: 'string', maxLength: 10 } }): JSONSchema => ({
  type: 'object',
  properties: { spec: { type: 'object', properties, 'x-kubernetes-validations': rules } },
});

const RULE_PATH = `${BASE}.properties[spec].x-kubernetes-validations[0]`;

describe('compileSchemaRules: compile errors', () => {
  it('accepts well-typed rules', () => {
    expect(errorsOf(specWith([{ rule: 'self.replicas >= 0' }, { rule: "self.name.startsWith('a')", messageExpression: "'bad name ' + self.name" }]))).toEqual([]);
  });

  it('reports type errors as cel-go prints them, with the offending rule', () => {
    expect(errorsOf(specWith([{ rule: 'self.foo == 1' }]))).toEqual([
      `${RULE_PATH}.rule: Invalid value: apiextensions.ValidationRule{Rule:"self.foo == 1", Message:"", MessageExpression:"", Reason:(*apiextensions.FieldValueErrorReason)(nil), FieldPath:"", OptionalOldSelf:(*bool)(nil)}: compilation failed: ERROR: <input>:1:5: undefined field 'foo'\n | self.foo == 1\n | ....^`,
    ]);
  });

  it('reports overload, reference and syntax errors at their positions', () => {
    const detail = (rule: string) => errorsOf(specWith([{ rule }]))[0].replace(/^.*?compilation failed: /s, '');
    expect(detail("self.replicas + 'x' > 0")).toBe("ERROR: <input>:1:15: found no matching overload for '_+_' applied to '(int, string)'\n | self.replicas + 'x' > 0\n | ..............^");
    expect(detail('self.name.size(1) > 0')).toBe("ERROR: <input>:1:15: found no matching overload for 'size' applied to 'string.(int)'\n | self.name.size(1) > 0\n | ..............^");
    expect(detail('fakeFunction(self)')).toBe("ERROR: <input>:1:13: undeclared reference to 'fakeFunction' (in container '')\n | fakeFunction(self)\n | ............^");
    expect(detail('self.replicas == 1.0')).toContain("found no matching overload for '_==_' applied to '(int, double)'");
    expect(detail('[1, "a"].size() > 0')).toBe("ERROR: <input>:1:5: expected type 'int' but found 'string'\n | [1, \"a\"].size() > 0\n | ....^");
    expect(detail("self.name.matches('(')")).toBe("ERROR: <input>:1:19: invalid matches argument\n | self.name.matches('(')\n | ..................^");
    expect(detail('self.replicas >')).toMatch(/^ERROR: <input>:1:\d+: Syntax error: /);
    expect(detail('self.?name == "a"')).toMatch(/^ERROR: <input>:1:5: Syntax error: /);
    expect(detail('has(self)')).toBe('ERROR: <input>:1:5: invalid argument to has() macro\n | has(self)\n | ....^');
    expect(detail("self.name == 'é' && self.nope")).toBe("ERROR: <input>:1:25: undefined field 'nope'\n | self.name == 'é' && self.nope\n | ..............．.........^");
    expect(detail('self.replicas.all(x, x > 0)')).toBe(
      "ERROR: <input>:1:5: expression of type 'int' cannot be range of a comprehension (must be list, map, or dynamic)\n | self.replicas.all(x, x > 0)\n | ....^",
    );
  });

  it('requires rules to be bool and messageExpressions to be string', () => {
    expect(errorsOf(specWith([{ rule: 'self.replicas' }]))[0]).toMatch(/\.rule: Invalid value: apiextensions\.ValidationRule\{.*\}: cel expression must evaluate to a bool$/);
    expect(errorsOf(specWith([{ rule: 'true', messageExpression: 'self.replicas' }]))[0]).toMatch(
      /^spec\.validation\.openAPIV3Schema\.properties\[spec\]\.x-kubernetes-validations\[0\]\.messageExpression: Invalid value: .*: messageExpression must evaluate to a string$/,
    );
    expect(errorsOf(specWith([{ rule: 'true', messageExpression: 'self.nope' }]))[0]).toContain("messageExpression compilation failed: ERROR: <input>:1:5: undefined field 'nope'");
  });

  it('lets root rules read apiVersion, kind and metadata.name/generateName only', () => {
    const root = (rule: string) => errorsOf({ type: 'object', properties: { spec: { type: 'object' } }, 'x-kubernetes-validations': [{ rule }] });
    expect(root("self.apiVersion != '' && self.kind != '' && self.metadata.name != '' && self.metadata.generateName != ''")).toEqual([]);
    expect(root("self.metadata.labels['a'] == 'b'")[0]).toContain("undefined field 'labels'");
  });

  it('escapes property names that are not CEL identifiers', () => {
    const schema = specWith([{ rule: "self.x__dash__y == 'a' && self.__namespace__ == 'b' && self.a__dot__b == 'c'" }], {
      'x-y': { type: 'string', maxLength: 5 },
      namespace: { type: 'string', maxLength: 5 },
      'a.b': { type: 'string', maxLength: 5 },
    });
    expect(errorsOf(schema)).toEqual([]);
  });

  it('cannot give rules on untyped preserved fields a type', () => {
    const schema: JSONSchema = { type: 'object', properties: { raw: { 'x-kubernetes-preserve-unknown-fields': true, 'x-kubernetes-validations': [{ rule: 'true' }] } } };
    expect(errorsOf(schema)).toEqual([
      `${BASE}.properties[raw].x-kubernetes-validations: Forbidden: internal error: failed to construct type information for x-kubernetes-validations rules: unable to convert structural schema to CEL declarations`,
    ]);
  });
});

describe('compileSchemaRules: rule field checks', () => {
  it('reports empty rules, bad messages, reasons and field paths', () => {
    expect(
      errorsOf(
        specWith([
          { rule: '  ' },
          { rule: 'true', message: '  ' },
          { rule: 'true', message: 'two\nlines' },
          { rule: 'true ||\nfalse' },
          { rule: 'true', messageExpression: ' ' },
          { rule: 'true', reason: 'FieldValueNope' },
          { rule: 'true', fieldPath: '.nope' },
          { rule: 'true', fieldPath: ' ' },
        ]),
      ),
    ).toEqual([
      `${BASE}.properties[spec].x-kubernetes-validations[0].rule: Required value: rule is not specified`,
      `${BASE}.properties[spec].x-kubernetes-validations[1].message: Invalid value: "  ": must be non-empty if specified`,
      `${BASE}.properties[spec].x-kubernetes-validations[2].message: Invalid value: "two\\nlines": must not contain line breaks`,
      `${BASE}.properties[spec].x-kubernetes-validations[3].message: Required value: message must be specified if rule contains line breaks`,
      `${BASE}.properties[spec].x-kubernetes-validations[4].messageExpression: Required value: messageExpression must be non-empty if specified`,
      `${BASE}.properties[spec].x-kubernetes-validations[5].reason: Unsupported value: "FieldValueNope": supported values: "FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"`,
      `${BASE}.properties[spec].x-kubernetes-validations[6].fieldPath: Invalid value: ".nope": must be a valid path`,
      `${BASE}.properties[spec].x-kubernetes-validations[7].fieldPath: Invalid value: " ": must be non-empty if specified`,
      `${BASE}.properties[spec].x-kubernetes-validations[7].fieldPath: Invalid value: " ": must be a valid path`,
    ]);
  });

  it('skips compiling rules while the rules or their subtree have schema errors', () => {
    const schema: JSONSchema = {
      type: 'object',
      properties: { spec: { type: 'object', properties: { x: { type: 'string', 'x-kubernetes-validations': [{ rule: '' }] } }, 'x-kubernetes-validations': [{ rule: 'self.nope' }] } },
    };
    expect(typesOf(schema)).toEqual([`Required ${BASE}.properties[spec].properties[x].x-kubernetes-validations[0].rule`]);
  });
});

describe('compileSchemaRules: transition rules', () => {
  const itemRule = (list: JSONSchema, rule: ValidationRule): JSONSchema => ({
    type: 'object',
    properties: { value: { ...list, type: 'array', maxItems: 10, items: { type: 'string', maxLength: 10, 'x-kubernetes-validations': [rule] } } },
  });

  it('refuses oldSelf below atomic and set lists', () => {
    expect(errorsOf(itemRule({ 'x-kubernetes-list-type': 'atomic' }, { rule: 'self == oldSelf' }))).toEqual([
      `${BASE}.properties[value].items.x-kubernetes-validations[0].rule: Invalid value: "self == oldSelf": oldSelf cannot be used on the uncorrelatable portion of the schema within ${BASE}.properties[value]`,
    ]);
    expect(typesOf(itemRule({}, { rule: 'self == oldSelf' }))).toEqual([`Invalid ${BASE}.properties[value].items.x-kubernetes-validations[0].rule`]);
    expect(typesOf(itemRule({ 'x-kubernetes-list-type': 'set' }, { rule: 'self == oldSelf.orValue("")', optionalOldSelf: true }))).toEqual([`Invalid ${BASE}.properties[value].items.x-kubernetes-validations[0].rule`]);
  });

  it('allows oldSelf on lists themselves, on map-list items and on granular or atomic maps', () => {
    const mapList: JSONSchema = {
      type: 'object',
      properties: {
        value: {
          type: 'array',
          maxItems: 10,
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          'x-kubernetes-validations': [{ rule: 'self == oldSelf' }],
          items: { type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 5 } }, 'x-kubernetes-validations': [{ rule: 'self == oldSelf' }] },
        },
        atomicMap: { type: 'object', 'x-kubernetes-map-type': 'atomic', properties: { x: { type: 'string', maxLength: 5, 'x-kubernetes-validations': [{ rule: 'self == oldSelf' }] } } },
      },
    };
    expect(errorsOf(mapList)).toEqual([]);
  });

  it('refuses oldSelf below maps of an unrecognized map type', () => {
    const schema: JSONSchema = {
      type: 'object',
      properties: { value: { type: 'object', 'x-kubernetes-map-type': 'future', properties: { subfield: { type: 'string', maxLength: 10, 'x-kubernetes-validations': [{ rule: 'self == oldSelf' }] } } } },
    };
    expect(typesOf(schema)).toEqual([`Invalid ${BASE}.properties[value].properties[subfield].x-kubernetes-validations[0].rule`]);
  });

  it('refuses optionalOldSelf on rules that do not use oldSelf', () => {
    expect(errorsOf(specWith([{ rule: 'self.replicas > 0', optionalOldSelf: false }]))).toEqual([
      `${BASE}.properties[spec].x-kubernetes-validations[0].optionalOldSelf: Invalid value: false: may not be set if oldSelf is not used in rule`,
    ]);
  });

  it('types oldSelf as optional under optionalOldSelf', () => {
    expect(errorsOf(specWith([{ rule: 'oldSelf.hasValue() ? oldSelf.value().replicas <= self.replicas : true', optionalOldSelf: true }]))).toEqual([]);
    expect(errorsOf(specWith([{ rule: 'oldSelf.replicas <= self.replicas', optionalOldSelf: true }]))[0]).toContain(
      "found no matching overload for '_<=_' applied to '(optional_type(int), int)'",
    );
  });
});

describe('compileSchemaRules: cost limits (upstream validation_test.go cases)', () => {
  const doubleNested = (keyMaxLength?: number, maxItems?: number, maxProperties?: number): JSONSchema => ({
    type: 'object',
    properties: {
      value: {
        type: 'array',
        maxItems,
        items: {
          type: 'object',
          maxProperties,
          additionalProperties: { type: 'object', required: ['key'], properties: { key: { type: 'string', maxLength: keyMaxLength } } },
        },
        'x-kubernetes-validations': [{ rule: 'self.all(x, x.all(y, x[y].key == x[y].key))' }],
      },
    },
  });

  it('forbids a double-nested rule without limits', () => {
    expect(errorsOf(doubleNested())).toEqual([
      `${BASE}.properties[value].x-kubernetes-validations[0].rule: Forbidden: estimated rule cost exceeds budget by factor of more than 100x (try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)`,
      `${BASE}.properties[value].x-kubernetes-validations[0].rule: Forbidden: contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema`,
      `${BASE}: Forbidden: x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema exceeds budget by factor of more than 100x (try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)`,
    ]);
    expect(typesOf(doubleNested(10))).toHaveLength(3);
    // An unchanged schema on update keeps only the schema-wide total.
    expect(compileSchemaRules(doubleNested(), BASE, { suppressPerExpressionCost: true }).errors.map((e) => `${e.type} ${e.field}`)).toEqual([
      `Forbidden ${BASE}.properties[value].x-kubernetes-validations[0].rule`,
      `Forbidden ${BASE}`,
    ]);
  });

  it('allows it with all three limits set', () => {
    expect(errorsOf(doubleNested(10, 10, 10))).toEqual([]);
  });

  it('multiplies a rule by how often its node can occur', () => {
    const listOf = (maxItems: number | undefined): JSONSchema => ({
      type: 'object',
      properties: {
        value: { type: 'array', maxItems, items: { type: 'string', maxLength: 5000, 'x-kubernetes-validations': [{ rule: "self.contains('keyword')" }] } },
      },
    });
    // One evaluation costs 1 + (5000 * 4 bytes * 0.1) * ceil(7 * 0.1) = 2,001: 2,000 items stay under 10M, 100,000 do not.
    expect(errorsOf(listOf(2000))).toEqual([]);
    expect(errorsOf(listOf(100000))[0]).toBe(
      `${BASE}.properties[value].items.x-kubernetes-validations[0].rule: Forbidden: estimated rule cost exceeds budget by factor of 20.0x (try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)`,
    );
  });

  it('forbids rules whose total exceeds the schema limit, naming the biggest contributors', () => {
    const schema: JSONSchema = {
      type: 'object',
      properties: {
        list: { type: 'array', maxItems: 100000, items: { type: 'string', maxLength: 5000, 'x-kubernetes-validations': [{ rule: "self.contains('keyword')" }] } },
        map: { type: 'object', maxProperties: 1000, additionalProperties: { type: 'string', maxLength: 5000, 'x-kubernetes-validations': [{ rule: "self.contains('keyword')" }] } },
        field: { type: 'integer', 'x-kubernetes-validations': [{ rule: 'self > 50 && self < 100' }] },
      },
    };
    expect(typesOf(schema)).toEqual([
      `Forbidden ${BASE}.properties[list].items.x-kubernetes-validations[0].rule`,
      `Forbidden ${BASE}.properties[list].items.x-kubernetes-validations[0].rule`,
      `Forbidden ${BASE}.properties[map].additionalProperties.x-kubernetes-validations[0].rule`,
      `Forbidden ${BASE}`,
    ]);
  });

  it('checks messageExpression costs too', () => {
    const schema: JSONSchema = {
      type: 'object',
      properties: { f: { type: 'array', items: { type: 'string' }, 'x-kubernetes-validations': [{ rule: 'true', messageExpression: 'string(self[0]) + string(self[1]) + string(self[2])' }] } },
    };
    expect(typesOf(schema)).toEqual([
      `Forbidden ${BASE}.properties[f].x-kubernetes-validations[0].messageExpression`,
      `Forbidden ${BASE}.properties[f].x-kubernetes-validations[0].messageExpression`,
      `Forbidden ${BASE}`,
    ]);
  });
});
