/**
 * The benchmark's output: rounded figures with their targets, one JSON file per run in
 * bench/results/<UTC time>.json, and the figures section of bench/README.md generated from the latest.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { repoRoot } from '../test/support/paths.js';
import { historyChart, historyPoints } from './history-chart.js';
import { pacingChart, pacingTimelines } from './pacing-chart.js';

import type { Figures } from './figures.js';

export type { Figures };

export const RESULTS_DIR = path.join(repoRoot, 'bench/results');
export const PARTIAL_RESULTS_DIR = path.join(RESULTS_DIR, 'partial');
export const README = path.join(repoRoot, 'bench/README.md');
const START = '<!-- figures:start -->';
const END = '<!-- figures:end -->';

/** Acceptance targets (issues 7, 11, 12, 21 and 22), checked wherever the figure is present. */
const TARGETS: Record<string, { label: string; met: (value: number) => boolean }> = {
  orchestration_overhead: { label: '≤ 1.5', met: (v) => v <= 1.5 },
  upsert_copy_ratio: { label: '≥ 0.7', met: (v) => v >= 0.7 },
  rate_limited_ratio: { label: '≤ 1.2', met: (v) => v <= 1.2 },
  throttled_backfill_ratio: { label: '≤ 1.3', met: (v) => v <= 1.3 },
  api_calls_daily_median: { label: '≤ 4', met: (v) => v <= 4 },
  api_calls_season_league: { label: '= 33', met: (v) => v === 33 },
  history_growth: { label: '≤ 1.2', met: (v) => v <= 1.2 },
  history_max_events: { label: '≤ 10,000', met: (v) => v <= 10_000 },
  history_worker_peak_mb: { label: '< 500', met: (v) => v < 500 },
  daily_during_backfill_extra_s: { label: '≤ 5', met: (v) => v <= 5 },
  paced_backfill_cutoffs: { label: '≤ 3', met: (v) => v <= 3 },
  paced_backfill_ratio: { label: '≤ 1.25', met: (v) => v <= 1.25 },
  bench_s: { label: '< 1200', met: (v) => v < 1200 },
};

/** Every number to 4 significant digits, and the targets the figures meet or miss. */
export function finish(figures: Figures): Figures {
  const rounded = JSON.parse(
    JSON.stringify(figures, (_key, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(4)) : v)),
  ) as Figures;
  const targets = Object.entries(TARGETS).flatMap(([field, t]) => {
    const value = rounded[field];
    return typeof value === 'number' ? [[field, { target: t.label, met: t.met(value) }]] : [];
  });
  return { ...rounded, targets: Object.fromEntries(targets) };
}

const show = (value: unknown): string => {
  if (typeof value === 'number') return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (value && typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) => `${k} ${show(v)}`)
      .join(', ');
  return String(value);
};

/** One row per figure, in the order the phases produced them (timelines are for pictures, not the table). */
export function figuresTable(figures: Figures): string {
  const targets = (figures.targets ?? {}) as Record<string, { target: string; met: boolean }>;
  const rows = Object.entries(figures)
    .filter(([field]) => field !== 'targets' && !field.endsWith('_timeline'))
    .map(([field, value]) => {
      const t = targets[field];
      return `| \`${field}\` | ${show(value)} | ${t ? `${t.target}: ${t.met ? 'met' : '**missed**'}` : ''} |`;
    });
  return ['| Figure | Value | Target |', '| --- | --- | --- |', ...rows].join('\n');
}

/** A full run's result in bench/results; a run of some phases (`--only`) in bench/results/partial. */
export function writeResult(figures: Figures, startedAt: Date, phases?: string[]): string {
  const dir = phases ? PARTIAL_RESULTS_DIR : RESULTS_DIR;
  mkdirSync(dir, { recursive: true });
  const stamp = startedAt.toISOString().slice(0, 19).replace(/:/g, '-');
  const file = path.join(dir, `${stamp}Z${phases ? `-${phases.join('-')}` : ''}.json`);
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  return file;
}

/** Result files of `dir`, newest first (names start with UTC times, so they sort in time order). */
function resultFiles(dir: string): string[] {
  return (existsSync(dir) ? readdirSync(dir) : [])
    .filter((n) => n.endsWith('.json'))
    .map((n) => path.join(dir, n))
    .sort((a, b) => path.basename(b).localeCompare(path.basename(a)));
}

const readResult = (file: string) => ({ file, figures: JSON.parse(readFileSync(file, 'utf8')) as Figures });

/** The newest full run's result. */
export function latestResult(): { file: string; figures: Figures } {
  const newest = resultFiles(RESULTS_DIR)[0];
  if (!newest) throw new Error(`no results in ${RESULTS_DIR}: run \`npm run bench\` first`);
  return readResult(newest);
}

/** The newest result, full or partial, whose figures pass `wanted`. */
function latestResultWith(
  wanted: (figures: Figures) => boolean,
): { file: string; figures: Figures } | undefined {
  const files = [...resultFiles(RESULTS_DIR), ...resultFiles(PARTIAL_RESULTS_DIR)].sort((a, b) =>
    path.basename(b).localeCompare(path.basename(a)),
  );
  return files.map(readResult).find((result) => wanted(result.figures));
}

/** `readme` with its figures section generated from `result`, formatted as Prettier would. */
export async function withFigures(
  readme: string,
  result: { file: string; figures: Figures },
): Promise<string> {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${README} lacks the ${START} … ${END} markers`);
  const section = [
    START,
    '',
    `Generated from \`${path.relative(path.dirname(README), result.file)}\` by \`npm run bench -- --report\` (do not edit by hand).`,
    '',
    figuresTable(result.figures),
    '',
  ].join('\n');
  const text = readme.slice(0, start) + section + readme.slice(end);
  return format(text, { ...(await resolveConfig(README)), filepath: README });
}

export const HISTORY_CHART = path.join(repoRoot, 'bench/history.svg');
export const PACING_CHART = path.join(repoRoot, 'bench/pacing.svg');

/** The figures section from the latest result, and each chart from the latest result that has its figures. */
export async function updateReadme(): Promise<void> {
  writeFileSync(README, await withFigures(readFileSync(README, 'utf8'), latestResult()));
  const charts = [
    { file: HISTORY_CHART, has: (f: Figures) => historyPoints(f).length >= 2, draw: historyChart },
    { file: PACING_CHART, has: (f: Figures) => pacingTimelines(f) !== undefined, draw: pacingChart },
  ];
  for (const chart of charts) {
    const result = latestResultWith(chart.has);
    if (result) writeFileSync(chart.file, chart.draw(result.figures, path.relative(repoRoot, result.file))!);
  }
}
