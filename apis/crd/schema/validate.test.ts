import { describe, expect, it } from 'vitest';
import { compileSchema } from './compile.js';
import type { JSONSchemaProps } from './jsonSchema.js';
import { texts } from './testing.js';

/** The errors of `obj` against a root object schema with one property `field`. */
const fieldErrors = (field: JSONSchemaProps, obj: Record<string, unknown>) => texts(compileSchema({ type: 'object', properties: { field } }).validate(obj));

describe('type, nullable and int-or-string (upstream TestValidateCustomResource)', () => {
  it('reports the JSON type found, quoted, for a non-nullable object field', () => {
    const cases: [unknown, string][] = [
      ['foo', 'string'],
      [42, 'integer'],
      [true, 'boolean'],
      [1.2, 'number'],
      [[], 'array'],
      [null, 'null'],
    ];
    for (const [v, t] of cases) expect(fieldErrors({ type: 'object' }, { field: v })).toEqual([`field: Invalid value: "${t}": field in body must be of type object: "${t}"`]);
    expect(fieldErrors({ type: 'object' }, {})).toEqual([]);
  });

  it('accepts null for nullable fields, and anything for nullable fields without type', () => {
    expect(fieldErrors({ type: 'object', nullable: true }, { field: null })).toEqual([]);
    for (const v of [null, 'foo', 42, true, 1.2, [], {}]) expect(fieldErrors({ nullable: true }, { field: v })).toEqual([]);
  });

  it('types x-kubernetes-int-or-string as integer,string', () => {
    expect(fieldErrors({ 'x-kubernetes-int-or-string': true }, { field: 42 })).toEqual([]);
    expect(fieldErrors({ 'x-kubernetes-int-or-string': true }, { field: 'foo' })).toEqual([]);
    expect(fieldErrors({ 'x-kubernetes-int-or-string': true }, { field: null })).toEqual(['field: Invalid value: "null": field in body must be of type integer,string: "null"']);
    expect(fieldErrors({ 'x-kubernetes-int-or-string': true }, { field: 1.2 })).toEqual(['field: Invalid value: "number": field in body must be of type integer,string: "number"']);
    expect(fieldErrors({ 'x-kubernetes-int-or-string': true, nullable: true }, { field: null })).toEqual([]);
  });

  it('reports a failing anyOf with the errors of its best branch, the int-or-string pattern included', () => {
    const field = { 'x-kubernetes-int-or-string': true, nullable: true, anyOf: [{ type: 'integer' }, { type: 'string' }] };
    expect(fieldErrors(field, { field: true })).toEqual([
      'field: Invalid value: "boolean": field in body must be of type integer,string: "boolean"',
      '<nil>: Invalid value: "": "field" must validate at least one schema (anyOf)',
      'field: Invalid value: "boolean": field in body must be of type integer: "boolean"',
    ]);
    expect(fieldErrors(field, { field: null })).toEqual([]);
  });

  it('summarises a failing allOf after the errors of its branches', () => {
    const field = { 'x-kubernetes-int-or-string': true, nullable: true, allOf: [{ anyOf: [{ type: 'integer' }, { type: 'string' }] }] };
    expect(fieldErrors(field, { field: [] })).toEqual([
      'field: Invalid value: "array": field in body must be of type integer,string: "array"',
      '<nil>: Invalid value: "": "field" must validate at least one schema (anyOf)',
      'field: Invalid value: "array": field in body must be of type integer: "array"',
      '<nil>: Invalid value: "": "field" must validate all the schemas (allOf). None validated',
    ]);
  });

  it('lets a float within 1e-9 of an integer pass as integer, as go-openapi does', () => {
    expect(fieldErrors({ type: 'integer' }, { field: 1000000000.5 })).toEqual([]);
    expect(fieldErrors({ type: 'integer' }, { field: 2.5 })).toEqual(['field: Invalid value: "number": field in body must be of type integer: "number"']);
    expect(fieldErrors({ type: 'number' }, { field: 2 })).toEqual([]);
  });
});

describe('value validations', () => {
  it('reports required fields without the message', () => {
    const s = { type: 'object', required: ['field'], properties: { field: { type: 'object', required: ['nested'], properties: { nested: {} } } } };
    expect(texts(compileSchema(s).validate({ test: 'a' }))).toEqual(['field: Required value']);
    expect(texts(compileSchema(s).validate({ field: {} }))).toEqual(['field.nested: Required value']);
  });

  it('reports enums as NotSupported, listing non-strings as JSON', () => {
    const field = {
      type: 'object',
      required: ['nestedint', 'nestedstring'],
      properties: { nestedint: { type: 'integer', enum: [1, 2] }, nestedstring: { type: 'string', enum: ['a', 'b'] } },
    };
    expect(fieldErrors(field, { field: { nestedint: 'x', nestedstring: true } })).toEqual([
      'field.nestedint: Invalid value: "string": field.nestedint in body must be of type integer: "string"',
      'field.nestedint: Unsupported value: "x": supported values: "1", "2"',
      'field.nestedstring: Invalid value: "boolean": field.nestedstring in body must be of type string: "boolean"',
      'field.nestedstring: Unsupported value: true: supported values: "a", "b"',
    ]);
    expect(fieldErrors({ enum: [{ a: 1 }, null] }, { field: { a: 2 } })).toEqual(['field: Unsupported value: {"a":2}: supported values: "{\\"a\\":1}", "null"']);
  });

  it('compares enum values after Go type conversion, and never matches null', () => {
    expect(fieldErrors({ type: 'number', enum: [1] }, { field: 1.5 })).toEqual([]); // float64 1.5 converts to int64 1
    expect(fieldErrors({ 'x-kubernetes-int-or-string': true, enum: ['a'] }, { field: 97 })).toEqual([]); // string(rune(97))
    expect(fieldErrors({ type: 'string', nullable: true, enum: ['a', null] }, { field: null })).toEqual(['field: Unsupported value: null: supported values: "a", "null"']);
  });

  it('uses TooLong, TooMany and Invalid as upstream maps the limits', () => {
    expect(fieldErrors({ type: 'string', maxLength: 2 }, { field: 'abc' })).toEqual(['field: Too long: may not be more than 2 bytes']);
    expect(fieldErrors({ type: 'string', maxLength: 1 }, { field: 'abc' })).toEqual(['field: Too long: may not be more than 1 byte']);
    expect(fieldErrors({ type: 'string', minLength: 4 }, { field: 'abc' })).toEqual(['field: Invalid value: "abc": field in body should be at least 4 chars long']);
    expect(fieldErrors({ type: 'array', maxItems: 2 }, { field: ['a', 'b', 'c'] })).toEqual(['field: Too many: 3: must have at most 2 items']);
    expect(fieldErrors({ type: 'array', maxItems: 1 }, { field: ['a', 'b'] })).toEqual(['field: Too many: 2: must have at most 1 item']);
    expect(fieldErrors({ type: 'array', minItems: 1 }, { field: [] })).toEqual(['field: Invalid value: 0: field in body should have at least 1 items']);
    expect(fieldErrors({ type: 'object', maxProperties: 2 }, { field: { a: true, b: true, c: true } })).toEqual(['field: Too many: 3: must have at most 2 items']);
    expect(fieldErrors({ type: 'object', minProperties: 1 }, { field: {} })).toEqual(['field: Invalid value: 0: field in body should have at least 1 properties']);
  });

  it('counts string length in characters and stops at the first string failure', () => {
    expect(fieldErrors({ type: 'string', maxLength: 2 }, { field: 'ää' })).toEqual([]);
    expect(fieldErrors({ type: 'string', maxLength: 2, pattern: '^x' }, { field: 'abc' })).toEqual(['field: Too long: may not be more than 2 bytes']);
    expect(fieldErrors({ type: 'string', minLength: 4, pattern: '^x' }, { field: 'abc' })).toEqual(['field: Invalid value: "abc": field in body should be at least 4 chars long']);
    expect(fieldErrors({ type: 'string', pattern: '^x' }, { field: 'abc' })).toEqual(["field: Invalid value: \"abc\": field in body should match '^x'"]);
  });

  it('reports an invalid pattern on every string, with Go regexp error text', () => {
    expect(fieldErrors({ type: 'string', pattern: '+' }, { field: 'foo' })).toEqual([
      "field: Invalid value: \"foo\": field in body should match '+, but pattern is invalid: error parsing regexp: missing argument to repetition operator: `+`'",
    ]);
  });

  it('compares int64 values with limits truncated to int64, floats with the limits as written', () => {
    expect(fieldErrors({ type: 'integer', maximum: 10 }, { field: 11 })).toEqual(['field: Invalid value: 11: field in body should be less than or equal to 10']);
    expect(fieldErrors({ type: 'integer', maximum: 9.5, exclusiveMaximum: true }, { field: 9 })).toEqual(['field: Invalid value: 9: field in body should be less than 9']);
    expect(fieldErrors({ type: 'number', maximum: 9.5, exclusiveMaximum: true }, { field: 9.25 })).toEqual([]);
    expect(fieldErrors({ type: 'number', minimum: 1.5 }, { field: 1.25 })).toEqual(['field: Invalid value: 1.25: field in body should be greater than or equal to 1.5']);
    expect(fieldErrors({ type: 'number', minimum: 0, exclusiveMinimum: true }, { field: -0.5 })).toEqual(['field: Invalid value: -0.5: field in body should be greater than 0']);
    expect(fieldErrors({ type: 'number', maximum: 1000000 }, { field: 1000000.5 })).toEqual(['field: Invalid value: 1.0000005e+06: field in body should be less than or equal to 1e+06']);
  });

  it('checks multipleOf natively, and a factor truncated to zero as an error of its own', () => {
    expect(fieldErrors({ type: 'integer', multipleOf: 3 }, { field: 7 })).toEqual(['field: Invalid value: 7: field in body should be a multiple of 3']);
    expect(fieldErrors({ type: 'number', multipleOf: 0.5 }, { field: 1.25 })).toEqual(['field: Invalid value: 1.25: field in body should be a multiple of 0.5']);
    expect(fieldErrors({ type: 'number', multipleOf: 0.5 }, { field: 1.5 })).toEqual([]);
    expect(fieldErrors({ type: 'number', multipleOf: 0.5 }, { field: 3 })).toEqual(['field: Invalid value: 0: factor MultipleOf declared for field must be positive: 0']);
  });

  it('orders multipleOf, minimum, maximum and reports each', () => {
    expect(fieldErrors({ type: 'integer', multipleOf: 2, maximum: 5, minimum: 9 }, { field: 7 })).toEqual([
      'field: Invalid value: 7: field in body should be a multiple of 2',
      'field: Invalid value: 7: field in body should be greater than or equal to 9',
      'field: Invalid value: 7: field in body should be less than or equal to 5',
    ]);
  });

  it('reports forbidden properties at the parent with the key as value', () => {
    expect(fieldErrors({ type: 'object', additionalProperties: false }, { field: { extra: 1 } })).toEqual(['field: Invalid value: "extra": field.extra in body is a forbidden property']);
  });

  it('names array items with [i] and map values with .key', () => {
    const s = {
      type: 'object',
      properties: {
        list: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
      },
    };
    expect(texts(compileSchema(s).validate({ list: [{ name: 'a' }, { name: 1 }], labels: { 'a.b/c': 2 } }))).toEqual([
      'list[1].name: Invalid value: "integer": list[1].name in body must be of type string: "integer"',
      'labels.a.b/c: Invalid value: "integer": labels.a.b/c in body must be of type string: "integer"',
    ]);
  });
});

describe('junctors', () => {
  const s = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties: { a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string' }, d: { type: 'integer' } },
        anyOf: [{ required: ['a'] }, { required: ['b'] }],
        oneOf: [{ required: ['c'] }, { required: ['d'] }],
        not: { required: ['b', 'c'] },
      },
    },
  };
  const errs = (spec: unknown) => texts(compileSchema(s).validate({ spec }));

  it('reports anyOf with the first of equally good branches', () => {
    expect(errs({ c: 'x' })).toEqual(['<nil>: Invalid value: "": "spec" must validate at least one schema (anyOf)', 'spec.a: Required value']);
  });

  it('counts the passing branches of oneOf, and shows the best failure when none passed', () => {
    expect(errs({ a: 'x' })).toEqual(['<nil>: Invalid value: "": "spec" must validate one and only one schema (oneOf). Found none valid', 'spec.c: Required value']);
    expect(errs({ a: 'x', c: 'y', d: 1 })).toEqual(['<nil>: Invalid value: "": "spec" must validate one and only one schema (oneOf). Found 2 valid alternatives']);
  });

  it('reports not without details', () => {
    expect(errs({ b: 'x', c: 'y' })).toEqual(['<nil>: Invalid value: "": "spec" must not validate the schema (not)']);
  });

  it('prefers the anyOf branch that got furthest (go-openapi MatchCount)', () => {
    const t = {
      type: 'object',
      properties: {
        x: {
          anyOf: [
            { type: 'string' },
            { type: 'object', properties: { a: { type: 'integer' }, b: { type: 'integer' } }, required: ['c'] },
          ],
        },
      },
    };
    expect(texts(compileSchema(t).validate({ x: { a: 1, b: 2 } }))).toEqual(['<nil>: Invalid value: "": "x" must validate at least one schema (anyOf)', 'x.c: Required value']);
  });

  it('reports the same message once', () => {
    const t = { type: 'object', properties: { x: { type: 'object', required: ['a'], allOf: [{ required: ['a'] }, { required: ['a'] }] } } };
    expect(texts(compileSchema(t).validate({ x: {} }))).toEqual(['x.a: Required value', '<nil>: Invalid value: "": "x" must validate all the schemas (allOf). None validated']);
  });
});

describe('formats', () => {
  it('validates the formats upstream registers, by their names without dashes', () => {
    expect(fieldErrors({ type: 'string', format: 'uuid' }, { field: 'nope' })).toEqual(['field: Invalid value: "nope": field in body must be of type uuid: "nope"']);
    expect(fieldErrors({ type: 'string', format: 'date-time' }, { field: '2024-02-30T00:00:00Z' })).toEqual(['field: Invalid value: "2024-02-30T00:00:00Z": field in body must be of type date-time: "2024-02-30T00:00:00Z"']);
    expect(fieldErrors({ type: 'string', format: 'date-time' }, { field: '2024-02-29T23:59:59.5+01:00' })).toEqual([]);
    expect(fieldErrors({ type: 'string', format: 'ipv4' }, { field: '10.0.0.1' })).toEqual([]);
    expect(fieldErrors({ type: 'string', format: 'ipv4' }, { field: '::1' })).toEqual(['field: Invalid value: "::1": field in body must be of type ipv4: "::1"']);
  });

  it('ignores unknown formats and the 1.34 k8s-* formats on objects', () => {
    expect(fieldErrors({ type: 'string', format: 'k8s-long-name' }, { field: 'a.-' })).toEqual([]);
    expect(fieldErrors({ type: 'string', format: 'k8s-short-name' }, { field: 'a-' })).toEqual([]);
    expect(fieldErrors({ type: 'string', format: 'whatever' }, { field: 'x' })).toEqual([]);
    expect(fieldErrors({ type: 'integer', format: 'int32' }, { field: 2 ** 40 })).toEqual([]);
  });

  it('lets a declared format change which types pass, as go-openapi does', () => {
    expect(fieldErrors({ type: 'string', format: 'uuid' }, { field: 5 })).toEqual(['field: Invalid value: "int64": field in body must be of type uuid: "int64"']);
    expect(fieldErrors({ type: 'string', format: 'uuid' }, { field: ['x'] })).toEqual([]);
  });
});

describe('outside OpenAPI', () => {
  it('checks list-type set and map uniqueness', () => {
    const s = {
      type: 'object',
      properties: {
        set: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } },
        map: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, v: { type: 'integer' } } },
        },
      },
    };
    expect(texts(compileSchema(s).validate({ set: ['a', 'b', 'a', 'a'], map: [{ name: 'x', v: 1 }, { name: 'x', v: 2 }] }))).toEqual([
      'set[2]: Duplicate value: "a"',
      'map[1]: Duplicate value: {"name":"x"}',
    ]);
  });

  it('checks embedded resources: TypeMeta required and valid, ObjectMeta valid', () => {
    const s = {
      type: 'object',
      properties: {
        template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
      },
    };
    const c = compileSchema(s);
    expect(texts(c.validate({ template: {} }))).toEqual(['template.apiVersion: Required value', 'template.kind: Required value']);
    expect(texts(c.validate({ template: { apiVersion: 'a/b/c', kind: 'foo.bar', metadata: { name: 'Bad Name' } } }))).toEqual([
      'template.apiVersion: Invalid value: "a/b/c": unexpected GroupVersion string: a/b/c',
      "template.kind: Invalid value: \"foo.bar\": may have mixed case, but should otherwise match: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(texts(c.validate({ template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a/b', labels: { a: 1 } } } }))).toEqual([
      'template.metadata: Invalid value: {"labels":{"a":1},"name":"a/b"}: json: cannot unmarshal number into Go struct field ObjectMeta.labels of type string',
    ]);
    expect(texts(c.validate({ template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a/b' } } }))).toEqual(["template.metadata.name: Invalid value: \"a/b\": may not contain '/'"]);
  });
});
