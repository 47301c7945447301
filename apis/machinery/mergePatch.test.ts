import { describe, expect, it } from 'vitest';
import { PatchError } from './errors.js';
import { applyMergePatch, mergePatch } from './mergePatch.js';

// RFC 7386 appendix A, plus Kubernetes-flavoured cases.
const rfcCases: [target: unknown, patch: unknown, result: unknown][] = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [['a', 'b'], ['c', 'd'], ['c', 'd']],
  [{ a: 'b' }, ['c'], ['c']],
  [{ a: 'foo' }, null, null],
  [{ a: 'foo' }, 'bar', 'bar'],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [[1, 2], { a: 'b', c: null }, { a: 'b' }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
];

describe('mergePatch (RFC 7386)', () => {
  it.each(rfcCases)('%j + %j', (target, patch, result) => {
    const before = JSON.stringify(target);
    expect(mergePatch(target, patch)).toEqual(result);
    expect(JSON.stringify(target)).toBe(before);
  });
});

describe('applyMergePatch (kube-apiserver)', () => {
  const deployment = () => ({
    metadata: { name: 'web', labels: { app: 'web', env: 'prod' }, annotations: { a: '1' } },
    spec: { replicas: 1, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } },
  });
  const cases: [name: string, patch: unknown, check: (r: any) => void][] = [
    ['kubectl label', { metadata: { labels: { tier: 'fe' } } }, (r) => expect(r.metadata.labels).toEqual({ app: 'web', env: 'prod', tier: 'fe' })],
    ['kubectl label env-', { metadata: { labels: { env: null } } }, (r) => expect(r.metadata.labels).toEqual({ app: 'web' })],
    ['kubectl scale', { spec: { replicas: 3 } }, (r) => expect(r.spec.replicas).toBe(3)],
    [
      'lists are replaced whole',
      { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } } },
      (r) => expect(r.spec.template.spec.containers).toEqual([{ name: 'nginx', image: 'nginx:1.27' }]),
    ],
    [
      'new values lose null members, also in objects inside lists',
      { spec: { strategy: { type: 'Recreate', rollingUpdate: null }, volumes: [{ name: 'v', secret: null }, null] } },
      (r) => {
        expect(r.spec.strategy).toEqual({ type: 'Recreate' });
        expect(r.spec.volumes).toEqual([{ name: 'v' }, null]);
      },
    ],
    [
      'a list replacing an object is kept as sent',
      { metadata: { annotations: [{ k: null }] } },
      (r) => expect(r.metadata.annotations).toEqual([{ k: null }]),
    ],
    ['an array patch replaces the document', [{ a: 1, b: null }], (r) => expect(r).toEqual([{ a: 1 }])],
    ['empty patch is a no-op', {}, (r) => expect(r).toEqual(deployment())],
  ];
  it.each(cases)('%s', (_name, patch, check) => {
    const doc = deployment();
    check(applyMergePatch(doc, patch));
    expect(doc).toEqual(deployment());
  });

  it.each([null, 5, 'x', true])('patch %j → 400 Invalid JSON Patch', (patch) => {
    expect(() => applyMergePatch(deployment(), patch)).toThrow(PatchError);
    expect(() => applyMergePatch(deployment(), patch)).toThrow(expect.objectContaining({ code: 400, reason: 'BadRequest', message: 'Invalid JSON Patch' }));
  });

  it('keeps __proto__ as data', () => {
    const r = applyMergePatch({}, JSON.parse('{"__proto__":{"polluted":true}}')) as Record<string, unknown>;
    expect(Object.keys(r)).toEqual(['__proto__']);
    expect(({} as any).polluted).toBeUndefined();
  });
});
