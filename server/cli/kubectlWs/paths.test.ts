import { describe, expect, it } from 'vitest';
import { baseOf, isValidPath, normalizeTarget, parseClusterURL, resolveDots, resolveTarget, Target, typeString } from './paths.js';

/** What `kubectl ws <input>` resolves to from `current` with home `user:alice`. */
function resolve(input: string, current: string | undefined, homeDir?: string): string {
  const { target } = normalizeTarget(input, homeDir);
  if (target.kind === 'current') return '<current>';
  if (target.kind === 'previous') return '<previous>';
  return resolveTarget(target as Exclude<Target, { kind: 'current' } | { kind: 'previous' }>, current, 'user:alice');
}

describe('workspace path resolution', () => {
  it.each([
    // [typed, current, result]
    ['team', 'root:org', 'root:org:team'],
    ['a:b', 'root', 'root:a:b'],
    ['..', 'root:org:team', 'root:org'],
    ['..:..', 'root:org:team', 'root'],
    ['..:other', 'root:org:team', 'root:org:other'],
    ['.:x', 'root:org', 'root:org:x'],
    ['a:..:b', 'root', 'root:b'],
    [':root:a', 'root:org:team', 'root:a'],
    [':root', 'root:org', 'root'],
    [':', 'root:org:team', 'root'],
    ['~', 'root:org', 'user:alice'],
    ['', 'root:org', 'user:alice'],
    ['~:sub', 'root:org', 'user:alice:sub'],
    ['~:sub:..', 'root', 'user:alice'],
    ['-', 'root', '<previous>'],
    ['.', 'root', '<current>'],
    ['a/b', 'root', 'root:a:b'],
    // legacy: "root:..." was absolute in older kcp; it is taken as absolute (with a note)
    ['root:a', 'user:alice', 'root:a'],
    ['root', 'root:org', 'root'],
    // a logical cluster id as the current workspace
    ['child', '2cynbfy2m0wtjqcs', '2cynbfy2m0wtjqcs:child'],
  ])('%j from %s is %s', (typed, current, want) => {
    expect(resolve(typed, current)).toBe(want);
  });

  it('undoes the shell expansion of ~', () => {
    expect(resolve('/home/alice', 'root', '/home/alice')).toBe('user:alice');
    expect(resolve('/home/alice/projects/x', 'root', '/home/alice')).toBe('user:alice:projects:x');
    expect(resolve('/home/alicex', 'root', '/home/alice')).not.toBe('user:alicex');
  });

  it('notes the legacy absolute syntax', () => {
    expect(normalizeTarget('root:a').notes[0]).toMatch(/use ':root'/);
    expect(normalizeTarget(':root:a').notes).toEqual([]);
  });

  it.each([
    ['..', 'root'],
    ['..:..', 'root:org'],
    ['..:..:..', 'root:org'],
    ['a::b', 'root'],
    ['UP!', 'root'],
    [':root:', 'root'],
  ])('rejects %j from %s', (typed, current) => {
    expect(() => resolve(typed, current)).toThrow(/cannot go up from root|invalid workspace path/);
  });

  it('needs the current path for relative targets only', () => {
    expect(() => resolve('a', undefined)).toThrow(/current workspace is unknown/);
    expect(resolve(':root:a', undefined)).toBe('root:a');
    expect(resolve('~', undefined)).toBe('user:alice');
  });

  it('removes dots', () => {
    expect(resolveDots('root:a:.:b:..:c')).toBe('root:a:c');
    expect(() => resolveDots('root:..:..')).toThrow('cannot go up from root');
  });

  it('validates paths', () => {
    expect(isValidPath('root')).toBe(true);
    expect(isValidPath('root:org-1:team.a')).toBe(true);
    expect(isValidPath('user:kplane-admin')).toBe(true);
    expect(isValidPath('')).toBe(false);
    expect(isValidPath('root:')).toBe(false);
    expect(isValidPath('root:-a')).toBe(false);
    expect(isValidPath('root a')).toBe(false);
  });
});

describe('server URLs', () => {
  it.each([
    ['https://127.0.0.1:6443/clusters/root', 'https://127.0.0.1:6443', 'root'],
    ['https://h:1/clusters/root:org:team/', 'https://h:1', 'root:org:team'],
    ['https://h:1/clusters/root:org/api/v1', 'https://h:1', 'root:org'],
    ['https://h/prefix/clusters/user:alice', 'https://h/prefix', 'user:alice'],
  ])('%s is %s + %s', (url, base, path) => {
    expect(parseClusterURL(url)).toEqual({ base, path });
  });

  it('knows URLs that do not point to a workspace', () => {
    expect(parseClusterURL('https://h:1')).toBeUndefined();
    expect(parseClusterURL('https://h:1/clusters/')).toBeUndefined();
    expect(parseClusterURL('not a url')).toBeUndefined();
    expect(baseOf('https://h:1/')).toBe('https://h:1');
    expect(baseOf('https://h:1/clusters/root:a')).toBe('https://h:1');
  });

  it('writes type references like kcp', () => {
    expect(typeString({ name: 'universal', path: 'root' })).toBe('root:universal');
    expect(typeString({ name: 'root' })).toBe('root');
    expect(typeString(undefined)).toBeUndefined();
  });
});
