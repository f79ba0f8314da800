/**
 * instrumentActivities / instrumentNbaClient on stand-in activities: what each activity's result
 * adds to which metric, that errors pass through unchanged and are counted by type, and that a
 * failing metrics lookup never fails the activity.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Counter, Histogram } from 'prom-client';
import { describe, expect, it, vi } from 'vitest';
import {
  instrumentActivities,
  instrumentNbaClient,
  outcomeOf,
  type InstrumentableActivities,
} from '../../../activities/instrument.js';
import type { TeamUnitSummary } from '../../../activities/types.js';
import { createPipelineMetrics, type PipelineMetrics } from '../../../lib/metrics.js';
import type { NbaClient, NbaResponse } from '../../../nba/client.js';

const RUN = { runId: 'run-1', workflowId: 'wf-1', season: '2023-24', seasonType: 'Regular Season' as const };

async function valueOf<T extends string>(
  metric: Counter<T>,
  labels: Partial<Record<T, string>>,
): Promise<number | undefined> {
  const { values } = await metric.get();
  return values.find((v) => Object.entries(labels).every(([k, want]) => v.labels[k as T] === want))?.value;
}

async function histogramOf(
  metric: Histogram<'status'>,
  status: string,
): Promise<{ count?: number; sum?: number }> {
  const { values } = await metric.get();
  const pick = (name: string) =>
    values.find((v) => v.metricName === name && v.labels.status === status)?.value;
  return { count: pick('nba_run_duration_seconds_count'), sum: pick('nba_run_duration_seconds_sum') };
}

function summary(unit: 'games' | 'roster', counts: TeamUnitSummary['counts']): TeamUnitSummary {
  return { teamId: 1610612737, unit, counts, apiCalls: 1, rowsFetched: 82 };
}

function fakeActivities(overrides: Partial<InstrumentableActivities> = {}) {
  return {
    openRun: vi.fn(async () => 'opened'),
    loadTeams: vi.fn(async () => ({ counts: { teams: { inserted: 30, updated: 0, unchanged: 0 } } })),
    ingestTeamGames: vi.fn(async () =>
      summary('games', {
        matches: { inserted: 80, updated: 2, unchanged: 0 },
        team_game_stats: { inserted: 82, updated: 0, unchanged: 0 },
      }),
    ),
    ingestTeamRoster: vi.fn(async () =>
      summary('roster', { players: { inserted: 15, updated: 0, unchanged: 3 } }),
    ),
    ingestLeagueGames: vi.fn(async () => ({
      unit: 'league-games' as const,
      counts: { matches: { inserted: 1230, updated: 0, unchanged: 0 } },
      apiCalls: 1,
      rowsFetched: 2460,
      games: 1230,
    })),
    ingestPlayerGames: vi.fn(async () => ({
      unit: 'player-games' as const,
      counts: { player_game_stats: { inserted: 26_401, updated: 0, unchanged: 0 } },
      apiCalls: 1,
      rowsFetched: 26_401,
      games: 1230,
      answers: 1,
    })),
    recordDeadLetter: vi.fn(async () => undefined),
    closeRun: vi.fn(async () => undefined),
    ...overrides,
  };
}

function metricsNoProcess(): PipelineMetrics {
  return createPipelineMetrics({ processMetrics: false });
}

describe('instrumentActivities', () => {
  it('adds the loaders’ counts to nba_rows_upserted_total by table and kind', async () => {
    const metrics = metricsNoProcess();
    const activities = instrumentActivities(fakeActivities(), metrics);
    await activities.loadTeams(RUN);
    await activities.ingestTeamGames({ ...RUN, teamId: 1610612737 });
    await activities.ingestTeamGames({ ...RUN, teamId: 1610612737 });
    await activities.ingestTeamRoster({ ...RUN, teamId: 1610612737 });

    expect(await valueOf(metrics.rowsUpserted, { table: 'teams', kind: 'inserted' })).toBe(30);
    expect(await valueOf(metrics.rowsUpserted, { table: 'matches', kind: 'inserted' })).toBe(160);
    expect(await valueOf(metrics.rowsUpserted, { table: 'matches', kind: 'updated' })).toBe(4);
    expect(await valueOf(metrics.rowsUpserted, { table: 'team_game_stats', kind: 'inserted' })).toBe(164);
    expect(await valueOf(metrics.rowsUpserted, { table: 'players', kind: 'unchanged' })).toBe(3);
    expect(await valueOf(metrics.rowsUpserted, { table: 'players', kind: 'updated' })).toBe(0);
  });

  it('counts the league-wide units’ rows too: the games and the players’ lines', async () => {
    const metrics = metricsNoProcess();
    const activities = instrumentActivities(fakeActivities(), metrics);
    await activities.ingestLeagueGames(RUN);
    await activities.ingestPlayerGames(RUN);
    expect(await valueOf(metrics.rowsUpserted, { table: 'matches', kind: 'inserted' })).toBe(1230);
    expect(await valueOf(metrics.rowsUpserted, { table: 'player_game_stats', kind: 'inserted' })).toBe(
      26_401,
    );
  });

  it('returns the activities’ own results and passes other activities through', async () => {
    const fakes = fakeActivities();
    const activities = instrumentActivities(fakes, metricsNoProcess());
    await expect(activities.openRun()).resolves.toBe('opened');
    const result = await activities.ingestTeamRoster({ ...RUN, teamId: 1610612737 });
    expect(result).toEqual(summary('roster', { players: { inserted: 15, updated: 0, unchanged: 3 } }));
    expect(fakes.ingestTeamRoster).toHaveBeenCalledWith({ ...RUN, teamId: 1610612737 });
  });

  it('rethrows a failed attempt unchanged, counts it by activity and type, and adds no rows', async () => {
    const failure = ApplicationFailure.create({
      type: 'NbaResponseInvalid',
      message: 'missing PLUS_MINUS',
      nonRetryable: true,
    });
    const metrics = metricsNoProcess();
    const activities = instrumentActivities(
      fakeActivities({ ingestTeamGames: vi.fn(async () => Promise.reject(failure)) }),
      metrics,
    );
    await expect(activities.ingestTeamGames({ ...RUN, teamId: 1610612737 })).rejects.toBe(failure);
    await expect(activities.ingestTeamGames({ ...RUN, teamId: 1610612737 })).rejects.toBe(failure);
    expect(
      await valueOf(metrics.activityErrors, { activity: 'ingestTeamGames', type: 'NbaResponseInvalid' }),
    ).toBe(2);
    expect((await metrics.rowsUpserted.get()).values).toEqual([]);
  });

  it('counts dead letters by unit', async () => {
    const metrics = metricsNoProcess();
    const activities = instrumentActivities(fakeActivities(), metrics);
    const letter = {
      ...RUN,
      teamId: 1610612744,
      errorType: 'NbaServerError',
      errorMessage: 'HTTP 500',
      attempts: 5,
    };
    await activities.recordDeadLetter({ ...letter, unit: 'games' });
    await activities.recordDeadLetter({ ...letter, unit: 'games' });
    await activities.recordDeadLetter({ ...letter, unit: 'roster' });
    expect(await valueOf(metrics.deadLetters, { unit: 'games' })).toBe(2);
    expect(await valueOf(metrics.deadLetters, { unit: 'roster' })).toBe(1);
  });

  it('counts closed runs by status and observes their duration from the run record', async () => {
    const metrics = metricsNoProcess();
    const runTimes = vi.fn(async () => ({
      startedAt: new Date('2024-01-01T00:00:00Z'),
      finishedAt: new Date('2024-01-01T00:01:30Z'),
    }));
    const activities = instrumentActivities(fakeActivities(), metrics, { runTimes });
    const close = { ...RUN, runId: 'run-1', counts: {}, apiCalls: 60, failures: 0 };
    await activities.closeRun({ ...close, status: 'completed' });
    await activities.closeRun({ ...close, status: 'anomalous', cooldowns: 3, cooldownSeconds: 420 });

    expect(runTimes).toHaveBeenCalledWith('run-1');
    expect(await valueOf(metrics.cooldowns, {})).toBe(3);
    expect(await valueOf(metrics.cooldownSeconds, {})).toBe(420);
    expect(await valueOf(metrics.runs, { status: 'completed' })).toBe(1);
    expect(await valueOf(metrics.runs, { status: 'anomalous' })).toBe(1);
    expect(await histogramOf(metrics.runDuration, 'completed')).toEqual({ count: 1, sum: 90 });
  });

  it('a failing run-times lookup is reported, and the activity still succeeds', async () => {
    const metrics = metricsNoProcess();
    const onMetricsError = vi.fn();
    const activities = instrumentActivities(fakeActivities(), metrics, {
      runTimes: async () => Promise.reject(new Error('connection refused')),
      onMetricsError,
    });
    await expect(
      activities.closeRun({ ...RUN, runId: 'run-1', status: 'failed', counts: {}, apiCalls: 0, failures: 1 }),
    ).resolves.toBeUndefined();
    expect(onMetricsError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'connection refused' }),
      'closeRun',
    );
    expect(await valueOf(metrics.runs, { status: 'failed' })).toBe(1);
  });

  it('a failed closeRun is not counted as a run', async () => {
    const metrics = metricsNoProcess();
    const activities = instrumentActivities(
      fakeActivities({ closeRun: vi.fn(async () => Promise.reject(new Error('db down'))) }),
      metrics,
    );
    await expect(
      activities.closeRun({ ...RUN, runId: 'r', status: 'completed', counts: {}, apiCalls: 0, failures: 0 }),
    ).rejects.toThrow('db down');
    expect((await metrics.runs.get()).values).toEqual([]);
    expect(await valueOf(metrics.activityErrors, { activity: 'closeRun', type: 'Error' })).toBe(1);
  });
});

describe('instrumentNbaClient', () => {
  const response = (endpoint: string): NbaResponse => ({
    request: { endpoint, params: {} },
    url: `http://replay/${endpoint}`,
    body: {},
    fetchedAt: new Date(0).toISOString(),
  });

  it('counts each request by endpoint and outcome and leaves results and errors unchanged', async () => {
    const rateLimited = ApplicationFailure.create({ type: 'NbaRateLimited', message: 'HTTP 429' });
    const client: NbaClient = {
      leagueGameFinder: vi.fn(async () => response('leaguegamefinder')),
      commonTeamRoster: vi
        .fn<NbaClient['commonTeamRoster']>()
        .mockRejectedValueOnce(rateLimited)
        .mockResolvedValueOnce(response('commonteamroster')),
      leagueStandings: vi.fn(async () => response('leaguestandingsv3')),
      playerIndex: vi.fn(async () => response('playerindex')),
    };
    const metrics = metricsNoProcess();
    const counted = instrumentNbaClient(client, metrics);

    await expect(
      counted.leagueGameFinder({ season: '2023-24', seasonType: 'Regular Season', teamId: 1 }),
    ).resolves.toEqual(response('leaguegamefinder'));
    await expect(counted.commonTeamRoster({ season: '2023-24', teamId: 1 })).rejects.toBe(rateLimited);
    await counted.commonTeamRoster({ season: '2023-24', teamId: 1 });
    await counted.playerIndex({ season: '2023-24' });

    expect(await valueOf(metrics.apiRequests, { endpoint: 'leaguegamefinder', outcome: 'ok' })).toBe(1);
    expect(await valueOf(metrics.apiRequests, { endpoint: 'playerindex', outcome: 'ok' })).toBe(1);
    expect(await valueOf(metrics.apiRequests, { endpoint: 'commonteamroster', outcome: 'ok' })).toBe(1);
    expect(
      await valueOf(metrics.apiRequests, { endpoint: 'commonteamroster', outcome: 'NbaRateLimited' }),
    ).toBe(1);
  });
});

describe('outcomeOf', () => {
  it('names ApplicationFailures by type and other errors by class', () => {
    expect(outcomeOf(ApplicationFailure.create({ type: 'NbaTimeout', message: 't' }))).toBe('NbaTimeout');
    expect(outcomeOf(ApplicationFailure.create({ message: 'untyped' }))).toBe('ApplicationFailure');
    expect(outcomeOf(new TypeError('x'))).toBe('TypeError');
    expect(outcomeOf('a string')).toBe('UnknownError');
  });
});
