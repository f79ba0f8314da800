/**
 * Durability: the worker process is SIGKILLed once about half the teams' games are loaded; a new
 * worker finishes the same run without re-fetching the teams that had finished.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableChecksums } from '../../../db/runs.js';
import type { IngestProgress } from '../../../workflows/progress.js';
import type { IngestSeasonResult } from '../../../workflows/ingest-season.js';
import { hasNbaData } from '../../support/index.js';
import { spawnWorker, type WorkerProcess } from '../../support/worker-process.js';
import { startPipeline, type Pipeline } from '../../support/pipeline.js';

const SEASON = '2023-24';

describe.skipIf(!hasNbaData())('crash at team 15 (needs ../shared/nba-data)', () => {
  let crashed: Pipeline;
  let clean: Pipeline;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    [crashed, clean] = await Promise.all([startPipeline(), startPipeline()]);
  });
  afterAll(async () => {
    for (const w of workers) await w.kill('SIGKILL');
    await crashed?.close();
    await clean?.close();
  });

  it('resumes the same run after SIGKILL, repeats no finished team, and ends equal to a clean run', async () => {
    const env = {
      TEMPORAL_ADDRESS: crashed.temporalAddress,
      TEMPORAL_TASK_QUEUE: crashed.taskQueue,
      DATABASE_URL: crashed.databaseUrl,
      NBA_STATS_BASE_URL: crashed.replay.url,
      NBA_RATE_LIMIT_PER_SEC: '4',
    };
    workers.push(await spawnWorker(env, crashed.client));
    crashed.replay.resetRequests();
    const handle = await crashed.start({ season: SEASON });

    let atKill: IngestProgress | undefined;
    for (let i = 0; i < 600 && !atKill; i++) {
      const progress = await handle.query<IngestProgress>('progress').catch(() => undefined);
      if (progress && progress.teams.gamesDone >= 15) atKill = progress;
      else await new Promise((r) => setTimeout(r, 100));
    }
    expect(atKill, 'the run never reached 15 teams').toBeDefined();
    await workers[0]!.kill('SIGKILL');
    const requestsAtKill = crashed.replay.requests().total;
    expect(atKill!.teams.gamesDone).toBeLessThan(30);

    workers.push(await spawnWorker(env, crashed.client));
    const result = (await handle.result()) as IngestSeasonResult;
    expect(result.status).toBe('completed');
    expect(result.runId).toBe(handle.firstExecutionRunId);
    expect(result.teams).toMatchObject({ gamesDone: 30, rostersDone: 30, failed: 0 });

    // Every team was asked for its games once, except those in flight at the kill.
    const gameRequests = crashed.replay
      .requests()
      .log.filter((r) => r.endpoint === 'leaguegamefinder' && r.params.PlayerOrTeam === 'T');
    const perTeam = new Map<string, number>();
    for (const r of gameRequests)
      perTeam.set(r.params.TeamID ?? '', (perTeam.get(r.params.TeamID ?? '') ?? 0) + 1);
    expect(perTeam.size).toBe(30);
    const repeated = [...perTeam.values()].filter((n) => n > 1).length;
    expect(repeated).toBeLessThanOrEqual(4); // at most the in-flight ones (team concurrency 4)
    console.info(
      `crash at ${atKill!.teams.gamesDone} teams: ${crashed.replay.requests().total} requests in all, ${repeated} team(s) asked twice`,
    );
    expect(crashed.replay.requests().total).toBeLessThanOrEqual(62 + 4);
    expect(requestsAtKill).toBeGreaterThanOrEqual(15);

    // Structured logs: every activity line about a team names the workflow, season and team.
    const teamLines = workers[1]!
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'team games loaded' || l.msg === 'team roster loaded');
    expect(teamLines.length).toBeGreaterThan(0);
    for (const line of teamLines) {
      expect(line).toMatchObject({
        workflowId: handle.workflowId,
        season: SEASON,
        seasonType: 'Regular Season',
        teamId: expect.any(Number),
      });
    }

    await clean.startWorkers();
    const cleanResult = await clean.ingest({ season: SEASON });
    expect(cleanResult.status).toBe('completed');
    expect(await tableChecksums(crashed.database)).toEqual(await tableChecksums(clean.database));
  });
});
