/** `ingest status`: the table printed without --json, one line per season and season type. */
import type { SeasonStatus } from '../db/season-status.js';
import { formatGameDates } from '../domain/game-dates.js';

const COLUMNS = [
  'season',
  'type',
  'last run',
  'dates',
  'games',
  'player rows',
  'player checks',
  'watermark',
  'loaded',
  'requests',
  'quality',
  'standings',
  // Last: an identity has spaces (`ana@host nba-ingest season`).
  'started by',
];

function qualityText(q: SeasonStatus['quality']): string {
  if (!q) return '-';
  return q.failed.length ? `${q.passed} passed, failed: ${q.failed.join(', ')}` : `${q.passed} passed`;
}

export function formatSeasonStatus(seasons: SeasonStatus[]): string {
  if (seasons.length === 0) return 'no runs yet: start one with `npm run ingest -- season 2023-24`';
  const rows = seasons.map((s) => [
    s.season,
    s.seasonType,
    s.lastRun.status,
    // The last run's interval, or the whole season.
    s.lastInterval ? formatGameDates(s.lastInterval) : 'season',
    String(s.gamesLoaded),
    String(s.playerRows),
    s.playerChecks ? (s.playerChecks.passed ? 'passed' : `failed: ${s.playerChecks.failed.join(', ')}`) : '-',
    s.watermark ?? '-',
    s.loaded.map((r) => r.text).join(', ') || '-',
    String(s.requests),
    qualityText(s.quality),
    s.standingsReconciled === null ? 'n/a' : String(s.standingsReconciled),
    s.lastRun.startedBy ?? '-',
  ]);
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  // The holes, in words, under the table: they are why a watermark is missing or stays back.
  const holes = seasons.flatMap((s) => s.holes.map((h) => `${s.season} ${s.seasonType}: ${h.text}`));
  return [line(COLUMNS), ...rows.map(line), ...(holes.length ? ['', ...holes] : [])].join('\n');
}
