/**
 * stats.nba.com's throttling, as the replay server's `cutoff` fault plays it (after every 25 answers
 * the whole API hangs for 15 s): the run's breaker waits each cutoff out and ends with the data of
 * a clean run, no dead letter, and only the requests in flight at each trip plus one probe per
 * cooldown sent into a cutoff. A Retry-After holds every lane for as long as it says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableChecksums } from '../../../db/runs.js';
import { NBA_TEAM_IDS } from '../../../domain/team-ids.js';
import { hasNbaData } from '../../setup/index.js';
import { startPipeline, type Pipeline } from './harness.js';

const SEASON = '2023-24';
const CONCURRENCY = 4;
/** Short cooldowns: the first probe comes 4 s after a trip, the next 8 s after that. */
const COOLDOWNS = { nbaCooldownMinS: 4, nbaCooldownMaxS: 60 };

async function deadLetters(pipeline: Pipeline): Promise<number> {
  const { rows } = await pipeline.database.pool.query<{ n: string }>(
    'select count(*) as n from dead_letters',
  );
  return Number(rows[0]!.n);
}

describe.skipIf(!hasNbaData())('waiting out NBA API throttling (needs ../shared/nba-data)', () => {
  let throttled: Pipeline;
  let clean: Pipeline;

  beforeAll(async () => {
    [throttled, clean] = await Promise.all([
      startPipeline({ rate: 20, nbaTimeoutMs: 2_000 }),
      startPipeline({ rate: 20 }),
    ]);
    await Promise.all([throttled.startWorkers(), clean.startWorkers()]);
  });
  afterAll(async () => {
    await throttled?.close();
    await clean?.close();
  });

  it('a season under `cutoff?every=25&seconds=15` completes with a clean run’s data and no dead letter', async () => {
    throttled.replay.setFaults([{ kind: 'cutoff', every: 25, seconds: 15, mode: 'hang' }]);
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
    expect(cutoffsHit).toBeGreaterThanOrEqual(2); // 60 answers: cutoffs after the 25th and the 50th
    expect(cooldowns).toBeGreaterThanOrEqual(cutoffsHit);
    // At most the requests in flight at each trip (one per lane) plus one probe per cooldown.
    expect(cutoffs.requests).toBeLessThanOrEqual(cutoffsHit * CONCURRENCY + cooldowns);
    expect(result.apiCalls).toBe(total);
  });

  it('a 429 with Retry-After: 7 holds every request of the run for 7 s', async () => {
    throttled.replay.setFaults([
      { kind: 'rate-limit', status: 429, retryAfter: '7', teamIds: [NBA_TEAM_IDS[3]!], firstN: 1 },
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
    console.info(`Retry-After 7: the next request went out ${quiet} ms after the 429`);
    // Requests already on their way when the 429 arrived may land within a few ms of it.
    const after = next.filter((r) => r.t - limited.t > 250);
    expect(Math.min(...after.map((r) => r.t)) - limited.t).toBeGreaterThanOrEqual(7_000);
  });
});
