/**
 * The players' lines of a set of games (PlayerGamesBatch): the players they name first, made known
 * from the game rows (id and name) without touching what a roster told, then the lines in
 * transactions of whole games. Records are checked (zod) before any statement, without copies.
 */
import type pg from 'pg';
import {
  addCounts,
  type LoadCounts,
  type PlayerGamesBatch,
  type PlayerGameStatRecord,
  type UpsertCounts,
} from '../domain/records.js';
import type { RowOutcome, TouchedRows } from '../domain/row-outcomes.js';
import type { Database } from './client.js';
import { GAMES_PER_TRANSACTION, inTransaction, requireRunId } from './load.js';
import { playerGameStats, players } from './schema.js';
import { prepareUpsert, upsertRows } from './upsert.js';
import { assertValidRecords } from './validate.js';

/**
 * A player from game rows: inserted with his id and name (the rest NULL, no source roster); his
 * name follows the game rows only while no roster has told about him; every other column keeps
 * what is stored.
 */
const PLAYERS_FROM_GAMES_UPSERT = prepareUpsert({
  table: players,
  merge: Object.fromEntries(
    ['nickname', 'playerSlug', 'birthDate', 'height', 'weight', 'school', 'experience']
      .concat(['sourceSeason', 'sourceTeamId'])
      .map((key) => [key, (target: string) => target]),
  ),
  updateGuard: (target) => `${target}."source_season" IS NULL`,
});

const PLAYER_GAME_STATS_UPSERT = prepareUpsert({ table: playerGameStats });

/** The one place player lines are written: a transaction of whole games (500 games, ~10,000 lines) goes through COPY (db/upsert.ts: upsertRows). */
export function loadPlayerGameStats(
  client: pg.ClientBase,
  rows: readonly PlayerGameStatRecord[],
  runId: string,
): Promise<UpsertCounts> {
  return upsertRows(client, PLAYER_GAME_STATS_UPSERT, rows, runId);
}

/** Consecutive runs of lines sorted by game, cut after `games` games: never a game split in two. */
export function* wholeGames<T extends { gameId: string }>(rows: readonly T[], games: number): Generator<T[]> {
  let start = 0;
  let seen = 0;
  for (let i = 0; i <= rows.length; i++) {
    const newGame = i === rows.length || (i > start && rows[i]!.gameId !== rows[i - 1]!.gameId);
    if (!newGame) continue;
    seen += 1;
    if (seen === games || i === rows.length) {
      if (i > start) yield rows.slice(start, i);
      start = i;
      seen = 0;
    }
  }
}

/**
 * `batch.stats` sorted by game (as transformPlayerGames returns them). `touched`, when given,
 * receives each player's outcome by id: the rosters touch the same players.
 */
export async function loadPlayerGames(
  database: Database,
  batch: PlayerGamesBatch,
  runId: string,
  touched?: TouchedRows,
  gamesPerTransaction = GAMES_PER_TRANSACTION,
): Promise<LoadCounts> {
  requireRunId(runId);
  assertValidRecords('players from game rows', batch?.players);
  assertValidRecords('player_game_stats', batch?.stats);
  const playerOutcomes: Record<string, RowOutcome> = {};
  const playerCounts = await inTransaction(database, (client) =>
    upsertRows(client, PLAYERS_FROM_GAMES_UPSERT, batch.players, runId, undefined, playerOutcomes),
  );
  if (touched) touched.players = { ...touched.players, ...playerOutcomes };
  let counts: LoadCounts = { players: playerCounts };
  for (const part of wholeGames(batch.stats, gamesPerTransaction)) {
    const stats = await inTransaction(database, (client) => loadPlayerGameStats(client, part, runId));
    counts = addCounts(counts, { player_game_stats: stats });
  }
  return counts.player_game_stats
    ? counts
    : { ...counts, player_game_stats: { inserted: 0, updated: 0, unchanged: 0 } };
}
