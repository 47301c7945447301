import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from '../../catalogue.js';
import { compareObjects } from './compare.js';
import { mergeValues } from './merge.js';
import { pathString } from './pathElement.js';
import { SsaSchema } from './schema.js';
import { defineTypes } from '../../schema/dsl.js';
import { TypeRegistry } from '../../schema/registry.js';

const catalogue = builtinCatalogue().types;
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
  blob           Blob      1
  any            Any       2
`,
  ),
);
const podSpec = new SsaSchema(catalogue, 'core/v1:PodSpec');
const deployment = new SsaSchema(catalogue, 'apps/v1:Deployment');
const thing = new SsaSchema(testRegistry, 'test/v1:Thing');
const deduced = new SsaSchema(catalogue, undefined);

const c = (name: string, extra: Record<string, unknown> = {}) => ({ name, ...extra });

describe('merging an applied configuration into the live object', () => {
  const cases: [string, SsaSchema, unknown, unknown, unknown][] = [
    [
      'map list: items merge by key, live-only items stay',
      podSpec,
      { containers: [c('a', { image: 'a:1', args: ['x'] }), c('b', { image: 'b:1' })] },
      { containers: [c('a', { image: 'a:2' })] },
      { containers: [c('a', { image: 'a:2', args: ['x'] }), c('b', { image: 'b:1' })] },
    ],
    [
      'map list: shared items take the configuration order',
      podSpec,
      { containers: [c('a'), c('b'), c('c')] },
      { containers: [c('c'), c('a')] },
      { containers: [c('b'), c('c'), c('a')] },
    ],
    [
      'map list: new items come in configuration order after their predecessors',
      podSpec,
      { containers: [c('a'), c('b')] },
      { containers: [c('b'), c('x')] },
      { containers: [c('a'), c('b'), c('x')] },
    ],
    [
      'map list keyed by two fields, one defaulted',
      podSpec,
      { containers: [c('a', { ports: [{ containerPort: 80, protocol: 'TCP', name: 'http' }] })] },
      { containers: [c('a', { ports: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 80, protocol: 'UDP' }] })] },
      { containers: [c('a', { ports: [{ containerPort: 80, protocol: 'TCP', name: 'http', hostPort: 8080 }, { containerPort: 80, protocol: 'UDP' }] })] },
    ],
    [
      'atomic lists are replaced',
      podSpec,
      { containers: [c('a', { args: ['1', '2'], command: ['sh'] })] },
      { containers: [c('a', { args: ['3'] })] },
      { containers: [c('a', { args: ['3'], command: ['sh'] })] },
    ],
    [
      'set lists merge as sets',
      deployment,
      { metadata: { finalizers: ['a', 'b'] } },
      { metadata: { finalizers: ['c', 'a'] } },
      { metadata: { finalizers: ['c', 'a', 'b'] } },
    ],
    [
      'granular maps merge, atomic maps are replaced',
      deployment,
      { metadata: { labels: { a: '1', b: '2' } }, spec: { template: { spec: { nodeSelector: { disk: 'ssd', zone: 'z' } } } } },
      { metadata: { labels: { b: '3' } }, spec: { template: { spec: { nodeSelector: { disk: 'hdd' } } } } },
      { metadata: { labels: { a: '1', b: '3' } }, spec: { template: { spec: { nodeSelector: { disk: 'hdd' } } } } },
    ],
    [
      'atomic structs are replaced',
      deployment,
      { spec: { selector: { matchLabels: { app: 'a' }, matchExpressions: [{ key: 'k', operator: 'Exists' }] } } },
      { spec: { selector: { matchLabels: { app: 'b' } } } },
      { spec: { selector: { matchLabels: { app: 'b' } } } },
    ],
    [
      'a null clears a scalar but leaves a map with content',
      deployment,
      { metadata: { labels: { a: '1' } }, spec: { replicas: 3 } },
      { metadata: { labels: null }, spec: { replicas: null } },
      { metadata: { labels: { a: '1' } }, spec: { replicas: null } },
    ],
    [
      'RawExtension is replaced whole, JSON merges',
      thing,
      { blob: { a: 1, b: 2 }, any: { a: 1, b: 2 } },
      { blob: { a: 3 }, any: { a: 3 } },
      { blob: { a: 3 }, any: { a: 3, b: 2 } },
    ],
    [
      'deduced: maps merge, lists and changed kinds are replaced',
      deduced,
      { spec: { a: { x: 1 }, l: [1, 2], k: 'str' } },
      { spec: { a: { y: 2 }, l: [3], k: { now: 'map' } } },
      { spec: { a: { x: 1, y: 2 }, l: [3], k: { now: 'map' } } },
    ],
    ['nothing live: the configuration', deployment, undefined, { spec: { replicas: 1 } }, { spec: { replicas: 1 } }],
    [
      'duplicated live items are replaced by the configuration item',
      podSpec,
      { containers: [c('a', { image: '1' }), c('b'), c('a', { image: '2' })] },
      { containers: [c('a', { image: '3' })] },
      { containers: [c('a', { image: '3' }), c('b')] },
    ],
  ];
  it.each(cases)('%s', (_, schema, live, config, want) => {
    const liveCopy = JSON.parse(JSON.stringify(live ?? null));
    expect(mergeValues(schema, live, config)).toEqual(want);
    expect(live ?? null).toEqual(liveCopy);
  });
});

describe('comparing two objects', () => {
  const diff = (schema: SsaSchema, a: unknown, b: unknown) => {
    const r = compareObjects(schema, a, b);
    const paths = (s: typeof r.added) => s.paths().map(pathString);
    return { added: paths(r.added), modified: paths(r.modified), removed: paths(r.removed) };
  };

  it('reports modified leaves and added or removed list items with their contents', () => {
    expect(diff(podSpec, { containers: [c('a', { image: '1' }), c('b')] }, { containers: [c('a', { image: '2' }), c('x', { image: 'i' })] })).toEqual({
      added: ['.containers[name="x"]', '.containers[name="x"].image', '.containers[name="x"].name'],
      modified: ['.containers[name="a"].image'],
      removed: ['.containers[name="b"]', '.containers[name="b"].name'],
    });
  });

  it('treats an atomic list as one value', () => {
    expect(diff(podSpec, { containers: [c('a', { args: ['1'] })] }, { containers: [c('a', { args: ['1', '2'] })] }).modified).toEqual(['.containers[name="a"].args']);
  });

  it('marks maps that appear as added, value structs Go always has as not', () => {
    expect(diff(deployment, {}, { metadata: { labels: { a: '1' } }, spec: { template: { spec: { containers: [c('a')] } } } }).added).toEqual([
      '.metadata.labels',
      '.metadata.labels.a',
      '.spec.template.spec.containers[name="a"]',
      '.spec.template.spec.containers[name="a"].name',
    ]);
  });

  it('marks pointer-like structs that appear as added', () => {
    expect(diff(deployment, { spec: { strategy: { type: 'Recreate' } } }, { spec: { strategy: { rollingUpdate: { maxSurge: 1 } } } })).toEqual({
      added: ['.spec.strategy.rollingUpdate', '.spec.strategy.rollingUpdate.maxSurge'],
      modified: [],
      removed: ['.spec.strategy.type'],
    });
  });

  it('reports a value that changes kind as modified', () => {
    expect(diff(deduced, { spec: { a: 'x' } }, { spec: { a: { b: 1 } } }).modified).toEqual(['.spec.a']);
  });

  it('reports nothing for equal objects', () => {
    const o = { metadata: { labels: { a: '1' } }, spec: { replicas: 2 } };
    expect(diff(deployment, o, JSON.parse(JSON.stringify(o)))).toEqual({ added: [], modified: [], removed: [] });
  });
});
