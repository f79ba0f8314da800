/**
 * A garbled body is transient, a wrong schema is permanent: one truncated JSON answer is retried and
 * the run ends complete and equal to a clean run, with nothing garbled in raw_responses; a body
 * lacking a column dead-letters its unit after one attempt. (A permanent 500 for one team
 * dead-letters exactly that unit: failure-isolation.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableChecksums } from '../../../db/runs.js';
import { hasNbaData } from '../../support/index.js';
import { startPipeline, type Pipeline } from '../../support/pipeline.js';

const SEASON = '2023-24';
const BOS = 1610612738;
const LAL = 1610612747;

describe.skipIf(!hasNbaData())('garbled versus invalid API bodies (needs ../shared/nba-data)', () => {
  let garbled: Pipeline;
  let clean: Pipeline;

  beforeAll(async () => {
    [garbled, clean] = await Promise.all([startPipeline(), startPipeline()]);
    await Promise.all([garbled.startWorkers(), clean.startWorkers()]);
  });
  afterAll(async () => {
    await garbled?.close();
    await clean?.close();
  });

  it('a once-truncated body is fetched again: the run completes, equal to a clean run, nothing garbled landed', async () => {
    garbled.replay.setFaults([
      { kind: 'malformed-json', endpoint: 'leaguegamefinder', teamIds: [BOS], firstN: 1 },
    ]);
    garbled.replay.resetRequests();
    const [result, cleanResult] = await Promise.all([
      garbled.ingest({ season: SEASON }),
      clean.ingest({ season: SEASON }),
    ]);
    garbled.replay.clearFaults();

    expect(cleanResult.status).toBe('completed');
    expect(result.status).toBe('completed');
    expect(result.failures).toEqual([]);
    expect(result.teams).toMatchObject({ gamesDone: 30, rostersDone: 30, failed: 0 });
    const bostonGames = garbled.replay
      .requests()
      .log.filter((r) => r.endpoint === 'leaguegamefinder' && r.params.TeamID === String(BOS));
    expect(bostonGames.map((r) => r.faults)).toEqual([['malformed-json'], []]);
    expect(await tableChecksums(garbled.database)).toEqual(await tableChecksums(clean.database));

    const { rows } = await garbled.database.pool.query<{ landed: number; documents: number }>(
      `select count(*)::int as landed,
              count(*) filter (where jsonb_typeof(body) = 'object' and body ? 'resultSets')::int as documents
         from raw_responses`,
    );
    expect(rows[0]).toEqual({ landed: 62, documents: 62 }); // 60 team units, the players' lines, the standings
  });

  it('a body lacking a column fails its unit at once: one attempt, dead-lettered as NbaResponseInvalid', async () => {
    clean.replay.setFaults([{ kind: 'missing-column', endpoint: 'leaguegamefinder', teamIds: [BOS] }]);
    clean.replay.resetRequests();
    const result = await clean.ingest({ season: SEASON, teamIds: [BOS, LAL] });
    clean.replay.clearFaults();

    expect(result.status).toBe('completed_with_failures');
    expect(result.failures).toEqual([
      expect.objectContaining({ teamId: BOS, unit: 'games', errorType: 'NbaResponseInvalid' }),
    ]);
    expect(result.failures[0]!.message).toContain('missing required column(s) PLUS_MINUS');
    expect(result.teams).toMatchObject({ gamesDone: 1, rostersDone: 2, failed: 1 });
    expect(clean.replay.requests().perEndpoint).toMatchObject({ leaguegamefinder: 2 }); // BOS once, LAL once
    const { rows } = await clean.database.pool.query<{ error_type: string; attempts: number }>(
      'select error_type, attempts from dead_letters where run_id = $1',
      [result.runId],
    );
    expect(rows).toEqual([{ error_type: 'NbaResponseInvalid', attempts: 1 }]);
  });
});
