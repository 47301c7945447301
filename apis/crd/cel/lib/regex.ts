// Regular expressions for rules, always RE2 (linear time, no backtracking): tenants write these
// patterns, and a catastrophic-backtracking regex in a shared apiserver is a denial of service.
// matches() uses @bufbuild/re2's DFA. That port has no submatch API, so find()/findAll() run a
// small Pike VM (leftmost-first, like Go's regexp) over the program @bufbuild/re2 compiles.

import { RE2JS } from '@bufbuild/re2';

/** The instruction shape of @bufbuild/re2's compiled program (Inst.js), read at runtime. */
interface Inst {
  op: number;
  out: number;
  arg: number;
  matchRune(r: number): boolean;
}

interface Prog {
  inst: Inst[];
  start: number;
}

// Inst op codes and empty-width flags of @bufbuild/re2 0.6 (Inst.js, Utils.js).
const OP = { ALT: 1, ALT_MATCH: 2, CAPTURE: 3, EMPTY_WIDTH: 4, FAIL: 5, MATCH: 6, NOP: 7, RUNE: 8, RUNE1: 9, RUNE_ANY: 10, RUNE_ANY_NOT_NL: 11 };
const EMPTY = { BEGIN_LINE: 0x01, END_LINE: 0x02, BEGIN_TEXT: 0x04, END_TEXT: 0x08, WORD_BOUNDARY: 0x10, NO_WORD_BOUNDARY: 0x20 };

const CACHE_LIMIT = 256;
const cache = new Map<string, RE2JS>();

/** Compiles (and caches) a pattern; throws the RE2 syntax error for a bad one. */
export function compileRegex(pattern: string): RE2JS {
  let re = cache.get(pattern);
  if (!re) {
    re = RE2JS.compile(pattern);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(pattern, re);
  }
  return re;
}

/** RE2 syntax error text for a pattern, or undefined when it compiles. */
export function regexError(pattern: string): string | undefined {
  try {
    compileRegex(pattern);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Unanchored search, as CEL's matches(). */
export const regexMatches = (s: string, pattern: string): boolean => compileRegex(pattern).test(s);

const isWordRune = (r: number): boolean => (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a) || r === 0x5f;

function emptyContext(before: number, after: number): number {
  let op = 0;
  if (before < 0) op |= EMPTY.BEGIN_TEXT | EMPTY.BEGIN_LINE;
  if (before === 0x0a) op |= EMPTY.BEGIN_LINE;
  if (after < 0) op |= EMPTY.END_TEXT | EMPTY.END_LINE;
  if (after === 0x0a) op |= EMPTY.END_LINE;
  op |= isWordRune(before) !== isWordRune(after) ? EMPTY.WORD_BOUNDARY : EMPTY.NO_WORD_BOUNDARY;
  return op;
}

interface Thread {
  pc: number;
  start: number;
}

/** The leftmost-first match at or after rune index `from`, as [start, end) rune indices. */
function pikeFind(prog: Prog, runes: number[], from: number): [number, number] | undefined {
  let clist: Thread[] = [];
  let match: [number, number] | undefined;
  const add = (list: Thread[], seen: Set<number>, pc: number, start: number, pos: number): void => {
    if (seen.has(pc)) return;
    seen.add(pc);
    const inst = prog.inst[pc];
    switch (inst.op) {
      case OP.ALT:
      case OP.ALT_MATCH:
        add(list, seen, inst.out, start, pos);
        add(list, seen, inst.arg, start, pos);
        return;
      case OP.NOP:
      case OP.CAPTURE:
        add(list, seen, inst.out, start, pos);
        return;
      case OP.EMPTY_WIDTH: {
        const ctx = emptyContext(pos > 0 ? runes[pos - 1] : -1, pos < runes.length ? runes[pos] : -1);
        if ((inst.arg & ~ctx) === 0) add(list, seen, inst.out, start, pos);
        return;
      }
      case OP.FAIL:
        return;
      default:
        list.push({ pc, start });
    }
  };
  for (let pos = from; pos <= runes.length; pos++) {
    const seen = new Set<number>(clist.map((t) => t.pc));
    // A new thread may start here until some thread has matched (it has lower priority).
    if (!match) add(clist, seen, prog.start, pos, pos);
    if (clist.length === 0) {
      if (match) break;
      continue;
    }
    const nlist: Thread[] = [];
    const nseen = new Set<number>();
    const r = pos < runes.length ? runes[pos] : -1;
    for (const t of clist) {
      const inst = prog.inst[t.pc];
      if (inst.op === OP.MATCH) {
        match = [t.start, pos];
        break; // lower-priority threads are cut off
      }
      if (r < 0) continue;
      const ok = inst.op === OP.RUNE_ANY || (inst.op === OP.RUNE_ANY_NOT_NL ? r !== 0x0a : inst.matchRune(r));
      if (ok) add(nlist, nseen, inst.out, t.start, pos + 1);
    }
    clist = nlist;
  }
  return match;
}

const fromRunes = (runes: number[]): string => runes.map((r) => String.fromCodePoint(r)).join('');

const progOf = (pattern: string): Prog => (compileRegex(pattern).re2() as unknown as { prog: Prog }).prog;

/** regexp.FindString: the leftmost match, or "" when there is none. */
export function regexFind(s: string, pattern: string): string {
  const runes = [...s].map((c) => c.codePointAt(0)!);
  const m = pikeFind(progOf(pattern), runes, 0);
  return m ? fromRunes(runes.slice(m[0], m[1])) : '';
}

/** regexp.FindAllString(s, n): successive non-overlapping matches; n < 0 means all. */
export function regexFindAll(s: string, pattern: string, n = -1): string[] {
  const prog = progOf(pattern);
  const runes = [...s].map((c) => c.codePointAt(0)!);
  const out: string[] = [];
  let prevEnd = -1;
  for (let pos = 0; pos <= runes.length && (n < 0 || out.length < n); ) {
    const m = pikeFind(prog, runes, pos);
    if (!m) break;
    let accept = true;
    if (m[1] === pos) {
      // An empty match right after the previous match does not count.
      if (m[0] === prevEnd) accept = false;
      pos++;
    } else {
      pos = m[1];
    }
    prevEnd = m[1];
    if (accept) out.push(fromRunes(runes.slice(m[0], m[1])));
  }
  return out;
}
