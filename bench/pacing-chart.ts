/**
 * The `pacing` phase's request timelines as a picture (bench/pacing.svg, linked from bench/README.md):
 * requests answered so far against seconds since the backfill's first request, paced and at a fixed
 * 10/s, with a tick under the line for each request that fell into a cutoff. Generated from a result
 * file by `npm run bench -- --report`, as history.svg is; plain SVG, no dependency.
 */
import type { Figures } from './figures.js';

interface Timeline {
  answered: number[];
  cut: number[];
}
type Timelines = { paced: Timeline; fixed: Timeline };

export function pacingTimelines(figures: Figures): Timelines | undefined {
  const timelines = figures.pacing_timeline as Timelines | undefined;
  return timelines?.paced?.answered && timelines.fixed?.answered ? timelines : undefined;
}

const WIDTH = 720;
const HEIGHT = 300;
const MARGIN = { left: 56, right: 110, top: 36, bottom: 44 };
const COLORS = { paced: '#1f77b4', fixed: '#d62728' } as const;

export function pacingChart(figures: Figures, source: string): string | undefined {
  const timelines = pacingTimelines(figures);
  if (!timelines) return undefined;
  const all = [timelines.paced, timelines.fixed].flatMap((t) => [...t.answered, ...t.cut]);
  const maxX = Math.max(...all) * 1.02;
  const maxY = Math.max(timelines.paced.answered.length, timelines.fixed.answered.length) * 1.1;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (s: number) => (MARGIN.left + (s / maxX) * plotW).toFixed(1);
  const y = (n: number) => (MARGIN.top + plotH - (n / maxY) * plotH).toFixed(1);
  const bottom = MARGIN.top + plotH;
  const series = (name: keyof Timelines, row: number): string[] => {
    const { answered, cut } = timelines[name];
    const sorted = [...answered].sort((a, b) => a - b);
    const steps = sorted.map((t, i) => `${x(t)},${y(i + 1)}`).join(' ');
    const end = sorted.at(-1) ?? 0;
    const seconds = figures[`${name}_backfill_s`];
    return [
      `<polyline points="${x(0)},${y(0)} ${steps}" fill="none" stroke="${COLORS[name]}" stroke-width="2"/>`,
      ...cut.map(
        (t) =>
          `<line x1="${x(t)}" y1="${bottom - 4 - row * 6}" x2="${x(t)}" y2="${bottom - row * 6}" stroke="${COLORS[name]}"/>`,
      ),
      `<text x="${Number(x(end)) + 6}" y="${y(sorted.length)}" fill="${COLORS[name]}">${name}${typeof seconds === 'number' ? ` ${Math.round(seconds)} s` : ''}</text>`,
    ];
  };
  const ticks = Array.from({ length: Math.floor(maxX / 60) + 1 }, (_, i) => i * 60);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `  <!-- generated from ${source} by bench/report.ts (the report option of npm run bench); do not edit -->`,
    `  <rect width="100%" height="100%" fill="white"/>`,
    `  <text x="${MARGIN.left + plotW / 2}" y="20" text-anchor="middle" font-weight="bold">Requests answered under a 20-per-10 s budget: paced vs fixed 10/s (ticks: requests cut off)</text>`,
    `  <line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${bottom}" stroke="#444"/>`,
    `  <line x1="${MARGIN.left}" y1="${bottom}" x2="${MARGIN.left + plotW}" y2="${bottom}" stroke="#444"/>`,
    `  <text x="${MARGIN.left - 6}" y="${bottom}" text-anchor="end">0</text>`,
    `  <text x="${MARGIN.left - 6}" y="${y(Math.round(maxY / 1.1))}" text-anchor="end">${Math.round(maxY / 1.1)}</text>`,
    `  <text x="14" y="${MARGIN.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 14 ${MARGIN.top + plotH / 2})">requests answered</text>`,
    `  <text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 8}" text-anchor="middle">seconds since the first request</text>`,
    ...ticks.map((s) => `  <text x="${x(s)}" y="${bottom + 16}" text-anchor="middle">${s}</text>`),
    ...series('paced', 0).map((line) => `  ${line}`),
    ...series('fixed', 1).map((line) => `  ${line}`),
    `</svg>`,
    '',
  ].join('\n');
}
