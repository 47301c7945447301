import { describe, expect, it } from 'vitest';
import type { JSONSchemaProps } from './jsonSchema.js';
import { texts } from './testing.js';
import { type StructuralSchemaOptions, validateStructuralSchema } from './validateStructuralSchema.js';

const P = 'spec.versions[0].schema.openAPIV3Schema';
const check = (schema: unknown, opts?: StructuralSchemaOptions) => texts(validateStructuralSchema(schema, P, opts));
/** A root object schema with the given properties. */
const root = (properties: Record<string, JSONSchemaProps>, extra: JSONSchemaProps = {}) => ({ type: 'object', properties, ...extra });

describe('types and structure', () => {
  it('accepts a structural schema', () => {
    expect(check(root({ spec: { type: 'object', properties: { replicas: { type: 'integer', default: 1 }, list: { type: 'array', items: { type: 'string' } } } } }))).toEqual([]);
  });

  it('requires a type on every specified node', () => {
    expect(check({ properties: { spec: { properties: { a: { type: 'string' } } } } })).toEqual([
      `${P}.properties[spec].type: Required value: must not be empty for specified object fields`,
      `${P}.type: Required value: must not be empty at the root`,
    ]);
    expect(check(root({ list: { type: 'array', items: {} } }))).toEqual([`${P}.properties[list].items.type: Required value: must not be empty for specified array items`]);
    expect(check(root({ list: { type: 'array' } }))).toEqual([`${P}.properties[list].items: Required value: must be specified`]);
  });

  it('lets x-kubernetes-int-or-string and x-kubernetes-preserve-unknown-fields stand without type', () => {
    expect(check(root({ port: { 'x-kubernetes-int-or-string': true }, any: { 'x-kubernetes-preserve-unknown-fields': true } }))).toEqual([]);
  });

  it('wants an object at the root, neither nullable nor with additionalProperties', () => {
    expect(check({ type: 'string' })).toEqual([`${P}.type: Invalid value: "string": must be object at the root`]);
    expect(check({ type: 'object', nullable: true })).toEqual([`${P}.nullable: Forbidden: nullable cannot be true at the root`]);
    expect(check({ type: 'object', additionalProperties: { type: 'string' } })).toEqual([`${P}.additionalProperties: Forbidden: must not be used at the root`]);
  });

  it('checks type names', () => {
    expect(check(root({ a: { type: 'foo' } }))).toEqual([`${P}.properties[a].type: Unsupported value: "foo": supported values: "array", "boolean", "integer", "number", "object", "string"`]);
    expect(check(root({ a: { type: 'null' } }))).toEqual([
      `${P}.properties[a].type: Unsupported value: "null": supported values: "array", "boolean", "integer", "number", "object", "string"`,
      `${P}.properties[a].type: Forbidden: type cannot be set to null, use nullable as an alternative`,
    ]);
    expect(check(root({ a: { type: 'foo' } }), { requireValidPropertyType: false })).toEqual([]);
  });

  it('refuses schemas nested deeper than 100 levels, however deep, without recursing', () => {
    const deep = (n: number) => {
      let s: JSONSchemaProps = { type: 'string' };
      for (let i = 0; i < n; i++) s = { type: 'object', properties: { a: s } };
      return s;
    };
    expect(check(deep(98))).toEqual([]);
    expect(check(deep(100))).toEqual([`${P}: Forbidden: must not be nested more than 100 levels deep`]);
    expect(check(deep(200_000))).toEqual([`${P}: Forbidden: must not be nested more than 100 levels deep`]);
    let value: unknown = 1;
    for (let i = 0; i < 200_000; i++) value = [value];
    expect(check(root({ a: { 'x-kubernetes-preserve-unknown-fields': true, default: value } }))).toEqual([`${P}: Forbidden: must not be nested more than 100 levels deep`]);
  });
});

describe('unsupported JSON Schema keywords', () => {
  it('forbids $ref, definitions, patternProperties, dependencies, additionalItems and id', () => {
    expect(check(root({ a: { type: 'string', $ref: '#/definitions/x' } }))).toEqual([`${P}.properties[a].$ref: Forbidden: $ref is not supported`]);
    expect(check(root({}, { definitions: { x: { type: 'string' } } }))).toEqual([`${P}.definitions: Forbidden: definitions is not supported`]);
    expect(check(root({ a: { type: 'object', patternProperties: { '^x': { type: 'string' } } } }))).toEqual([`${P}.properties[a].patternProperties: Forbidden: patternProperties is not supported`]);
    expect(check(root({ a: { type: 'object', dependencies: { b: ['c'] } } }))).toEqual([`${P}.properties[a].dependencies: Forbidden: dependencies is not supported`]);
    expect(check(root({ a: { type: 'array', items: { type: 'string' }, additionalItems: false } }))).toEqual([`${P}.properties[a].additionalItems: Forbidden: additionalItems is not supported`]);
    expect(check(root({ a: { type: 'string', id: 'x' } }))).toEqual([`${P}.properties[a].id: Forbidden: id is not supported`]);
  });

  it('forbids uniqueItems: true and items given as an array', () => {
    expect(check(root({ a: { type: 'array', items: { type: 'string' }, uniqueItems: true } }))).toEqual([
      `${P}.properties[a].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic`,
    ]);
    expect(check(root({ a: { type: 'array', items: [{ type: 'string' }] } }))).toEqual([`${P}.properties[a].items: Forbidden: items must be a schema object and not an array`]);
  });

  it("reports what only NewStructural rejects ($schema) when nothing else is wrong", () => {
    expect(check(root({}, { $schema: 'http://json-schema.org/draft-04/schema#' }))).toEqual([`${P}: Invalid value: "": OpenAPIV3Schema 'schema' is not supported`]);
  });

  it('checks patterns with Go regexp syntax', () => {
    expect(check(root({ a: { type: 'string', pattern: '(' } }))).toEqual([`${P}.properties[a].pattern: Invalid value: "(": must be a valid regular expression, but isn't: error parsing regexp: missing closing ): \`(\``]);
    expect(check(root({ a: { type: 'string', pattern: '(?<name>x)\\d+' } }))).toEqual([]);
  });
});

describe('properties and additionalProperties', () => {
  it('keeps additionalProperties and properties apart, unless additionalProperties is true', () => {
    expect(check(root({ m: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'string' } } }))).toEqual([
      `${P}.properties[m].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive`,
    ]);
    expect(check(root({ m: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true } }))).toEqual([]);
    expect(check(root({ m: { type: 'object', additionalProperties: { type: 'string' } } }))).toEqual([]);
  });

  it('lets metadata at the root only restrict name and generateName', () => {
    expect(check(root({ metadata: { type: 'object', properties: { name: { type: 'string', maxLength: 20 }, generateName: { type: 'string' } } } }))).toEqual([]);
    const forbidden = `${P}.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified`;
    expect(check(root({ metadata: { type: 'object', properties: { labels: { type: 'object' } } } }))).toEqual([forbidden]);
    expect(check(root({ metadata: { type: 'object', description: 'the metadata' } }))).toEqual([forbidden]);
    expect(check(root({ metadata: { type: 'string' } }))).toEqual([`${P}.properties[metadata].type: Invalid value: "string": must be object`]);
    expect(check(root({ kind: { type: 'integer' } }))).toEqual([`${P}.properties[kind].type: Invalid value: "integer": must be string`]);
  });

  it('forbids defaults in top-level metadata, apiVersion and kind', () => {
    expect(check(root({ metadata: { type: 'object', properties: { name: { type: 'string', default: 'foo' } } }, kind: { type: 'string', default: 'Foo' } }))).toEqual([
      `${P}.properties[metadata].properties[name].default: Forbidden: must not be set in top-level metadata`,
      `${P}.properties[kind].default: Forbidden: must not be set in top-level kind`,
    ]);
  });
});

describe('x-kubernetes extensions', () => {
  it('combines int-or-string with neither preserve-unknown-fields nor embedded-resource', () => {
    expect(check(root({ a: { 'x-kubernetes-int-or-string': true, 'x-kubernetes-preserve-unknown-fields': true } }))).toEqual([
      `${P}.properties[a].x-kubernetes-preserve-unknown-fields: Invalid value: true: must be false if x-kubernetes-int-or-string is true`,
    ]);
    expect(check(root({ a: { type: 'object', 'x-kubernetes-preserve-unknown-fields': false } }))).toEqual([
      `${P}.properties[a].x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined`,
    ]);
  });

  it('wants embedded resources to be objects with properties or preserving unknown fields', () => {
    expect(check(root({ e: { 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true } }))).toEqual([
      `${P}.properties[e].type: Required value: must be object if x-kubernetes-embedded-resource is true`,
    ]);
    expect(check(root({ e: { type: 'object', 'x-kubernetes-embedded-resource': true } }))).toEqual([
      `${P}.properties[e].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields`,
    ]);
    expect(check(root({ e: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true } } } }))).toEqual([]);
    expect(check(root({ e: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { metadata: { type: 'object', properties: { x: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true } } } } } }))).toEqual([
      `${P}.properties[e].properties[metadata].properties[x].x-kubernetes-embedded-resource: Forbidden: must not be used inside of resource meta`,
    ]);
  });

  it('checks list types and map keys', () => {
    const item = { type: 'object', required: ['name'], properties: { name: { type: 'string' }, port: { type: 'integer' } } };
    expect(check(root({ l: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: item } }))).toEqual([]);
    expect(check(root({ l: { type: 'array', 'x-kubernetes-list-type': 'map', items: item } }))).toEqual([
      `${P}.properties[l].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map`,
    ]);
    expect(check(root({ l: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['port', 'nope'], items: item } }))).toEqual([
      `${P}.properties[l].x-kubernetes-list-map-keys: Invalid value: ["port","nope"]: entries must all be names of item properties`,
      `${P}.properties[l].items.properties[port].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property`,
    ]);
    expect(check(root({ l: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: { type: 'string' } } }))).toEqual([
      `${P}.properties[l].items.type: Invalid value: "string": must be object if parent array's x-kubernetes-list-type is map`,
    ]);
    expect(check(root({ l: { type: 'array', 'x-kubernetes-list-map-keys': ['name'], items: item } }))).toEqual([
      `${P}.properties[l].x-kubernetes-list-type: Required value: must be map if x-kubernetes-list-map-keys is non-empty`,
    ]);
    expect(check(root({ l: { type: 'array', 'x-kubernetes-list-type': 'bag', items: item } }))).toEqual([
      `${P}.properties[l].x-kubernetes-list-type: Unsupported value: "bag": supported values: "atomic", "set", "map"`,
    ]);
    expect(check(root({ l: { type: 'string', 'x-kubernetes-list-type': 'set' } }))).toEqual([`${P}.properties[l].type: Invalid value: "string": must be array if x-kubernetes-list-type is specified`]);
  });

  it('wants set items scalar or atomic, and set/map items not nullable', () => {
    expect(check(root({ s: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'object', properties: { a: { type: 'string' } } } } }))).toEqual([
      `${P}.properties[s].items.x-kubernetes-map-type: Invalid value: null: must be atomic as item of a list with x-kubernetes-list-type=set`,
    ]);
    expect(check(root({ s: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'object', 'x-kubernetes-map-type': 'atomic', properties: { a: { type: 'string' } } } } }))).toEqual([]);
    expect(check(root({ s: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } } } }))).toEqual([
      `${P}.properties[s].items.x-kubernetes-list-type: Invalid value: "set": must be atomic as item of a list with x-kubernetes-list-type=set`,
    ]);
    expect(check(root({ s: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string', nullable: true } } }))).toEqual([
      `${P}.properties[s].items.nullable: Forbidden: cannot be nullable when x-kubernetes-list-type is set`,
    ]);
  });

  it('checks x-kubernetes-map-type', () => {
    expect(check(root({ m: { type: 'object', 'x-kubernetes-map-type': 'atomic' } }))).toEqual([]);
    expect(check(root({ m: { type: 'object', 'x-kubernetes-map-type': 'flat' } }))).toEqual([`${P}.properties[m].x-kubernetes-map-type: Unsupported value: "flat": supported values: "atomic", "granular"`]);
    expect(check(root({ m: { type: 'string', 'x-kubernetes-map-type': 'atomic' } }))).toEqual([`${P}.properties[m].type: Invalid value: "string": must be object if x-kubernetes-map-type is specified`]);
  });
});

describe('junctors (allOf, anyOf, oneOf, not)', () => {
  it('may not declare what only the structural part may', () => {
    const s = root({ a: { type: 'string' } }, { anyOf: [{ type: 'object', description: 'x', nullable: true, 'x-kubernetes-list-type': 'atomic' }] });
    expect(check(s)).toEqual([
      `${P}.anyOf[0].description: Forbidden: must be empty to be structural`,
      `${P}.anyOf[0].nullable: Forbidden: must be false to be structural`,
      `${P}.anyOf[0].type: Forbidden: must be empty to be structural`,
      `${P}.anyOf[0].x-kubernetes-list-type: Forbidden: must be undefined to be structural`,
      // The schema rules apply inside junctors too.
      `${P}.anyOf[0].type: Invalid value: "object": must be array if x-kubernetes-list-type is specified`,
    ]);
    expect(check(root({ a: { type: 'string' } }, { allOf: [{ properties: { a: { default: 'x' } } }] }))).toEqual([`${P}.allOf[0].properties[a].default: Forbidden: must be undefined to be structural`]);
  });

  it('allows the int-or-string anyOf pattern', () => {
    expect(check(root({ port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] } }))).toEqual([]);
    expect(check(root({ port: { 'x-kubernetes-int-or-string': true, allOf: [{ anyOf: [{ type: 'integer' }, { type: 'string' }] }, { pattern: '^a' }] } }))).toEqual([]);
  });

  it('wants every property a junctor validates declared structurally', () => {
    expect(check(root({ a: { type: 'string' } }, { anyOf: [{ required: ['a'] }, { properties: { b: { maxLength: 2 } } }] }))).toEqual([
      `${P}.properties[b]: Required value: because it is defined in ${P}.anyOf[1].properties[b]`,
    ]);
    expect(check(root({ a: { type: 'object' } }, { not: { properties: { a: { items: { maxLength: 1 } } } } }))).toEqual([
      `${P}.properties[a].items: Required value: because it is defined in ${P}.not.properties[a].items`,
    ]);
  });

  it('forbids metadata in junctors', () => {
    expect(check(root({ metadata: { type: 'object' } }, { allOf: [{ properties: { metadata: { required: ['name'] } } }] }))).toEqual([
      `${P}.allOf[0].properties[metadata]: Forbidden: must not be specified in a nested context`,
    ]);
  });
});

describe('defaults', () => {
  const replicas = (s: JSONSchemaProps) => root({ spec: { type: 'object', properties: { replicas: s } } });
  const at = `${P}.properties[spec].properties[replicas].default`;

  it('validates defaults against their schema, reported at the default', () => {
    expect(check(replicas({ type: 'integer', maximum: 10, default: 20 }))).toEqual([`${at}: Invalid value: 20:  in body should be less than or equal to 10`]);
    expect(check(replicas({ type: 'integer', default: 'one' }))).toEqual([`${at}: Invalid value: "string":  in body must be of type integer: "string"`]);
    expect(check(replicas({ type: 'object', required: ['a'], properties: { a: { type: 'string' } }, default: {} }))).toEqual([`${at}.a: Required value`]);
  });

  it('validates formats in defaults with every registered format, the 1.34 ones included', () => {
    expect(check(replicas({ type: 'string', format: 'k8s-short-name', default: 'a-' }))).toEqual([`${at}: Invalid value: "a-":  in body must be of type k8s-short-name: "a-"`]);
  });

  it('wants defaults pruned, except what x-kubernetes-preserve-unknown-fields keeps', () => {
    expect(check(replicas({ type: 'object', properties: { a: { type: 'string' } }, default: { a: 'x', b: 1 } }))).toEqual([`${at}: Invalid value: {"a":"x","b":1}: must not have unknown fields`]);
    expect(check(replicas({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true, default: { b: 1 } }))).toEqual([]);
    expect(check(replicas({ type: 'object', properties: { a: { type: 'string' } }, default: { a: 'x', b: 1 } }), { requirePrunedDefaults: false })).toEqual([]);
  });

  it('checks defaults spanning embedded metadata as metadata', () => {
    const s = root({
      embedded: {
        type: 'object',
        'x-kubernetes-embedded-resource': true,
        properties: { metadata: { type: 'object', properties: { name: { type: 'string', default: 'a/b' } } } },
      },
    });
    expect(check(s)).toEqual([`${P}.properties[embedded].properties[metadata].properties[name].default: Invalid value: "a/b": must result in valid metadata: metadata.name: Invalid value: "a/b": may not contain '/'`]);
    const typed = root({ embedded: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true, default: { apiVersion: 'v1', metadata: {} } } });
    expect(check(typed)).toEqual([`${P}.properties[embedded].default.kind: Required value`]);
  });

  it('forbids defaults inside additionalProperties of metadata', () => {
    const s = root({
      embedded: {
        type: 'object',
        'x-kubernetes-embedded-resource': true,
        properties: { metadata: { type: 'object', properties: { labels: { type: 'object', additionalProperties: { type: 'string', default: 'x' } } } } },
      },
    });
    expect(check(s)).toEqual([`${P}.properties[embedded].properties[metadata].properties[labels].additionalProperties.default: Forbidden: must not be set inside additionalProperties applying to object metadata`]);
  });
});

describe('with the status subresource', () => {
  it('allows only some keywords at the root', () => {
    expect(check(root({ status: { type: 'object' } }, { required: ['spec'], description: 'x' }), { statusSubresource: true })).toEqual([]);
    const errs = check(root({ a: { type: 'string' } }, { anyOf: [{ required: ['a'] }] }), { statusSubresource: true });
    expect(errs).toEqual([
      `${P}: Invalid value: {"anyOf":[{"required":["a"]}],"properties":{"a":{"type":"string"}},"type":"object"}: only [Description Type Format Title Maximum ExclusiveMaximum Minimum ExclusiveMinimum MaxLength MinLength Pattern MaxItems MinItems UniqueItems MultipleOf Required Items Properties ExternalDocs Example XPreserveUnknownFields XValidations] fields are allowed at the root of the schema if the status subresource is enabled`,
    ]);
  });
});
