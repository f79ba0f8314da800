/**
 * Silent data loss is caught: the replay server drops one team's games (a valid, empty answer), so
 * no activity fails, but the quality checks see a complete season short of 1230 games. The run is
 * marked anomalous and the alert webhook receives one POST naming the season and the shortfall.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasNbaData } from '../../support/index.js';
import { startAlertWebhook, type AlertWebhook } from '../../support/alert-webhook.js';
import { startPipeline, type Pipeline } from '../../support/pipeline.js';

const SEASON = '2023-24';
const DROPPED_TEAM = 1610612747; // LAL

describe.skipIf(!hasNbaData())('anomaly alerts (needs ../shared/nba-data)', () => {
  let pipeline: Pipeline;
  let webhook: AlertWebhook;
  let posts: unknown[];

  beforeAll(async () => {
    webhook = await startAlertWebhook();
    posts = webhook.posts;
    pipeline = await startPipeline({ alertWebhookUrl: webhook.url });
    await pipeline.startWorkers();
  });
  afterAll(async () => {
    await pipeline?.close();
    await webhook?.close();
  });

  it('a team whose games vanish marks the run anomalous and posts one alert with the shortfall', async () => {
    pipeline.replay.setFaults([{ kind: 'drop-team-games', teamIds: [DROPPED_TEAM] }]);
    const result = await pipeline.ingest({ season: SEASON });
    pipeline.replay.clearFaults();

    expect(result.status).toBe('anomalous');
    expect(result.failures).toEqual([]);
    // The season is 82 games short, and LAL's record no longer matches NBA.com's standings.
    expect(result.quality?.anomalies).toEqual([
      expect.stringContaining('82 short'),
      expect.stringContaining('LAL 0-0 loaded, 47-35 on NBA.com'),
    ]);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({
      kind: 'nba-ingest.anomaly',
      season: SEASON,
      seasonType: 'Regular Season',
      shortfall: 82,
      runId: result.runId,
    });

    const { rows } = await pipeline.database.pool.query<{
      status: string;
      check_name: string;
      passed: boolean;
    }>(
      `select r.status, q.check_name, q.passed from ingestion_runs r join quality_checks q using (run_id) where r.run_id = $1`,
      [result.runId],
    );
    expect(rows[0]?.status).toBe('anomalous');
    expect(rows.find((r) => r.check_name === 'game_count')?.passed).toBe(false);
    expect(rows.find((r) => r.check_name === 'standings_reconciled')?.passed).toBe(false);
  });

  it('a webhook that fails never fails the run', async () => {
    await webhook.close(); // nothing listens on the URL any more
    pipeline.replay.setFaults([{ kind: 'drop-team-games', teamIds: [DROPPED_TEAM] }]);
    const result = await pipeline.ingest({ season: SEASON });
    pipeline.replay.clearFaults();
    expect(result.status).toBe('anomalous');
  });

  it('a full clean run afterwards passes every quality check', async () => {
    const result = await pipeline.ingest({ season: SEASON });
    expect(result.status).toBe('completed');
    expect(result.quality).toMatchObject({ failed: [], anomalies: [] });
    expect(result.quality?.passed).toBeGreaterThanOrEqual(7);
  });
});
