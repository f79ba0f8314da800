/**
 * The `history` phase's figures as a picture (bench/history.svg, linked from bench/README.md): seconds
 * per season and the worker's peak memory against the number of seasons backfilled. Generated from
 * a result file by `npm run bench -- --report`, as the figures table is; plain SVG, no dependency.
 */
import type { Figures } from './figures.js';

export interface HistoryPoint {
  seasons: number;
  secondsPerSeason: number;
  peakMb: number;
}

/** The sizes the result measured, in order; none when it has no history phase. */
export function historyPoints(figures: Figures): HistoryPoint[] {
  return Object.keys(figures)
    .flatMap((field) => {
      const match = /^history_s_per_season_(\d+)$/.exec(field);
      return match ? [Number(match[1])] : [];
    })
    .sort((a, b) => a - b)
    .map((seasons) => ({
      seasons,
      secondsPerSeason: Number(figures[`history_s_per_season_${seasons}`]),
      peakMb: Number(figures[`history_worker_peak_mb_${seasons}`]),
    }));
}

const WIDTH = 360;
const HEIGHT = 240;
const MARGIN = { left: 56, right: 16, top: 36, bottom: 44 };

/** One panel: a line through the points, axes from 0 with their labels, each point's value written. */
function panel(
  points: HistoryPoint[],
  value: (p: HistoryPoint) => number,
  title: string,
  unit: string,
  offsetX: number,
): string {
  const maxX = Math.max(...points.map((p) => p.seasons));
  const maxY = Math.max(...points.map(value)) * 1.25;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (seasons: number) => offsetX + MARGIN.left + (seasons / maxX) * plotW;
  const y = (v: number) => MARGIN.top + plotH - (v / maxY) * plotH;
  const line = points.map((p) => `${x(p.seasons).toFixed(1)},${y(value(p)).toFixed(1)}`).join(' ');
  const left = offsetX + MARGIN.left;
  const bottom = MARGIN.top + plotH;
  return [
    `<text x="${offsetX + WIDTH / 2}" y="20" text-anchor="middle" font-weight="bold">${title}</text>`,
    `<line x1="${left}" y1="${MARGIN.top}" x2="${left}" y2="${bottom}" stroke="#444"/>`,
    `<line x1="${left}" y1="${bottom}" x2="${left + plotW}" y2="${bottom}" stroke="#444"/>`,
    `<text x="${left - 6}" y="${bottom}" text-anchor="end">0</text>`,
    `<text x="${offsetX + 14}" y="${MARGIN.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 ${offsetX + 14} ${MARGIN.top + plotH / 2})">${unit}</text>`,
    `<text x="${left + plotW / 2}" y="${HEIGHT - 8}" text-anchor="middle">seasons backfilled</text>`,
    `<polyline points="${line}" fill="none" stroke="#1f77b4" stroke-width="2"/>`,
    ...points.flatMap((p) => [
      `<circle cx="${x(p.seasons).toFixed(1)}" cy="${y(value(p)).toFixed(1)}" r="3.5" fill="#1f77b4"/>`,
      `<text x="${x(p.seasons).toFixed(1)}" y="${(y(value(p)) - 8).toFixed(1)}" text-anchor="middle">${Number(value(p).toFixed(value(p) < 100 ? 2 : 0))}</text>`,
      `<text x="${x(p.seasons).toFixed(1)}" y="${bottom + 16}" text-anchor="middle">${p.seasons}</text>`,
    ]),
  ].join('\n  ');
}

/** Both panels side by side, or undefined when the result has fewer than two sizes. */
export function historyChart(figures: Figures, source: string): string | undefined {
  const points = historyPoints(figures);
  if (points.length < 2) return undefined;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `  <!-- generated from ${source} by bench/report.ts (the report option of npm run bench); do not edit -->`,
    `  <rect width="100%" height="100%" fill="white"/>`,
    `  ${panel(points, (p) => p.secondsPerSeason, 'Seconds per season', 's / season', 0)}`,
    `  ${panel(points, (p) => p.peakMb, 'Worker peak memory', 'MB', WIDTH)}`,
    `</svg>`,
    '',
  ].join('\n');
}
