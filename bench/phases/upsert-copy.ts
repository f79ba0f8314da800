/**
 * Bulk load throughput: synthetic team_game_stats rows through the pipeline's loader
 * (db/load.ts loadTeamGames: zod validation, dedupe and sort, then, being a large unit, COPY into a
 * temporary staging table and one INSERT … SELECT … ON CONFLICT DO UPDATE … WHERE IS DISTINCT FROM
 * with its audit CTE per 50,000 rows: db/copy-upsert.ts) against raw COPY of the same rows into the
 * same table, emptied before each (same indexes, foreign keys and checks). One transaction each;
 * both times include encoding the rows in Node. The matches the rows refer to are loaded first,
 * untimed. The two sides alternate for ROUNDS rounds and the figures are medians.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../../db/client.js';
import { inTransaction, loadTeamGames, loadTeams } from '../../db/load.js';
import { NBA_TEAMS } from '../../nba/teams.js';
import { median, timed } from '../clock.js';
import type { BenchContext } from '../context.js';
import {
  MATCH_COPY_COLUMNS,
  matchCopyLine,
  STAT_COPY_COLUMNS,
  statCopyLine,
  syntheticGames,
} from '../synthetic.js';

/** Rounds of each side, alternating which goes first: the machine is shared and noisy. */
const ROUNDS = 3;

/** COPY … FROM STDIN in one transaction, the lines encoded 5,000 at a time as the stream asks. */
async function copyInto<T>(
  database: Database,
  table: string,
  columns: readonly string[],
  rows: readonly T[],
  line: (row: T) => string,
): Promise<void> {
  await inTransaction(database, async (client) => {
    // One statement for all rows: on a loaded machine 500,000 take longer than the pool's 60 s timeout.
    await client.query(`SET LOCAL statement_timeout = '10min'`);
    function* chunks(): Generator<string> {
      for (let i = 0; i < rows.length; i += 5000)
        yield rows
          .slice(i, i + 5000)
          .map(line)
          .join('');
    }
    await pipeline(
      Readable.from(chunks()),
      client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)),
    );
  });
}

export async function measureUpsertCopy(ctx: BenchContext, rows: number) {
  const database = await ctx.database('upsert');
  try {
    await loadTeams(database, [...NBA_TEAMS], 'bench-setup');
    const { matches, stats } = syntheticGames(rows);
    await copyInto(database, 'matches', MATCH_COPY_COLUMNS, matches, (m) => matchCopyLine(m, 'bench-setup'));
    await database.pool.query('VACUUM ANALYZE');

    const seconds = { copy: [] as number[], upsert: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const side of round % 2 === 0 ? (['copy', 'upsert'] as const) : (['upsert', 'copy'] as const)) {
        await database.pool.query('TRUNCATE team_game_stats');
        await database.pool.query('VACUUM ANALYZE team_game_stats');
        if (side === 'copy') {
          const copy = await timed(() =>
            copyInto(database, 'team_game_stats', STAT_COPY_COLUMNS, stats, (s) =>
              statCopyLine(s, 'bench-copy'),
            ),
          );
          seconds.copy.push(copy.seconds);
        } else {
          const upsert = await timed(() => loadTeamGames(database, { matches: [], stats }, 'bench-upsert'));
          const inserted = upsert.result.team_game_stats?.inserted ?? 0;
          if (inserted !== stats.length)
            throw new Error(`upsert inserted ${inserted} of ${stats.length} rows`);
          seconds.upsert.push(upsert.seconds);
        }
      }
      ctx.log(
        `upsert: ${stats.length} rows, round ${round + 1}: COPY ${seconds.copy[round]!.toFixed(2)} s, upsert ${seconds.upsert[round]!.toFixed(2)} s`,
      );
    }
    const copy = median(seconds.copy);
    const upsert = median(seconds.upsert);
    return {
      upsert_rows: stats.length,
      upsert_rows_per_s: stats.length / upsert,
      copy_rows_per_s: stats.length / copy,
      upsert_copy_ratio: copy / upsert,
      upsert_s: upsert,
      copy_s: copy,
      upsert_runs_s: seconds.upsert,
      copy_runs_s: seconds.copy,
    };
  } finally {
    await database.close();
  }
}
