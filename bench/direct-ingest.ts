/**
 * The ingestSeason DAG without Temporal (team units, then the standings and the quality step): the
 * same activity functions, called in the same order with
 * the same team concurrency, in this process. Each call runs inside MockActivityEnvironment, which
 * gives the activities the Context they use (heartbeats, attempt number), as a worker would.
 */
import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import type { Activities } from '../activities/index.js';
import type { RunRef, TeamUnitInput, TeamUnitSummary } from '../activities/types.js';
import type { LoadCounts } from '../domain/records.js';
import { easternDate } from '../domain/game-dates.js';
import { DEFAULT_SEASON_TYPE } from '../domain/season.js';
import { NBA_TEAM_IDS } from '../domain/team-ids.js';
import { mapWithConcurrency } from '../workflows/concurrency.js';
import { addCounts } from '../workflows/progress.js';

const logger = new DefaultLogger('ERROR');

function inActivityContext<A, R>(fn: (arg: A) => Promise<R>, arg: A): Promise<R> {
  return new MockActivityEnvironment({ attempt: 1 }, { logger }).run(fn, arg);
}

export async function ingestDirect(
  activities: Activities,
  input: { season: string; teamConcurrency: number },
): Promise<{ status: 'completed' | 'anomalous'; counts: LoadCounts }> {
  const run: RunRef = {
    runId: randomUUID(),
    workflowId: `bench-direct-${input.season}`,
    season: input.season,
    seasonType: DEFAULT_SEASON_TYPE,
  };
  let counts: LoadCounts = {};
  let apiCalls = 0;
  const teamUnits = (activity: (input: TeamUnitInput) => Promise<TeamUnitSummary>) =>
    mapWithConcurrency(NBA_TEAM_IDS, input.teamConcurrency, async (teamId) => {
      const summary = await inActivityContext(activity, { ...run, teamId });
      counts = addCounts(counts, summary.counts);
      apiCalls += summary.apiCalls;
    });

  await inActivityContext((i) => activities.openRun(i), { ...run, trigger: 'test' } as const);
  counts = addCounts(counts, (await inActivityContext((r) => activities.loadTeams(r), run)).counts);
  await teamUnits((i) => activities.ingestTeamGames(i));
  await teamUnits((i) => activities.ingestTeamRoster(i));
  const standings = await inActivityContext((i) => activities.fetchStandings(i), run);
  apiCalls += standings.apiCalls;
  const quality = await inActivityContext((i) => activities.checkSeasonQuality(i), {
    ...run,
    counts,
    fullScope: true,
    // the standings' moment as the workflow takes it: today, US Eastern
    standings: { status: 'fetched' as const, asOf: easternDate(new Date()), records: standings.records },
  });
  const status = quality.anomalies.length > 0 ? ('anomalous' as const) : ('completed' as const);
  await inActivityContext((i) => activities.closeRun(i), {
    ...run,
    status,
    counts,
    apiCalls,
    failures: 0,
  });
  return { status, counts };
}
