/** The final summary of a run: one JSON line with --json, a short table otherwise. */
import { formatGameDates, type GameDates } from '../domain/game-dates.js';
import { unitName } from '../domain/runs.js';
import { describeStandings, type StandingsVerdict } from '../domain/standings.js';
import { describePlayerSums, type PlayerSumsVerdict } from '../domain/player-sums.js';
import type { IngestSeasonResult } from '../workflows/ingest-season.js';
import { describePlayerGames, type PlayerGamesProgress } from '../workflows/player-games.js';

export interface RunSummary {
  workflowId: string;
  runId: string;
  season: string;
  seasonType: string;
  status: string;
  counts: IngestSeasonResult['counts'];
  apiCalls: number;
  failures: IngestSeasonResult['failures'];
  /** The standings reconciliation's verdict; null when the run did not reach its quality step. */
  standings: StandingsVerdict | null;
  /** An interval run's game dates. */
  dates?: GameDates;
  /** Teams whose rosters changed, when the run compared them with playerindex. */
  rostersChanged?: number;
  /** Who started the run, as its record names it (ingestion_runs.started_by). */
  startedBy?: string;
  /** The players' lines loaded, and their verdict against the team lines, when the run had them. */
  playerGames?: PlayerGamesProgress;
  playerSums?: PlayerSumsVerdict;
  webUi: string;
}

export function toSummary(result: IngestSeasonResult, webUi: string): RunSummary {
  return {
    workflowId: result.workflowId,
    runId: result.runId,
    season: result.season,
    seasonType: result.seasonType,
    status: result.status,
    counts: result.counts,
    apiCalls: result.apiCalls,
    failures: result.failures,
    standings: result.quality?.standings ?? null,
    ...(result.dates ? { dates: result.dates } : {}),
    ...(result.rostersChanged !== undefined ? { rostersChanged: result.rostersChanged } : {}),
    ...(result.startedBy ? { startedBy: result.startedBy } : {}),
    ...(result.playerGames ? { playerGames: result.playerGames } : {}),
    ...(result.quality?.playerSums ? { playerSums: result.quality.playerSums } : {}),
    webUi,
  };
}

/** Wide enough for every table name (player_game_stats). */
const TABLE_WIDTH = 17;

export function formatSummary(s: RunSummary): string {
  const lines = [
    `${s.season} ${s.seasonType}: ${s.status}  (API calls ${s.apiCalls}, failures ${s.failures.length})`,
    `  ${'table'.padEnd(TABLE_WIDTH)} ${'inserted'.padStart(9)} ${'updated'.padStart(9)} ${'unchanged'.padStart(9)}`,
    ...Object.entries(s.counts).map(
      ([table, c]) =>
        `  ${table.padEnd(TABLE_WIDTH)} ${String(c.inserted).padStart(9)} ${String(c.updated).padStart(9)} ${String(c.unchanged).padStart(9)}`,
    ),
    ...(s.dates ? [`  games dated ${formatGameDates(s.dates)}`] : []),
    ...(s.rostersChanged !== undefined ? [`  rosters changed: ${s.rostersChanged} teams`] : []),
    ...s.failures.map((f) => `  failed: ${unitName(f)}: ${f.errorType}: ${f.message}`),
    ...(s.standings ? [`  standings ${describeStandings(s.standings)}`] : []),
    ...(s.playerGames ? [`  ${describePlayerGames(s.playerGames)}`] : []),
    ...(s.playerSums ? [`  ${describePlayerSums(s.playerSums)}`] : []),
    `  workflow ${s.workflowId} run ${s.runId}${s.startedBy ? `, started by ${s.startedBy}` : ''}`,
    `  Web UI: ${s.webUi}`,
  ];
  return lines.join('\n');
}
