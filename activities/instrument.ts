/**
 * Prometheus instrumentation around the activities and the NBA client, so that activity code stays
 * free of metrics calls. The worker applies both when it builds its activities:
 *   createActivities({ nba: instrumentNbaClient(nba, metrics), … }) → instrumentActivities(…, metrics)
 *
 * API requests are counted at the client, where one call is exactly one HTTP request: with raw
 * landing an activity may be served from stored responses (no request) or fail after its request
 * succeeded (a missing column, a database error), which `nba_activity_errors_total` shows instead.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Database } from '../db/client.js';
import { getRun } from '../db/runs.js';
import type { LoadCounts } from '../domain/records.js';
import type { PipelineMetrics, RowKind } from '../lib/metrics.js';
import {
  COMMON_TEAM_ROSTER,
  LEAGUE_GAME_FINDER,
  LEAGUE_STANDINGS_V3,
  PLAYER_INDEX,
} from '../nba/endpoints.js';
import type { NbaClient } from '../nba/client.js';
import type {
  CloseRunInput,
  DeadLetterInput,
  LeagueGamesInput,
  LeagueGamesSummary,
  PlayerGamesInput,
  PlayerGamesSummary,
  RunRef,
  TeamsLoaded,
  TeamUnitInput,
  TeamUnitSummary,
} from './types.js';

/** The activities whose results feed the pipeline's metrics; any others are only error-counted. */
export interface InstrumentableActivities {
  loadTeams(run: RunRef): Promise<TeamsLoaded>;
  ingestTeamGames(input: TeamUnitInput): Promise<TeamUnitSummary>;
  ingestTeamRoster(input: TeamUnitInput): Promise<TeamUnitSummary>;
  ingestLeagueGames(input: LeagueGamesInput): Promise<LeagueGamesSummary>;
  ingestPlayerGames(input: PlayerGamesInput): Promise<PlayerGamesSummary>;
  recordDeadLetter(input: DeadLetterInput): Promise<void>;
  closeRun(input: CloseRunInput): Promise<void>;
}

/** When a run started and finished, as its ingestion_runs row says (for nba_run_duration_seconds). */
export type RunTimesLookup = (
  runId: string,
) => Promise<{ startedAt: Date; finishedAt: Date | null } | undefined>;

export interface InstrumentOptions {
  /** Without it, runs are counted but their duration is not observed. */
  runTimes?: RunTimesLookup;
  /** Told when recording a metric failed; the activity's own result is never affected. */
  onMetricsError?: (error: Error, activity: string) => void;
}

const ROW_KINDS: readonly RowKind[] = ['inserted', 'updated', 'unchanged'];

/** `ok`'s counterpart: the ApplicationFailure type (NbaServerError…), else the error's class name. */
export function outcomeOf(error: unknown): string {
  if (error instanceof ApplicationFailure) return error.type ?? 'ApplicationFailure';
  if (error instanceof Error) return error.name;
  return 'UnknownError';
}

/** Reads the run's times from ingestion_runs (written by openRun / closeRun). */
export function runTimesFrom(database: Database): RunTimesLookup {
  return async (runId) => {
    const run = await getRun(database, runId);
    return run ? { startedAt: run.startedAt, finishedAt: run.finishedAt } : undefined;
  };
}

/** Counts every request by endpoint and outcome; the client's behaviour is unchanged. */
export function instrumentNbaClient(client: NbaClient, metrics: PipelineMetrics): NbaClient {
  const counted = async <T>(endpoint: string, request: () => Promise<T>): Promise<T> => {
    try {
      const result = await request();
      metrics.apiRequests.inc({ endpoint, outcome: 'ok' });
      return result;
    } catch (error) {
      metrics.apiRequests.inc({ endpoint, outcome: outcomeOf(error) });
      throw error;
    }
  };
  return {
    leagueGameFinder: (q) => counted(LEAGUE_GAME_FINDER.name, () => client.leagueGameFinder(q)),
    commonTeamRoster: (q) => counted(COMMON_TEAM_ROSTER.name, () => client.commonTeamRoster(q)),
    leagueStandings: (q) => counted(LEAGUE_STANDINGS_V3.name, () => client.leagueStandings(q)),
    playerIndex: (q) => counted(PLAYER_INDEX.name, () => client.playerIndex(q)),
  };
}

function addRows(metrics: PipelineMetrics, counts: LoadCounts): void {
  for (const [table, c] of Object.entries(counts)) {
    for (const kind of ROW_KINDS) metrics.rowsUpserted.inc({ table, kind }, c[kind]);
  }
}

type AnyActivity = (...args: never[]) => Promise<unknown>;

/**
 * The same activities, recording: rows upserted (loadTeams and every unit: team games, rosters,
 * league-wide games, player games),
 * dead letters (recordDeadLetter), runs and their durations (closeRun), and every activity's
 * failed attempts by error type. Metrics are recorded only after the activity succeeded.
 */
export function instrumentActivities<A extends InstrumentableActivities>(
  activities: A,
  metrics: PipelineMetrics,
  opts: InstrumentOptions = {},
): A {
  const safely = (activity: string, record: () => void | Promise<void>): Promise<void> =>
    Promise.resolve()
      .then(record)
      .catch((error: unknown) => opts.onMetricsError?.(error as Error, activity));

  const afterSuccess: {
    [K in keyof InstrumentableActivities]: (
      result: Awaited<ReturnType<InstrumentableActivities[K]>>,
      input: Parameters<InstrumentableActivities[K]>[0],
    ) => void | Promise<void>;
  } = {
    loadTeams: (loaded) => addRows(metrics, loaded.counts),
    ingestTeamGames: (summary) => addRows(metrics, summary.counts),
    ingestTeamRoster: (summary) => addRows(metrics, summary.counts),
    ingestLeagueGames: (summary) => addRows(metrics, summary.counts),
    ingestPlayerGames: (summary) => addRows(metrics, summary.counts),
    recordDeadLetter: (_result, input) => void metrics.deadLetters.inc({ unit: input.unit }),
    closeRun: async (_result, input) => {
      metrics.runs.inc({ status: input.status });
      metrics.cooldowns.inc(input.cooldowns ?? 0);
      metrics.cooldownSeconds.inc(input.cooldownSeconds ?? 0);
      const times = await opts.runTimes?.(input.runId);
      if (times?.finishedAt) {
        const seconds = Math.max(0, (times.finishedAt.getTime() - times.startedAt.getTime()) / 1000);
        metrics.runDuration.observe({ status: input.status }, seconds);
      }
    },
  };

  const wrapped: Record<string, unknown> = {};
  for (const [name, activity] of Object.entries(activities)) {
    if (typeof activity !== 'function') {
      wrapped[name] = activity;
      continue;
    }
    const fn = activity as AnyActivity;
    const record = (
      afterSuccess as Record<string, ((result: unknown, input: unknown) => void | Promise<void>) | undefined>
    )[name];
    wrapped[name] = async (...args: never[]): Promise<unknown> => {
      let result: unknown;
      try {
        result = await fn(...args);
      } catch (error) {
        metrics.activityErrors.inc({ activity: name, type: outcomeOf(error) });
        throw error;
      }
      if (record) await safely(name, () => record(result, args[0]));
      return result;
    };
  }
  return wrapped as A;
}
