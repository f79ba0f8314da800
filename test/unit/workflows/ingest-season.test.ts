/**
 * ingestSeason's decisions, with mocked activities on Temporal's time-skipping test server (retry
 * backoffs take no wall time): the run's status, dead letters with their attempts, the scope of the
 * quality checks, the progress query, and a failed run closed as failed.
 */
import { WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Activities } from '../../../activities/index.js';
import type { QualityInput, QualitySummary } from '../../../activities/quality.js';
import type {
  CloseRunInput,
  DeadLetterInput,
  LeagueGamesInput,
  PlayerGamesInput,
  TeamUnit,
  TeamUnitInput,
  UnitInput,
  UnitRef,
  WorkUnit,
} from '../../../activities/types.js';
import { easternDate } from '../../../domain/game-dates.js';
import { nbaTaskQueueFor } from '../../../domain/task-queues.js';
import { NBA_TEAM_IDS } from '../../../domain/team-ids.js';
import type { Anomaly } from '../../../quality/anomalies.js';
import { WORKFLOWS_PATH } from '../../../worker/create-workers.js';
import { progressQuery } from '../../../workflows/progress-query.js';
import type { ingestSeason, IngestSeasonInput } from '../../../workflows/ingest-season.js';
import { uniqueWorkflowId } from '../../support/ids.js';
import { startWorkflowTestKit, type WorkflowTestKit } from './workflow-env.js';

const [A, B, C] = NBA_TEAM_IDS as [number, number, number];
const UNIT_ROWS = { team_game_stats: { inserted: 2, updated: 1, unchanged: 0 } };
const LEAGUE_ROWS = { team_game_stats: { inserted: 2460, updated: 0, unchanged: 0 } };
const STANDINGS = [
  { teamId: A, wins: 43, losses: 14 },
  { teamId: B, wins: 20, losses: 37 },
];
const SHORTFALL: Anomaly = { kind: 'game_shortfall', message: '2023-24 is 30 games short', shortfall: 30 };

interface Script {
  /** The error a unit throws on every attempt (teamId undefined: the league-wide games). */
  failure?: (teamId: number | undefined, unit: WorkUnit) => Error | undefined;
  anomalies?: Anomaly[];
  /** Awaited by a unit before it answers (to query a run in progress). */
  gate?: (teamId: number | undefined, unit: WorkUnit) => Promise<void> | undefined;
  loadTeamsFailure?: Error;
  /** The error the standings request throws on every attempt. */
  standingsFailure?: Error;
  /** The run the league-wide games unit says it ran in (a reset run inherits its base run's result). */
  leagueGamesRanIn?: string;
}

const noCalls = () => ({
  units: [] as { teamId?: number; unit: WorkUnit; attempt: number }[],
  deadLetters: [] as DeadLetterInput[],
  quality: [] as QualityInput[],
  standings: [] as UnitInput[],
  closeRun: [] as CloseRunInput[],
});
/** What the current test's run does (tests of this file run one after the other) and what it asked. */
let script: Script = {};
let calls = noCalls();
const attempts = new Map<string, number>();

/** The pipeline's activities as fakes that follow `script` and record into `calls`. */
function fakeActivities(): Partial<Activities> {
  /** Records the attempt, then answers or fails as the script says. */
  const attempt = async (ref: UnitRef): Promise<void> => {
    const key = `${ref.teamId}:${ref.unit}:${ref.teamId === undefined ? ref.dates?.to : ''}`;
    attempts.set(key, (attempts.get(key) ?? 0) + 1);
    calls.units.push({ ...ref, attempt: attempts.get(key) ?? 0 });
    await script.gate?.(ref.teamId, ref.unit);
    const failure = script.failure?.(ref.teamId, ref.unit);
    if (failure) throw failure;
  };
  const unit = (unit: TeamUnit) => async (input: TeamUnitInput) => {
    await attempt({ unit, teamId: input.teamId });
    return { teamId: input.teamId, unit, counts: UNIT_ROWS, apiCalls: 1, rowsFetched: 3 };
  };
  return {
    openRun: async () => undefined,
    loadTeams: async () => {
      if (script.loadTeamsFailure) throw script.loadTeamsFailure;
      return { counts: { teams: { inserted: 0, updated: 0, unchanged: 30 } } };
    },
    ingestTeamGames: unit('games'),
    ingestTeamRoster: unit('roster'),
    ingestLeagueGames: async (input: LeagueGamesInput) => {
      await attempt({ unit: 'league-games', ...(input.dates ? { dates: input.dates } : {}) });
      const ranIn = script.leagueGamesRanIn ? { executedInRun: script.leagueGamesRanIn } : {};
      return {
        unit: 'league-games',
        counts: LEAGUE_ROWS,
        apiCalls: 1,
        rowsFetched: 2460,
        games: 1230,
        ...ranIn,
      };
    },
    ingestPlayerGames: async (input: PlayerGamesInput) => {
      await attempt({ unit: 'player-games', ...(input.dates ? { dates: input.dates } : {}) });
      return { unit: 'player-games', counts: {}, apiCalls: 1, rowsFetched: 26_401, games: 1230, answers: 1 };
    },
    fetchStandings: async (input: UnitInput) => {
      calls.standings.push(input);
      if (script.standingsFailure) throw script.standingsFailure;
      return { records: STANDINGS, apiCalls: 1, fetchedAt: '2026-02-22T05:36:45.000Z' };
    },
    recordDeadLetter: async (input) => void calls.deadLetters.push(input),
    checkSeasonQuality: async (input): Promise<QualitySummary> => {
      calls.quality.push(input);
      const anomalies = script.anomalies ?? [];
      return { games: 1200, passed: 7, failed: [], anomalies, alertSent: false };
    },
    closeRun: async (input) => void calls.closeRun.push(input),
    // A worker that paces nothing (workflows/nba-pacer.ts); pacing-time-skipping.test.ts tests the pacer.
    paceNbaRate: async () => undefined,
  };
}

let kit: WorkflowTestKit;
beforeAll(async () => {
  // Team units run on the NBA queue derived from the workflow's; the bookkeeping on its own.
  kit = await startWorkflowTestKit(WORKFLOWS_PATH, fakeActivities(), (queue) => [nbaTaskQueueFor(queue)]);
}, 120_000);
afterAll(async () => {
  await kit?.teardown();
});

/** Runs ingestSeason following `runScript`; `whileRunning` sees the handle before the result. */
async function ingest(
  input: IngestSeasonInput,
  runScript: Script = {},
  whileRunning?: (handle: WorkflowHandle<typeof ingestSeason>) => Promise<void>,
) {
  script = runScript;
  calls = noCalls();
  attempts.clear();
  const handle = await kit.env.client.workflow.start<typeof ingestSeason>('ingestSeason', {
    taskQueue: kit.taskQueue,
    workflowId: uniqueWorkflowId('ingest-season-unit'),
    args: [{ trigger: 'test', ...input }],
  });
  await whileRunning?.(handle);
  const result = await handle.result().catch((error: unknown) => error as WorkflowFailedError);
  const progress = result instanceof Error ? undefined : await handle.query(progressQuery);
  // The test server's clock, which skips ahead over earlier tests' timers: the workflow's "today".
  const { startTime } = await handle.describe();
  return { result, progress, startTime, ...calls };
}

const completed = (outcome: Awaited<ReturnType<typeof ingest>>) => {
  if (outcome.result instanceof Error) throw outcome.result;
  return outcome.result;
};

describe('ingestSeason', () => {
  it('a run of some teams: every unit once, completed, counts and calls added up, quality checked as partial', async () => {
    const run = await ingest({ season: '2023-24', teamIds: [A, B, C] });
    const result = completed(run);
    expect(result).toMatchObject({ status: 'completed', phase: 'done', apiCalls: 6, failures: [] });
    expect(result.teams).toEqual({ total: 3, gamesDone: 3, rostersDone: 3, failed: 0 });
    expect(result.counts).toEqual({
      teams: { inserted: 0, updated: 0, unchanged: 30 },
      team_game_stats: { inserted: 12, updated: 6, unchanged: 0 },
    });
    expect(run.units.map((u) => `${u.teamId}:${u.unit}`).sort()).toEqual(
      [A, B, C].flatMap((t) => [`${t}:games`, `${t}:roster`]).sort(),
    );
    expect(run.quality).toEqual([expect.objectContaining({ fullScope: false, counts: result.counts })]);
    expect(run.closeRun).toEqual([
      {
        runId: result.runId,
        workflowId: result.workflowId,
        season: '2023-24',
        seasonType: 'Regular Season',
        status: 'completed',
        counts: result.counts,
        apiCalls: 6,
        failures: 0,
      },
    ]);
    expect(run.progress).toEqual({ ...result, workflowId: undefined, runId: undefined });
  });

  it('a run over all 30 teams is checked in full scope; anomalies with no failure make it anomalous', async () => {
    const run = await ingest({ season: '2023-24' }, { anomalies: [SHORTFALL] });
    const result = completed(run);
    // 30 games, 30 rosters, then the player-games unit over every team's games.
    expect(run.units).toHaveLength(61);
    expect(run.units[60]).toEqual({ unit: 'player-games', attempt: 1 });
    expect(run.quality).toEqual([expect.objectContaining({ fullScope: true, playerGames: true })]);
    expect(result.status).toBe('anomalous');
    expect(result.quality).toEqual({ games: 1200, passed: 7, failed: [], anomalies: [SHORTFALL.message] });
    expect(run.closeRun[0]?.status).toBe('anomalous');
  });

  it('a unit that keeps failing is retried, then dead-lettered with its attempts; the run completes with failures', async () => {
    const run = await ingest(
      { season: '2023-24', teamIds: [A, B, C], nbaMaxAttempts: 3 },
      {
        failure: (teamId, unit) =>
          teamId === B && unit === 'games'
            ? ApplicationFailure.retryable('HTTP 503', 'NbaServerError')
            : undefined,
        anomalies: [SHORTFALL], // a known failure explains a shortfall: not anomalous
      },
    );
    const result = completed(run);
    expect(run.units.filter((u) => u.teamId === B && u.unit === 'games').map((u) => u.attempt)).toEqual([
      1, 2, 3,
    ]);
    expect(run.deadLetters).toEqual([
      expect.objectContaining({
        teamId: B,
        unit: 'games',
        errorType: 'NbaServerError',
        errorMessage: 'HTTP 503',
        attempts: 3,
      }),
    ]);
    expect(result).toMatchObject({ status: 'completed_with_failures', apiCalls: 5 + 3 });
    expect(result.teams).toEqual({ total: 3, gamesDone: 2, rostersDone: 3, failed: 1 });
    expect(result.failures).toEqual([
      { teamId: B, unit: 'games', errorType: 'NbaServerError', message: 'HTTP 503' },
    ]);
    expect(run.closeRun[0]).toMatchObject({ status: 'completed_with_failures', failures: 1, apiCalls: 8 });
  });

  it('a non-retryable failure is dead-lettered after its one attempt', async () => {
    const run = await ingest(
      { season: '2023-24', teamIds: [A, B] },
      {
        failure: (teamId, unit) =>
          teamId === A && unit === 'roster'
            ? ApplicationFailure.nonRetryable('HTTP 400', 'NbaClientError')
            : undefined,
      },
    );
    expect(run.units.filter((u) => u.teamId === A && u.unit === 'roster')).toHaveLength(1);
    expect(run.deadLetters).toEqual([expect.objectContaining({ teamId: A, unit: 'roster', attempts: 1 })]);
    expect(completed(run).status).toBe('completed_with_failures');
  });

  it('every team failing makes the run failed (recorded and returned, not thrown)', async () => {
    const run = await ingest(
      { season: '2023-24', teamIds: [A, B], nbaMaxAttempts: 1 },
      { failure: () => ApplicationFailure.retryable('timed out', 'NbaTimeout') },
    );
    expect(completed(run).status).toBe('failed');
    expect(run.deadLetters.map((d) => [d.teamId, d.unit, d.attempts])).toEqual(
      expect.arrayContaining([
        [A, 'games', 1],
        [B, 'games', 1],
        [A, 'roster', 1],
        [B, 'roster', 1],
      ]),
    );
    expect(run.closeRun[0]).toMatchObject({ status: 'failed', failures: 4 });
  });

  it('a redrive runs only the units it names, and is checked as partial', async () => {
    const run = await ingest({ season: '2023-24', units: [{ teamId: C, unit: 'roster' }] });
    expect(run.units).toEqual([{ teamId: C, unit: 'roster', attempt: 1 }]);
    expect(run.quality).toEqual([expect.objectContaining({ fullScope: false })]);
    expect(completed(run)).toMatchObject({
      status: 'completed',
      teams: { total: 1, gamesDone: 0, rostersDone: 1 },
    });
  });

  it('games league-wide: one league unit, the 30 rosters, the players’ lines and the standings; 33 requests, nothing per team', async () => {
    const run = await ingest({ season: '2023-24', gamesBy: 'league' });
    const result = completed(run);
    expect(run.units[0]).toEqual({ unit: 'league-games', attempt: 1 });
    expect(run.units.at(-1)).toEqual({ unit: 'player-games', attempt: 1 });
    expect(run.units.filter((u) => u.unit === 'games')).toEqual([]);
    expect(run.units.filter((u) => u.unit === 'roster')).toHaveLength(30);
    expect(result).toMatchObject({ status: 'completed', apiCalls: 33, failures: [] });
    expect(result.playerGames).toEqual({ units: 1, done: 1, rows: 26_401, games: 1230, answers: 1 });
    expect(result.teams).toEqual({ total: 30, gamesDone: 30, rostersDone: 30, failed: 0 });
    expect(result.counts.team_game_stats).toEqual({ inserted: 2460 + 30 * 2, updated: 30, unchanged: 0 });
    expect(run.quality).toEqual([expect.objectContaining({ fullScope: true })]);
  });

  it("a result another run executed (a reset's base run) counts neither its rows nor its request", async () => {
    const result = completed(
      await ingest({ season: '2023-24', gamesBy: 'league' }, { leagueGamesRanIn: 'base-run' }),
    );
    expect(result).toMatchObject({ status: 'completed', apiCalls: 32 });
    expect(result.teams.gamesDone).toBe(30);
    expect(result.counts.team_game_stats).toEqual({ inserted: 30 * 2, updated: 30, unchanged: 0 });
  });

  it('a failing league-wide unit is dead-lettered as one unit with no team; the rosters load, the run failed', async () => {
    const run = await ingest(
      { season: '2023-24', teamIds: [A, B], gamesBy: 'league', nbaMaxAttempts: 2 },
      {
        failure: (_teamId, unit) =>
          unit === 'league-games' ? ApplicationFailure.retryable('HTTP 503', 'NbaServerError') : undefined,
      },
    );
    const result = completed(run);
    expect(run.units.filter((u) => u.unit === 'league-games').map((u) => u.attempt)).toEqual([1, 2]);
    expect(run.deadLetters).toEqual([
      expect.objectContaining({ unit: 'league-games', errorType: 'NbaServerError', attempts: 2 }),
    ]);
    expect(run.deadLetters[0]).not.toHaveProperty('teamId');
    // The games the run was for did not load: failed, whatever the rosters did (domain/run-status.ts).
    expect(result).toMatchObject({
      status: 'failed',
      apiCalls: 2 + 2,
      failureReason: 'the games did not load (1 of 1 games unit dead-lettered)',
    });
    expect(result.failures).toEqual([
      { unit: 'league-games', errorType: 'NbaServerError', message: 'HTTP 503' },
    ]);
    expect(run.closeRun).toEqual([
      expect.objectContaining({ status: 'failed', error: result.failureReason }),
    ]);
    expect(result.teams).toEqual({ total: 2, gamesDone: 0, rostersDone: 2, failed: 0 });
  });

  it('a redrive of the league-wide unit runs only it; failing again, the run is failed', async () => {
    const redrive = await ingest({ season: '2023-24', units: [{ unit: 'league-games' }] });
    expect(redrive.units).toEqual([{ unit: 'league-games', attempt: 1 }]);
    expect(completed(redrive)).toMatchObject({ status: 'completed', apiCalls: 1 });

    const failing = await ingest(
      { season: '2023-24', units: [{ unit: 'league-games' }], nbaMaxAttempts: 1 },
      { failure: () => ApplicationFailure.nonRetryable('HTTP 400', 'NbaClientError') },
    );
    expect(completed(failing).status).toBe('failed');
  });

  it('a redrive of two failed intervals runs each with its own dates', async () => {
    const november = { from: '2023-11-01', to: '2023-11-10' };
    const january = { from: '2024-01-02', to: '2024-01-10' };
    const redrive = await ingest({
      season: '2023-24',
      units: [
        { unit: 'league-games', dates: november },
        { unit: 'league-games', dates: january },
      ],
    });
    expect(redrive.units).toEqual([
      { unit: 'league-games', dates: november, attempt: 1 },
      { unit: 'league-games', dates: january, attempt: 1 },
    ]);
    expect(completed(redrive)).toMatchObject({ status: 'completed', apiCalls: 2 });
  });

  it('a retransform that fails sent no request: apiCalls 0, its dead letters the attempts really made', async () => {
    const run = await ingest(
      { season: '2023-24', teamIds: [A], responses: 'stored' },
      {
        failure: (_teamId, unit) =>
          unit === 'games'
            ? ApplicationFailure.retryable('connection lost', 'DbConnectionLost')
            : ApplicationFailure.nonRetryable('no stored response', 'RawResponseMissing'),
      },
    );
    const result = completed(run);
    // The bookkeeping proxy's retry policy (10 attempts), not nbaMaxAttempts (5); a non-retryable one: 1.
    expect(run.deadLetters.map((d) => [d.unit, d.attempts])).toEqual([
      ['games', 10],
      ['roster', 1],
    ]);
    expect(result).toMatchObject({ status: 'failed', apiCalls: 0 });
    expect(run.closeRun).toEqual([expect.objectContaining({ apiCalls: 0 })]);
  });

  it('rejects an unknown gamesBy before opening a run', async () => {
    const run = await ingest({ season: '2023-24', gamesBy: 'conference' as 'league' });
    expect((run.result as WorkflowFailedError).cause).toMatchObject({ type: 'InvalidSeasonInput' });
    expect(run.closeRun).toEqual([]);
  });

  it('answers the progress query while the run is in progress', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const run = await ingest(
      { season: '2023-24', teamIds: [A, B, C] },
      { gate: (teamId, unit) => (teamId === C && unit === 'games' ? held : undefined) },
      async (handle) => {
        await vi.waitFor(async () => expect((await handle.query(progressQuery)).teams.gamesDone).toBe(2), {
          timeout: 10_000,
          interval: 100,
        });
        expect(await handle.query(progressQuery)).toMatchObject({
          season: '2023-24',
          seasonType: 'Regular Season',
          phase: 'games',
          status: 'running',
          teams: { total: 3, gamesDone: 2, rostersDone: 0, failed: 0 },
          apiCalls: 2,
        });
        release();
      },
    );
    expect(completed(run).status).toBe('completed');
  });

  it('a bookkeeping step that fails closes the run as failed and fails the workflow', async () => {
    const run = await ingest(
      { season: '2023-24', teamIds: [A] },
      {
        loadTeamsFailure: ApplicationFailure.nonRetryable(
          'relation "teams" does not exist',
          'DbSchemaMismatch',
        ),
      },
    );
    expect(run.result).toBeInstanceOf(WorkflowFailedError);
    expect(run.units).toEqual([]);
    expect(run.closeRun).toEqual([expect.objectContaining({ status: 'failed', failures: 1 })]);
  });

  it('a full run fetches the standings once, after the rosters, and hands them to the quality step at today', async () => {
    const run = await ingest({ season: '2023-24' });
    const result = completed(run);
    expect(run.standings).toEqual([
      expect.objectContaining({ season: '2023-24', seasonType: 'Regular Season' }),
    ]);
    expect(result.apiCalls).toBe(62);
    // Today by the test server's clock (it skips ahead over earlier tests' timers), a day later at most.
    const today = easternDate(run.startTime);
    const asOf = run.quality[0]?.standings?.status === 'fetched' ? run.quality[0].standings.asOf : undefined;
    expect([today, easternDate(new Date(run.startTime.getTime() + 86_400_000))]).toContain(asOf);
    expect(run.quality[0]?.standings).toEqual({ status: 'fetched', asOf, records: STANDINGS });
    expect(run.quality[0]).not.toHaveProperty('asOf');
  });

  it('--as-of: the standings and the quality step stand for that day', async () => {
    const run = await ingest({ season: '2025-26', asOf: '2026-02-21' });
    expect(run.quality[0]).toMatchObject({
      asOf: '2026-02-21',
      standings: { status: 'fetched', asOf: '2026-02-21', records: STANDINGS },
    });
  });

  it('partial runs and other season types are not held to the standings: no request', async () => {
    const partial = await ingest({ season: '2023-24', teamIds: [A] });
    expect(partial.standings).toEqual([]);
    expect(partial.quality[0]?.standings).toEqual({
      status: 'not_applicable',
      reason: 'a partial run (some teams or units) does not load every game',
    });
    const playoffs = await ingest({ season: '2023-24', seasonType: 'Playoffs' });
    expect(playoffs.standings).toEqual([]);
    expect(playoffs.quality[0]?.standings).toMatchObject({ status: 'not_applicable' });
    expect(completed(playoffs).apiCalls).toBe(61);
  });

  it('standings that cannot be fetched leave the verdict unavailable; the run still completes', async () => {
    const run = await ingest(
      { season: '2023-24', gamesBy: 'league', nbaMaxAttempts: 2 },
      { standingsFailure: ApplicationFailure.retryable('HTTP 503', 'NbaServerError') },
    );
    const result = completed(run);
    expect(run.standings).toHaveLength(2);
    expect(run.quality[0]?.standings).toEqual({ status: 'unavailable', reason: 'NbaServerError: HTTP 503' });
    expect(result).toMatchObject({ status: 'completed', apiCalls: 32 + 2, failures: [] });
  });

  it('rejects an --as-of outside the season before opening a run', async () => {
    const run = await ingest({ season: '2023-24', asOf: '2026-02-21' });
    expect((run.result as WorkflowFailedError).cause).toMatchObject({
      type: 'InvalidSeasonInput',
      message: expect.stringContaining('is not a day of season 2023-24'),
    });
    expect(run.closeRun).toEqual([]);
  });

  it('rejects a malformed season before opening a run', async () => {
    const run = await ingest({ season: '2023-2024' });
    expect(run.result).toBeInstanceOf(WorkflowFailedError);
    expect((run.result as WorkflowFailedError).cause).toMatchObject({ type: 'InvalidSeasonInput' });
    expect(run.closeRun).toEqual([]);
  });
});
