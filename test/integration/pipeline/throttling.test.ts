/**
 * stats.nba.com's throttling, as the replay server's `cutoff` fault plays it (after every 25 answers
 * the whole API hangs, here for 5 s): the run's breaker waits each cutoff out and ends with the data of
 * a clean run, no dead letter, and only the requests in flight at each trip plus one probe per
 * cooldown sent into a cutoff. A Retry-After holds every lane for as long as it says.
 */
import { describe, expect, it } from 'vitest';
import { tableChecksums } from '../../../db/runs.js';
import { NBA_TEAM_IDS } from '../../../domain/team-ids.js';
import { hasNbaData } from '../../support/index.js';
import { runTsScript } from '../../support/run-script.js';
import type { Pipeline } from '../../support/pipeline.js';
import { COOLDOWNS, CUTOFF, useThrottledAndClean } from '../../support/throttled-pair.js';

const SEASON = '2023-24';
const CONCURRENCY = 4;

/** The run's NbaRunStatus as the visibility API (list filter) sees it, or undefined. */
async function visibleStatus(pipeline: Pipeline, workflowId: string): Promise<string | undefined> {
  for await (const execution of pipeline.client.workflow.list({ query: `WorkflowId = '${workflowId}'` }))
    return execution.searchAttributes?.NbaRunStatus?.[0] as string | undefined;
  return undefined;
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function deadLetters(pipeline: Pipeline): Promise<number> {
  const { rows } = await pipeline.database.pool.query<{ n: string }>(
    'select count(*) as n from dead_letters',
  );
  return Number(rows[0]!.n);
}

describe.skipIf(!hasNbaData())('waiting out NBA API throttling (needs ../shared/nba-data)', () => {
  const pipelines = useThrottledAndClean(20);

  it('a season under `cutoff?every=25&seconds=5` completes with a clean run’s data and no dead letter', async () => {
    const { throttled, clean } = pipelines;
    throttled.replay.setFaults([CUTOFF]);
    throttled.replay.resetRequests();
    const started = Date.now();
    const [result, cleanResult] = await Promise.all([
      throttled.ingest({ season: SEASON, teamConcurrency: CONCURRENCY, ...COOLDOWNS }),
      clean.ingest({ season: SEASON, teamConcurrency: CONCURRENCY }),
    ]);
    const seconds = (Date.now() - started) / 1000;
    throttled.replay.clearFaults();

    expect(cleanResult.status).toBe('completed');
    expect(result.status).toBe('completed');
    expect(result.failures).toEqual([]);
    expect(await deadLetters(throttled)).toBe(0);
    expect(await tableChecksums(throttled.database)).toEqual(await tableChecksums(clean.database));

    const { total, cutoffs } = throttled.replay.requests();
    const cutoffsHit = Object.keys(cutoffs.perCutoff).length;
    const cooldowns = result.breaker?.cooldowns ?? 0;
    console.info(
      `throttled ${SEASON}: ${total} requests in ${seconds.toFixed(1)} s; ${cutoffs.requests} inside ` +
        `${cutoffsHit} cutoffs ${JSON.stringify(cutoffs.perCutoff)}; ${cooldowns} cooldowns, ` +
        `${result.breaker?.cooldownSeconds ?? 0} s cooling down; apiCalls ${result.apiCalls}`,
    );
    expect(cutoffsHit).toBeGreaterThanOrEqual(2); // 61 answers: cutoffs after the 25th and the 50th
    expect(cooldowns).toBeGreaterThanOrEqual(cutoffsHit);
    // At most the requests in flight at each trip (one per lane) plus one probe per cooldown.
    expect(cutoffs.requests).toBeLessThanOrEqual(cutoffsHit * CONCURRENCY + cooldowns);
    expect(result.apiCalls).toBe(total);
    const { rows: runs } = await throttled.database.pool.query(
      'select cooldowns, cooldown_seconds from ingestion_runs where run_id = $1',
      [result.runId],
    );
    expect(runs).toEqual([{ cooldowns, cooldown_seconds: result.breaker?.cooldownSeconds }]);
  });

  it('a 429 with Retry-After: 3 holds every request of the run for 3 s', async () => {
    const { throttled } = pipelines;
    throttled.replay.setFaults([
      { kind: 'rate-limit', status: 429, retryAfter: '3', teamIds: [NBA_TEAM_IDS[3]!], firstN: 1 },
    ]);
    throttled.replay.resetRequests();
    const result = await throttled.ingest({
      season: SEASON,
      teamIds: NBA_TEAM_IDS.slice(0, 8),
      teamConcurrency: CONCURRENCY,
      ...COOLDOWNS,
    });
    throttled.replay.clearFaults();
    expect(result.status).toBe('completed');
    expect(result.breaker).toMatchObject({ state: 'closed', cooldowns: 1 });

    const log = throttled.replay.requests().log;
    const limited = log.find((r) => r.status === 429)!;
    expect(limited).toBeDefined();
    const next = log.filter((r) => r.seq > limited.seq && r.t >= limited.t);
    const quiet = Math.min(...next.map((r) => r.t)) - limited.t;
    console.info(`Retry-After 3: the next request went out ${quiet} ms after the 429`);
    // Requests already on their way when the 429 arrived may land within a few ms of it.
    const after = next.filter((r) => r.t - limited.t > 250);
    expect(Math.min(...after.map((r) => r.t)) - limited.t).toBeGreaterThanOrEqual(3_000);
  });

  it('`ingest resume` ends a 10-minute cooldown at once; NbaRunStatus reads cooling_down, then completed', async () => {
    const { throttled } = pipelines;
    // 429s without Retry-After for 5 s after the 6th answer: three in a row trip a 10-minute cooldown.
    throttled.replay.setFaults([{ kind: 'cutoff', every: 6, seconds: 5, mode: 429 }]);
    throttled.replay.resetRequests();
    const handle = await throttled.start({
      season: SEASON,
      teamIds: NBA_TEAM_IDS.slice(0, 6),
      teamConcurrency: CONCURRENCY,
      nbaCooldownMinS: 600,
      nbaCooldownMaxS: 3600,
    });
    const status = () => visibleStatus(throttled, handle.workflowId);
    await eventually('NbaRunStatus = cooling_down', async () =>
      (await status()) === 'cooling_down' ? true : undefined,
    );
    const progress = await handle.query<{ breaker?: { state: string; note?: string } }>('progress');
    expect(progress.breaker).toMatchObject({ state: 'open', note: expect.stringContaining('1st cooldown') });
    throttled.replay.clearFaults(); // the API serves again; only the cooldown holds the run
    const before = throttled.replay.requests().total;

    const resumedAt = Date.now();
    const { stderr } = await runTsScript(['scripts/ingest.ts', 'resume', handle.workflowId], {
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: throttled.temporalAddress,
        TEMPORAL_NAMESPACE: throttled.namespace,
      },
    });
    expect(stderr).toContain(`asked ${handle.workflowId} to end its cooldown`);
    const probe = await eventually('the probe', async () => throttled.replay.requests().log[before]);
    console.info(`resume: the probe went out ${probe.t - resumedAt} ms after the command started`);
    // The command's own start-up (tsx) takes most of this; the cooldown had 10 minutes left.
    expect(probe.t).toBeGreaterThanOrEqual(resumedAt); // nothing went out during the cooldown
    expect(probe.t - resumedAt).toBeLessThan(15_000);

    const result = await handle.result();
    expect(result).toMatchObject({ status: 'completed', failures: [] });
    expect(result.breaker).toMatchObject({ state: 'closed', cooldowns: 1 });
    expect(result.breaker!.cooldownSeconds).toBeLessThan(60);
    expect(
      await eventually('NbaRunStatus = completed', async () =>
        (await status()) === 'completed' ? true : undefined,
      ),
    ).toBe(true);
  });
});
