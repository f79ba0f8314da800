/**
 * What `ingest status` shows: one row per season and season type found in ingestion_runs, with its
 * last run and what the tables hold for it (Dagster's partition status).
 */
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
  };
  /** Matches with both teams' stat rows. */
  gamesLoaded: number;
  /** The last game date (YYYY-MM-DD) of those matches; null before any is loaded. */
  watermark: string | null;
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
  api_calls: number;
  quality: StoredQuality | null;
  games_loaded: number;
  watermark: string | null;
}

// DISTINCT ON picks each season's newest run; the lateral join counts only complete matches.
const SEASON_STATUS_SQL = `
  select r.season, r.season_type, r.workflow_id, r.run_id, r.status, r.started_at, r.finished_at,
         r.api_calls, r.quality, g.games_loaded, g.watermark
    from (select distinct on (season, season_type) *
            from ingestion_runs
           order by season, season_type, started_at desc, run_id desc) r
    cross join lateral (
      select count(*)::int as games_loaded, to_char(max(m.game_date), 'YYYY-MM-DD') as watermark
        from matches m
       where m.season = r.season and m.season_type = r.season_type
         and (select count(*) from team_game_stats s where s.game_id = m.game_id) = 2
    ) g
   order by r.season, r.season_type`;

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
    },
    gamesLoaded: r.games_loaded,
    watermark: r.watermark,
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
