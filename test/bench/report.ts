// Targets, regression guards and the printed table. A target is what kplane should reach; a
// guard is far below it and fails `--quick` (CI) runs.

import type { CreatesResult } from './creates.js';
import type { CurveResult } from './curve.js';
import type { FanoutResult } from './fanout.js';
import type { GetsResult } from './gets.js';
import type { ListResult } from './list.js';
import type { LatencyFigures, SyncerResult } from './syncer.js';
import type { TreeResult } from './tree.js';
import type { ValidationResult } from './validation.js';
import type { WorkspacesResult } from './workspaces.js';

export interface Check {
  name: string;
  /** The checked figure, in `unit`. */
  value: number;
  /** '×' for a ratio to the same run's ceiling; otherwise an absolute unit. */
  unit: string;
  /** The same as `value` for ratio checks (kept for readers of older result files). */
  ratio?: number;
  /** 'min': value must be >= target; 'max': <= target. */
  kind: 'min' | 'max';
  target: number;
  guard: number;
  meetsTarget: boolean;
  passesGuard: boolean;
}

export const TARGETS = {
  creates: { kind: 'min', target: 0.5, guard: 0.2 },
  list: { kind: 'max', target: 1.5, guard: 5 },
  /** GET p99 ÷ the ceiling's. */
  get: { kind: 'max', target: 1.5, guard: 5 },
  watch: { kind: 'max', target: 2, guard: 5 },
  // Absolute targets for the workspace benchmarks, with guards far beyond them (docs/benchmarks.md).
  /** (d) workspaces Ready per second. */
  workspaceRate: { kind: 'min', target: 500, guard: 100, unit: '/s' },
  /** (d) RSS growth per empty workspace, KiB. */
  workspaceMemory: { kind: 'max', target: 100, guard: 500, unit: 'KiB' },
  /** (e) seconds to delete a tree, per 1,000 workspaces in it. */
  treeDelete: { kind: 'max', target: 60, guard: 300, unit: 's/1000' },
  /**
   * (h) write → member copy p99, `conns` clients, ms. Target: at most 2× the relay's p99 in the
   * same run (targetRatio); guard: an absolute limit that only a broken agent reaches.
   */
  syncerLatency: { kind: 'max', targetRatio: 2, guard: 5000, unit: 'ms' },
  /** (h) agent RSS − a bare process's, per synced object, KiB. */
  syncerMemory: { kind: 'max', target: 10, guard: 100, unit: 'KiB' },
} as const;

/** What kcp has published for the same measures (docs/research/kcp-anchor.md §6), for context. */
export const KCP = {
  workspaceRate: '8/s (depth-5 tree), 2/s (flat 10k under root)',
  workspaceMemory: '7.4 MiB (empty, after GC), 9.8 MiB under load',
  treeDelete: '≈ 1 h for a 10k tree (≈ 360 s per 1,000)',
};

/**
 * `name` defaults to the target's; the cost curve checks each size under its figure's target. A
 * target given as a ratio to a figure of the same run (targetRatio) needs that figure: `relativeTo`.
 */
function check(target: keyof typeof TARGETS, value: number, name: string = target, relativeTo?: number): Check {
  const t = TARGETS[target];
  const limit = 'targetRatio' in t ? t.targetRatio * (relativeTo ?? NaN) : t.target;
  const ok = (l: number) => (t.kind === 'min' ? value >= l : value <= l);
  const unit = 'unit' in t ? t.unit : '×';
  return { name, value, unit, ...(unit === '×' ? { ratio: value } : {}), kind: t.kind, target: limit, guard: t.guard, meetsTarget: ok(limit), passesGuard: ok(t.guard) };
}

export interface Results {
  creates?: CreatesResult;
  list?: ListResult;
  get?: GetsResult;
  watch?: FanoutResult;
  curve?: CurveResult;
  workspaces?: WorkspacesResult;
  tree?: TreeResult;
  validation?: ValidationResult;
  syncer?: SyncerResult;
}

export function checks(r: Results): Check[] {
  const out: Check[] = [];
  if (r.creates) out.push(check('creates', r.creates.ratio));
  if (r.list) out.push(check('list', r.list.ratio));
  if (r.get) out.push(check('get', r.get.ratio));
  if (r.watch) out.push(check('watch', r.watch.ratio));
  for (const p of r.curve?.points ?? []) {
    out.push(check('creates', p.creates.ratio, `curve.creates@${p.size}`));
    out.push(check('get', p.gets.ratio, `curve.get@${p.size}`));
    out.push(check('list', p.list.ratio, `curve.list@${p.size}`));
    out.push(check('watch', p.watch.ratio, `curve.watch@${p.size}`));
  }
  if (r.workspaces) {
    out.push(check('workspaceRate', r.workspaces.kplane.readyPerSec));
    out.push(check('workspaceMemory', r.workspaces.memory.rssPerWorkspaceKiB));
  }
  if (r.tree) out.push(check('treeDelete', r.tree.secondsPer1000));
  if (r.syncer) {
    out.push(check('syncerLatency', r.syncer.agent.p99Ms, 'syncerLatency', r.syncer.relay.p99Ms));
    out.push(check('syncerMemory', r.syncer.memory.rssPerObjectBytes / 1024));
  }
  return out;
}

/** One check as text: "412/s (guard ≥ 100/s)". */
export function describeCheck(c: Check): string {
  const v = c.unit === '×' ? `${c.value.toFixed(2)}×` : `${c.value.toFixed(1)} ${c.unit}`;
  return `${c.name} ${v} (guard ${c.kind === 'min' ? '≥' : '≤'} ${c.guard}${c.unit === '×' ? '×' : ` ${c.unit}`})`;
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
  if (r.get) {
    const g = r.get;
    rows.push([`(b) GET p99, one 1 KB ConfigMap of ${n0(g.objects)}, ${g.conns} keep-alive clients`, ms(g.kplane.p99Ms), `${ms(g.ceiling.p99Ms)} (fastify + 1 SQLite point read + JSON.parse/stringify)`, x2(g.ratio), '≤ 1.5×', verdict(cs.get('get'))]);
    rows.push(['(b) GET p50 / rate', `${ms(g.kplane.p50Ms)} / ${n0(g.kplane.rate)}/s`, `${ms(g.ceiling.p50Ms)} / ${n0(g.ceiling.rate)}/s`, x2(g.kplane.rate / g.ceiling.rate), '', '']);
  }
  if (r.watch) {
    const w = r.watch;
    rows.push([`(c) one event to ${n0(w.watchers)} watchers: last receiver (median)`, ms(w.kplane.lastMs), `${ms(w.ceiling.lastMs)} (fastify chunked fan-out)`, x2(w.ratio), '≤ 2×', verdict(cs.get('watch'))]);
    rows.push(['(c) half of the watchers had it (median)', ms(w.kplane.p50Ms), ms(w.ceiling.p50Ms), x2(w.kplane.p50Ms / w.ceiling.p50Ms), '', '']);
  }
  if (r.validation) {
    const v = r.validation;
    const us = (f: { usPerObject: number }) => `${f.usPerObject.toFixed(1)} µs`;
    rows.push([`(g) decode + defaults + validation per Deployment (${v.deployment.bodyBytes} B, built-in validators)`, us(v.deployment), `${us(v.parseCeiling.deployment)} (JSON.parse)`, x2(v.deployment.usPerObject / v.parseCeiling.deployment.usPerObject), '', '']);
    rows.push([`(g) … per CronTab (${v.customResource.bodyBytes} B, OpenAPI schema + 2 CEL rules)`, us(v.customResource), `${us(v.parseCeiling.customResource)} (JSON.parse)`, x2(v.customResource.usPerObject / v.parseCeiling.customResource.usPerObject), '', '']);
    rows.push(['(g) custom resource ÷ built-in kind, per object', x2(v.ratio), '', '', '', '']);
  }
  const out: string[] = [];
  if (rows.length > 1) out.push(markdown(rows));
  if (r.curve) out.push(markdown(curveRows(r.curve, cs)));
  const ws = workspaceRows(r, cs);
  if (ws.length > 1) out.push(markdown(ws));
  if (r.syncer) out.push(markdown(syncerRows(r.syncer, cs)));
  return out.join('\n\n');
}

/** (f) Each figure at each size beside its ceiling at that size, then how much its cost grew. */
function curveRows(c: CurveResult, cs: Map<string, Check>): string[][] {
  const rows: string[][] = [['Cost curve (f)', 'Stored objects', 'kplane', 'Ceiling (same run, same size)', 'Ratio', 'Target', 'Verdict']];
  const first = c.points[0]!;
  const last = c.points[c.points.length - 1]!;
  const growth = `cost at ${n0(last.size)} ÷ cost at ${n0(first.size)}`;
  const figures: Array<{ label: string; check: string; target: string; cell: (p: (typeof c.points)[number]) => [string, string, string]; cost: (p: (typeof c.points)[number]) => [number, number] }> = [
    {
      label: `(f) durable creates/s, bursts of ${n0(first.creates.count)}`,
      check: 'creates',
      target: '≥ 0.5×',
      cell: (p) => [`${n0(p.creates.kplane.rate)}/s`, `${n0(p.creates.ceiling.rate)}/s (1 SQLite insert, FULL)`, x2(p.creates.ratio)],
      // Cost of a create = 1 ÷ rate.
      cost: (p) => [1 / p.creates.kplane.rate, 1 / p.creates.ceiling.rate],
    },
    {
      label: `(f) GET p99, ${first.gets.conns} clients, random stored object`,
      check: 'get',
      target: '≤ 1.5×',
      cell: (p) => [ms(p.gets.kplane.p99Ms), `${ms(p.gets.ceiling.p99Ms)} (1 point read + parse)`, x2(p.gets.ratio)],
      cost: (p) => [p.gets.kplane.p99Ms, p.gets.ceiling.p99Ms],
    },
    {
      label: `(f) LIST of a namespace of ${n0(c.listCount)} (median)`,
      check: 'list',
      target: '≤ 1.5×',
      cell: (p) => [ms(p.list.kplane.medianMs), `${ms(p.list.rawScanParse.medianMs)} (raw scan + JSON.parse)`, x2(p.list.ratio)],
      cost: (p) => [p.list.kplane.medianMs, p.list.rawScanParse.medianMs],
    },
    {
      label: `(f) one event to ${n0(first.watch.watchers)} watchers, last (median)`,
      check: 'watch',
      target: '≤ 2×',
      cell: (p) => [ms(p.watch.kplane.lastMs), `${ms(p.watch.ceiling.lastMs)} (fan-out, no store)`, x2(p.watch.ratio)],
      cost: (p) => [p.watch.kplane.lastMs, p.watch.ceiling.lastMs],
    },
  ];
  for (const f of figures) {
    for (const p of c.points) rows.push([f.label, n0(p.size), ...f.cell(p), f.target, verdict(cs.get(`curve.${f.check}@${p.size}`))]);
    const [k0, c0] = f.cost(first);
    const [k1, c1] = f.cost(last);
    rows.push([`${f.label}: growth`, growth, x2(k1 / k0), x2(c1 / c0), '', '', '']);
  }
  return rows;
}

const kib = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} KiB`;
const s1 = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} s`;

/** (d) and (e): absolute targets, the same run's ceilings, and kcp's published figures. */
function workspaceRows(r: Results, cs: Map<string, Check>): string[][] {
  const rows: string[][] = [['Measure', 'kplane', 'Ceiling (same run)', 'Ratio', 'Target', 'kcp (published)', 'Verdict']];
  if (r.workspaces) {
    const w = r.workspaces;
    const k = w.kplane;
    rows.push([
      `(d) ${n0(w.count)} workspaces POSTed by ${w.conns} clients: Ready/s`,
      `${n0(k.readyPerSec)}/s`,
      `${n0(w.ceiling.workspacesPerSec)}/s (${n0(w.ceiling.configMapsPerSec)} ConfigMaps/s ÷ ${w.writes.changeRowsPerWorkspace.toFixed(1)} writes)`,
      x2(w.rateRatio),
      '≥ 500/s',
      KCP.workspaceRate,
      verdict(cs.get('workspaceRate')),
    ]);
    rows.push([`(d) accepted (201)/s`, `${n0(k.acceptedPerSec)}/s`, '', '', '', '', '']);
    rows.push([`(d) all ${n0(w.count)} accepted / all Ready`, `${s1(k.acceptedSeconds)} / ${s1(k.readySeconds)}`, '', '', '', '', '']);
    rows.push(['(d) POST → Ready, p50 / p99', `${ms(k.timeToReadyP50Ms)} / ${ms(k.timeToReadyP99Ms)}`, '', '', '', '', '']);
    rows.push([
      '(d) kplane CPU per workspace (user + sys)',
      ms(w.cpu.kplaneMsPerWorkspace),
      `${ms(w.cpu.ceilingMsPerWorkspace)} (the ConfigMaps' CPU × ${w.writes.changeRowsPerWorkspace.toFixed(1)})`,
      x2(w.cpu.kplaneMsPerWorkspace / w.cpu.ceilingMsPerWorkspace),
      '',
      '',
      '',
    ]);
    rows.push([
      '(d) group commits while creating',
      `${n0(w.commits.transactions)} transactions, ${w.commits.mutationsPerTransaction.toFixed(1)} mutations each`,
      '',
      '',
      '',
      '',
      '',
    ]);
    rows.push([
      '(d) RSS growth per workspace (after GC + idle)',
      kib(w.memory.rssPerWorkspaceKiB),
      `${kib(w.memoryCeiling.rssPerWorkspaceKiB)} (bare process, same rows in SQLite)`,
      x2(w.memoryRatio),
      '≤ 100 KiB',
      KCP.workspaceMemory,
      verdict(cs.get('workspaceMemory')),
    ]);
    rows.push(['(d) of which JS heap (heapUsed growth)', kib(w.memory.heapUsedPerWorkspaceKiB), kib(w.memoryCeiling.heapUsedPerWorkspaceKiB), '', '', '', '']);
    rows.push([
      '(d) rows and disk per workspace',
      `${w.writes.changeRowsPerWorkspace.toFixed(1)} writes, ${w.writes.objectRowsPerWorkspace.toFixed(1)} objects, ${n0(w.writes.meanJsonBytes)} B each; ${kib(w.writes.diskBytesPerWorkspace / 1024)} on disk`,
      '',
      '',
      '',
      '',
      '',
    ]);
  }
  if (r.tree) {
    const t = r.tree;
    rows.push([
      `(e) delete a tree of ${n0(t.workspaces)} workspaces (${t.orgs}×${t.teams}×${t.leaves}), ${n0(t.objects)} objects`,
      `${s1(t.deleteSeconds)} (${s1(t.secondsPer1000)} per 1,000)`,
      '',
      '',
      '< 60 s per 1,000',
      KCP.treeDelete,
      verdict(cs.get('treeDelete')),
    ]);
    rows.push(['(e) workspaces / objects deleted per second', `${n0(t.workspacesPerSec)}/s / ${n0(t.objectsPerSec)}/s`, '', '', '', '', '']);
  }
  return rows;
}

/** (h) The agent beside the relay (latency) and a bare process (memory), same run. */
function syncerRows(s: SyncerResult, cs: Map<string, Check>): string[][] {
  const rows: string[][] = [['Measure', 'kplane agent', 'Ceiling (same run)', 'Ratio', 'Target', 'Verdict']];
  const a = s.agent;
  const c = s.relay;
  const lat = (f: { p50Ms: number; p99Ms: number; maxMs: number }) => `${ms(f.p50Ms)} / ${ms(f.p99Ms)} / ${ms(f.maxMs)}`;
  const clamped = a.clamped + c.clamped + s.paced.agent.clamped + s.paced.relay.clamped;
  rows.push([
    `(h) write → member copy p99, ${n0(s.count)} 1 KB ConfigMaps per side, ${s.conns} clients`,
    ms(a.p99Ms),
    `${ms(c.p99Ms)} (relay: 1 watch + 1 POST per object)`,
    x2(s.p99Ratio),
    `≤ 2× (${ms(2 * c.p99Ms)})`,
    verdict(cs.get('syncerLatency')),
  ]);
  rows.push(['(h) … p50 / p99 / max', lat(a), lat(c), x2(s.p50Ratio), '', '']);
  rows.push([
    '(h) … copies/s (creates accepted/s)',
    `${n0(a.copiesPerSec)}/s (${n0(a.acceptedPerSec)}/s)`,
    `${n0(c.copiesPerSec)}/s (${n0(c.acceptedPerSec)}/s)`,
    x2(a.copiesPerSec / c.copiesPerSec),
    '',
    '',
  ]);
  const m = s.memory;
  rows.push([
    `(h) … then ${n0(m.fillObjects)} more (the memory fill): copies/s (creates accepted/s)`,
    `${n0(m.fillObjects / m.fillCopiedSeconds)}/s (${n0(m.fillObjects / m.fillAcceptedSeconds)}/s)`,
    '',
    '',
    '',
    '',
  ]);
  rows.push([
    '(h) … CPU per object: agent / hub / member',
    `${ms(a.cpuMsPerObject)} / ${ms(a.hubCpuMsPerObject)} / ${ms(a.memberCpuMsPerObject)}`,
    `${ms(c.cpuMsPerObject)} / ${ms(c.hubCpuMsPerObject)} / ${ms(c.memberCpuMsPerObject)}`,
    x2((a.cpuMsPerObject + a.hubCpuMsPerObject + a.memberCpuMsPerObject) / (c.cpuMsPerObject + c.hubCpuMsPerObject + c.memberCpuMsPerObject)),
    '',
    '',
  ]);
  rows.push([
    `(h) write → copy, 1 client, ${n0(s.paced.perSec)} writes/s (no backlog), ${n0(s.paced.count)} per side: p50 / p99 / max`,
    lat(s.paced.agent),
    lat(s.paced.relay),
    x2(s.paced.agent.p99Ms / s.paced.relay.p99Ms),
    '',
    '',
  ]);
  const early = (x: LatencyFigures, y: LatencyFigures) => `${x.clamped + y.clamped}${x.clamped + y.clamped ? ` (up to ${ms(-Math.min(x.earliestMs, y.earliestMs))} early)` : ''}`;
  if (clamped) rows.push(['(h) copies seen before their 201 was read (counted as 0 ms), both modes', early(a, s.paced.agent), early(c, s.paced.relay), '', '', '']);
  const mib = (b: number) => `${(b / 1048576).toFixed(1)} MiB`;
  rows.push([
    `(h) agent RSS − bare process, per synced object (${n0(m.objects)} ConfigMaps)`,
    kib(m.rssPerObjectBytes / 1024),
    '0 (bare node + the agent’s libraries, holding nothing)',
    '',
    '≤ 10 KiB',
    verdict(cs.get('syncerMemory')),
  ]);
  rows.push(['(h) … RSS / heapUsed after GC', `${mib(m.agent.rss)} / ${mib(m.agent.heapUsed)}`, `${mib(m.bare.rss)} / ${mib(m.bare.heapUsed)}`, x2(m.agent.rss / m.bare.rss), '', '']);
  rows.push([
    `(h) … growth from ${n0(m.baselineObjects)} to ${n0(m.objects)} objects, per object: RSS / heapUsed`,
    `${kib(m.rssGrowthPerObjectBytes / 1024)} / ${kib(m.heapUsedGrowthPerObjectBytes / 1024)}`,
    '',
    '',
    '',
    '',
  ]);
  return rows;
}

function markdown(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}
