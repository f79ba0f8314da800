/**
 * Priority lanes (domain/priority.ts): an interactive run started while a backfill keeps the
 * rate-limited NBA queue backlogged goes ahead of the backlog instead of queueing behind it. Measured
 * from the replay server's log: of the requests answered while the interactive run was sending its
 * rosters, how many were the backfill's. First in, first out, the backfill's 16 waiting lanes would
 * take most of them (~16 of every 20); by priority only those that fill the moments when the
 * interactive run has nothing queued (between one of its requests and the next it schedules).
 */
import { describe, expect, it } from 'vitest';
import { RUN_PRIORITY, runPriority } from '../../../domain/priority.js';
import type { IngestSeasonResult } from '../../../workflows/ingest-season.js';
import { hasNbaData, uniqueWorkflowId } from '../../support/index.js';
import { usePipeline } from '../../support/pipeline.js';

const BACKFILL_SEASONS = ['2017-18', '2020-21'];
const INTERACTIVE_SEASON = '2023-24';

describe.skipIf(!hasNbaData())('priority lanes (needs ../shared/nba-data)', () => {
  const pipeline = usePipeline({ rate: 6 });

  it('a season started during a per-team backfill is served ahead of its backlog', async () => {
    const { client, taskQueue, replay } = pipeline();
    const backfill = await client.workflow.start('backfillSeasons', {
      taskQueue,
      workflowId: uniqueWorkflowId('priority-backfill'),
      args: [{ seasons: BACKFILL_SEASONS, gamesBy: 'team', teamConcurrency: 8, parallelism: 2 }],
      ...runPriority('backfill'),
    });
    try {
      // Let the backfill's lanes fill the queue first.
      const backlogged = Date.now() + 60_000;
      while (replay.requests().total < 20 && Date.now() < backlogged)
        await new Promise((resolve) => setTimeout(resolve, 200));
      const interactive = await client.workflow.start('ingestSeason', {
        taskQueue,
        workflowId: uniqueWorkflowId('priority-interactive'),
        args: [{ season: INTERACTIVE_SEASON, gamesBy: 'league', trigger: 'test' }],
        ...runPriority('interactive'),
      });
      const result = (await interactive.result()) as IngestSeasonResult;
      expect(result.status).toBe('completed');

      const log = replay.requests().log;
      const own = log.filter((r) => r.params.Season === INTERACTIVE_SEASON);
      expect(own.length).toBe(33);
      // Its 30 rosters, queued at once: while it loads its games before them and its players' lines
      // after them (seconds each) it has nothing queued to go first.
      const rosters = own.filter((r) => r.endpoint === 'commonteamroster');
      const first = rosters[0]!.seq;
      const last = rosters.at(-1)!.seq;
      const during = log.filter((r) => r.seq > first && r.seq < last);
      const backfillDuring = during.filter((r) => BACKFILL_SEASONS.includes(r.params.Season ?? ''));
      console.info(
        `priority: ${backfillDuring.length} backfill requests among the interactive run's 30 rosters`,
        log.map((r) => (r.params.Season === INTERACTIVE_SEASON ? 'I' : 'b')).join(''),
      );
      // FIFO would interleave ~4 backfill requests per interactive one (16 lanes against 4); by
      // priority the backfill only fills the moments when the interactive run has nothing queued.
      expect(backfillDuring.length).toBeLessThan(rosters.length / 2);

      // The keys as the server holds them: the backfill's children inherit nothing from the caller.
      expect((await interactive.describe()).raw.workflowExecutionInfo?.priority?.priorityKey).toBe(
        RUN_PRIORITY.interactive,
      );
      const keys: (number | null | undefined)[] = [];
      const children = client.workflow.list({
        query: `WorkflowType = 'ingestSeason' AND TaskQueue = '${taskQueue}'`,
      });
      for await (const { workflowId } of children) {
        if (workflowId === interactive.workflowId) continue;
        const described = await client.workflow.getHandle(workflowId).describe();
        keys.push(described.raw.workflowExecutionInfo?.priority?.priorityKey);
      }
      expect(keys).toEqual(BACKFILL_SEASONS.map(() => RUN_PRIORITY.backfill));
    } finally {
      await backfill.terminate('test over').catch(() => undefined);
    }
  }, 240_000);
});
