/**
 * ingestSeason's incremental decisions (issue 12, items 2 and 3), with mocked activities on the
 * time-skipping test server: which dates an interval run asks for (from the watermark, or as given),
 * that its quality checks are scoped to them, and whose rosters a run fetches (the changed ones
 * after one playerindex comparison, every team's when that fails or for a past season).
 */
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import type { Activities } from '../../../activities/index.js';
import type { QualityInput } from '../../../activities/quality.js';
import type {
  ChangedRostersInput,
  CloseRunInput,
  DeadLetterInput,
  LeagueGamesInput,
  PlayerGamesInput,
  TeamUnitInput,
} from '../../../activities/types.js';
import { defaultRosterMode } from '../../../workflows/increments.js';
import { NBA_TEAM_IDS } from '../../../domain/team-ids.js';
import type {
  ingestSeason,
  IngestSeasonInput,
  IngestSeasonResult,
} from '../../../workflows/ingest-season.js';
import { uniqueWorkflowId } from '../../support/ids.js';
import { usePipelineWorkflowKit } from './workflow-env.js';

const [A, B] = NBA_TEAM_IDS as [number, number];

interface Script {
  watermark?: string | null;
  /** Teams the playerindex comparison finds changed, or the error it fails with. */
  changed?: number[] | Error;
  gamesFailure?: Error;
}

const noCalls = () => ({
  opened: 0,
  watermarkReads: 0,
  leagueGames: [] as LeagueGamesInput[],
  playerGames: [] as PlayerGamesInput[],
  rosters: [] as number[],
  compared: [] as ChangedRostersInput[],
  quality: [] as QualityInput[],
  deadLetters: [] as DeadLetterInput[],
  closeRun: [] as CloseRunInput[],
});
let script: Script = {};
let calls = noCalls();

function fakeActivities(): Partial<Activities> {
  return {
    openRun: async () => void (calls.opened += 1),
    loadTeams: async () => ({ counts: {} }),
    seasonWatermark: async () => {
      calls.watermarkReads += 1;
      return script.watermark ?? null;
    },
    ingestLeagueGames: async (input: LeagueGamesInput) => {
      calls.leagueGames.push(input);
      if (script.gamesFailure) throw script.gamesFailure;
      return { unit: 'league-games', counts: {}, apiCalls: 1, rowsFetched: 28, games: 14 };
    },
    ingestPlayerGames: async (input: PlayerGamesInput) => {
      calls.playerGames.push(input);
      return { unit: 'player-games', counts: {}, apiCalls: 1, rowsFetched: 300, games: 14, answers: 1 };
    },
    findChangedRosters: async (input: ChangedRostersInput) => {
      calls.compared.push(input);
      if (script.changed instanceof Error) throw script.changed;
      return { teamIds: script.changed ?? [], apiCalls: 1, rostered: 530 };
    },
    ingestTeamRoster: async (input: TeamUnitInput) => {
      calls.rosters.push(input.teamId);
      return { teamId: input.teamId, unit: 'roster', counts: {}, apiCalls: 1, rowsFetched: 15 };
    },
    ingestTeamGames: async (input: TeamUnitInput) => ({
      teamId: input.teamId,
      unit: 'games',
      counts: {},
      apiCalls: 1,
      rowsFetched: 82,
    }),
    // A full run of the season to date is held to today's standings: one request more.
    fetchStandings: async () => ({ records: [], apiCalls: 1, fetchedAt: new Date(0).toISOString() }),
    recordDeadLetter: async (input) => void calls.deadLetters.push(input),
    checkSeasonQuality: async (input) => {
      calls.quality.push(input);
      return { games: 14, passed: 7, failed: [], anomalies: [], alertSent: false };
    },
    closeRun: async (input) => void calls.closeRun.push(input),
  };
}

const kit = usePipelineWorkflowKit(fakeActivities());

async function ingest(input: IngestSeasonInput, runScript: Script = {}) {
  script = runScript;
  calls = noCalls();
  const handle = await kit().env.client.workflow.start<typeof ingestSeason>('ingestSeason', {
    taskQueue: kit().taskQueue,
    workflowId: uniqueWorkflowId('increments-unit'),
    args: [{ trigger: 'test', ...input }],
  });
  const result = await handle.result().catch((error: unknown) => error as WorkflowFailedError);
  return { result, ...calls };
}

const ok = (result: IngestSeasonResult | WorkflowFailedError): IngestSeasonResult => {
  if (result instanceof Error) throw result;
  return result;
};

describe('interval runs', () => {
  it('until alone: from the watermark minus a day, one league-wide unit, checks scoped to the dates', async () => {
    const run = await ingest(
      { season: '2023-24', dates: { until: '2023-11-02' }, rosters: 'all' },
      { watermark: '2023-10-30' },
    );
    const result = ok(run.result);
    const dates = { from: '2023-10-29', to: '2023-11-02' };
    expect(run.watermarkReads).toBe(1);
    expect(run.leagueGames).toEqual([expect.objectContaining({ season: '2023-24', dates })]);
    expect(result.dates).toEqual(dates);
    expect(run.quality).toEqual([expect.objectContaining({ fullScope: false, dates })]);
    expect(run.rosters).toHaveLength(30);
    // The players' lines of the same dates: one more request.
    expect(run.playerGames).toEqual([expect.objectContaining({ season: '2023-24', dates })]);
    expect(result).toMatchObject({ status: 'completed', apiCalls: 32 });
  });

  it('no watermark yet: from the season start (no DateFrom); since given: the watermark is not read', async () => {
    const first = await ingest({ season: '2023-24', dates: { until: '2023-10-25' }, rosters: 'all' });
    expect(first.leagueGames[0]?.dates).toEqual({ from: null, to: '2023-10-25' });
    const given = await ingest(
      { season: '2023-24', dates: { since: '2023-10-24', until: '2023-10-25' }, rosters: 'all' },
      { watermark: '2024-01-01' },
    );
    expect(given.watermarkReads).toBe(0);
    expect(given.leagueGames[0]?.dates).toEqual({ from: '2023-10-24', to: '2023-10-25' });
  });

  it('a failed interval unit is dead-lettered with its dates (redrive runs them again)', async () => {
    const run = await ingest(
      { season: '2023-24', dates: { until: '2023-11-02' }, rosters: 'changed' },
      {
        watermark: '2023-10-30',
        gamesFailure: ApplicationFailure.nonRetryable('missing column PTS', 'NbaResponseInvalid'),
      },
    );
    const dates = { from: '2023-10-29', to: '2023-11-02' };
    // Its players' lines wait for its games: dead-lettered with no request, so a redrive runs both.
    expect(run.deadLetters).toEqual([
      expect.objectContaining({ unit: 'league-games', dates }),
      expect.objectContaining({ unit: 'player-games', dates, errorType: 'GamesNotLoaded', attempts: 0 }),
    ]);
    expect(run.playerGames).toEqual([]);
    // The interval's games did not load: the run failed (domain/run-status.ts), so a schedule pauses.
    expect(ok(run.result).status).toBe('failed');
  });

  it('a redrive of an interval unit asks for its dates, not the watermark', async () => {
    const dates = { from: '2023-10-29', to: '2023-11-02' };
    const run = await ingest({ season: '2023-24', units: [{ unit: 'league-games', dates }] });
    expect(run.watermarkReads).toBe(0);
    expect(run.leagueGames).toEqual([expect.objectContaining({ dates })]);
    expect(run.rosters).toEqual([]);
  });

  it.each([
    [{ until: '2023-02-30' }, "until must be a date 'YYYY-MM-DD'"],
    [{ since: '2023-11-05', until: '2023-11-01' }, 'since 2023-11-05 is after until 2023-11-01'],
    [{ until: '2025-01-01' }, 'until 2025-01-01 is outside season 2023-24'],
  ])('rejects dates %j before opening a run: %s', async (dates, message) => {
    const run = await ingest({ season: '2023-24', dates });
    expect(run.result).toBeInstanceOf(WorkflowFailedError);
    const cause = (run.result as WorkflowFailedError).cause as ApplicationFailure;
    expect(cause.type).toBe('InvalidSeasonInput');
    expect(cause.message).toContain(message);
    expect(run.opened).toBe(0);
  });

  it("rejects dates with gamesBy 'team' or with teamIds, and an unknown rosters mode", async () => {
    for (const input of [
      { gamesBy: 'team' as const, dates: { until: '2023-11-01' } },
      { teamIds: [A], dates: { until: '2023-11-01' } },
      { rosters: 'some' as never },
    ]) {
      const run = await ingest({ season: '2023-24', ...input });
      expect(((run.result as WorkflowFailedError).cause as ApplicationFailure).type).toBe(
        'InvalidSeasonInput',
      );
      expect(run.opened).toBe(0);
    }
  });
});

describe('rosters only where they changed', () => {
  it('one comparison, then only the changed teams’ rosters; the rest count as done', async () => {
    const run = await ingest(
      { season: '2023-24', gamesBy: 'league', rosters: 'changed' },
      { changed: [B, A] },
    );
    const result = ok(run.result);
    expect(run.compared).toEqual([expect.objectContaining({ teamIds: [...NBA_TEAM_IDS] })]);
    expect(run.rosters.sort()).toEqual([A, B].sort());
    // games, the players' lines, playerindex, two rosters, the standings
    expect(result).toMatchObject({ status: 'completed', apiCalls: 1 + 1 + 1 + 2 + 1, rostersChanged: 2 });
    expect(result.teams.rostersDone).toBe(30);
  });

  it('nobody moved: no roster request at all', async () => {
    const run = await ingest({ season: '2023-24', dates: { until: '2023-11-01' }, rosters: 'changed' });
    expect(run.rosters).toEqual([]);
    expect(ok(run.result).apiCalls).toBe(3);
  });

  it('a daily run up to the standings’ moment: games, the players’ lines, playerindex and the standings, 4 requests', async () => {
    // As a scheduled run on 2024-01-15 would be: its interval ends on the day the standings stand for.
    const run = await ingest(
      { season: '2023-24', dates: { until: '2024-01-15' }, asOf: '2024-01-15', rosters: 'changed' },
      { watermark: '2024-01-14' },
    );
    const result = ok(run.result);
    expect(run.rosters).toEqual([]);
    expect(result).toMatchObject({ status: 'completed', apiCalls: 4 });
    expect(run.quality[0]).toMatchObject({
      dates: { from: '2024-01-13', to: '2024-01-15' },
      asOf: '2024-01-15',
    });
    expect(run.quality[0]?.standings).toMatchObject({ status: 'fetched', asOf: '2024-01-15' });
  });

  it('a failed comparison falls back to every team’s roster (requests, never data, lost)', async () => {
    const run = await ingest(
      { season: '2023-24', gamesBy: 'league', rosters: 'changed' },
      { changed: ApplicationFailure.nonRetryable('missing column TEAM_ID', 'NbaResponseInvalid') },
    );
    expect(run.rosters).toHaveLength(30);
    expect(run.deadLetters).toEqual([]);
    expect(ok(run.result)).toMatchObject({ status: 'completed', apiCalls: 1 + 1 + 1 + 30 + 1 });
  });

  // The default for the season in progress is defaultRosterMode's (tested below): the time-skipping
  // server's clock runs ahead of this process's once other tests have skipped time.
  it('by default a past season fetches every roster', async () => {
    const past = await ingest({ season: '2023-24', gamesBy: 'league' });
    expect(past.compared).toHaveLength(0);
    expect(past.rosters).toHaveLength(30);
  });

  it('a redrive or a subset of teams never compares', async () => {
    const subset = await ingest({ season: '2023-24', teamIds: [A], rosters: 'changed' });
    expect(subset.compared).toHaveLength(0);
    expect(subset.rosters).toEqual([A]);
  });
});

describe('defaultRosterMode', () => {
  it('compares in the season in progress at the given time, not in past ones', () => {
    expect(defaultRosterMode('2026-27', new Date('2026-12-01T09:00:00Z'))).toBe('changed');
    expect(defaultRosterMode('2025-26', new Date('2026-12-01T09:00:00Z'))).toBe('all');
    expect(defaultRosterMode('2023-24', new Date('2023-11-02T13:00:00Z'))).toBe('changed');
  });
});
