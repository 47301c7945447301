// Standard functions whose @bufbuild/cel behaviour differs from cel-go's, replaced with cel-go's:
// equality and `in` (schema-aware, see equality.ts), list concatenation of set and map lists,
// matches() on a cached RE2, find/findAll, timestamp(int) in seconds, int(duration) in
// nanoseconds, Go duration syntax, strict decimal int()/uint()/double() from strings, and Go's %g
// text for string(double).

import { CelScalar, celFunc, celList, celListConcat, celMethod, celUint, listType, objectType, type CelList } from '@bufbuild/cel';
import { create } from '@bufbuild/protobuf';
import { DurationSchema, TimestampSchema } from '@bufbuild/protobuf/wkt';
import { parseGoDuration, instantFromNanos } from '../values/time.js';
import { celEquals, listSemanticsOf, mapListKey, setListSemantics } from './equality.js';
import { regexFind, regexFindAll, regexMatches } from './regex.js';

const { BOOL, INT, UINT, DOUBLE, STRING, DYN } = CelScalar;
const LIST = listType(DYN);
const TIMESTAMP = objectType(TimestampSchema);
const DURATION = objectType(DurationSchema);
const MAX_INT64 = 2n ** 63n - 1n;
const MIN_INT64 = -(2n ** 63n);
const MAX_UINT64 = 2n ** 64n - 1n;

type Duration = { message: { seconds: bigint; nanos: number } };

/** `X + Y` for set lists is a union and for map lists a merge by key (unstructuredSetList.Add). */
function concat(a: CelList, b: CelList): CelList {
  const s = listSemanticsOf(a);
  if (s?.kind === 'set') {
    const out = [...a];
    for (const y of b) if (!out.some((x) => celEquals(x, y))) out.push(y);
    return setListSemantics(celList(out), s);
  }
  if (s?.kind === 'map') {
    const out = [...a];
    const at = new Map<string, number>();
    out.forEach((x, i) => {
      const k = mapListKey(x, s.keys);
      if (k !== undefined && !at.has(k)) at.set(k, i);
    });
    for (const y of b) {
      const k = mapListKey(y, s.keys);
      if (k !== undefined && at.has(k)) out[at.get(k)!] = y;
      else out.push(y);
    }
    return setListSemantics(celList(out), s);
  }
  return celListConcat(a, b);
}

function parseDecimal(s: string, unsigned: boolean): bigint {
  if (!(unsigned ? /^\+?\d+$/ : /^[+-]?\d+$/).test(s)) throw new Error(`strconv.Parse${unsigned ? 'Uint' : 'Int'}: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = BigInt(s);
  if (unsigned ? n > MAX_UINT64 : n > MAX_INT64 || n < MIN_INT64) throw new Error(`strconv.Parse${unsigned ? 'Uint' : 'Int'}: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

/** strconv.FormatFloat(f, 'g', -1, 64). */
export function goFormatFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mantissa, expText] = f.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(f);
}

const durationNanos = (d: Duration): bigint => d.message.seconds * 1_000_000_000n + BigInt(d.message.nanos);

export const standardFunctions = [
  celFunc('_==_', [DYN, DYN], BOOL, (a, b) => celEquals(a, b)),
  celFunc('_!=_', [DYN, DYN], BOOL, (a, b) => !celEquals(a, b)),
  celFunc('@in', [DYN, LIST], BOOL, (x, l) => [...l].some((y) => celEquals(x, y))),
  celFunc('_+_', [LIST, LIST], LIST, (a, b) => concat(a, b)),
  celFunc('matches', [STRING, STRING], BOOL, (s, p) => regexMatches(s, p)),
  celMethod('matches', STRING, [STRING], BOOL, function (p) {
    return regexMatches(this, p);
  }),
  celMethod('find', STRING, [STRING], STRING, function (p) {
    return regexFind(this, p);
  }),
  celMethod('findAll', STRING, [STRING], listType(STRING), function (p) {
    return celList(regexFindAll(this, p));
  }),
  celMethod('findAll', STRING, [STRING, INT], listType(STRING), function (p, n) {
    return celList(n === 0n ? [] : regexFindAll(this, p, Number(n)));
  }),
  celFunc('timestamp', [INT], TIMESTAMP, (s) => create(TimestampSchema, { seconds: s, nanos: 0 })),
  celFunc('duration', [STRING], DURATION, (s) => {
    const n = parseGoDuration(s);
    if (n === undefined || /[dw]/.test(s)) throw new Error(`time: invalid duration ${JSON.stringify(s)}`);
    return create(DurationSchema, instantFromNanos(n));
  }),
  celFunc('int', [STRING], INT, (s) => parseDecimal(s, false)),
  celFunc('int', [DURATION], INT, (d) => durationNanos(d as unknown as Duration)),
  celFunc('uint', [STRING], UINT, (s) => celUint(parseDecimal(s, true))),
  celFunc('double', [STRING], DOUBLE, (s) => {
    if (!/^[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|Inf|Infinity|NaN)$/i.test(s)) throw new Error(`strconv.ParseFloat: parsing ${JSON.stringify(s)}: invalid syntax`);
    return Number(s.replace(/^([+-]?)inf(inity)?$/i, '$1Infinity'));
  }),
  celFunc('string', [DOUBLE], STRING, (f) => goFormatFloat(f)),
];
