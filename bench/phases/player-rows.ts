/**
 * Player lines throughput: a season's leaguegamefinder PlayerOrTeam=P answer (2023-24, 26,401 rows,
 * fetched once from the replay server, untimed) read by header name, transformed and loaded by the
 * pipeline's loader (db/load-player-games.ts: players from the game rows, then the lines in
 * transactions of whole games) into a fresh database holding the season's games (loaded first,
 * untimed). `player_rows_per_s` = rows ÷ seconds of parse + transform + load.
 */
import { loadSeasonGames, loadTeams } from '../../db/load.js';
import { loadPlayerGames } from '../../db/load-player-games.js';
import { createNbaClient } from '../../nba/client.js';
import { parseLeagueGameFinder, parsePlayerGames } from '../../nba/parse.js';
import { NBA_TEAMS } from '../../nba/teams.js';
import { transformTeamGames } from '../../nba/transform.js';
import { transformPlayerGames } from '../../nba/transform-player-games.js';
import { timed } from '../clock.js';
import { SEASON, type BenchContext } from '../context.js';

export async function measurePlayerRows(ctx: BenchContext) {
  const database = await ctx.database('players');
  try {
    const nba = createNbaClient({ baseUrl: ctx.replay.url, timeoutMs: 60_000 });
    const season = { season: SEASON, seasonType: 'Regular Season' as const };
    await loadTeams(database, [...NBA_TEAMS], 'bench-setup');
    const games = transformTeamGames(parseLeagueGameFinder(await nba.leagueGameFinder(season)), season);
    await loadSeasonGames(database, games, 'bench-setup');
    const answer = await nba.leagueGameFinder({ ...season, playerOrTeam: 'P' });
    await database.pool.query('VACUUM ANALYZE');

    const { seconds, result } = await timed(async () => {
      const batch = transformPlayerGames(parsePlayerGames(answer), season);
      await loadPlayerGames(database, batch, 'bench-players');
      return batch.stats.length;
    });
    ctx.log(`player lines: ${result} rows parsed and loaded in ${seconds.toFixed(2)} s`);
    return { player_rows: result, player_rows_s: seconds, player_rows_per_s: result / seconds };
  } finally {
    await database.close();
  }
}
