import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from '../../catalogue.js';
import { defineTypes } from '../../schema/dsl.js';
import { TypeRegistry } from '../../schema/registry.js';
import { encodeFieldsV1 } from './fieldsV1.js';
import { SsaSchema } from './schema.js';
import { toFieldSet } from './toFieldSet.js';

const catalogue = builtinCatalogue().types;
const fields = (typeId: string | undefined, v: unknown, registry: TypeRegistry | null = catalogue): string =>
  JSON.stringify(encodeFieldsV1(toFieldSet(new SsaSchema(registry ?? undefined, typeId), v)));

// Types exercising what the built-in kinds do not: lists typed only by patch strategy, special
// JSON forms and types that keep unknown fields.
const testRegistry = new TypeRegistry();
testRegistry.addPackage({ id: 'test/v1', openapiPrefix: 'io.test.v1' });
testRegistry.addTypes(
  defineTypes(
    'test/v1',
    `
Blob @rawextension
  raw            bytes     1
Any @json
  raw            bytes     1
Thing
  merged         []Item    1  merge=id
  tags           []string  2  strategy=merge
  plain          []Item    3
  retain         []Item    4  strategy=retainKeys
  blob           Blob      5
  any            Any       6
  open           Open      7
  atomicRef      Inner     8  mapType=atomic
  inner          Inner     9
  counts         map[string]int32 10
Item
  id             string    1
  v              string    2
Inner
  a              string    1
  b              string    2
Open preserve
  known          string    1
`,
  ),
);

describe('fields an object sets (built-in kinds)', () => {
  const cases: [string, string, unknown, string][] = [
    [
      'containers keyed by name, args and command atomic',
      'apps/v1:Deployment',
      { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx', args: ['a', 'b'], command: ['sh'] }] } } } },
      '{"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:args":{},"f:command":{},"f:image":{},"f:name":{}}}}}}}',
    ],
    [
      'ports keyed by containerPort and protocol, protocol defaulted to TCP',
      'core/v1:PodSpec',
      { containers: [{ name: 'c', ports: [{ containerPort: 8080 }, { containerPort: 53, protocol: 'UDP' }] }] },
      '{"f:containers":{"k:{\\"name\\":\\"c\\"}":{".":{},"f:name":{},"f:ports":{"k:{\\"containerPort\\":53,\\"protocol\\":\\"UDP\\"}":{".":{},"f:containerPort":{},"f:protocol":{}},"k:{\\"containerPort\\":8080,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{}}}}}}',
    ],
    [
      'finalizers as a set, labels granular, ownerReferences keyed by uid and atomic',
      'core/v1:ConfigMap',
      {
        metadata: {
          name: 'x',
          finalizers: ['b.io/y', 'a.io/x'],
          labels: { app: 'a', tier: 't' },
          ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u1' }],
        },
        data: { k: 'v' },
      },
      '{"f:data":{"f:k":{}},"f:metadata":{"f:finalizers":{"v:\\"a.io/x\\"":{},"v:\\"b.io/y\\"":{}},"f:labels":{"f:app":{},"f:tier":{}},"f:name":{},"f:ownerReferences":{"k:{\\"uid\\":\\"u1\\"}":{}}}}',
    ],
    [
      'nodeSelector atomic, selector an atomic struct, tolerations atomic',
      'apps/v1:Deployment',
      {
        spec: {
          selector: { matchLabels: { app: 'a' } },
          template: { spec: { nodeSelector: { disk: 'ssd', zone: 'a' }, tolerations: [{ key: 'k' }] } },
        },
      },
      '{"f:spec":{"f:selector":{},"f:template":{"f:spec":{"f:nodeSelector":{},"f:tolerations":{}}}}}',
    ],
    [
      'quantities and int-or-strings are scalars; resources.limits granular',
      'core/v1:PodSpec',
      { containers: [{ name: 'c', resources: { limits: { cpu: '1', memory: '1Gi' } }, livenessProbe: { httpGet: { port: 8080 } } }] },
      '{"f:containers":{"k:{\\"name\\":\\"c\\"}":{".":{},"f:livenessProbe":{"f:httpGet":{"f:port":{}}},"f:name":{},"f:resources":{"f:limits":{"f:cpu":{},"f:memory":{}}}}}}',
    ],
    [
      'null and empty values are members; an empty associative list sets nothing',
      'core/v1:ConfigMap',
      { metadata: { labels: {}, annotations: null, finalizers: [] }, data: null },
      '{"f:data":{},"f:metadata":{"f:annotations":{},"f:labels":{}}}',
    ],
    [
      'apiVersion and kind at the root',
      'core/v1:ConfigMap',
      { apiVersion: 'v1', kind: 'ConfigMap' },
      '{"f:apiVersion":{},"f:kind":{}}',
    ],
    [
      'duplicated list items are owned whole',
      'core/v1:PodSpec',
      { containers: [{ name: 'c', image: 'a' }, { name: 'c', image: 'b' }] },
      '{"f:containers":{"k:{\\"name\\":\\"c\\"}":{}}}',
    ],
  ];
  it.each(cases)('%s', (_, typeId, value, want) => {
    expect(fields(typeId, value)).toBe(want);
  });
});

describe('fields an object sets (special schemas)', () => {
  const cases: [string, unknown, string][] = [
    ['patch strategy merge with a key: a map list', { merged: [{ id: 'a', v: '1' }] }, '{"f:merged":{"k:{\\"id\\":\\"a\\"}":{".":{},"f:id":{},"f:v":{}}}}'],
    ['patch strategy merge without a key: a set', { tags: ['x', 'y'] }, '{"f:tags":{"v:\\"x\\"":{},"v:\\"y\\"":{}}}'],
    ['no list type: atomic', { plain: [{ id: 'a' }] }, '{"f:plain":{}}'],
    ['retainKeys alone: atomic', { retain: [{ id: 'a' }] }, '{"f:retain":{}}'],
    ['RawExtension: atomic', { blob: { kind: 'Pod', spec: { a: 1 } } }, '{"f:blob":{}}'],
    ['JSON: deduced', { any: { a: { b: 1 }, l: [1, 2] } }, '{"f:any":{"f:a":{".":{},"f:b":{}},"f:l":{}}}'],
    ['preserve-unknown: unknown fields deduced', { open: { known: 'k', extra: { x: 1 } } }, '{"f:open":{"f:extra":{".":{},"f:x":{}},"f:known":{}}}'],
    ['mapType=atomic on a struct field', { atomicRef: { a: '1' }, inner: { a: '1' } }, '{"f:atomicRef":{},"f:inner":{"f:a":{}}}'],
    ['granular map of scalars', { counts: { a: 1 } }, '{"f:counts":{"f:a":{}}}'],
  ];
  it.each(cases)('%s', (_, value, want) => {
    expect(fields('test/v1:Thing', value, testRegistry)).toBe(want);
  });
});

describe('fields of an object without a catalogue type (deduced)', () => {
  it('makes maps granular and lists atomic, with typed metadata', () => {
    const cr = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', labels: { a: 'b' }, finalizers: ['f'] },
      spec: { size: 3, ports: [{ port: 80 }], nested: { deep: { x: true } } },
    };
    expect(fields(undefined, cr)).toBe(
      '{"f:apiVersion":{},"f:kind":{},"f:metadata":{"f:finalizers":{"v:\\"f\\"":{}},"f:labels":{"f:a":{}},"f:name":{}},' +
        '"f:spec":{".":{},"f:nested":{".":{},"f:deep":{".":{},"f:x":{}}},"f:ports":{},"f:size":{}}}',
    );
  });

  it('without a registry, deduces metadata too', () => {
    expect(fields(undefined, { metadata: { finalizers: ['f'] } }, null)).toBe('{"f:metadata":{".":{},"f:finalizers":{}}}');
  });
});
