// Draws the cost curve (f) of a benchmark results file as SVG: one panel per figure, kplane and its
// ceiling against the number of stored objects (log scale).
//
//   node dist/test/bench/plotCurves.js [RESULTS.json] [OUT.svg]
//     defaults: test/bench/results/latest.json → docs/bench-cost-curves.svg

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { kplaneBin } from '../support/childServer.js';
import type { CurveResult } from './curve.js';
import type { MachineInfo } from './machine.js';
import { describeMachine } from './machine.js';
import { chartSvg, type Panel } from './svgChart.js';

const KPLANE = '#1f5fbf';
const CEILING = '#d9822b';

interface ResultsFile {
  date: string;
  mode: string;
  machine: MachineInfo;
  results: { curve?: CurveResult };
}

export function curveChart(file: ResultsFile): string {
  const c = file.results.curve;
  if (!c?.points.length) throw new Error('the results have no cost curve (run the bench with curve selected)');
  const sizes = c.points.map((p) => p.size);
  const panel = (title: string, kplane: (p: CurveResult['points'][number]) => number, ceilingName: string, ceiling: (p: CurveResult['points'][number]) => number): Panel => ({
    title,
    series: [
      { name: 'kplane', color: KPLANE, points: c.points.map((p) => [p.size, kplane(p)]) },
      { name: `ceiling: ${ceilingName}`, color: CEILING, dashed: true, points: c.points.map((p) => [p.size, ceiling(p)]) },
    ],
  });
  const first = c.points[0]!;
  return chartSvg({
    title: 'kplane cost curves: each figure beside its ceiling at the same store size',
    subtitle: `${file.mode} run ${file.date.slice(0, 10)} · ${describeMachine(file.machine)}`,
    xTicks: sizes,
    xLabel: 'stored objects (1 KB ConfigMaps, log scale)',
    columns: 2,
    panels: [
      panel(`Durable creates/s, ${first.creates.conns} clients (higher is better)`, (p) => p.creates.kplane.rate, 'fastify + 1 insert', (p) => p.creates.ceiling.rate),
      panel(`GET p99, ms, ${first.gets.conns} clients`, (p) => p.gets.kplane.p99Ms, 'fastify + 1 point read', (p) => p.gets.ceiling.p99Ms),
      panel(`LIST of a namespace of ${c.listCount.toLocaleString('en-US')}, median ms`, (p) => p.list.kplane.medianMs, 'raw scan + JSON.parse', (p) => p.list.rawScanParse.medianMs),
      panel(`Event to ${first.watch.watchers.toLocaleString('en-US')} watchers, last receiver, ms`, (p) => p.watch.kplane.lastMs, 'bare fan-out', (p) => p.watch.ceiling.lastMs),
    ],
  });
}

function main(): void {
  const root = path.dirname(path.dirname(kplaneBin()));
  const input = path.resolve(process.argv[2] ?? path.join(root, 'test', 'bench', 'results', 'latest.json'));
  const output = path.resolve(process.argv[3] ?? path.join(root, 'docs', 'bench-cost-curves.svg'));
  fs.writeFileSync(output, curveChart(JSON.parse(fs.readFileSync(input, 'utf8'))));
  console.log(`${input} → ${output}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
