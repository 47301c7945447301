import { describe, expect, it } from 'vitest';
import { PatchError, PATCH_REJECTED_MESSAGE } from './errors.js';
import { applyJsonPatch, MAX_JSON_PATCH_OPERATIONS } from './jsonPatch.js';

const cm = () => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', resourceVersion: '7', labels: { app: 'web' } },
  data: { p: 'one', 'a/b': 'slash', 'c~d': 'tilde' },
  list: ['x', 'y', 'z'],
});

describe('applyJsonPatch: successful operations', () => {
  const cases: [name: string, ops: unknown, check: (r: any) => void][] = [
    ['replace (kubectl patch --type json)', [{ op: 'replace', path: '/data/p', value: 'json' }], (r) => expect(r.data.p).toBe('json')],
    ['add a new key', [{ op: 'add', path: '/data/q', value: 'new' }], (r) => expect(r.data.q).toBe('new')],
    ['add replaces an existing key', [{ op: 'add', path: '/data/p', value: 'two' }], (r) => expect(r.data.p).toBe('two')],
    ['remove', [{ op: 'remove', path: '/metadata/labels/app' }], (r) => expect(r.metadata.labels).toEqual({})],
    ['escaped ~1 and ~0', [{ op: 'remove', path: '/data/a~1b' }, { op: 'replace', path: '/data/c~0d', value: 't' }], (r) => expect(r.data).toEqual({ p: 'one', 'c~d': 't' })],
    ['append with -', [{ op: 'add', path: '/list/-', value: 'w' }], (r) => expect(r.list).toEqual(['x', 'y', 'z', 'w'])],
    ['insert at index', [{ op: 'add', path: '/list/1', value: 'w' }], (r) => expect(r.list).toEqual(['x', 'w', 'y', 'z'])],
    ['insert at the end index', [{ op: 'add', path: '/list/3', value: 'w' }], (r) => expect(r.list).toEqual(['x', 'y', 'z', 'w'])],
    ['negative index counts from the end (evanphx v4)', [{ op: 'replace', path: '/list/-1', value: 'last' }], (r) => expect(r.list).toEqual(['x', 'y', 'last'])],
    ['negative add index', [{ op: 'add', path: '/list/-1', value: 'end' }], (r) => expect(r.list).toEqual(['x', 'y', 'z', 'end'])],
    ['remove from a list', [{ op: 'remove', path: '/list/0' }], (r) => expect(r.list).toEqual(['y', 'z'])],
    ['move', [{ op: 'move', from: '/data/p', path: '/data/moved' }], (r) => expect(r.data).toEqual({ 'a/b': 'slash', 'c~d': 'tilde', moved: 'one' })],
    ['move within a list', [{ op: 'move', from: '/list/0', path: '/list/2' }], (r) => expect(r.list).toEqual(['y', 'z', 'x'])],
    ['copy', [{ op: 'copy', from: '/metadata/labels', path: '/data/labels' }], (r) => expect(r.data.labels).toEqual({ app: 'web' })],
    ['test then replace', [{ op: 'test', path: '/metadata/resourceVersion', value: '7' }, { op: 'replace', path: '/metadata/resourceVersion', value: '8' }], (r) => expect(r.metadata.resourceVersion).toBe('8')],
    ['test compares objects regardless of key order', [{ op: 'test', path: '/metadata/labels', value: { app: 'web' } }], (r) => expect(r.kind).toBe('ConfigMap')],
    ['null body is an empty patch', null, (r) => expect(r).toEqual(cm())],
    ['empty patch', [], (r) => expect(r).toEqual(cm())],
    ['replace the root', [{ op: 'replace', path: '', value: { kind: 'Other' } }], (r) => expect(r).toEqual({ kind: 'Other' })],
  ];
  it.each(cases)('%s', (_name, ops, check) => {
    const doc = cm();
    const result = applyJsonPatch(doc, ops);
    check(result);
    expect(doc).toEqual(cm());
  });

  it('added values are copies, not shared with the patch', () => {
    const value = { nested: ['a'] };
    const result = applyJsonPatch({}, [{ op: 'add', path: '/v', value }]) as any;
    result.v.nested.push('b');
    expect(value.nested).toEqual(['a']);
  });
});

describe('applyJsonPatch: failures', () => {
  const rejected: [name: string, ops: unknown[]][] = [
    ['replace a missing key', [{ op: 'replace', path: '/data/missing', value: 'x' }]],
    ['remove a missing key', [{ op: 'remove', path: '/data/missing' }]],
    ['add under a missing parent', [{ op: 'add', path: '/spec/replicas', value: 1 }]],
    ['failed test', [{ op: 'test', path: '/data/p', value: 'other' }]],
    ['test of a missing path', [{ op: 'test', path: '/data/missing', value: 'x' }]],
    ['out of range index', [{ op: 'add', path: '/list/4', value: 'x' }]],
    ['index with a leading zero', [{ op: 'replace', path: '/list/01', value: 'x' }]],
    ['negative index out of range', [{ op: 'remove', path: '/list/-4' }]],
    ['- outside add', [{ op: 'replace', path: '/list/-', value: 'x' }]],
    ['unknown op', [{ op: 'merge', path: '/data', value: {} }]],
    ['inherited property names are not members', [{ op: 'remove', path: '/data/toString' }]],
    ['a prototype-polluting path', [{ op: 'add', path: '/__proto__/polluted', value: true }]],
    ['missing value', [{ op: 'add', path: '/data/x' }]],
    ['missing path', [{ op: 'remove' }]],
    ['missing from', [{ op: 'copy', path: '/data/x' }]],
    ['move into its own child', [{ op: 'move', from: '/metadata', path: '/metadata/labels/x' }]],
    ['path without a leading slash', [{ op: 'replace', path: 'data/p', value: 'x' }]],
    ['null operation', [null]],
  ];
  it.each(rejected)('%s → 422 Invalid', (_name, ops) => {
    const doc = cm();
    let err: unknown;
    try {
      applyJsonPatch(doc, ops);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PatchError);
    expect((err as PatchError).toStatus()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: PATCH_REJECTED_MESSAGE,
      reason: 'Invalid',
      details: {},
      code: 422,
    });
    expect(doc).toEqual(cm());
    expect(({} as any).polluted).toBeUndefined();
  });

  it('is atomic: a later failure leaves the document untouched', () => {
    const doc = cm();
    expect(() =>
      applyJsonPatch(doc, [
        { op: 'replace', path: '/data/p', value: 'changed' },
        { op: 'test', path: '/data/p', value: 'one' },
      ]),
    ).toThrow(PatchError);
    expect(doc.data.p).toBe('one');
  });

  const badRequests: [body: unknown, message: string][] = [
    [{ op: 'add' }, 'json: cannot unmarshal object into Go value of type jsonpatch.Patch'],
    ['text', 'json: cannot unmarshal string into Go value of type jsonpatch.Patch'],
    [['op'], 'json: cannot unmarshal string into Go value of type jsonpatch.Operation'],
    [[[]], 'json: cannot unmarshal array into Go value of type jsonpatch.Operation'],
  ];
  it.each(badRequests)('body %j → 400', (body, message) => {
    expect(() => applyJsonPatch(cm(), body)).toThrow(expect.objectContaining({ code: 400, reason: 'BadRequest', message }));
  });

  it('more than 10000 operations → 413', () => {
    const ops = Array.from({ length: MAX_JSON_PATCH_OPERATIONS + 1 }, () => ({ op: 'test', path: '/kind', value: 'ConfigMap' }));
    expect(() => applyJsonPatch(cm(), ops)).toThrow(
      expect.objectContaining({
        code: 413,
        reason: 'RequestEntityTooLarge',
        message: 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
      }),
    );
    expect(() => applyJsonPatch(cm(), ops.slice(1))).not.toThrow();
  });

  it('copies are limited in accumulated size', () => {
    const doc = { big: 'x'.repeat(1000) };
    const ops = [
      { op: 'copy', from: '/big', path: '/a' },
      { op: 'copy', from: '/big', path: '/b' },
    ];
    expect(() => applyJsonPatch(doc, ops, { maxCopyBytes: 2004 })).not.toThrow();
    expect(() => applyJsonPatch(doc, ops, { maxCopyBytes: 2003 })).toThrow(expect.objectContaining({ code: 422 }));
  });
});
