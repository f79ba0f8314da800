/**
 * Issue 23 on a real pipeline: the watermark is the last date up to which every game of the season
 * is loaded. On a fresh database, an interval of 2024-25 after the season's start loads its games but
 * leaves a hole before them: `ingest status` shows the loaded range and the hole in words, and no
 * watermark. The next run from the watermark (`--until` alone) then loads the hole too, in ONE games
 * request, and ends with no hole. Standings that do not reconcile name the hole as well.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../cli/summary.js';
import type { SeasonStatus } from '../../../db/season-status.js';
import { openDataStore } from '../../../replay/data-store.js';
import { hasNbaData, nbaDataDir } from '../../support/index.js';
import { runTsScript } from '../../support/run-script.js';
import { cliEnvironment, usePipeline } from '../../support/pipeline.js';

const SEASON = '2024-25';

describe.skipIf(!hasNbaData())(
  'a hole before an interval holds the watermark (needs ../shared/nba-data)',
  () => {
    const pipeline = usePipeline();
    let env: NodeJS.ProcessEnv;
    const cli = (...args: string[]) => runTsScript(['scripts/ingest.ts', ...args], { env });
    /** `ingest season 2024-25 … --wait --json`: its summary (--wait exits 1 unless the run completed). */
    const ingest = async (...args: string[]) => {
      const { stdout } = await cli('season', SEASON, ...args, '--wait', '--json').catch(
        (err: { stdout: string }) => err,
      );
      return JSON.parse(stdout) as RunSummary;
    };
    const status = async (): Promise<SeasonStatus> => {
      const { stdout } = await cli('status', '--json');
      return (JSON.parse(stdout) as { seasons: SeasonStatus[] }).seasons.find((s) => s.season === SEASON)!;
    };
    /** The games' requests (the players' lines of each run ask for the same dates). */
    const gamesRequests = () =>
      pipeline()
        .replay.requests()
        .log.filter((r) => r.endpoint === 'leaguegamefinder' && r.params.PlayerOrTeam === 'T')
        .map((r) => [r.params.DateFrom, r.params.DateTo, r.params.TeamID]);
    /** The regular-season game ids of the recorded data dated from..to. */
    const recordedGames = async (from: string, to: string) => {
      const table = (await (await openDataStore([nbaDataDir()])).games(SEASON))!;
      const c = table.column;
      const ids = table.rows
        .filter((row) => String(row[c.gameId]).startsWith('002'))
        .filter((row) => String(row[c.gameDate]) >= from && String(row[c.gameDate]) <= to)
        .map((row) => String(row[c.gameId]));
      return [...new Set(ids)].sort(); // two rows a game, one per team
    };
    const loadedGames = async () =>
      (
        await pipeline().database.pool.query<{ game_id: string; rows: number; d: string }>(
          `select m.game_id, to_char(m.game_date, 'YYYY-MM-DD') as d,
                (select count(*)::int from team_game_stats s where s.game_id = m.game_id) as rows
           from matches m where m.season = $1 order by m.game_date, m.game_id`,
          [SEASON],
        )
      ).rows;

    beforeAll(() => {
      env = cliEnvironment(pipeline());
    });

    it('an interval after the start: its games loaded, the hole shown in words, no watermark past it', async () => {
      expect(
        await ingest('--since', '2024-11-01', '--until', '2024-11-10', '--rosters', 'changed'),
      ).toMatchObject({ status: 'completed', dates: { from: '2024-11-01', to: '2024-11-10' } });
      expect(gamesRequests()).toEqual([['11/01/2024', '11/10/2024', '']]);
      const loaded = await loadedGames();
      expect(new Set(loaded.map((g) => g.game_id))).toEqual(
        new Set(await recordedGames('2024-11-01', '2024-11-10')),
      );

      const before = await status();
      expect(before).toMatchObject({
        gamesLoaded: loaded.length,
        watermark: null,
        loaded: [{ from: '2024-11-01', to: '2024-11-10', text: '2024-11-01..2024-11-10' }],
        holes: [{ to: '2024-10-31', text: 'nothing loaded before 2024-11-01' }],
      });
      const table = (await cli('status')).stdout;
      expect(table).toMatch(
        // … games, player rows, player checks, watermark (none), loaded …
        /^2024-25\s+Regular Season\s+completed\s+2024-11-01\.\.2024-11-10\s+\d+\s+\d+\s+passed\s+-\s+2024-11-01\.\.2024-11-10\s/m,
      );
      expect(table).toContain('2024-25 Regular Season: nothing loaded before 2024-11-01');
    });

    it('--until alone, from the watermark: the hole is loaded too, in ONE games request; no hole after', async () => {
      pipeline().replay.resetRequests();
      const summary = await ingest('--until', '2024-11-20', '--rosters', 'changed');
      expect(summary).toMatchObject({ status: 'completed', dates: { from: null, to: '2024-11-20' } });
      // From the season's start (no DateFrom): the hole and the new dates in one request.
      expect(gamesRequests()).toEqual([['', '11/20/2024', '']]);

      const expected = await recordedGames('2024-10-22', '2024-11-20');
      expect((await recordedGames('2024-07-01', '2024-10-21')).length).toBe(0); // the season began on 2024-10-22
      const loaded = await loadedGames();
      expect(new Set(loaded.map((g) => g.game_id))).toEqual(new Set(expected));
      expect(loaded.every((g) => g.rows === 2)).toBe(true);
      expect(loaded[0]?.d).toBe('2024-10-22');

      expect(await status()).toMatchObject({
        gamesLoaded: expected.length,
        watermark: '2024-11-20',
        loaded: [{ from: '2024-07-01', to: '2024-11-20', text: '..2024-11-20' }],
        holes: [],
      });
      expect((await cli('status')).stdout).not.toContain('nothing loaded');
    });

    it('a hole in the middle: the watermark stays before it; the next run from the watermark heals it', async () => {
      await ingest('--since', '2024-11-25', '--until', '2024-11-27', '--rosters', 'changed');
      expect(await status()).toMatchObject({
        watermark: '2024-11-20',
        holes: [
          { from: '2024-11-21', to: '2024-11-24', text: 'nothing loaded from 2024-11-21 to 2024-11-24' },
        ],
      });
      pipeline().replay.resetRequests();
      await ingest('--until', '2024-11-27', '--rosters', 'changed');
      expect(gamesRequests()).toEqual([['11/19/2024', '11/27/2024', '']]);
      expect(await status()).toMatchObject({ watermark: '2024-11-27', holes: [] });
      const expected = await recordedGames('2024-10-22', '2024-11-27');
      expect((await loadedGames()).map((g) => g.game_id).sort()).toEqual(expected);
    });
  },
);

describe.skipIf(!hasNbaData())(
  'standings that do not reconcile name the hole (needs ../shared/nba-data)',
  () => {
    const pipeline = usePipeline();

    it('2025-26 as of 2026-02-21 from 2026-01-01 only: anomalous, "no games loaded before 2026-01-01"', async () => {
      const result = await pipeline().ingest({
        season: '2025-26',
        dates: { since: '2026-01-01', until: '2026-02-21' },
        asOf: '2026-02-21',
        playerGames: false, // no player logs of 2025-26 on hand
      });
      expect(result.status).toBe('anomalous');
      expect(result.quality?.standings).toMatchObject({ status: 'mismatch', asOf: '2026-02-21' });
      expect(result.quality?.anomalies).toEqual([
        expect.stringMatching(
          /^2025-26 standings as of 2026-02-21 differ for \d+ team\(s\) \(no games loaded before 2026-01-01\): /,
        ),
      ]);
    });
  },
);
