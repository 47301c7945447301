import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTokenFile, parseCsv, parseTokenFile } from './tokenFile.js';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe('Go encoding/csv reading', () => {
  it('splits fields, keeps blanks, skips only empty lines', () => {
    expect(fields('a,b,c\n\n d , e ,\r\n\r\nx')).toEqual([['a', 'b', 'c'], [' d ', ' e ', ''], ['x']]);
    expect(parseCsv('a,b\n\n\nc,d\n').map((r) => r.line)).toEqual([1, 4]);
  });

  it('reads quoted fields with commas, doubled quotes and newlines', () => {
    expect(fields('t,"u,1","say ""hi""","g1,g2"\n')).toEqual([['t', 'u,1', 'say "hi"', 'g1,g2']]);
    expect(fields('t,u,"line1\r\nline2",g\nnext,a,b')).toEqual([['t', 'u', 'line1\nline2', 'g'], ['next', 'a', 'b']]);
    expect(fields('"",x,""')).toEqual([['', 'x', '']]);
  });

  it('has no comment lines', () => {
    expect(fields('# not a comment,u,1\n')).toEqual([['# not a comment', 'u', '1']]);
  });

  it('drops a trailing carriage return at the end of input', () => {
    expect(fields('a,b,c\r')).toEqual([['a', 'b', 'c']]);
  });

  it('reports errors as Go does, with line and byte column', () => {
    expect(() => parseCsv('ok,a,b\nto"ken,u,1\n')).toThrow('parse error on line 2, column 3: bare " in non-quoted-field');
    expect(() => parseCsv('tok,"u"x,1\n')).toThrow('parse error on line 1, column 7: extraneous or missing " in quoted-field');
    expect(() => parseCsv('é,"u"x\n')).toThrow('parse error on line 1, column 6: extraneous or missing " in quoted-field');
    expect(() => parseCsv('a,"open\nstill open\n')).toThrow('record on line 1; parse error on line 2, column 12: extraneous or missing " in quoted-field');
    expect(() => parseCsv('a,"never closed')).toThrow('parse error on line 1, column 16: extraneous or missing " in quoted-field');
  });
});

describe('token file', () => {
  it('maps records to users with groups and system:authenticated', () => {
    const { entries, warnings } = parseTokenFile('tok1,alice,uid-1,"dev,ops"\ntok2,bob,uid-2\ntok3,carol,,system:authenticated\n', 'tokens.csv');
    expect(warnings).toEqual([]);
    expect(entries).toEqual([
      { token: 'tok1', user: { username: 'alice', uid: 'uid-1', groups: ['dev', 'ops', 'system:authenticated'] } },
      { token: 'tok2', user: { username: 'bob', uid: 'uid-2', groups: ['system:authenticated'] } },
      { token: 'tok3', user: { username: 'carol', groups: ['system:authenticated'] } },
    ]);
  });

  it('keeps extra columns out and drops empty groups', () => {
    const { entries } = parseTokenFile('t,u,1,"",ignored\nt2,u2,2,"a,,b"');
    expect(entries.map((e) => e.user.groups)).toEqual([['system:authenticated'], ['a', 'b', 'system:authenticated']]);
  });

  it('skips empty tokens and lets a duplicate replace the earlier record, with warnings', () => {
    const { entries, warnings } = parseTokenFile(',nobody,0\ndup,first,1\ndup,second,2\n', 'f.csv');
    expect(entries).toEqual([{ token: 'dup', user: { username: 'second', uid: '2', groups: ['system:authenticated'] } }]);
    expect(warnings).toEqual([
      "empty token has been found in token file 'f.csv', record number '1'",
      "duplicate token has been found in token file 'f.csv', record number '3'",
    ]);
  });

  it('rejects records with fewer than 3 columns, naming the line', () => {
    expect(() => parseTokenFile('a,b,c\n\nonly,two\n', 'f.csv')).toThrow(
      "token file 'f.csv' must have at least 3 columns (token, user name, user uid), found 2 (record on line 3)",
    );
    expect(() => parseTokenFile('a,b,c\n   \n', 'f.csv')).toThrow('found 1 (record on line 2)');
  });

  it('rejects CSV syntax errors, naming the file and line', () => {
    expect(() => parseTokenFile('a,b,c\nx"y,u,1\n', 'f.csv')).toThrow(`token file 'f.csv': parse error on line 2, column 2: bare " in non-quoted-field`);
  });

  it('loads a file into an authenticator', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kplane-tokens-'));
    const file = path.join(dir, 'tokens.csv');
    fs.writeFileSync(file, 'secret-1,alice,1,admins\n,skip,2\n');
    const warnings: string[] = [];
    const auth = loadTokenFile(file, { warn: (m) => warnings.push(m) });
    expect(auth.authenticateToken('secret-1')).toEqual({ username: 'alice', uid: '1', groups: ['admins', 'system:authenticated'] });
    expect(auth.authenticateToken('secret-2')).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(() => loadTokenFile(path.join(dir, 'missing.csv'))).toThrow(/ENOENT/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
