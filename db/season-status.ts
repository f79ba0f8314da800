/**
 * What `ingest status` shows: one row per season and season type found in ingestion_runs, with its
 * last run and what the tables hold for it (Dagster's partition status).
 */
import {
  describeHole,
  formatLoadedRange,
  seasonLoad,
  type DateRange,
  type SeasonLoad,
} from '../domain/coverage.js';
import type { GameDates } from '../domain/game-dates.js';
import { isPlayerCheck } from '../domain/player-sums.js';
import type { RunStatus } from '../domain/runs.js';
import type { SeasonType } from '../domain/season.js';
import { standingsReconciled } from '../domain/standings.js';
import type { Database } from './client.js';
import { readSeasonLoads } from './coverage.js';
import type { StoredQuality } from './quality.js';

export interface SeasonStatus {
  season: string;
  seasonType: SeasonType;
  lastRun: {
    workflowId: string;
    runId: string;
    status: RunStatus;
    startedAt: string;
    finishedAt: string | null;
    /** Who started it (ingestion_runs.started_by); null when not recorded. */
    startedBy: string | null;
    /** A reset run: the run it was reset from. */
    resetOf: string | null;
  };
  /** Matches with both teams' stat rows. */
  gamesLoaded: number;
  /** player_game_stats rows of the season and type. */
  playerRows: number;
  /**
   * The last run's player checks (quality/player-checks.ts): 'passed', or the names of those that
   * failed; null when it ran none (no player lines loaded, a subset of teams).
   */
  playerChecks: { passed: boolean; failed: string[] } | null;
  /**
   * The last game date (YYYY-MM-DD) up to which every game of the season is loaded, both stat rows
   * each; null while the season's first dates are not (domain/coverage.ts). Incremental runs start
   * the day before it, or at the season's start without it.
   */
  watermark: string | null;
  /** The loaded date ranges, oldest first; `text`: 'season', '..2024-11-20' (from the start), 'A..B'. */
  loaded: (DateRange & { text: string })[];
  /** The dates not loaded before the last loaded one; `text`: 'nothing loaded before 2024-11-01'. */
  holes: (DateRange & { text: string })[];
  /** The game dates the last run covered ({from: null}: from the season's start); null: the whole season. */
  lastInterval: GameDates | null;
  /** NBA API requests of the last run (ingestion_runs.api_calls). */
  requests: number;
  /** The last run's data-quality checks; null when it recorded none (still running, or failed first). */
  quality: { passed: number; failed: string[] } | null;
  /**
   * The last run's loaded games against NBA.com's standings: true reconciled, false a team differs,
   * null not applicable (another season type, a partial run, an interval before the moment) or unavailable.
   */
  standingsReconciled: boolean | null;
}

interface Row {
  season: string;
  season_type: SeasonType;
  workflow_id: string;
  run_id: string;
  status: RunStatus;
  started_at: Date;
  finished_at: Date | null;
  started_by: string | null;
  reset_of: string | null;
  api_calls: number;
  quality: StoredQuality | null;
}

// DISTINCT ON picks each season's newest run.
const PLAYER_ROWS_SQL = `
  select season, season_type, count(*)::int as rows from player_game_stats group by season, season_type`;

const LAST_RUNS_SQL = `
  select distinct on (season, season_type)
         season, season_type, workflow_id, run_id, status, started_at, finished_at, started_by, reset_of,
         api_calls, quality
    from ingestion_runs
   order by season, season_type, started_at desc, run_id desc`;

/** A season's loaded ranges, holes and watermark (domain/coverage.ts), read now. */
export async function readSeasonLoad(
  database: Database,
  q: { season: string; seasonType: SeasonType },
): Promise<SeasonLoad & { gamesLoaded: number }> {
  const [input] = await readSeasonLoads(database, q);
  return { ...seasonLoad(q.season, input!.covered, input!.gameDates), gamesLoaded: input!.gamesLoaded };
}

/** The season's watermark (domain/coverage.ts); null while its first dates are not loaded. */
export async function seasonWatermark(
  database: Database,
  q: { season: string; seasonType: SeasonType },
): Promise<string | null> {
  return (await readSeasonLoad(database, q)).watermark;
}

export async function listSeasonStatus(database: Database): Promise<SeasonStatus[]> {
  const [{ rows }, inputs, players] = await Promise.all([
    database.pool.query<Row>(LAST_RUNS_SQL),
    readSeasonLoads(database),
    database.pool.query<{ season: string; season_type: string; rows: number }>(PLAYER_ROWS_SQL),
  ]);
  const loads = new Map(inputs.map((i) => [`${i.season}|${i.seasonType}`, i]));
  const playerRows = new Map(players.rows.map((p) => [`${p.season}|${p.season_type}`, p.rows]));
  return rows.map((r) => {
    const input = loads.get(`${r.season}|${r.season_type}`);
    const load = seasonLoad(r.season, input?.covered ?? [], input?.gameDates ?? []);
    return {
      season: r.season,
      seasonType: r.season_type,
      lastRun: {
        workflowId: r.workflow_id,
        runId: r.run_id,
        status: r.status,
        startedAt: r.started_at.toISOString(),
        finishedAt: r.finished_at?.toISOString() ?? null,
        startedBy: r.started_by,
        resetOf: r.reset_of,
      },
      gamesLoaded: input?.gamesLoaded ?? 0,
      playerRows: playerRows.get(`${r.season}|${r.season_type}`) ?? 0,
      playerChecks: playerChecksOf(r.quality),
      watermark: load.watermark,
      loaded: load.loaded.map((range) => ({ ...range, text: formatLoadedRange(r.season, range) })),
      holes: load.holes.map((hole) => ({ ...hole, text: describeHole(r.season, hole) })),
      lastInterval: r.quality?.dates ?? null,
      requests: r.api_calls,
      quality: r.quality
        ? {
            passed: r.quality.checks.filter((c) => c.passed).length,
            failed: r.quality.checks.filter((c) => !c.passed).map((c) => c.name),
          }
        : null,
      standingsReconciled: standingsReconciled(r.quality?.standings),
    };
  });
}

function playerChecksOf(quality: StoredQuality | null): SeasonStatus['playerChecks'] {
  const checks = quality?.checks.filter((c) => isPlayerCheck(c.name)) ?? [];
  if (checks.length === 0) return null;
  const failed = checks.filter((c) => !c.passed).map((c) => c.name);
  return { passed: failed.length === 0, failed };
}
