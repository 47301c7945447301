// kube-apiserver's --token-auth-file: a CSV file of `token,user,uid[,"group1,group2"]` records
// (k8s.io/apiserver pkg/authentication/token/tokenfile). The file is read with Go's encoding/csv
// defaults, so the same files are accepted and rejected here:
// - fields are separated by commas; a field may be double-quoted, and then may hold commas,
//   newlines and doubled quotes (`""`); a quote inside an unquoted field is an error;
// - a completely empty line is skipped; there are no comment lines, and a line of blanks is a
//   record (of one field, so it fails the column check); spaces are kept as they are;
// - CRLF line ends are read as LF; records may have any number of fields (at least 3 here).
// A record with an empty token is skipped with a warning; a duplicate token replaces the earlier
// record (with a warning). The 4th field is split on commas into groups. Every user gets
// system:authenticated, as upstream's AuthenticatedGroupAdder does.

import fs from 'node:fs';
import { StaticTokenAuthenticator, withAuthenticatedGroup } from './authenticate.js';
import { UserInfo } from './user.js';

export interface TokenFileEntry {
  token: string;
  user: UserInfo;
}

export interface ParsedTokenFile {
  entries: TokenFileEntry[];
  /** Empty and duplicate tokens, as upstream logs them. */
  warnings: string[];
}

/** A CSV syntax error, worded as Go's csv.ParseError. Lines and columns are 1-based; columns count bytes. */
export class CsvParseError extends Error {
  constructor(
    readonly startLine: number,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(
      startLine !== line
        ? `record on line ${startLine}; parse error on line ${line}, column ${column}: ${reason}`
        : `parse error on line ${line}, column ${column}: ${reason}`,
    );
  }
}

const ERR_BARE_QUOTE = 'bare " in non-quoted-field';
const ERR_QUOTE = 'extraneous or missing " in quoted-field';

export interface CsvRecord {
  /** The line the record starts on (1-based). */
  line: number;
  fields: string[];
}

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Reads CSV records the way Go's encoding/csv Reader does with its defaults and FieldsPerRecord = -1. */
export function parseCsv(text: string): CsvRecord[] {
  // Physical lines, each with its '\n' (the last one may lack it). CRLF becomes LF; a lone '\r'
  // before the end of input is dropped.
  const raw = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  let next = 0;
  let lineNo = 0;
  const readLine = (): string | undefined => {
    if (next >= raw.length) return undefined;
    let l = raw[next++];
    lineNo++;
    if (!l.endsWith('\n') && l.endsWith('\r')) l = l.slice(0, -1);
    if (l.endsWith('\r\n')) l = `${l.slice(0, -2)}\n`;
    return l;
  };
  const nlLen = (s: string): number => (s.endsWith('\n') ? 1 : 0);

  const records: CsvRecord[] = [];
  for (;;) {
    let line: string | undefined;
    do line = readLine();
    while (line !== undefined && line.length === nlLen(line));
    if (line === undefined) return records;

    const recLine = lineNo;
    const fields: string[] = [];
    let col = 1;
    let rest: string = line;
    for (;;) {
      if (!rest.startsWith('"')) {
        const comma = rest.indexOf(',');
        const field = comma >= 0 ? rest.slice(0, comma) : rest.slice(0, rest.length - nlLen(rest));
        const q = field.indexOf('"');
        if (q >= 0) throw new CsvParseError(recLine, lineNo, col + bytes(field.slice(0, q)), ERR_BARE_QUOTE);
        fields.push(field);
        if (comma < 0) break;
        col += bytes(field) + 1;
        rest = rest.slice(comma + 1);
        continue;
      }
      // Quoted field: may continue over further lines.
      let value = '';
      rest = rest.slice(1);
      col += 1;
      let posLine = lineNo;
      let done = false; // the record ends after this field
      for (;;) {
        const q = rest.indexOf('"');
        if (q >= 0) {
          value += rest.slice(0, q);
          col += bytes(rest.slice(0, q)) + 1;
          rest = rest.slice(q + 1);
          if (rest.startsWith('"')) {
            value += '"';
            rest = rest.slice(1);
            col += 1;
          } else if (rest.startsWith(',')) {
            rest = rest.slice(1);
            col += 1;
            break;
          } else if (rest.length === nlLen(rest)) {
            done = true;
            break;
          } else {
            throw new CsvParseError(recLine, lineNo, col - 1, ERR_QUOTE);
          }
        } else if (rest.length > 0) {
          value += rest;
          col += bytes(rest);
          const more = readLine();
          if (more === undefined || more.length === 0) throw new CsvParseError(recLine, posLine, col, ERR_QUOTE);
          rest = more;
          posLine++;
          col = 1;
        } else {
          throw new CsvParseError(recLine, posLine, col, ERR_QUOTE);
        }
      }
      fields.push(value);
      if (done) break;
    }
    records.push({ line: recLine, fields });
  }
}

/** Parses the contents of a token file; `source` names it in messages (upstream: the path). */
export function parseTokenFile(text: string, source = 'token file'): ParsedTokenFile {
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvParseError) throw new Error(`token file '${source}': ${e.message}`);
    throw e;
  }
  const byToken = new Map<string, UserInfo>();
  const warnings: string[] = [];
  let recordNum = 0;
  for (const r of records) {
    const f = r.fields;
    if (f.length < 3) {
      throw new Error(`token file '${source}' must have at least 3 columns (token, user name, user uid), found ${f.length} (record on line ${r.line})`);
    }
    recordNum++;
    if (f[0] === '') {
      warnings.push(`empty token has been found in token file '${source}', record number '${recordNum}'`);
      continue;
    }
    if (byToken.has(f[0])) {
      warnings.push(`duplicate token has been found in token file '${source}', record number '${recordNum}'`);
      byToken.delete(f[0]); // the later record wins
    }
    // Upstream keeps an empty 4th field as the group ""; it names nothing, so it is dropped here.
    const groups = f.length >= 4 ? f[3].split(',').filter((g) => g !== '') : [];
    const user: UserInfo = { username: f[1], groups };
    if (f[2] !== '') user.uid = f[2];
    byToken.set(f[0], withAuthenticatedGroup(user));
  }
  return { entries: [...byToken].map(([token, user]) => ({ token, user })), warnings };
}

export interface TokenFileOptions {
  /** Receives the warnings (empty and duplicate tokens); pino's logger.warn fits. */
  warn?: (msg: string) => void;
}

/** Reads `--token-auth-file` into an authenticator. Throws on a missing or malformed file. */
export function loadTokenFile(file: string, opts: TokenFileOptions = {}): StaticTokenAuthenticator {
  const parsed = parseTokenFile(fs.readFileSync(file, 'utf8'), file);
  for (const w of parsed.warnings) opts.warn?.(w);
  return new StaticTokenAuthenticator(parsed.entries);
}
