/**
 * PlayerOrTeam=P rows → `player_game_stats` records (one per game and player) and the players they
 * name. Like the team rows (transform-games.ts), only the requested season type's NBA games are kept
 * (GAME_ID 002 regular, 004 playoffs, 005 play-in; never 001 preseason or 006 NBA Cup final) and
 * only rows of the 30 NBA teams. Rows are taken one at a time from any iterable (parsePlayerGames
 * reads them lazily), so a season's 26,000 lines exist once: as the records returned.
 */
import {
  boxScoreOf,
  type GamePlayerRecord,
  type PlayerGamesBatch,
  type PlayerGameStatRecord,
} from '../domain/records.js';
import { GAME_ID_PREFIX, seasonStartYear, type SeasonType } from '../domain/season.js';
import { nbaFailure } from './errors.js';
import type { LeagueGameFinderPlayerRow } from './parse.js';
import { addUnlessRepeated, compareText } from './repeated-rows.js';
import { isNbaTeamId } from './teams.js';

export interface PlayerGamesContext {
  season: string;
  seasonType: SeasonType;
}

export function transformPlayerGames(
  rows: Iterable<LeagueGameFinderPlayerRow>,
  ctx: PlayerGamesContext,
): PlayerGamesBatch {
  const fail = (problem: string) =>
    nbaFailure(
      'NbaResponseInvalid',
      {
        endpoint: 'leaguegamefinder',
        params: { PlayerOrTeam: 'P', Season: ctx.season, SeasonType: ctx.seasonType },
      },
      problem,
    );
  const prefix = GAME_ID_PREFIX[ctx.seasonType];
  const seasonDigits = String(seasonStartYear(ctx.season));
  const stats = new Map<string, PlayerGameStatRecord>();
  // A name per player: the one on his latest game (NBA.com writes today's name on every row).
  const players = new Map<number, GamePlayerRecord & { gameDate: string }>();

  for (const row of rows) {
    if (!row.gameId.startsWith(prefix) || !isNbaTeamId(row.teamId)) continue;
    const where = `game ${row.gameId} player ${row.playerId}`;
    if (row.seasonId.slice(1) !== seasonDigits)
      throw fail(`${where} has SEASON_ID ${row.seasonId}, not season ${ctx.season}`);
    if (row.playerId <= 0) throw fail(`${where}: PLAYER_ID is not a player`);
    const line: PlayerGameStatRecord = {
      gameId: row.gameId,
      playerId: row.playerId,
      teamId: row.teamId,
      season: ctx.season,
      seasonType: ctx.seasonType,
      gameDate: row.gameDate,
      ...boxScoreOf(row),
    };
    addUnlessRepeated(stats, `${row.gameId}:${row.playerId}`, line, where, fail);
    const known = players.get(row.playerId);
    if (!known || row.gameDate > known.gameDate)
      players.set(row.playerId, { playerId: row.playerId, fullName: row.playerName, gameDate: row.gameDate });
  }

  return {
    players: [...players.values()]
      .map(({ playerId, fullName }) => ({ playerId, fullName }))
      .sort((a, b) => a.playerId - b.playerId),
    stats: [...stats.values()].sort(
      (a, b) => compareText(a.gameId, b.gameId) || a.teamId - b.teamId || a.playerId - b.playerId,
    ),
  };
}
