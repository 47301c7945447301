// Targets, regression guards and the printed table. A target is what kplane should reach; a
// guard is far below it and fails `--quick` (CI) runs.

import type { CreatesResult } from './creates.js';
import type { FanoutResult } from './fanout.js';
import type { ListResult } from './list.js';

export interface Check {
  name: string;
  ratio: number;
  /** 'min': ratio must be >= target; 'max': <= target. */
  kind: 'min' | 'max';
  target: number;
  guard: number;
  meetsTarget: boolean;
  passesGuard: boolean;
}

export const TARGETS = {
  creates: { kind: 'min', target: 0.5, guard: 0.2 },
  list: { kind: 'max', target: 1.5, guard: 5 },
  watch: { kind: 'max', target: 2, guard: 5 },
} as const;

function check(name: keyof typeof TARGETS, ratio: number): Check {
  const t = TARGETS[name];
  const ok = (limit: number) => (t.kind === 'min' ? ratio >= limit : ratio <= limit);
  return { name, ratio, kind: t.kind, target: t.target, guard: t.guard, meetsTarget: ok(t.target), passesGuard: ok(t.guard) };
}

export interface Results {
  creates?: CreatesResult;
  list?: ListResult;
  watch?: FanoutResult;
}

export function checks(r: Results): Check[] {
  const out: Check[] = [];
  if (r.creates) out.push(check('creates', r.creates.ratio));
  if (r.list) out.push(check('list', r.list.ratio));
  if (r.watch) out.push(check('watch', r.watch.ratio));
  return out;
}

const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;
const x2 = (x: number) => `${x.toFixed(2)}×`;

function verdict(c: Check | undefined): string {
  if (!c) return '';
  if (c.meetsTarget) return 'meets target';
  return c.passesGuard ? 'MISSES target' : 'REGRESSION (beyond guard)';
}

/** The results as a Markdown table (also how they are printed). */
export function table(r: Results): string {
  const cs = new Map(checks(r).map((c) => [c.name, c]));
  const rows: string[][] = [['Measure', 'kplane', 'Ceiling (same run)', 'Ratio', 'Target', 'Verdict']];
  if (r.creates) {
    const { kplane: k, ceiling: c } = r.creates;
    rows.push(['(a) durable creates/s, 1 KB ConfigMaps, 50 keep-alive clients', `${n0(k.rate)}/s`, `${n0(c.rate)}/s (fastify + 1 SQLite insert, FULL, 1 txn/row)`, x2(r.creates.ratio), '≥ 0.5×', verdict(cs.get('creates'))]);
    rows.push(['(a) create latency p50 / p99', `${ms(k.p50Ms)} / ${ms(k.p99Ms)}`, `${ms(c.p50Ms)} / ${ms(c.p99Ms)}`, '', '', '']);
  }
  if (r.list) {
    const l = r.list;
    rows.push([`(b) LIST ${n0(l.count)} ConfigMaps, one namespace, JSON (median)`, ms(l.kplane.medianMs), `${ms(l.rawScanParse.medianMs)} (raw scan + JSON.parse)`, x2(l.ratio), '≤ 1.5×', verdict(cs.get('list'))]);
    rows.push(['(b) LIST p99', ms(l.kplane.p99Ms), ms(l.rawScanParse.p99Ms), x2(l.kplane.p99Ms / l.rawScanParse.p99Ms), '', '']);
    rows.push(['(b) raw scan without parse (median / p99)', '', `${ms(l.rawScan.medianMs)} / ${ms(l.rawScan.p99Ms)}`, x2(l.kplane.medianMs / l.rawScan.medianMs), '', '']);
    rows.push([`(b) transport only: the same ${(l.responseBytes / 1e6).toFixed(1)} MB from memory (median / p99)`, '', `${ms(l.transport.medianMs)} / ${ms(l.transport.p99Ms)} (bare fastify)`, x2(l.kplane.medianMs / l.transport.medianMs), '', '']);
  }
  if (r.watch) {
    const w = r.watch;
    rows.push([`(c) one event to ${n0(w.watchers)} watchers: last receiver (median)`, ms(w.kplane.lastMs), `${ms(w.ceiling.lastMs)} (fastify chunked fan-out)`, x2(w.ratio), '≤ 2×', verdict(cs.get('watch'))]);
    rows.push(['(c) half of the watchers had it (median)', ms(w.kplane.p50Ms), ms(w.ceiling.p50Ms), x2(w.kplane.p50Ms / w.ceiling.p50Ms), '', '']);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}
