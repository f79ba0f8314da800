/**
 * What `ingest status` shows: one row per season and season type found in ingestion_runs, with its
 * last run and what the tables hold for it (Dagster's partition status).
 */
import type { GameDates } from '../domain/game-dates.js';
import type { RunStatus } from '../domain/runs.js';
import type { SeasonType } from '../domain/season.js';
import { standingsReconciled } from '../domain/standings.js';
import type { Database } from './client.js';
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
  /**
   * The last date fully loaded (YYYY-MM-DD): the newest game date up to which every match has both
   * stat rows; null before any is loaded. Incremental runs start the day before it.
   */
  watermark: string | null;
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
  games_loaded: number;
  watermark: string | null;
}

/**
 * A season's watermark: the last game date fully loaded, i.e. the newest date whose matches, and
 * every earlier match, have both teams' stat rows. A match missing a row (its team's unit failed)
 * holds the watermark before its date, so the next incremental run loads it again.
 */
function watermarkSql(season: string, seasonType: string): string {
  return `
    with loaded as (
      select m.game_date, (select count(*) from team_game_stats s where s.game_id = m.game_id) = 2 as complete
        from matches m
       where m.season = ${season} and m.season_type = ${seasonType}
    )
    select count(*) filter (where complete)::int as games_loaded,
           to_char(max(game_date) filter (
             where complete
               and game_date < coalesce((select min(game_date) from loaded where not complete), 'infinity')
           ), 'YYYY-MM-DD') as watermark
      from loaded`;
}

// DISTINCT ON picks each season's newest run; the lateral join counts only complete matches.
const SEASON_STATUS_SQL = `
  select r.season, r.season_type, r.workflow_id, r.run_id, r.status, r.started_at, r.finished_at,
         r.started_by, r.reset_of, r.api_calls, r.quality, g.games_loaded, g.watermark
    from (select distinct on (season, season_type) *
            from ingestion_runs
           order by season, season_type, started_at desc, run_id desc) r
    cross join lateral (${watermarkSql('r.season', 'r.season_type')}) g
   order by r.season, r.season_type`;

/** The season's watermark (see watermarkSql); null before any game is loaded. */
export async function seasonWatermark(
  database: Database,
  q: { season: string; seasonType: SeasonType },
): Promise<string | null> {
  const { rows } = await database.pool.query<{ watermark: string | null }>(watermarkSql('$1', '$2'), [
    q.season,
    q.seasonType,
  ]);
  return rows[0]?.watermark ?? null;
}

export async function listSeasonStatus(database: Database): Promise<SeasonStatus[]> {
  const { rows } = await database.pool.query<Row>(SEASON_STATUS_SQL);
  return rows.map((r) => ({
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
    gamesLoaded: r.games_loaded,
    watermark: r.watermark,
    lastInterval: r.quality?.dates ?? null,
    requests: r.api_calls,
    quality: r.quality
      ? {
          passed: r.quality.checks.filter((c) => c.passed).length,
          failed: r.quality.checks.filter((c) => !c.passed).map((c) => c.name),
        }
      : null,
    standingsReconciled: standingsReconciled(r.quality?.standings),
  }));
}
