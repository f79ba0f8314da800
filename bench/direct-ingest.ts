/**
 * The ingestSeason DAG without Temporal: the same activity functions, called in the same order with
 * the same team concurrency, in this process. Each call runs inside MockActivityEnvironment, which
 * gives the activities the Context they use (heartbeats, attempt number), as a worker would.
 */
import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import type { Activities } from '../activities/index.js';
import type { RunRef, TeamUnitSummary } from '../activities/types.js';
import type { LoadCounts } from '../domain/records.js';
import type { SeasonType } from '../domain/season.js';
import { NBA_TEAM_IDS } from '../domain/team-ids.js';
import { mapWithConcurrency } from '../workflows/concurrency.js';
import { addCounts } from '../workflows/progress.js';

export interface DirectIngestResult {
  status: 'completed' | 'anomalous';
  counts: LoadCounts;
  apiCalls: number;
  /** Wall time of each games/roster activity call. */
  teamActivityMs: number[];
}

// Errors only: a partial warm-up run fails its season checks on purpose.
const logger = new DefaultLogger('ERROR');

function inActivityContext<A, R>(fn: (arg: A) => Promise<R>, arg: A): Promise<R> {
  return new MockActivityEnvironment({ attempt: 1 }, { logger }).run(fn, arg);
}

export async function ingestDirect(
  activities: Activities,
  q: { season: string; seasonType: SeasonType; teamConcurrency: number; teamIds?: readonly number[] },
): Promise<DirectIngestResult> {
  const run: RunRef = {
    runId: randomUUID(),
    workflowId: `bench-direct-${q.season}`,
    season: q.season,
    seasonType: q.seasonType,
  };
  const teamIds = q.teamIds ?? NBA_TEAM_IDS;
  let counts: LoadCounts = {};
  let apiCalls = 0;
  const teamActivityMs: number[] = [];
  const unit = async (work: () => Promise<TeamUnitSummary>): Promise<void> => {
    const started = performance.now();
    const summary = await work();
    teamActivityMs.push(performance.now() - started);
    counts = addCounts(counts, summary.counts);
    apiCalls += summary.apiCalls;
  };

  await inActivityContext((input) => activities.openRun(input), { ...run, trigger: 'test' } as const);
  counts = addCounts(counts, await inActivityContext((r) => activities.loadTeams(r), run));
  await mapWithConcurrency(teamIds, q.teamConcurrency, (teamId) =>
    unit(() => inActivityContext((input) => activities.ingestTeamGames(input), { ...run, teamId })),
  );
  await mapWithConcurrency(teamIds, q.teamConcurrency, (teamId) =>
    unit(() => inActivityContext((input) => activities.ingestTeamRoster(input), { ...run, teamId })),
  );
  const quality = await inActivityContext((input) => activities.checkSeasonQuality(input), {
    ...run,
    counts,
    fullScope: !q.teamIds,
  });
  const status: DirectIngestResult['status'] = quality.anomalies.length > 0 ? 'anomalous' : 'completed';
  await inActivityContext((input) => activities.closeRun(input), {
    runId: run.runId,
    status,
    counts,
    apiCalls,
    failures: 0,
  });
  return { status, counts, apiCalls, teamActivityMs };
}
