/**
 * `npm run ingest -- season S --since … --until …` against a real pipeline (issue 12, item 2): bad
 * dates refused before anything starts; an interval loaded by hand in one league-wide request with
 * DateFrom/DateTo; `--until` alone going on from the watermark (from the season's start while a hole
 * precedes the loaded dates, issue 23); a match missing a stat row holding
 * the watermark back, so the next run loads its date again; `ingest status` showing the interval; a
 * failed interval redriven with its dates; quality checks scoped to an interval.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../cli/summary.js';
import type { SeasonStatus } from '../../../db/season-status.js';
import { runQualityChecks } from '../../../quality/checks.js';
import { hasNbaData } from '../../support/index.js';
import { runTsScript } from '../../support/run-script.js';
import { cliEnvironment, usePipeline } from '../../support/pipeline.js';

describe.skipIf(!hasNbaData())('interval runs from the command line (needs ../shared/nba-data)', () => {
  const pipeline = usePipeline();
  let env: NodeJS.ProcessEnv;
  /** `ingest season 2023-24 … --wait --json`: its summary (--wait exits 1 unless the run completed). */
  const ingest = async (...args: string[]) => {
    const argv = ['scripts/ingest.ts', 'season', '2023-24', ...args, '--wait', '--json'];
    const { stdout } = await runTsScript(argv, { env }).catch((err: { stdout: string }) => err);
    return JSON.parse(stdout) as RunSummary;
  };
  /** The leaguegamefinder requests for the games (T) or for every player's lines (P). */
  const gamesRequests = (playerOrTeam: 'T' | 'P' = 'T') =>
    pipeline()
      .replay.requests()
      .log.filter((r) => r.endpoint === 'leaguegamefinder' && r.params.PlayerOrTeam === playerOrTeam)
      .map((r) => [r.params.DateFrom, r.params.DateTo, r.params.TeamID]);
  const matchDates = async () =>
    (
      await pipeline().database.pool.query<{ d: string }>(
        `select distinct to_char(game_date, 'YYYY-MM-DD') as d from matches order by d`,
      )
    ).rows.map((r) => r.d);

  beforeAll(() => {
    env = cliEnvironment(pipeline());
  });

  it('refuses bad intervals before starting anything', async () => {
    for (const [args, message] of [
      [['--since', '2024-01-12', '--until', '2024-01-10'], '--since 2024-01-12 is after --until 2024-01-10'],
      [['--until', '2024-02-30'], "--until must be a date 'YYYY-MM-DD'"],
      [['--until', '2024-12-01'], '--until 2024-12-01 is outside season 2023-24'],
      [['--since', '2024-01-10'], '--since needs --until'],
    ] as const) {
      const failure = await runTsScript(['scripts/ingest.ts', 'season', '2023-24', ...args], { env }).catch(
        (err: { code: number; stderr: string }) => err,
      );
      expect(failure).toMatchObject({ code: 1 });
      expect((failure as { stderr: string }).stderr).toContain(message);
    }
    expect((await pipeline().client.workflow.count()).count).toBe(0);
    expect(pipeline().replay.requests().total).toBe(0);
  });

  it('--since/--until: one league-wide request for those dates, the rosters, and only those dates loaded', async () => {
    const summary = await ingest('--since', '2024-01-10', '--until', '2024-01-12');
    // A past season: every roster.
    expect(summary).toMatchObject({
      status: 'completed',
      apiCalls: 1 + 1 + 30,
      dates: { from: '2024-01-10', to: '2024-01-12' },
    });
    expect(summary).not.toHaveProperty('rostersChanged');
    expect(gamesRequests()).toEqual([['01/10/2024', '01/12/2024', '']]);
    // Every player's lines of the same dates, league-wide, held to the team lines.
    expect(gamesRequests('P')).toEqual([['01/10/2024', '01/12/2024', '']]);
    expect(summary.playerSums).toMatchObject({ failures: 0 });
    expect(summary.playerSums?.passed).toBe(summary.playerSums?.teamGames);
    expect(await matchDates()).toEqual(['2024-01-10', '2024-01-11', '2024-01-12']);
  });

  it('--until alone goes on from the watermark minus a day; a match missing a row holds the watermark back', async () => {
    pipeline().replay.resetRequests();
    expect(await ingest('--until', '2024-01-14', '--rosters', 'changed')).toMatchObject({
      status: 'completed',
      apiCalls: 3, // games, the players' lines and playerindex: nobody moved
      rostersChanged: 0,
    });
    // The interval above left the season's dates before 2024-01-10 unloaded (issue 23): no watermark
    // yet, so this run starts at the season's start and loads that hole in the same request.
    expect(gamesRequests()).toEqual([['', '01/14/2024', '']]);

    // A stat row lost on 2024-01-11: the watermark is 2024-01-10 from now on.
    await pipeline().database.pool.query(
      `delete from team_game_stats where (game_id, team_id) = (
         select s.game_id, s.team_id from team_game_stats s join matches m using (game_id)
          where m.game_date = '2024-01-11' order by s.game_id limit 1)`,
    );
    const status = async () => {
      const { stdout } = await runTsScript(['scripts/ingest.ts', 'status', '--json'], { env });
      return (JSON.parse(stdout) as { seasons: SeasonStatus[] }).seasons[0]!;
    };
    expect(await status()).toMatchObject({ watermark: '2024-01-10' });
    pipeline().replay.resetRequests();
    await ingest('--until', '2024-01-14', '--rosters', 'changed');
    expect(gamesRequests()).toEqual([['01/09/2024', '01/14/2024', '']]);
    expect(await status()).toMatchObject({
      watermark: '2024-01-14',
      lastInterval: { from: '2024-01-09', to: '2024-01-14' },
      quality: { failed: [] },
    });
    const table = await runTsScript(['scripts/ingest.ts', 'status'], { env });
    expect(table.stdout).toMatch(
      // … games, player rows, player checks, watermark …
      /^2023-24\s+Regular Season\s+completed\s+2024-01-09\.\.2024-01-14\s+\d+\s+\d+\s+passed\s+2024-01-14\s/m,
    );
  });

  it('through the harness, recorded for the replay test: from the watermark, nobody moved, 3 requests', async () => {
    const result = await pipeline().ingest(
      { season: '2023-24', dates: { until: '2024-01-16' }, rosters: 'changed' },
      'ingest-season-2023-24-interval',
    );
    expect(result).toMatchObject({
      status: 'completed',
      apiCalls: 3,
      rostersChanged: 0,
      dates: { from: '2024-01-13', to: '2024-01-16' },
    });
  });

  it('a failed interval is one dead letter with its dates; `ingest redrive` asks for exactly those dates', async () => {
    pipeline().replay.setFaults([{ kind: 'missing-column', endpoint: 'leaguegamefinder' }]);
    try {
      // The games the run was for did not load: failed (domain/run-status.ts).
      expect(await ingest('--until', '2024-01-18', '--rosters', 'changed')).toMatchObject({
        status: 'failed',
        // The fault hits the players' lines too: each a dead letter with its dates.
        failures: [
          expect.objectContaining({ unit: 'league-games', dates: { from: '2024-01-15', to: '2024-01-18' } }),
          expect.objectContaining({ unit: 'player-games', dates: { from: '2024-01-15', to: '2024-01-18' } }),
        ],
      });
    } finally {
      pipeline().replay.clearFaults();
    }
    const { rows: letters } = await pipeline().database.pool.query<{ params: Record<string, string> }>(
      `select params from dead_letters where resolved_at is null and unit = 'league-games'`,
    );
    expect(letters.map((l) => [l.params.DateFrom, l.params.DateTo])).toEqual([['01/15/2024', '01/18/2024']]);

    pipeline().replay.resetRequests();
    const redrive = await runTsScript(['scripts/ingest.ts', 'redrive', '2023-24', '--wait', '--json'], {
      env,
    });
    expect(redrive.stderr).toContain('league-games 2024-01-15..2024-01-18');
    expect(redrive.stderr).toContain('player-games 2024-01-15..2024-01-18');
    expect(JSON.parse(redrive.stdout)).toMatchObject({ status: 'completed', apiCalls: 2 });
    expect(gamesRequests()).toEqual([['01/15/2024', '01/18/2024', '']]);
    expect(gamesRequests('P')).toEqual([['01/15/2024', '01/18/2024', '']]);
    const { rows: open } = await pipeline().database.pool.query(
      'select 1 from dead_letters where resolved_at is null',
    );
    expect(open).toEqual([]);
    expect((await matchDates()).at(-1)).toBe('2024-01-18');
  });

  it('quality checks of an interval read only its dates, held to what those dates can hold', async () => {
    const checks = async (dates?: { from: string; to: string }) => {
      const scope = { season: '2023-24', seasonType: 'Regular Season' as const, complete: true, dates };
      const results = await runQualityChecks(pipeline().database.pool, scope);
      return Object.fromEntries(results.map((c) => [c.name, c]));
    };
    const early = await checks({ from: '2024-01-10', to: '2024-01-12' });
    expect(Object.values(early).filter((c) => !c.passed)).toEqual([]);
    expect(early.game_count?.expected).toBe('<= 45'); // 15 games a date, not a season's 1230
    // The whole season is held to its 1230 games: a few weeks of January are not enough.
    expect((await checks()).game_count?.passed).toBe(false);

    await pipeline().database.pool.query(
      `delete from team_game_stats where (game_id, team_id) = (
         select s.game_id, s.team_id from team_game_stats s join matches m using (game_id)
          where m.game_date = '2024-01-17' order by s.game_id limit 1)`,
    );
    expect(Object.values(await checks({ from: '2024-01-10', to: '2024-01-12' })).every((c) => c.passed)).toBe(
      true,
    );
    const late = await checks({ from: '2024-01-16', to: '2024-01-18' });
    expect(late.two_stat_rows_per_match).toMatchObject({ passed: false, observed: 1 });
    expect(late.wins_equal_losses?.passed).toBe(false);
  });
});
