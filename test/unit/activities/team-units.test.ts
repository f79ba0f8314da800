/**
 * The team-unit activities (`ingestTeamGames`, `ingestTeamRoster`) and `recordDeadLetter` from
 * createActivities, run in Temporal's MockActivityEnvironment (attempt and schedule time from its
 * info) with a fake NBA client. The database functions they call are replaced by fakes: what they
 * do in SQL is covered by the integration tests; here it is what the activity asks of them.
 */
import { ApplicationFailure } from '@temporalio/common';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActivities } from '../../../activities/index.js';
import type { DeadLetterInput, TeamUnitInput } from '../../../activities/types.js';
import type { Database } from '../../../db/client.js';
import { loadRoster, loadTeamGames } from '../../../db/load.js';
import { landRawResponse, latestRawResponse } from '../../../db/raw-responses.js';
import { recordCoverage } from '../../../db/coverage.js';
import { recordDeadLetter, resolveDeadLetters } from '../../../db/runs.js';
import type { NbaClient, NbaResponse } from '../../../nba/client.js';
import { leagueGameFinderRequest, toQueryString } from '../../../nba/endpoints.js';
import { nbaFailure } from '../../../nba/errors.js';
import { fixtureBody, rosterResponse } from '../nba/fixtures.js';
import { activityEnv, runsIn } from '../../support/activity-env.js';
import type { MockActivityEnvironment } from '@temporalio/testing';

vi.mock('../../../db/raw-responses.js', () => ({ landRawResponse: vi.fn(), latestRawResponse: vi.fn() }));
vi.mock('../../../db/load.js', () => ({ loadTeams: vi.fn(), loadTeamGames: vi.fn(), loadRoster: vi.fn() }));
vi.mock('../../../db/coverage.js', () => ({ recordCoverage: vi.fn() }));
vi.mock('../../../db/runs.js', () => ({
  openRun: vi.fn(),
  closeRun: vi.fn(),
  recordDeadLetter: vi.fn(),
  resolveDeadLetters: vi.fn(),
  getRun: vi.fn(),
}));

const NETS = 1610612751;
const HAWKS = 1610612737;
const database = { name: 'fake database' } as unknown as Database;
const run = {
  runId: 'run-1',
  workflowId: 'ingest-season-2011-12-regular',
  seasonType: 'Regular Season' as const,
};
const gamesInput: TeamUnitInput = { ...run, season: '2011-12', teamId: NETS };
const gamesQuery = { season: '2011-12', seasonType: 'Regular Season' as const, teamId: NETS };
const gamesRequest = leagueGameFinderRequest(gamesQuery);
/** Three of the Nets' 2011-12 games as the API answered them. */
const netsResponse: NbaResponse = {
  request: gamesRequest,
  url: 'http://fake/leaguegamefinder',
  body: fixtureBody('lgf-2011-12-nets.json'),
  fetchedAt: '2026-11-30T12:00:00.000Z',
};
const NETS_ROWS = 3;
const loaded = { matches: { inserted: NETS_ROWS, updated: 0, unchanged: 0 } };

function fakeNba(overrides: Partial<NbaClient> = {}) {
  return {
    leagueGameFinder: vi.fn<NbaClient['leagueGameFinder']>(async () => netsResponse),
    commonTeamRoster: vi.fn<NbaClient['commonTeamRoster']>(async (q) =>
      rosterResponse('ctr-2017-18-atl.json', q.season, q.teamId),
    ),
    leagueStandings: vi.fn<NbaClient['leagueStandings']>(async () => {
      throw new Error('standings are not part of these units');
    }),
    playerIndex: vi.fn<NbaClient['playerIndex']>(async () => {
      throw new Error('playerindex is not asked by these units');
    }),
    ...overrides,
  };
}

/** The activities built on `nba`, each run in `env` (its info: attempt, schedule time; its heartbeats). */
function activitiesIn(env: MockActivityEnvironment, nba: NbaClient) {
  const activities = createActivities({ nba, database });
  return {
    ingestTeamGames: runsIn(env, (input: TeamUnitInput) => activities.ingestTeamGames(input)),
    ingestTeamRoster: runsIn(env, (input: TeamUnitInput) => activities.ingestTeamRoster(input)),
    recordDeadLetter: runsIn(env, (input: DeadLetterInput) => activities.recordDeadLetter(input)),
  };
}

beforeEach(() => {
  vi.mocked(landRawResponse).mockResolvedValue({ id: 1, stored: true });
  vi.mocked(latestRawResponse).mockResolvedValue(undefined);
  vi.mocked(loadTeamGames).mockResolvedValue(loaded);
  vi.mocked(loadRoster).mockResolvedValue({ players: { inserted: 15, updated: 0, unchanged: 0 } });
  vi.mocked(resolveDeadLetters).mockResolvedValue(0);
  vi.mocked(recordDeadLetter).mockResolvedValue(undefined);
});

afterEach(() => {
  vi.clearAllMocks();
  vi.useRealTimers();
});

describe('ingestTeamGames', () => {
  it('on a first attempt: fetches, lands the body, loads the transformed games, resolves the unit, counts one call', async () => {
    const nba = fakeNba();
    const summary = await activitiesIn(activityEnv({ attempt: 1 }), nba).ingestTeamGames(gamesInput);

    expect(nba.leagueGameFinder).toHaveBeenCalledExactlyOnceWith(gamesQuery);
    expect(latestRawResponse).not.toHaveBeenCalled();
    expect(landRawResponse).toHaveBeenCalledExactlyOnceWith(database, {
      endpoint: 'leaguegamefinder',
      paramsKey: toQueryString(gamesRequest.params),
      params: gamesRequest.params,
      body: netsResponse.body,
      fetchedAt: netsResponse.fetchedAt,
      runId: 'run-1',
    });
    const [, batch, runId] = vi.mocked(loadTeamGames).mock.calls[0] ?? [];
    expect(runId).toBe('run-1');
    expect(batch?.stats).toHaveLength(NETS_ROWS);
    expect(batch?.stats.every((s) => s.teamId === NETS)).toBe(true);
    // The team's games of the whole season, over when fetched: covered (domain/coverage.ts).
    expect(recordCoverage).toHaveBeenCalledExactlyOnceWith(database, {
      season: '2011-12',
      seasonType: 'Regular Season',
      teamId: NETS,
      from: '2011-07-01',
      to: '2012-10-31',
      runId: 'run-1',
    });
    expect(resolveDeadLetters).toHaveBeenCalledExactlyOnceWith(database, {
      season: '2011-12',
      seasonType: 'Regular Season',
      teamId: NETS,
      unit: 'games',
      runId: 'run-1',
    });
    expect(summary).toEqual({
      teamId: NETS,
      unit: 'games',
      counts: loaded,
      apiCalls: 1,
      rowsFetched: NETS_ROWS,
      touched: {}, // the mocked loader reports no rows by key
      // The run it executed for (MockActivityEnvironment's): a reset run tells its own work by it.
      executedInRun: '00000000-0000-0000-0000-000000000000',
    });
  });

  it('on a retry: reuses the body an earlier attempt landed (no request), counting the earlier attempts', async () => {
    const nba = fakeNba();
    vi.mocked(latestRawResponse).mockResolvedValue({
      id: 7,
      body: netsResponse.body,
      fetchedAt: netsResponse.fetchedAt,
      lastFetchedAt: netsResponse.fetchedAt,
    });
    const scheduledTimestampMs = Date.now() - 60_000;
    const summary = await activitiesIn(
      activityEnv({ attempt: 3, scheduledTimestampMs }),
      nba,
    ).ingestTeamGames(gamesInput);

    expect(nba.leagueGameFinder).not.toHaveBeenCalled();
    expect(landRawResponse).not.toHaveBeenCalled();
    const [, query] = vi.mocked(latestRawResponse).mock.calls[0] ?? [];
    expect(query).toMatchObject({
      endpoint: 'leaguegamefinder',
      paramsKey: toQueryString(gamesRequest.params),
    });
    // Only bodies landed since the activity was scheduled: an older one belongs to another run.
    expect(Math.abs((query?.notBefore?.getTime() ?? 0) - scheduledTimestampMs)).toBeLessThan(1_000);
    expect(summary).toMatchObject({ apiCalls: 2, rowsFetched: NETS_ROWS });
  });

  it('on a retry with nothing stored: fetches again and counts this request too', async () => {
    const nba = fakeNba();
    const summary = await activitiesIn(
      activityEnv({ attempt: 2, scheduledTimestampMs: Date.now() }),
      nba,
    ).ingestTeamGames(gamesInput);
    expect(latestRawResponse).toHaveBeenCalledOnce();
    expect(nba.leagueGameFinder).toHaveBeenCalledOnce();
    expect(summary.apiCalls).toBe(2);
  });

  it("with responses 'stored' (retransform): no request and zero calls; nothing stored is a non-retryable failure", async () => {
    const nba = fakeNba();
    const activities = activitiesIn(activityEnv({ attempt: 1 }), nba);
    vi.mocked(latestRawResponse).mockResolvedValueOnce({
      id: 7,
      body: netsResponse.body,
      fetchedAt: netsResponse.fetchedAt,
      lastFetchedAt: netsResponse.fetchedAt,
    });
    const summary = await activities.ingestTeamGames({ ...gamesInput, responses: 'stored' });
    expect(summary.apiCalls).toBe(0);

    const missing = activities.ingestTeamGames({ ...gamesInput, responses: 'stored' });
    await expect(missing).rejects.toBeInstanceOf(ApplicationFailure);
    await expect(missing).rejects.toMatchObject({ type: 'RawResponseMissing', nonRetryable: true });
    expect(nba.leagueGameFinder).not.toHaveBeenCalled();
    expect(loadTeamGames).toHaveBeenCalledOnce();
  });

  it("lets the client's typed failure propagate unchanged, with nothing loaded or resolved", async () => {
    const failure = nbaFailure('NbaServerError', gamesRequest, 'HTTP 503 Service Unavailable', {
      status: 503,
    });
    const nba = fakeNba({ leagueGameFinder: vi.fn(async () => Promise.reject(failure)) });
    const attempt = activitiesIn(activityEnv({ attempt: 1 }), nba).ingestTeamGames(gamesInput);
    await expect(attempt).rejects.toBe(failure);
    await expect(attempt).rejects.toMatchObject({ type: 'NbaServerError', nonRetryable: false });
    expect(landRawResponse).not.toHaveBeenCalled();
    expect(loadTeamGames).not.toHaveBeenCalled();
    expect(resolveDeadLetters).not.toHaveBeenCalled();
  });

  it('heartbeats while a slow request is in flight, and stops once the unit is done', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let answer: (response: NbaResponse) => void = () => undefined;
    const nba = fakeNba({
      leagueGameFinder: vi.fn(() => new Promise<NbaResponse>((resolve) => (answer = resolve))),
    });
    const env = activityEnv({ attempt: 1 });
    const beats = vi.fn();
    env.on('heartbeat', beats);

    const running = activitiesIn(env, nba).ingestTeamGames(gamesInput);
    await vi.waitFor(() => expect(nba.leagueGameFinder).toHaveBeenCalled());
    expect(beats).not.toHaveBeenCalled(); // the first beat waits one interval
    vi.advanceTimersByTime(2_000);
    expect(beats).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(4_000);
    expect(beats).toHaveBeenCalledTimes(3);

    answer(netsResponse);
    await running;
    vi.advanceTimersByTime(10_000);
    expect(beats).toHaveBeenCalledTimes(3);
  });
});

describe('ingestTeamRoster', () => {
  it("loads the team's roster and reports it as the roster unit", async () => {
    const nba = fakeNba();
    const input = { ...run, season: '2017-18', teamId: HAWKS };
    const summary = await activitiesIn(activityEnv({ attempt: 1 }), nba).ingestTeamRoster(input);
    expect(nba.commonTeamRoster).toHaveBeenCalledExactlyOnceWith({ season: '2017-18', teamId: HAWKS });
    const [, batch] = vi.mocked(loadRoster).mock.calls[0] ?? [];
    expect(batch?.rosters).toHaveLength(3);
    expect(batch?.rosters.every((r) => r.teamId === HAWKS && r.season === '2017-18')).toBe(true);
    expect(resolveDeadLetters).toHaveBeenCalledWith(database, expect.objectContaining({ unit: 'roster' }));
    expect(summary).toMatchObject({
      teamId: HAWKS,
      unit: 'roster',
      apiCalls: 1,
      rowsFetched: batch?.rosters.length,
    });
  });
});

describe('recordDeadLetter', () => {
  it('stores the failed unit with the request that would redo it', async () => {
    const activities = activitiesIn(activityEnv(), fakeNba());
    const failed = {
      ...run,
      season: '2011-12',
      errorType: 'NbaServerError',
      errorMessage: 'HTTP 503',
      attempts: 5,
    };
    await activities.recordDeadLetter({ ...failed, teamId: NETS, unit: 'games' });
    await activities.recordDeadLetter({ ...failed, teamId: HAWKS, unit: 'roster' });

    const [games, roster] = vi.mocked(recordDeadLetter).mock.calls.map(([, letter]) => letter);
    expect(games).toMatchObject({
      ...failed,
      teamId: NETS,
      unit: 'games',
      endpoint: 'leaguegamefinder',
      params: expect.objectContaining({
        Season: '2011-12',
        SeasonType: 'Regular Season',
        TeamID: String(NETS),
      }),
    });
    expect(roster).toMatchObject({
      teamId: HAWKS,
      unit: 'roster',
      endpoint: 'commonteamroster',
      params: expect.objectContaining({ Season: '2011-12', TeamID: String(HAWKS) }),
    });
  });
});
