/**
 * Synthetic seasons (replay/synthetic-seasons.ts) through the whole pipeline: a made-up season must
 * load like a real one (every game, every roster, standings reconciled, every check passing), or the
 * history bench that backfills 43 of them would measure something other than the pipeline's real work.
 * Real data plays no part here: the replay server serves only the made-up seasons.
 */
import { describe, expect, it } from 'vitest';
import { usePipeline } from '../../support/pipeline.js';

describe('a synthetic season through the pipeline', () => {
  const pipeline = usePipeline({ replaySynthetic: { seasons: ['1983-84', '1984-85'], seed: 11 } });

  it('1983-84 league-wide: 1230 matches, 2460 stat rows, 450 rostered players, standings reconciled, completed', async () => {
    // Made-up seasons have no player lines to serve.
    const result = await pipeline().ingest({ season: '1983-84', gamesBy: 'league', playerGames: false });
    expect(result.status).toBe('completed');
    expect(result.counts.matches).toMatchObject({ inserted: 1230 });
    expect(result.counts.team_game_stats).toMatchObject({ inserted: 2460 });
    expect(result.counts.rosters).toMatchObject({ inserted: 450 });
    expect(result.quality).toMatchObject({ games: 1230, failed: [], anomalies: [] });
    expect(result.quality?.standings).toMatchObject({ status: 'reconciled', teams: 30 });
    expect(
      pipeline()
        .replay.requests()
        .log.every((r) => r.source === 'synthetic'),
    ).toBe(true);
  });

  it('a season the replay was not given is not made up: no games, and the run does not pass', async () => {
    const result = await pipeline().ingest({ season: '1990-91', gamesBy: 'league', playerGames: false });
    expect(result.counts.matches?.inserted ?? 0).toBe(0);
    expect(result.quality?.games).toBe(0);
    expect(result.status).not.toBe('completed');
  });
});
