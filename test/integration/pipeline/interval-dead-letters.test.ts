/**
 * A failed interval stays named until it loads (issue 19, items 1 and 2), from the command line:
 * two interval runs of 2023-24 failing for good (HTTP 500 on leaguegamefinder) leave two open dead
 * letters, each with its own DateFrom/DateTo; `ingest redrive` on a healed API runs each interval
 * again with its dates, loads every game of both, and only then resolves them. When only one
 * interval heals, only its dead letter is resolved: the other stays open, naming its dates. The
 * players' lines of a failed interval wait for its games: dead-lettered without a request, redriven
 * after them.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../cli/summary.js';
import type { FaultRule } from '../../../replay/faults.js';
import { hasNbaData } from '../../support/index.js';
import { runTsScript } from '../../support/run-script.js';
import { seasonCsvPath } from '../../support/season-data.js';
import { cliEnvironment, usePipeline } from '../../support/pipeline.js';

/**
 * Every NBA request gets two attempts (NBA_MAX_ATTEMPTS; the default 5 would wait 30 s of retry
 * backoff per failed unit), so a dead letter counts 2 attempts per run.
 */
const ATTEMPTS = 2;
/** Every leaguegamefinder request fails for good; each unit spends its attempts. */
const GAMES_500: FaultRule = { kind: 'server-error', status: 500, endpoint: 'leaguegamefinder' };
const NOVEMBER = { from: '2023-11-01', to: '2023-11-10' };
const JANUARY = { from: '2024-01-02', to: '2024-01-10' };
const DECEMBER = { from: '2023-12-01', to: '2023-12-05' };
const FEBRUARY = { from: '2024-02-01', to: '2024-02-05' };
type Interval = typeof NOVEMBER;

const nbaDate = (d: string) => `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(0, 4)}`;

/** Regular-season games of the interval in the season's recorded game log: what a load must hold. */
function recordedGames({ from, to }: Interval): number {
  const rows: Record<string, string>[] = parse(readFileSync(seasonCsvPath('2023-24')), { columns: true });
  const ids = rows
    .filter(
      (r) =>
        r.GAME_ID!.startsWith('002') && r.GAME_DATE!.slice(0, 10) >= from && r.GAME_DATE!.slice(0, 10) <= to,
    )
    .map((r) => r.GAME_ID);
  return new Set(ids).size;
}

describe.skipIf(!hasNbaData())(
  'failed intervals stay named until they load (needs ../shared/nba-data)',
  () => {
    const pipeline = usePipeline();
    let env: NodeJS.ProcessEnv;
    const cli = async (...argv: string[]) => {
      const { stdout, stderr } = await runTsScript(['scripts/ingest.ts', ...argv, '--wait', '--json'], {
        env,
      }).catch((err: { stdout: string; stderr: string }) => err);
      return { summary: JSON.parse(stdout) as RunSummary & { runId: string }, stderr };
    };
    const ingest = async ({ from, to }: Interval) =>
      (await cli('season', '2023-24', '--since', from, '--until', to, '--rosters', 'changed')).summary;
    const openLetters = async () =>
      (
        await pipeline().database.pool.query<{ unit: string; from: string; to: string; attempts: number }>(
          `select unit, params->>'DateFrom' as "from", params->>'DateTo' as "to", attempts from dead_letters
          where resolved_at is null order by id`,
        )
      ).rows;
    const resolvedBy = async (runId: string) =>
      (
        await pipeline().database.pool.query<{ unit: string; from: string }>(
          `select unit, params->>'DateFrom' as "from" from dead_letters where resolved_by_run_id = $1 order by id`,
          [runId],
        )
      ).rows.map((r) => `${r.unit} ${r.from}`);
    const gamesLoaded = async ({ from, to }: Interval) =>
      Number(
        (
          await pipeline().database.pool.query<{ n: string }>(
            `select count(*) as n from matches m
            where m.game_date between $1 and $2
              and (select count(*) from team_game_stats s where s.game_id = m.game_id) = 2`,
            [from, to],
          )
        ).rows[0]?.n,
      );
    /** The answered leaguegamefinder requests' dates: the games (T) or the players' lines (P). */
    const answered = (playerOrTeam: 'T' | 'P') =>
      pipeline()
        .replay.requests()
        .log.filter(
          (r) =>
            r.endpoint === 'leaguegamefinder' && r.status === 200 && r.params.PlayerOrTeam === playerOrTeam,
        )
        .map((r) => [r.params.DateFrom, r.params.DateTo]);
    const letterOf = ({ from, to }: Interval, attempts: number, unit = 'league-games') => ({
      unit,
      from: nbaDate(from),
      to: nbaDate(to),
      attempts,
    });
    /** The games' dead letter after its attempts, and the players' lines' waiting for them (no request). */
    const lettersOf = (interval: Interval, attempts: number) => [
      letterOf(interval, attempts),
      letterOf(interval, 0, 'player-games'),
    ];

    beforeAll(() => {
      env = { ...cliEnvironment(pipeline()), NBA_MAX_ATTEMPTS: String(ATTEMPTS) };
    });

    it('two failed intervals: two open dead letters, each naming its own dates; the runs failed', async () => {
      pipeline().replay.setFaults([GAMES_500]);
      try {
        for (const interval of [NOVEMBER, JANUARY]) {
          expect(await ingest(interval)).toMatchObject({
            status: 'failed',
            failures: [
              expect.objectContaining({ unit: 'league-games', dates: interval }),
              expect.objectContaining({ unit: 'player-games', dates: interval, errorType: 'GamesNotLoaded' }),
            ],
          });
        }
      } finally {
        pipeline().replay.clearFaults();
      }
      // Before issue 19: one row, January's dates over November's, attempts 2 × ATTEMPTS.
      expect(await openLetters()).toEqual([
        ...lettersOf(NOVEMBER, ATTEMPTS),
        ...lettersOf(JANUARY, ATTEMPTS),
      ]);
      expect(await gamesLoaded(NOVEMBER)).toBe(0);
    }, 240_000);

    it('a healed API and `ingest redrive`: every game of both intervals loaded, and only then both resolved', async () => {
      pipeline().replay.resetRequests();
      const { summary, stderr } = await cli('redrive', '2023-24');
      expect(stderr).toContain('league-games 2023-11-01..2023-11-10, league-games 2024-01-02..2024-01-10');
      expect(stderr).toContain('player-games 2023-11-01..2023-11-10');
      expect(summary).toMatchObject({ status: 'completed', apiCalls: 4 });
      const bothIntervals = [
        [nbaDate(NOVEMBER.from), nbaDate(NOVEMBER.to)],
        [nbaDate(JANUARY.from), nbaDate(JANUARY.to)],
      ];
      expect(answered('T')).toEqual(bothIntervals);
      expect(answered('P')).toEqual(bothIntervals);
      expect(await gamesLoaded(NOVEMBER)).toBe(recordedGames(NOVEMBER));
      expect(await gamesLoaded(JANUARY)).toBe(recordedGames(JANUARY));
      expect(await openLetters()).toEqual([]);
      expect(await resolvedBy(summary.runId)).toEqual(
        [NOVEMBER, JANUARY].flatMap(({ from }) => [
          `league-games ${nbaDate(from)}`,
          `player-games ${nbaDate(from)}`,
        ]),
      );
    }, 240_000);

    it('only one interval heals: its dead letter is resolved, the other stays open with its dates', async () => {
      pipeline().replay.setFaults([GAMES_500]);
      try {
        for (const interval of [DECEMBER, FEBRUARY])
          expect(await ingest(interval)).toMatchObject({ status: 'failed' });
      } finally {
        pipeline().replay.clearFaults();
      }
      // The redrive runs the oldest failure first: December's attempts meet the 500s, February is served.
      pipeline().replay.setFaults([{ ...GAMES_500, firstN: ATTEMPTS }]);
      pipeline().replay.resetRequests();
      let redrive: Awaited<ReturnType<typeof cli>>;
      try {
        redrive = await cli('redrive', '2023-24');
      } finally {
        pipeline().replay.clearFaults();
      }
      expect(redrive.summary).toMatchObject({ status: 'completed_with_failures' });
      expect(await gamesLoaded(FEBRUARY)).toBe(recordedGames(FEBRUARY));
      expect(await gamesLoaded(DECEMBER)).toBe(0);
      // December's dead letters: still open, its dates kept, the redrive's attempts added; its players'
      // lines still waiting for its games.
      expect(await openLetters()).toEqual(lettersOf(DECEMBER, 2 * ATTEMPTS));
      expect(await resolvedBy(redrive.summary.runId)).toEqual([
        `league-games ${nbaDate(FEBRUARY.from)}`,
        `player-games ${nbaDate(FEBRUARY.from)}`,
      ]);
    }, 360_000);
  },
);
