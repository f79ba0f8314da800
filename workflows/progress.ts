/** The `progress` query's answer and the Web UI's "current details", built from workflow state. */
import { formatGameDates, type GameDates } from '../domain/game-dates.js';
import type { LoadCounts } from '../domain/records.js';
import type { LiveRunStatus, UnitRef } from '../activities/types.js';
import { describeStandings, type StandingsVerdict } from '../domain/standings.js';
import { describePlayerSums, type PlayerSumsVerdict } from '../domain/player-sums.js';
import type { CooldownProgress } from './breaker.js';
import { describePlayerGames, type PlayerGamesProgress } from './player-games.js';

export type Phase =
  | 'validating'
  | 'teams'
  | 'games'
  | 'player-games'
  | 'rosters'
  | 'standings'
  | 'checking'
  | 'closing'
  | 'done';

/** A unit that failed after its retries (the league-wide games name no team). */
export type TeamFailure = UnitRef & { errorType: string; message: string };

export interface IngestProgress {
  season: string;
  seasonType: string;
  phase: Phase;
  status: LiveRunStatus;
  teams: { total: number; gamesDone: number; rostersDone: number; failed: number };
  counts: LoadCounts;
  apiCalls: number;
  failures: TeamFailure[];
  /** Who started the run, as its record names it (ingestion_runs.started_by), once it is opened. */
  startedBy?: string;
  /** Why a failed run failed (domain/run-status.ts): the schedule's pause note and the alert say it. */
  failureReason?: string;
  /** The NBA API breaker, once it has tripped: state, cooldowns so far, seconds waited. */
  breaker?: CooldownProgress;
  /** An interval run's game dates ({from: null}: from the season's start). */
  dates?: GameDates;
  /** Teams whose rosters changed, when playerindex was compared with the stored rosters. */
  rostersChanged?: number;
  /** The players' lines (workflows/player-games.ts), once the run has the unit. */
  playerGames?: PlayerGamesProgress;
  /** Data-quality results once checked: names of failed checks, anomaly messages, the standings' verdict. */
  quality?: {
    games: number;
    passed: number;
    failed: string[];
    anomalies: string[];
    standings?: StandingsVerdict;
    /** The players' lines held to the team lines (quality/player-sums.ts), when they loaded. */
    playerSums?: PlayerSumsVerdict;
  };
}

export { addCounts } from '../domain/records.js';

const COUNT_COLUMNS = ['inserted', 'updated', 'unchanged'] as const;

/**
 * Per-table counts as a fixed-width block: the Web UI styles markdown tables without cell padding
 * (the header read `insertedupdatedunchanged`), while a code block keeps its columns everywhere.
 */
export function renderCounts(counts: LoadCounts): string {
  const width = Math.max(5, ...Object.keys(counts).map((t) => t.length));
  const line = (first: string, cells: (string | number)[]) =>
    `${first.padEnd(width)}${cells.map((c) => String(c).padStart(11)).join('')}`;
  return [
    '```',
    line('table', [...COUNT_COLUMNS]),
    ...Object.entries(counts).map(([table, c]) =>
      line(
        table,
        COUNT_COLUMNS.map((k) => c[k]),
      ),
    ),
    '```',
  ].join('\n');
}

/** Markdown shown in the Web UI's "Current details" panel. */
export function renderDetails(p: IngestProgress): string {
  return [
    `**${p.season} ${p.seasonType}**: ${p.phase} (${p.status})`,
    ...(p.startedBy ? [`started by ${p.startedBy}`] : []),
    ...(p.breaker?.note ? [`**${p.breaker.note}**`] : []),
    ...(p.dates ? [`games dated ${formatGameDates(p.dates)}`] : []),
    ...(p.rostersChanged !== undefined
      ? [`rosters changed since the last run: ${p.rostersChanged} teams`]
      : []),
    `teams: games ${p.teams.gamesDone}/${p.teams.total}, rosters ${p.teams.rostersDone}/${p.teams.total}, failed ${p.teams.failed}; API calls ${p.apiCalls}` +
      (p.breaker ? `; cooldowns ${p.breaker.cooldowns} (${p.breaker.cooldownSeconds} s)` : ''),
    ...(p.playerGames ? [describePlayerGames(p.playerGames)] : []),
    '',
    renderCounts(p.counts),
    ...(p.quality
      ? [
          '',
          `quality: ${p.quality.passed} checks passed${p.quality.failed.length ? `, failed: ${p.quality.failed.join(', ')}` : ''}`,
          ...(p.quality.standings ? [`standings ${describeStandings(p.quality.standings)}`] : []),
          ...(p.quality.playerSums ? [describePlayerSums(p.quality.playerSums)] : []),
          ...p.quality.anomalies.map((a) => `**anomaly**: ${a}`),
        ]
      : []),
  ].join('\n');
}
