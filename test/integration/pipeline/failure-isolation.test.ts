/**
 * One team failing for good does not stop the other 29: the run ends completed_with_failures with
 * one dead letter and no partial rows; a redrive after the fault is lifted loads the team and
 * resolves the dead letter. A team whose games silently vanish makes the run anomalous and alerts.
 */
import { describe, expect, it } from 'vitest';
import { hasNbaData } from '../../support/index.js';
import { usePipeline } from '../../support/pipeline.js';

const SEASON = '2023-24';
const FAILING_TEAM = 1610612744; // GSW

describe.skipIf(!hasNbaData())('per-team failure isolation (needs ../shared/nba-data)', () => {
  const pipeline = usePipeline();
  const rows = async <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await pipeline().database.pool.query(sql, params)).rows as T[];

  it('a persistently failing team is dead-lettered, the other 29 load, nothing partial is written', async () => {
    pipeline().replay.setFaults([
      { kind: 'server-error', teamIds: [FAILING_TEAM], endpoint: 'leaguegamefinder' },
    ]);
    const result = await pipeline().ingest(
      { season: SEASON, nbaMaxAttempts: 2 },
      'ingest-season-2023-24-team-failure',
    );
    pipeline().replay.clearFaults();

    expect(result.status).toBe('completed_with_failures');
    expect(result.teams).toMatchObject({ gamesDone: 29, failed: 1 });
    expect(result.failures).toEqual([
      expect.objectContaining({ teamId: FAILING_TEAM, unit: 'games', errorType: 'NbaServerError' }),
    ]);

    const loadedTeams = await rows<{ team_id: number }>('select distinct team_id from team_game_stats');
    expect(loadedTeams).toHaveLength(29);
    expect(loadedTeams.map((r) => r.team_id)).not.toContain(FAILING_TEAM);

    const letters = await rows<{
      team_id: number;
      unit: string;
      error_type: string;
      error_message: string;
      attempts: number;
      resolved_at: Date | null;
    }>('select team_id, unit, error_type, error_message, attempts, resolved_at from dead_letters');
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      team_id: FAILING_TEAM,
      unit: 'games',
      error_type: 'NbaServerError',
      attempts: 2,
      resolved_at: null,
    });
    expect(letters[0]!.error_message).toMatch(/500/);

    const [run] = await rows<{ status: string; failures: number }>(
      'select status, failures from ingestion_runs where run_id = $1',
      [result.runId],
    );
    expect(run).toEqual({ status: 'completed_with_failures', failures: 1 });
  });

  it('redrive after the fault is lifted loads only that team and resolves its dead letter', async () => {
    pipeline().replay.resetRequests();
    const result = await pipeline().ingest(
      { season: SEASON, units: [{ teamId: FAILING_TEAM, unit: 'games' }], trigger: 'redrive' },
      'ingest-season-2023-24-redrive',
    );
    expect(result.status).toBe('completed');
    expect(pipeline().replay.requests().total).toBe(1); // only the dead-lettered unit: that team's games
    expect(await rows('select distinct team_id from team_game_stats')).toHaveLength(30);
    const open = await rows('select * from dead_letters where resolved_at is null');
    expect(open).toHaveLength(0);
    const [resolved] = await rows<{ resolved_by_run_id: string }>(
      'select resolved_by_run_id from dead_letters',
    );
    expect(resolved?.resolved_by_run_id).toBe(result.runId);
  });
});
