import { describe, expect, it } from 'vitest';
import { defineTypes } from '../schema/dsl.js';
import { TypeRegistry } from '../schema/registry.js';
import { PatchError, PATCH_REJECTED_MESSAGE } from './errors.js';
import { strategicMergePatch } from './strategicMerge.js';

// A small catalogue of our own, shaped like the built-in kinds the patches below target.
const registry = new TypeRegistry();
registry.addPackage({ id: 'test/v1', openapiPrefix: 'io.test.v1' });
registry.addTypes(
  defineTypes(
    'test/v1',
    `
ObjectMeta
  name              string            1
  namespace         string            2
  resourceVersion   string            3
  labels            map[string]string 4
  annotations       map[string]string 5
  finalizers        []string          6  strategy=merge list=set
  ownerReferences   []OwnerReference  7  merge=uid list=map keys=uid
OwnerReference atomic
  uid               string            1
  kind              string            2
  name              string            3
Deployment
  apiVersion        string            1
  kind              string            2
  metadata          ObjectMeta        3
  spec              DeploymentSpec    4
DeploymentSpec
  replicas          int32             1  ptr
  selector          LabelSelector     2
  template          PodTemplateSpec   3
  strategy          DeploymentStrategy 4 strategy=retainKeys
LabelSelector atomic
  matchLabels       map[string]string 1
DeploymentStrategy
  type              string            1
  rollingUpdate     RollingUpdate     2
RollingUpdate
  maxUnavailable    IntOrString       1
  maxSurge          IntOrString       2
IntOrString @intorstring
  strVal            string            1
PodTemplateSpec
  metadata          ObjectMeta        1
  spec              PodSpec           2
PodSpec
  volumes           []Volume          1  merge=name strategy=merge,retainKeys
  initContainers    []Container       2  merge=name
  containers        []Container       3  merge=name
  nodeSelector      map[string]string 4
  tolerations       []Toleration      5  list=atomic
  schedulingGates   []Gate            6  merge=name strategy=replace
  extra             Raw               7
Gate
  name              string            1
Raw @rawextension
  raw               bytes             1
Container
  name              string            1
  image             string            2
  args              []string          3
  ports             []ContainerPort   4  merge=containerPort list=map keys=containerPort,protocol
  env               []EnvVar          5  merge=name
  resources         Resources         6
Resources
  limits            map[string]string 1
ContainerPort
  name              string            1
  containerPort     int32             2
  protocol          string            3
EnvVar
  name              string            1
  value             string            2
Toleration
  key               string            1
  effect            string            2
Volume
  name              string            1
  source            VolumeSource      2  inline
VolumeSource
  emptyDir          EmptyDir          1
  configMap         ConfigMapRef      2
EmptyDir
  medium            string            1
ConfigMapRef
  name              string            1
ConfigMap
  metadata          ObjectMeta        1
  data              map[string]string 2
`,
  ),
);
registry.verify();

const DEPLOYMENT = 'test/v1:Deployment';

type Obj = Record<string, any>;

const deployment = (podSpec: Obj, extra: Obj = {}): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web', env: 'prod' }, finalizers: ['a.example/one', 'b.example/two'] },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: podSpec }, ...extra },
});

const podSpecOf = (o: Obj) => o.spec.template.spec;

interface Case {
  name: string;
  original: Obj;
  patch: unknown;
  /** Checks the result. */
  want: (result: Obj) => void;
  typeId?: string;
}

describe('strategicMergePatch: patches kubectl sends', () => {
  const cases: Case[] = [
    {
      name: 'client-side apply adding a sidecar ($setElementOrder)',
      original: deployment({ containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }] }] }),
      patch: {
        spec: {
          template: {
            spec: {
              '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }],
              containers: [
                { image: 'nginx:1.27', name: 'nginx' },
                { image: 'busybox', name: 'sidecar' },
              ],
            },
          },
        },
      },
      want: (r) =>
        expect(podSpecOf(r).containers).toEqual([
          { name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }] },
          { image: 'busybox', name: 'sidecar' },
        ]),
    },
    {
      name: 'kubectl set image (one container of two)',
      original: deployment({ containers: [{ name: 'app', image: 'app:1', args: ['--x'] }, { name: 'proxy', image: 'envoy:1' }] }),
      patch: {
        spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'app' }, { name: 'proxy' }], containers: [{ image: 'app:2', name: 'app' }] } } },
      },
      want: (r) =>
        expect(podSpecOf(r).containers).toEqual([
          { name: 'app', image: 'app:2', args: ['--x'] },
          { name: 'proxy', image: 'envoy:1' },
        ]),
    },
    {
      name: 'kubectl rollout restart (template annotation)',
      original: deployment({ containers: [{ name: 'app', image: 'app:1' }] }),
      patch: { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-06-01T10:00:00Z' } } } } },
      want: (r) => {
        expect(r.spec.template.metadata).toEqual({ labels: { app: 'web' }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-06-01T10:00:00Z' } });
        expect(podSpecOf(r).containers).toEqual([{ name: 'app', image: 'app:1' }]);
      },
    },
    {
      name: 'label removal with null',
      original: deployment({}),
      patch: { metadata: { labels: { env: null, tier: 'fe' } } },
      want: (r) => expect(r.metadata.labels).toEqual({ app: 'web', tier: 'fe' }),
    },
    {
      name: 'client-side apply switching strategy RollingUpdate → Recreate ($retainKeys)',
      original: deployment({}, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } }),
      patch: { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' } } },
      want: (r) => expect(r.spec.strategy).toEqual({ type: 'Recreate' }),
    },
    {
      name: 'client-side apply removing a container ($patch: delete) and adding one',
      original: deployment({ containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }] }),
      patch: {
        spec: {
          template: {
            spec: {
              '$setElementOrder/containers': [{ name: 'a' }, { name: 'c' }],
              containers: [{ name: 'c', image: 'c' }, { $patch: 'delete', name: 'b' }],
            },
          },
        },
      },
      want: (r) => expect(podSpecOf(r).containers).toEqual([{ name: 'a', image: 'a' }, { name: 'c', image: 'c' }]),
    },
    {
      name: 'client-side apply removing a finalizer ($deleteFromPrimitiveList with $setElementOrder)',
      original: deployment({}),
      patch: {
        metadata: {
          '$setElementOrder/finalizers': ['b.example/two', 'c.example/three'],
          '$deleteFromPrimitiveList/finalizers': ['a.example/one'],
          finalizers: ['c.example/three'],
        },
      },
      want: (r) => expect(r.metadata.finalizers).toEqual(['b.example/two', 'c.example/three']),
    },
    {
      name: 'kubectl edit of ConfigMap data',
      typeId: 'test/v1:ConfigMap',
      original: { metadata: { name: 'settings' }, data: { key1: 'value1', key2: 'value2' } },
      patch: { data: { key1: 'value1-changed', key2: null, key3: 'value3' }, metadata: { labels: { tier: 'backend' } } },
      want: (r) => expect(r).toEqual({ metadata: { name: 'settings', labels: { tier: 'backend' } }, data: { key1: 'value1-changed', key3: 'value3' } }),
    },
  ];
  it.each(cases)('$name', (c) => {
    const before = JSON.stringify([c.original, c.patch]);
    c.want(strategicMergePatch(c.original, c.patch, c.typeId ?? DEPLOYMENT, registry));
    expect(JSON.stringify([c.original, c.patch])).toBe(before);
  });
});

describe('strategicMergePatch: merge semantics', () => {
  const cases: Case[] = [
    {
      name: 'merge by key keeps unmentioned items and fields',
      original: deployment({ containers: [{ name: 'a', image: 'a:1', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }] }, { name: 'b', image: 'b:1' }] }),
      patch: { spec: { template: { spec: { containers: [{ name: 'a', env: [{ name: 'Y', value: '3' }, { name: 'Z', value: '4' }] }] } } } },
      want: (r) =>
        expect(podSpecOf(r).containers).toEqual([
          { name: 'a', image: 'a:1', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '3' }, { name: 'Z', value: '4' }] },
          { name: 'b', image: 'b:1' },
        ]),
    },
    {
      name: 'numeric merge keys (ports by containerPort)',
      original: deployment({ containers: [{ name: 'a', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443 }] }] }),
      patch: { spec: { template: { spec: { containers: [{ name: 'a', ports: [{ containerPort: 443, name: 'https' }, { containerPort: 9090 }] }] } } } },
      want: (r) => expect(podSpecOf(r).containers[0].ports).toEqual([{ containerPort: 80, name: 'http' }, { containerPort: 443, name: 'https' }, { containerPort: 9090 }]),
    },
    {
      // upstream orders patch items by the patch and puts server-only items after them unless
      // the server order places them before a patch item it also holds
      name: 'primitive merge list is a set without duplicates, ordered as upstream orders it',
      original: deployment({}),
      patch: { metadata: { finalizers: ['c.example/three', 'a.example/one'] } },
      want: (r) => expect(r.metadata.finalizers).toEqual(['c.example/three', 'a.example/one', 'b.example/two']),
    },
    {
      name: '$deleteFromPrimitiveList alone',
      original: deployment({}),
      patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['b.example/two', 'not-there'] } },
      want: (r) => expect(r.metadata.finalizers).toEqual(['a.example/one']),
    },
    {
      name: '$deleteFromPrimitiveList on a missing list adds nothing',
      original: deployment({}),
      patch: { spec: { template: { spec: { '$deleteFromPrimitiveList/args': ['x'] } } } },
      want: (r) => expect(podSpecOf(r)).toEqual({}),
    },
    {
      name: 'lists without merge strategy are replaced',
      original: deployment({ containers: [{ name: 'a', args: ['--one', '--two'] }], tolerations: [{ key: 'k1' }, { key: 'k2' }] }),
      patch: { spec: { template: { spec: { containers: [{ name: 'a', args: ['--three'] }], tolerations: [{ key: 'k3' }] } } } },
      want: (r) => {
        expect(podSpecOf(r).containers[0].args).toEqual(['--three']);
        expect(podSpecOf(r).tolerations).toEqual([{ key: 'k3' }]);
      },
    },
    {
      name: 'patchStrategy replace replaces a merge-keyed list',
      original: deployment({ schedulingGates: [{ name: 'g1' }, { name: 'g2' }] }),
      patch: { spec: { template: { spec: { schedulingGates: [{ name: 'g3' }] } } } },
      want: (r) => expect(podSpecOf(r).schedulingGates).toEqual([{ name: 'g3' }]),
    },
    {
      name: '$patch: replace on an object',
      original: deployment({ nodeSelector: { disk: 'ssd', zone: 'a' } }),
      patch: { spec: { template: { spec: { nodeSelector: { $patch: 'replace', zone: 'b' } } } } },
      want: (r) => expect(podSpecOf(r).nodeSelector).toEqual({ zone: 'b' }),
    },
    {
      name: '$patch: delete on an object empties it',
      original: deployment({ nodeSelector: { disk: 'ssd' } }),
      patch: { spec: { template: { spec: { nodeSelector: { $patch: 'delete' } } } } },
      want: (r) => expect(podSpecOf(r).nodeSelector).toEqual({}),
    },
    {
      name: '$patch: replace item replaces a merging list',
      original: deployment({ containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }] }),
      patch: { spec: { template: { spec: { containers: [{ name: 'c', image: 'c' }, { $patch: 'replace' }] } } } },
      want: (r) => expect(podSpecOf(r).containers).toEqual([{ name: 'c', image: 'c' }]),
    },
    {
      name: '$patch: delete item removes every item with that key',
      original: deployment({ containers: [{ name: 'a' }, { name: 'b' }, { name: 'a', image: 'dup' }] }),
      patch: { spec: { template: { spec: { containers: [{ name: 'a', $patch: 'delete' }] } } } },
      want: (r) => expect(podSpecOf(r).containers).toEqual([{ name: 'b' }]),
    },
    {
      name: 'volumes: merge by name with $retainKeys switching the source',
      original: deployment({ volumes: [{ name: 'cache', emptyDir: { medium: 'Memory' } }, { name: 'other', emptyDir: {} }] }),
      patch: { spec: { template: { spec: { volumes: [{ $retainKeys: ['configMap', 'name'], name: 'cache', configMap: { name: 'cfg' }, emptyDir: null }] } } } },
      want: (r) => expect(podSpecOf(r).volumes).toEqual([{ name: 'cache', configMap: { name: 'cfg' } }, { name: 'other', emptyDir: {} }]),
    },
    {
      name: 'a new value loses its null members and directives',
      original: deployment({}),
      patch: { spec: { template: { spec: { nodeSelector: { a: '1', b: null }, initContainers: [{ name: 'i', args: null }, { $patch: 'delete', name: 'x' }] } } } },
      want: (r) => expect(podSpecOf(r)).toEqual({ nodeSelector: { a: '1' }, initContainers: [{ name: 'i' }] }),
    },
    {
      name: 'a value of another type replaces',
      original: deployment({}, { replicas: 2 }),
      patch: { spec: { replicas: { nested: true }, template: { spec: 'text' } } },
      want: (r) => {
        expect(r.spec.replicas).toEqual({ nested: true });
        expect(r.spec.template.spec).toBe('text');
      },
    },
    {
      name: 'fields the catalogue does not know merge like maps; their lists are replaced',
      original: deployment({ extra: { keep: 1, nested: { a: 1, list: [1, 2] } }, unknown: { x: { y: 1 } } }),
      patch: { spec: { template: { spec: { extra: { nested: { b: 2, list: [3] } }, unknown: { x: { z: 2 } } } } } },
      want: (r) =>
        expect(podSpecOf(r)).toEqual({ extra: { keep: 1, nested: { a: 1, b: 2, list: [3] } }, unknown: { x: { y: 1, z: 2 } } }),
    },
    {
      // as in upstream (and the kubectl patch docs), a new item without $setElementOrder comes first
      name: 'ownerReferences merge by uid',
      original: { metadata: { ownerReferences: [{ uid: 'u1', kind: 'ReplicaSet', name: 'rs1' }] } },
      patch: { metadata: { ownerReferences: [{ uid: 'u2', kind: 'ReplicaSet', name: 'rs2' }, { uid: 'u1', name: 'renamed' }] } },
      want: (r) =>
        expect(r.metadata.ownerReferences).toEqual([
          { uid: 'u2', kind: 'ReplicaSet', name: 'rs2' },
          { uid: 'u1', kind: 'ReplicaSet', name: 'renamed' },
        ]),
    },
    {
      name: 'null deletes a whole field; unmatched nulls are ignored',
      original: deployment({ nodeSelector: { a: '1' } }),
      patch: { spec: { template: { spec: { nodeSelector: null, missing: null } } } },
      want: (r) => expect(podSpecOf(r)).toEqual({}),
    },
    {
      name: '$patch: delete at the top empties the object',
      original: deployment({}),
      patch: { $patch: 'delete' },
      want: (r) => expect(r).toEqual({}),
    },
    {
      name: 'null patch changes nothing',
      original: deployment({ containers: [{ name: 'a' }] }),
      patch: null,
      want: (r) => expect(r).toEqual(deployment({ containers: [{ name: 'a' }] })),
    },
  ];
  it.each(cases)('$name', (c) => {
    c.want(strategicMergePatch(c.original, c.patch, c.typeId ?? DEPLOYMENT, registry));
  });

  it('without a schema every list is replaced and every object merged', () => {
    const r = strategicMergePatch({ a: { b: 1 }, l: [{ name: 'x' }] }, { a: { c: 2 }, l: [{ name: 'y' }] });
    expect(r).toEqual({ a: { b: 1, c: 2 }, l: [{ name: 'y' }] });
  });
});

describe('strategicMergePatch: list order', () => {
  const names = (r: Obj) => podSpecOf(r).containers.map((c: Obj) => c.name);
  const cases: [name: string, original: string[], patch: Obj, want: string[]][] = [
    ['$setElementOrder reorders', ['a', 'b', 'c'], { '$setElementOrder/containers': [{ name: 'c' }, { name: 'a' }, { name: 'b' }] }, ['c', 'a', 'b']],
    [
      'an item the order does not mention goes before the first ordered item that followed it',
      ['a', 'injected', 'b'],
      { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] },
      ['injected', 'b', 'a'],
    ],
    [
      'a new item without $setElementOrder is placed before server-only items that came later',
      ['x', 'a', 'y'],
      { containers: [{ name: 'a' }, { name: 'n' }] },
      ['x', 'a', 'n', 'y'],
    ],
    ['kubectl patch adding a container puts it first', ['app'], { containers: [{ name: 'new' }] }, ['new', 'app']],
    [
      'deleting and adding with a server-only item: the new item takes the freed place (upstream slice reuse)',
      ['a', 'injected', 'b'],
      { '$setElementOrder/containers': [{ name: 'a' }, { name: 'c' }], containers: [{ name: 'c' }, { name: 'b', $patch: 'delete' }] },
      ['a', 'injected', 'c'],
    ],
  ];
  it.each(cases)('%s', (_name, original, patch, want) => {
    const r = strategicMergePatch(deployment({ containers: original.map((name) => ({ name })) }), { spec: { template: { spec: patch } } }, DEPLOYMENT, registry);
    expect(names(r)).toEqual(want);
  });
});

describe('strategicMergePatch: errors', () => {
  const spec = (podSpec: Obj) => ({ spec: { template: { spec: podSpec } } });
  const cases: [name: string, original: Obj, patch: unknown, status: { code: number; reason?: string; message: string }][] = [
    [
      'merge key missing in a patch item',
      deployment({ containers: [{ name: 'nginx' }] }),
      spec({ containers: [{ image: 'nginx:1.27' }] }),
      { code: 500, message: 'map: map[image:nginx:1.27] does not contain declared merge key: name' },
    ],
    [
      '$patch: merge on an object',
      deployment({ nodeSelector: { a: 'b' } }),
      spec({ nodeSelector: { $patch: 'merge', a: 'c' } }),
      { code: 500, message: 'unknown patch type: merge in map: map[$patch:merge a:c]' },
    ],
    [
      '$patch: merge in a list',
      deployment({ containers: [{ name: 'a' }] }),
      spec({ containers: [{ $patch: 'merge' }] }),
      { code: 500, message: 'merging lists cannot yet be specified in the patch' },
    ],
    [
      'unknown $patch in a list',
      deployment({ containers: [{ name: 'a' }] }),
      spec({ containers: [{ $patch: 5, name: 'a' }] }),
      { code: 500, message: 'unknown patch type: %!s(int64=5) in map: map[$patch:5 name:a]' },
    ],
    [
      '$retainKeys that is not a list',
      deployment({}, { strategy: { type: 'Recreate' } }),
      { spec: { strategy: { $retainKeys: 'type', type: 'Recreate' } } },
      { code: 400, reason: 'BadRequest', message: 'invalid patch format of retainKeys' },
    ],
    [
      'a patched key missing from $retainKeys',
      deployment({}, { strategy: { type: 'Recreate' } }),
      { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: { maxSurge: 1 } } } },
      { code: 400, reason: 'BadRequest', message: 'invalid patch format of retainKeys' },
    ],
    [
      'malformed $setElementOrder key',
      deployment({}),
      spec({ $setElementOrderContainers: [] }),
      { code: 400, reason: 'BadRequest', message: 'invalid patch format of setElementOrder list' },
    ],
    [
      'malformed $deleteFromPrimitiveList key',
      deployment({}),
      { metadata: { $deleteFromPrimitiveListFinalizers: ['a'] } },
      { code: 400, reason: 'BadRequest', message: 'invalid patch format of primitive list' },
    ],
    [
      '$setElementOrder that is not a list',
      deployment({ containers: [{ name: 'a' }] }),
      spec({ '$setElementOrder/containers': { name: 'a' } }),
      { code: 500, message: 'expected a []interface {}, but received a map[string]interface {}' },
    ],
    [
      'patch list out of $setElementOrder order',
      deployment({ containers: [{ name: 'a' }, { name: 'b' }] }),
      spec({ '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }], containers: [{ name: 'b', image: 'x' }, { name: 'a' }] }),
      {
        code: 500,
        message: "The order in patch list:\n[map[image:x name:b] map[name:a]]\n doesn't match $setElementOrder list:\n[map[name:a] map[name:b]]\n",
      },
    ],
    [
      'lists of lists',
      { metadata: { finalizers: [] } },
      { metadata: { finalizers: [['x']] } },
      { code: 422, reason: 'Invalid', message: PATCH_REJECTED_MESSAGE },
    ],
    [
      'mixed item types in a merging list',
      deployment({}),
      { metadata: { finalizers: [7] } },
      { code: 500, message: 'list element types are not identical: [[a.example/one b.example/two] [7]]' },
    ],
    [
      'a patch that is not an object',
      deployment({}),
      [{ op: 'add' }],
      { code: 400, reason: 'BadRequest', message: 'json: cannot unmarshal array into Go value of type map[string]interface {}' },
    ],
  ];
  it.each(cases)('%s', (_name, original, patch, status) => {
    let err: unknown;
    try {
      strategicMergePatch(original, patch, DEPLOYMENT, registry);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PatchError);
    const s = (err as PatchError).toStatus();
    expect(s.code).toBe(status.code);
    expect(s.reason).toBe(status.reason);
    expect(s.message).toBe(status.message);
  });
});
