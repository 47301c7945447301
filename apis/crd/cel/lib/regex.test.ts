import { describe, expect, it } from 'vitest';
import { regexError, regexFind, regexFindAll, regexMatches } from './regex.js';

describe('RE2 regular expressions', () => {
  it('finds the leftmost-first match like Go regexp.FindString', () => {
    expect(regexFind('abc123def456', '[0-9]+')).toBe('123');
    expect(regexFind('xyz', 'a')).toBe('');
    expect(regexFind('aab', 'a+?')).toBe('a');
    expect(regexFind('aab', 'a|aa')).toBe('a');
    expect(regexFind('hello world', '\\bw\\w+')).toBe('world');
    expect(regexFind('foo\nbar', '(?m)^bar$')).toBe('bar');
    expect(regexFind('héllo', 'é.')).toBe('él');
  });

  it('finds all matches like Go regexp.FindAllString', () => {
    expect(regexFindAll('abc123def456', '[0-9]+')).toEqual(['123', '456']);
    expect(regexFindAll('abc123def456', '[0-9]+', 1)).toEqual(['123']);
    expect(regexFindAll('abc', 'x*')).toEqual(['', '', '', '']);
    expect(regexFindAll('a,b,,c', '[^,]*')).toEqual(['a', 'b', '', 'c']);
  });

  it('stays linear on patterns that make backtracking engines explode', () => {
    const start = Date.now();
    expect(regexMatches(`${'a'.repeat(5000)}!`, '^(a+)+$')).toBe(false);
    expect(regexFind(`${'a'.repeat(2000)}!`, '(a+)+$')).toBe('');
    expect(Date.now() - start).toBeLessThan(2000);
  });

  it('rejects what RE2 rejects', () => {
    expect(regexError('(?<=a)b')).toBeDefined();
    expect(regexError('(')).toContain('missing closing )');
    expect(regexError('a+')).toBeUndefined();
  });
});
