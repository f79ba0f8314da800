/** The benchmark's output: one JSON line (--json) or a readable table, with the acceptance targets. */
import { round } from './clock.js';

export type Figures = Record<string, unknown>;

interface Target {
  field: string;
  label: string;
  met: (f: Figures) => boolean | undefined;
}

const num = (f: Figures, key: string): number | undefined =>
  typeof f[key] === 'number' ? f[key] : undefined;
const check = (value: number | undefined, ok: (v: number) => boolean): boolean | undefined =>
  value === undefined ? undefined : ok(value);

export const TARGETS: Target[] = [
  {
    field: 'orchestration_overhead',
    label: '≤ 1.5',
    met: (f) => check(num(f, 'orchestration_overhead'), (v) => v <= 1.5),
  },
  {
    field: 'upsert_copy_ratio',
    label: '≥ 0.35',
    met: (f) => check(num(f, 'upsert_copy_ratio'), (v) => v >= 0.35),
  },
  {
    field: 'noop_rerun_tuples_updated',
    label: '= 0',
    met: (f) => check(num(f, 'noop_rerun_tuples_updated'), (v) => v === 0),
  },
  { field: 'api_calls_clean', label: '= 60', met: (f) => check(num(f, 'api_calls_clean'), (v) => v === 60) },
  {
    field: 'api_calls_after_kill',
    label: '≤ 62',
    met: (f) => check(num(f, 'api_calls_after_kill'), (v) => v <= 62),
  },
  {
    field: 'api_calls_retransform',
    label: '= 0',
    met: (f) => check(num(f, 'api_calls_retransform'), (v) => v === 0),
  },
  {
    field: 'rate_limited_wall_s',
    label: '≤ 1.2 × rate_limit_floor_s',
    met: (f) => {
      const wall = num(f, 'rate_limited_wall_s');
      const floor = num(f, 'rate_limit_floor_s');
      return wall === undefined || floor === undefined ? undefined : wall <= 1.2 * floor;
    },
  },
  { field: 'bench_s', label: '< 600', met: (f) => check(num(f, 'bench_s'), (v) => v < 600) },
];

/** Every number rounded (3 decimals; rates to whole rows), recursively. */
export function rounded(value: unknown, key = ''): unknown {
  if (typeof value === 'number')
    return key.endsWith('_per_s') && value > 100 ? Math.round(value) : round(value);
  if (Array.isArray(value)) return value.map((v) => rounded(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v, k)]));
  }
  return value;
}

export function withTargets(figures: Figures): Figures {
  const targets: Record<string, { target: string; met: boolean }> = {};
  for (const t of TARGETS) {
    const met = t.met(figures);
    if (met !== undefined) targets[t.field] = { target: t.label, met };
  }
  return { ...figures, targets };
}

export function renderTable(figures: Figures): string {
  const targets = (figures.targets ?? {}) as Record<string, { target: string; met: boolean }>;
  const lines: string[] = [];
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [key, value] of Object.entries(figures)) {
    if (key === 'targets') continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      lines.push(`${key}:`);
      for (const [k, v] of Object.entries(value)) lines.push(`  ${k.padEnd(width)}  ${JSON.stringify(v)}`);
      continue;
    }
    const target = targets[key];
    const verdict = target ? `  target ${target.target}: ${target.met ? 'met' : 'MISSED'}` : '';
    lines.push(`${key.padEnd(width + 2)}  ${JSON.stringify(value)}${verdict}`);
  }
  return lines.join('\n');
}
