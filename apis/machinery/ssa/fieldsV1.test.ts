import { describe, expect, it } from 'vitest';
import { FieldSet } from './fieldSet.js';
import { FieldsV1Error, decodeFieldsV1, encodeFieldsV1 } from './fieldsV1.js';
import { indexElement, keyElement, path, valueElement } from './pathElement.js';

// FieldsV1 texts as kube-apiserver writes them (key order included).
const UPSTREAM: [string, string][] = [
  [
    'an applied Deployment',
    '{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:name":{}}}}}}}',
  ],
  [
    'a ConfigMap applied by kubectl',
    '{"f:data":{"f:key1":{},"f:key3":{}},"f:metadata":{"f:labels":{"f:app":{},"f:tier":{}}}}',
  ],
  [
    'a Deployment created by kubectl create',
    '{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:progressDeadlineSeconds":{},"f:replicas":{},"f:revisionHistoryLimit":{},"f:selector":{},' +
      '"f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}},"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},' +
      '"f:spec":{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:resources":{},"f:terminationMessagePath":{},' +
      '"f:terminationMessagePolicy":{}}},"f:dnsPolicy":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{}}}}}',
  ],
  [
    'ports keyed by port and protocol, in numeric order',
    '{"f:ports":{".":{},"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{},"f:protocol":{}},' +
      '"k:{\\"containerPort\\":443,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{},"f:protocol":{}}}}',
  ],
  ['finalizers as set members', '{"f:metadata":{"f:finalizers":{".":{},"v:\\"a.io/x\\"":{},"v:\\"b.io/y\\"":{}}}}'],
  ['a status subresource write', '{"f:status":{"f:conditions":{".":{},"k:{\\"type\\":\\"Ready\\"}":{".":{},"f:status":{},"f:type":{}}},"f:phase":{}}}'],
];

describe('FieldsV1 round trips', () => {
  it.each(UPSTREAM)('%s', (_, text) => {
    const set = decodeFieldsV1(JSON.parse(text));
    expect(JSON.stringify(encodeFieldsV1(set))).toBe(text);
  });

  it('encodes a set built from paths', () => {
    const set = FieldSet.of(
      path('metadata', 'labels', 'app'),
      path('spec', 'template', 'spec', 'containers', keyElement({ name: 'nginx' })),
      path('spec', 'template', 'spec', 'containers', keyElement({ name: 'nginx' }), 'name'),
      path('spec', 'template', 'spec', 'containers', keyElement({ name: 'nginx' }), 'image'),
    );
    expect(JSON.stringify(encodeFieldsV1(set))).toBe(UPSTREAM[0][1]);
  });

  it('reads members, "." markers and parents', () => {
    const set = decodeFieldsV1(JSON.parse(UPSTREAM[0][1]));
    expect(set.has(path('metadata'))).toBe(false);
    expect(set.has(path('metadata', 'labels'))).toBe(false);
    expect(set.has(path('metadata', 'labels', 'app'))).toBe(true);
    expect(set.has(path('spec', 'template', 'spec', 'containers', keyElement({ name: 'nginx' })))).toBe(true);
    expect(set.size()).toBe(4);
  });
});

describe('decoding what clients write', () => {
  it('accepts keys in any order and key objects in any order', () => {
    const set = decodeFieldsV1({ 'f:spec': { 'k:{"protocol":"TCP","containerPort":80}': {}, 'f:a': {} } });
    expect(encodeFieldsV1(set)).toEqual({ 'f:spec': { 'f:a': {}, 'k:{"containerPort":80,"protocol":"TCP"}': {} } });
  });

  it('accepts index elements and null values', () => {
    const set = decodeFieldsV1({ 'f:args': { 'i:0': null }, 'f:b': null });
    expect(set.has(path('args', indexElement(0)))).toBe(true);
    expect(set.has(path('b'))).toBe(true);
  });

  it('drops element types it does not know, keeping their parent as a member', () => {
    const set = decodeFieldsV1({ 'f:a': { 'z:future': {} }, 'f:b': { 'z:x': {}, 'f:c': {} } });
    expect(set.has(path('a'))).toBe(true);
    expect(set.has(path('b'))).toBe(false);
    expect(set.has(path('b', 'c'))).toBe(true);
  });

  it('treats a "."-only node as a member', () => {
    expect(decodeFieldsV1({ 'f:a': { '.': {} } }).has(path('a'))).toBe(true);
  });

  it('decodes an empty or missing set', () => {
    expect(decodeFieldsV1({}).isEmpty()).toBe(true);
    expect(decodeFieldsV1(undefined).isEmpty()).toBe(true);
  });

  it.each([
    ['a list', []],
    ['a string', 'f:a'],
    ['a non-object child', { 'f:a': 1 }],
    ['a malformed key', { fa: {} }],
    ['a bad key object', { 'k:{nope}': {} }],
  ])('rejects %s', (_, v) => {
    expect(() => decodeFieldsV1(v)).toThrow(FieldsV1Error);
  });

  it('round-trips a set member with an object value', () => {
    const set = FieldSet.of(path('x', valueElement({ b: 1, a: [true] })));
    expect(encodeFieldsV1(set)).toEqual({ 'f:x': { 'v:{"a":[true],"b":1}': {} } });
  });

  it('keeps "__proto__" as an ordinary key', () => {
    const v = JSON.parse('{"f:__proto__":{}}');
    const enc = encodeFieldsV1(decodeFieldsV1(v));
    expect(Object.keys(enc)).toEqual(['f:__proto__']);
  });
});
