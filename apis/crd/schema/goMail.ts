// Whether Go's net/mail.ParseAddress accepts a string as exactly one address with a non-empty
// addr-spec (the "email" format): "a@b.c", "Name <a@b.c>", "a@b.c (Name)", "\"q\"@[1.2.3.4]",
// or a group holding one address. RFC 2047 encoded words in display names are not decoded.

import { isIP } from 'node:net';

const isVchar = (c: string): boolean => (c >= '!' && c <= '~') || c.codePointAt(0)! >= 0x80;
const isWSP = (c: string): boolean => c === ' ' || c === '\t';
const SPECIALS = new Set(['(', ')', '<', '>', '[', ']', ':', ';', '@', '\\', ',', '"']);
const isAtext = (c: string, dot: boolean): boolean => (c === '.' ? dot : !SPECIALS.has(c) && isVchar(c));

class Parser {
  private i = 0;
  private readonly chars: string[];

  constructor(s: string) {
    this.chars = [...s];
  }

  empty = () => this.i >= this.chars.length;
  peek = () => this.chars[this.i];
  consume(c: string): boolean {
    if (this.empty() || this.peek() !== c) return false;
    this.i++;
    return true;
  }
  skipSpace(): void {
    while (!this.empty() && isWSP(this.peek())) this.i++;
  }

  /** Consumes a comment after its "(": false when unbalanced. */
  comment(): boolean {
    let depth = 1;
    while (!this.empty() && depth > 0) {
      const c = this.peek();
      if (c === '\\' && this.i + 1 < this.chars.length) this.i++;
      else if (c === '(') depth++;
      else if (c === ')') depth--;
      this.i++;
    }
    return depth === 0;
  }

  skipCFWS(): boolean {
    this.skipSpace();
    while (this.consume('(')) {
      if (!this.comment()) return false;
      this.skipSpace();
    }
    return true;
  }

  atom(dot: boolean, permissive: boolean): string | undefined {
    const start = this.i;
    while (!this.empty() && isAtext(this.peek(), dot)) this.i++;
    const atom = this.chars.slice(start, this.i).join('');
    if (!atom) return undefined;
    if (!permissive && (atom.startsWith('.') || atom.includes('..') || atom.endsWith('.'))) return undefined;
    return atom;
  }

  /** A quoted string from its opening quote. */
  quoted(): string | undefined {
    this.i++;
    let out = '';
    let escaped = false;
    for (;;) {
      if (this.empty()) return undefined;
      const c = this.peek();
      if (escaped) {
        if (!isVchar(c) && !isWSP(c)) return undefined;
        out += c;
        escaped = false;
      } else if ((c !== '\\' && c !== '"' && isVchar(c)) || isWSP(c)) out += c;
      else if (c === '"') break;
      else if (c === '\\') escaped = true;
      else return undefined;
      this.i++;
    }
    this.i++;
    return out;
  }

  domainLiteral(): boolean {
    if (!this.consume('[')) return false;
    let text = '';
    while (!this.empty() && this.peek() !== ']') {
      const c = this.peek();
      if (c === '[' || c === '\\' || !isVchar(c)) return false;
      text += c;
      this.i++;
    }
    return this.consume(']') && isIP(text) !== 0 && !text.includes('%');
  }

  /** addr-spec; restores the position on failure. */
  addrSpec(): boolean {
    const start = this.i;
    const ok = (() => {
      this.skipSpace();
      if (this.empty()) return false;
      if (this.peek() === '"') {
        if (!this.quoted()) return false; // also an empty quoted local part
      } else if (this.atom(true, false) === undefined) return false;
      if (!this.consume('@')) return false;
      this.skipSpace();
      if (this.empty()) return false;
      return this.peek() === '[' ? this.domainLiteral() : this.atom(true, false) !== undefined;
    })();
    if (!ok) this.i = start;
    return ok;
  }

  /** phrase = 1*word; errors after the first word are ignored. */
  phrase(): boolean {
    let words = 0;
    for (;;) {
      if (words > 0 && !this.skipCFWS()) return false;
      this.skipSpace();
      if (this.empty()) break;
      const word = this.peek() === '"' ? this.quoted() : this.atom(true, true);
      if (word === undefined) break;
      words++;
    }
    return words > 0;
  }

  /** parseAddress: the number of addresses read, or -1. */
  address(handleGroup: boolean): number {
    this.skipSpace();
    if (this.empty()) return -1;
    if (this.addrSpec()) {
      this.skipSpace();
      if (!this.empty() && this.peek() === '(') {
        this.i++;
        if (!this.comment()) return -1;
      }
      return 1;
    }
    if (this.peek() !== '<' && !this.phrase()) return -1;
    this.skipSpace();
    if (handleGroup && this.consume(':')) return this.groupList();
    if (!this.consume('<') || !this.addrSpec()) return -1;
    return this.consume('>') ? 1 : -1;
  }

  groupList(): number {
    let n = 0;
    this.skipSpace();
    if (this.consume(';')) return this.skipCFWS() ? 0 : -1;
    for (;;) {
      this.skipSpace();
      const got = this.address(false);
      if (got < 0) return -1;
      n += got;
      if (!this.skipCFWS()) return -1;
      if (this.consume(';')) return this.skipCFWS() ? n : -1;
      if (!this.consume(',')) return -1;
    }
  }
}

/** mail.ParseAddress(s) succeeds with a non-empty address. */
export function isEmail(s: string): boolean {
  if (s.includes('\uFFFD')) return false; // invalid UTF-8 upstream
  const p = new Parser(s);
  const n = p.address(true);
  return n === 1 && p.skipCFWS() && p.empty();
}
