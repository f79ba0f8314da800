/**
 * Bulk load throughput: team_game_stats rows through db/load.ts (loadTeamGames: zod validation,
 * dedupe and sort, JSON-encoded batches of 5,000, INSERT … ON CONFLICT DO UPDATE … WHERE IS
 * DISTINCT FROM, audit CTE) against COPY of the same rows. Same table, emptied in between, same
 * indexes, foreign keys and checks; one transaction each; both times include encoding the rows in
 * Node (COPY text lines vs. JSON). The matches the rows refer to are loaded first, untimed.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../../db/client.js';
import { inTransaction, loadTeamGames, loadTeams } from '../../db/load.js';
import { NBA_TEAMS } from '../../nba/teams.js';
import { timed } from '../clock.js';
import { openDatabase, type BenchContext } from '../context.js';
import {
  MATCH_COPY_COLUMNS,
  matchCopyLine,
  STAT_COPY_COLUMNS,
  statCopyLine,
  syntheticGames,
} from '../synthetic.js';

export interface UpsertCopyFigures {
  upsert_rows: number;
  upsert_rows_per_s: number;
  copy_rows_per_s: number;
  upsert_copy_ratio: number;
  upsert_s: number;
  copy_s: number;
}

/** COPY … FROM STDIN in one transaction, the lines encoded 5,000 at a time as the stream asks. */
async function copyInto<T>(
  database: Database,
  table: string,
  columns: readonly string[],
  rows: readonly T[],
  line: (row: T) => string,
): Promise<void> {
  await inTransaction(database, async (client) => {
    const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    function* chunks(): Generator<string> {
      for (let i = 0; i < rows.length; i += 5000)
        yield rows
          .slice(i, i + 5000)
          .map(line)
          .join('');
    }
    await pipeline(Readable.from(chunks()), stream);
  });
}

export async function measureUpsertCopy(ctx: BenchContext, rows: number): Promise<UpsertCopyFigures> {
  const { url } = await ctx.databases.create('upsert');
  const database = openDatabase(url, 'upsert');
  try {
    await loadTeams(database, [...NBA_TEAMS], 'bench-setup');
    const { matches, stats } = syntheticGames(rows);
    await copyInto(database, 'matches', MATCH_COPY_COLUMNS, matches, (m) => matchCopyLine(m, 'bench-setup'));
    await database.pool.query('VACUUM ANALYZE');
    ctx.log(`upsert: ${stats.length} team_game_stats rows over ${matches.length} matches`);

    const copy = await timed(() =>
      copyInto(database, 'team_game_stats', STAT_COPY_COLUMNS, stats, (s) => statCopyLine(s, 'bench-copy')),
    );
    ctx.log(`upsert: COPY ${copy.seconds.toFixed(2)} s`);
    await database.pool.query('TRUNCATE team_game_stats');
    await database.pool.query('VACUUM ANALYZE team_game_stats');

    const upsert = await timed(() => loadTeamGames(database, { matches: [], stats }, 'bench-upsert'));
    const inserted = upsert.result.team_game_stats?.inserted ?? 0;
    if (inserted !== stats.length) throw new Error(`upsert inserted ${inserted} of ${stats.length} rows`);
    ctx.log(`upsert: loadTeamGames ${upsert.seconds.toFixed(2)} s`);

    const upsertRate = stats.length / upsert.seconds;
    const copyRate = stats.length / copy.seconds;
    return {
      upsert_rows: stats.length,
      upsert_rows_per_s: upsertRate,
      copy_rows_per_s: copyRate,
      upsert_copy_ratio: upsertRate / copyRate,
      upsert_s: upsert.seconds,
      copy_s: copy.seconds,
    };
  } finally {
    await database.close();
  }
}
