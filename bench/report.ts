/**
 * The benchmark's output: rounded figures with their targets, one JSON file per run in
 * bench/results/<UTC time>.json, and the figures section of bench/README.md generated from the latest.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { repoRoot } from '../testkit/paths.js';

export type Figures = Record<string, unknown>;

export const RESULTS_DIR = path.join(repoRoot, 'bench/results');
export const README = path.join(repoRoot, 'bench/README.md');
const START = '<!-- figures:start -->';
const END = '<!-- figures:end -->';

/** Acceptance targets (issues 7, 11 and 12), checked wherever the figure is present. */
const TARGETS: Record<string, { label: string; met: (value: number) => boolean }> = {
  orchestration_overhead: { label: '≤ 1.5', met: (v) => v <= 1.5 },
  upsert_copy_ratio: { label: '≥ 0.35', met: (v) => v >= 0.35 },
  rate_limited_ratio: { label: '≤ 1.2', met: (v) => v <= 1.2 },
  throttled_backfill_ratio: { label: '≤ 1.3', met: (v) => v <= 1.3 },
  api_calls_daily_median: { label: '≤ 3', met: (v) => v <= 3 },
  bench_s: { label: '< 600', met: (v) => v < 600 },
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

/** One row per figure, in the order the phases produced them. */
export function figuresTable(figures: Figures): string {
  const targets = (figures.targets ?? {}) as Record<string, { target: string; met: boolean }>;
  const rows = Object.entries(figures)
    .filter(([field]) => field !== 'targets')
    .map(([field, value]) => {
      const t = targets[field];
      return `| \`${field}\` | ${show(value)} | ${t ? `${t.target}: ${t.met ? 'met' : '**missed**'}` : ''} |`;
    });
  return ['| Figure | Value | Target |', '| --- | --- | --- |', ...rows].join('\n');
}

export function writeResult(figures: Figures, startedAt: Date): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${startedAt.toISOString().slice(0, 19).replace(/:/g, '-')}Z.json`);
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  return file;
}

/** The newest file in bench/results (names are UTC times, so they sort in time order). */
export function latestResult(): { file: string; figures: Figures } {
  const names = (existsSync(RESULTS_DIR) ? readdirSync(RESULTS_DIR) : [])
    .filter((n) => n.endsWith('.json'))
    .sort();
  if (names.length === 0) throw new Error(`no results in ${RESULTS_DIR}: run \`npm run bench\` first`);
  const file = path.join(RESULTS_DIR, names.at(-1)!);
  return { file, figures: JSON.parse(readFileSync(file, 'utf8')) as Figures };
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

export async function updateReadme(): Promise<void> {
  writeFileSync(README, await withFigures(readFileSync(README, 'utf8'), latestResult()));
}
