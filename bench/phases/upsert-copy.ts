/**
 * Bulk load throughput: synthetic team_game_stats rows through the pipeline's loader
 * (db/load.ts loadTeamGames: zod validation, dedupe and sort, JSON batches of 5,000, INSERT … ON
 * CONFLICT DO UPDATE … WHERE IS DISTINCT FROM, audit CTE) against COPY of the same rows into the same
 * table, emptied in between (same indexes, foreign keys and checks). One transaction each; both
 * times include encoding the rows in Node. The matches the rows refer to are loaded first, untimed.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../../db/client.js';
import { inTransaction, loadTeamGames, loadTeams } from '../../db/load.js';
import { NBA_TEAMS } from '../../nba/teams.js';
import { timed } from '../clock.js';
import type { BenchContext } from '../context.js';
import {
  MATCH_COPY_COLUMNS,
  matchCopyLine,
  STAT_COPY_COLUMNS,
  statCopyLine,
  syntheticGames,
} from '../synthetic.js';

/** COPY … FROM STDIN in one transaction, the lines encoded 5,000 at a time as the stream asks. */
async function copyInto<T>(
  database: Database,
  table: string,
  columns: readonly string[],
  rows: readonly T[],
  line: (row: T) => string,
): Promise<void> {
  await inTransaction(database, async (client) => {
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

    const copy = await timed(() =>
      copyInto(database, 'team_game_stats', STAT_COPY_COLUMNS, stats, (s) => statCopyLine(s, 'bench-copy')),
    );
    await database.pool.query('TRUNCATE team_game_stats');
    await database.pool.query('VACUUM ANALYZE team_game_stats');
    const upsert = await timed(() => loadTeamGames(database, { matches: [], stats }, 'bench-upsert'));
    const inserted = upsert.result.team_game_stats?.inserted ?? 0;
    if (inserted !== stats.length) throw new Error(`upsert inserted ${inserted} of ${stats.length} rows`);
    ctx.log(
      `upsert: ${stats.length} rows, COPY ${copy.seconds.toFixed(2)} s, upsert ${upsert.seconds.toFixed(2)} s`,
    );

    return {
      upsert_rows: stats.length,
      upsert_rows_per_s: stats.length / upsert.seconds,
      copy_rows_per_s: stats.length / copy.seconds,
      upsert_copy_ratio: copy.seconds / upsert.seconds,
      upsert_s: upsert.seconds,
      copy_s: copy.seconds,
    };
  } finally {
    await database.close();
  }
}
