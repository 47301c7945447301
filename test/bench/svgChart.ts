// A small line-chart writer for the benchmark's plots, as plain SVG text (no plotting dependency):
// a grid of panels, each with a log-scale x axis (sizes that grow by factors of ten) and a linear
// y axis from 0, so that growth shows as the slope and the ceiling sits beside kplane.

export interface Series {
  name: string;
  /** [x, y] pairs, x > 0. */
  points: Array<[number, number]>;
  color: string;
  dashed?: boolean;
}

export interface Panel {
  title: string;
  series: Series[];
}

export interface Chart {
  title: string;
  subtitle: string;
  /** Where the x ticks go (and the axis range: their min and max). */
  xTicks: number[];
  xLabel: string;
  panels: Panel[];
  columns: number;
}

const PANEL_W = 420;
const PANEL_H = 270;
const MARGIN = { left: 58, right: 24, top: 46, bottom: 44 };
const HEADER_H = 56;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** 1000 → "1k", 100000 → "100k". */
export function shortCount(n: number): string {
  if (n >= 1e6 && n % 1e5 === 0) return `${n / 1e6}M`;
  if (n >= 1e3 && n % 100 === 0) return `${n / 1e3}k`;
  return String(n);
}

/** A value label: integers with separators from 100 up, otherwise 2–3 significant digits. */
export function shortValue(v: number): string {
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString('en-US');
  return v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

/** A y tick: as many decimals as the step needs. */
function tickLabel(v: number, step: number): string {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9) + (step / 10 ** Math.floor(Math.log10(step)) === 2.5 ? 1 : 0));
  return v >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toFixed(decimals);
}

/** A round step that splits [0, max] into about `n` intervals. */
function niceStep(max: number, n: number): number {
  const raw = max / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

function panelSvg(p: Panel, ox: number, oy: number, xTicks: number[], xLabel: string): string {
  const w = PANEL_W - MARGIN.left - MARGIN.right;
  const h = PANEL_H - MARGIN.top - MARGIN.bottom;
  const x0 = ox + MARGIN.left;
  const y0 = oy + MARGIN.top;
  // The log range padded by 6 % each side, so the end points and their labels stay inside.
  const lo0 = Math.log10(Math.min(...xTicks));
  const hi0 = Math.log10(Math.max(...xTicks));
  const pad = (hi0 - lo0) * 0.06;
  const [lo, hi] = [lo0 - pad, hi0 + pad];
  const sx = (x: number) => x0 + (hi === lo ? w / 2 : ((Math.log10(x) - lo) / (hi - lo)) * w);
  const maxY = Math.max(...p.series.flatMap((s) => s.points.map(([, y]) => y)), 0) || 1;
  const step = niceStep(maxY * 1.15, 4);
  const top = Math.ceil((maxY * 1.15) / step) * step;
  const sy = (y: number) => y0 + h - (y / top) * h;

  const out: string[] = [`<g>`, `<text x="${x0}" y="${oy + 18}" class="title">${esc(p.title)}</text>`];
  for (let v = 0; v <= top + step / 2; v += step) {
    out.push(`<line x1="${x0}" x2="${x0 + w}" y1="${sy(v)}" y2="${sy(v)}" class="grid"/>`);
    out.push(`<text x="${x0 - 6}" y="${sy(v) + 3.5}" class="tick" text-anchor="end">${esc(tickLabel(v, step))}</text>`);
  }
  for (const t of xTicks) {
    out.push(`<line x1="${sx(t)}" x2="${sx(t)}" y1="${y0}" y2="${y0 + h}" class="grid"/>`);
    out.push(`<text x="${sx(t)}" y="${y0 + h + 15}" class="tick" text-anchor="middle">${esc(shortCount(t))}</text>`);
  }
  out.push(`<rect x="${x0}" y="${y0}" width="${w}" height="${h}" class="frame"/>`);
  out.push(`<text x="${x0 + w / 2}" y="${y0 + h + 33}" class="axis" text-anchor="middle">${esc(xLabel)}</text>`);
  // Value labels above the highest series at each x and below the others, so they do not collide.
  p.series.forEach((s, i) => {
    const d = s.points.map(([x, y], j) => `${j ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ');
    out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    for (const [x, y] of s.points) {
      const highest = p.series.every((o) => (o.points.find(([ox2]) => ox2 === x)?.[1] ?? -Infinity) <= y);
      out.push(`<circle cx="${sx(x)}" cy="${sy(y)}" r="3" fill="${s.color}"/>`);
      const ly = highest ? sy(y) - 7 : sy(y) + 14;
      out.push(`<text x="${sx(x)}" y="${ly}" class="value" text-anchor="middle" fill="${s.color}">${esc(shortValue(y))}</text>`);
    }
    // Legend: one row under the title, the series side by side.
    const lx = x0 + i * 120;
    const ly = oy + 36;
    out.push(`<line x1="${lx}" x2="${lx + 22}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    out.push(`<text x="${lx + 27}" y="${ly}" class="legend">${esc(s.name)}</text>`);
  });
  out.push('</g>');
  return out.join('\n');
}

export function chartSvg(c: Chart): string {
  const rows = Math.ceil(c.panels.length / c.columns);
  const width = PANEL_W * c.columns;
  const height = HEADER_H + PANEL_H * rows;
  const panels = c.panels.map((p, i) => panelSvg(p, (i % c.columns) * PANEL_W, HEADER_H + Math.floor(i / c.columns) * PANEL_H, c.xTicks, c.xLabel));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    '<style>',
    '.title{font-size:13px;font-weight:bold;fill:#222}.tick{font-size:10px;fill:#555}.axis{font-size:11px;fill:#333}',
    '.value{font-size:9.5px}.legend{font-size:10.5px;fill:#333}.grid{stroke:#e4e4e4;stroke-width:1}.frame{fill:none;stroke:#999;stroke-width:1}',
    '</style>',
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="16" y="22" font-size="15" font-weight="bold" fill="#111">${esc(c.title)}</text>`,
    `<text x="16" y="40" font-size="11" fill="#555">${esc(c.subtitle)}</text>`,
    ...panels,
    '</svg>',
    '',
  ].join('\n');
}
