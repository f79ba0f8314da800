/**
 * Loaders for the records the source side produces. Each call validates every record (zod), then
 * upserts parents before children in ONE transaction, and returns exact per-table counts.
 */
import type pg from 'pg';
import {
  addCounts,
  type LoadCounts,
  type MatchRecord,
  type PlayerRecord,
  type RosterBatch,
  type RosterRecord,
  type TeamGamesBatch,
  type TeamGameStatRecord,
  type TeamRecord,
} from '../domain/records.js';
import type { Database } from './client.js';
import { inputInvalid } from './errors.js';
import { matches, players, rosters, teamGameStats, teams } from './schema.js';
import { chunk, prepareUpsert, upsertRows } from './upsert.js';
import { runCounts, type RowOutcome, type TouchedRows } from '../domain/row-outcomes.js';
import { validateRecords } from './validate.js';

const TEAMS_UPSERT = prepareUpsert({ table: teams });
/**
 * A team's own PTS is exact; its opponent's score in a per-team batch is PTS - PLUS_MINUS, an
 * estimate (NBA.com's PLUS_MINUS is sometimes fractional or off). A side's score therefore comes
 * from that side's loaded team_game_stats row when there is one, else from the batch.
 */
const scoreFromStats =
  (side: 'homeTeamId' | 'awayTeamId') => (_t: string, excluded: string, incoming: (key: string) => string) =>
    `coalesce((SELECT s."pts" FROM "team_game_stats" s WHERE s."game_id" = ${incoming('gameId')} AND s."team_id" = ${incoming(side)}), ${excluded})`;

/** Exported for its unit test (test/unit/db/upsert.test.ts): the merge rules are the production ones. */
export const MATCHES_UPSERT = prepareUpsert({
  table: matches,
  merge: {
    // A per-team batch sees the neutral flag only in the home team's rows: never let the away
    // team's batch clear it.
    neutralSite: (target, excluded) => `(${target} OR ${excluded})`,
    homeScore: scoreFromStats('homeTeamId'),
    awayScore: scoreFromStats('awayTeamId'),
  },
});

/**
 * After a batch's stat rows are in: scores of its games from the teams' own PTS. Needed when two
 * teams of one game load at once (neither saw the other's stats); a no-op otherwise.
 */
const sideScore = (side: 'home' | 'away') =>
  `coalesce((SELECT s."pts" FROM "team_game_stats" s WHERE s."game_id" = m."game_id" AND s."team_id" = m."${side}_team_id"), m."${side}_score")`;
const FIX_SCORES_FROM_STATS = `
UPDATE "matches" m SET "home_score" = ${sideScore('home')}, "away_score" = ${sideScore('away')}, "updated_at" = now(), "last_run_id" = $2
 WHERE m."game_id" = ANY($1::text[])
   AND (m."home_score", m."away_score") IS DISTINCT FROM (${sideScore('home')}, ${sideScore('away')})
RETURNING m."game_id"`;
const TEAM_GAME_STATS_UPSERT = prepareUpsert({ table: teamGameStats });
const PLAYERS_UPSERT = prepareUpsert({
  table: players,
  // Attributes of the newest season win, whatever order seasons are loaded in; a player known only
  // from game rows (no source) takes the first roster's.
  updateGuard: (target, excluded) =>
    `(${target}."source_season" IS NULL OR (${excluded}."source_season", ${excluded}."source_team_id") >= (${target}."source_season", ${target}."source_team_id"))`,
});
const ROSTERS_UPSERT = prepareUpsert({ table: rosters });

/**
 * BEGIN … COMMIT on one pooled connection; ROLLBACK and rethrow on any error. A connection that
 * broke meanwhile (its 'error' event is handled in db/client.ts) cannot roll back: it is released
 * with that error, so the pool discards it, and the caller's activity retries on a fresh one.
 */
export async function inTransaction<T>(
  database: Database,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await database.pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

export function requireRunId(runId: unknown): string {
  if (typeof runId !== 'string' || runId.trim() === '') {
    throw inputInvalid(
      `runId must be a non-empty string (the Temporal run id), got ${JSON.stringify(runId)}`,
    );
  }
  return runId;
}

export async function loadTeams(
  database: Database,
  teamRecords: TeamRecord[],
  runId: string,
): Promise<LoadCounts> {
  requireRunId(runId);
  const rows = validateRecords('teams', teamRecords);
  const counts = await inTransaction(database, (client) => upsertRows(client, TEAMS_UPSERT, rows, runId));
  return { teams: counts };
}

/**
 * One team's (or a whole season's) games: matches first, then the per-team stat rows. `touched`,
 * when given, receives each match's outcome by game id, for the run to count each match once
 * (domain/row-outcomes.ts): the other team's unit touches it too.
 */
export async function loadTeamGames(
  database: Database,
  batch: TeamGamesBatch,
  runId: string,
  touched?: TouchedRows,
): Promise<LoadCounts> {
  requireRunId(runId);
  const matchRows: MatchRecord[] = validateRecords('matches', batch?.matches);
  const statRows: TeamGameStatRecord[] = validateRecords('team_game_stats', batch?.stats);
  return inTransaction(database, async (client) => {
    const matchOutcomes: Record<string, RowOutcome> = {};
    await upsertRows(client, MATCHES_UPSERT, matchRows, runId, undefined, matchOutcomes);
    const statCounts = await upsertRows(client, TEAM_GAME_STATS_UPSERT, statRows, runId);
    const fixed = await client.query<{ game_id: string }>(FIX_SCORES_FROM_STATS, [
      matchRows.map((m) => m.gameId).sort(),
      runId,
    ]);
    // A score fixed from the stats changed a match the upsert left alone (one it inserted stays inserted).
    for (const { game_id: gameId } of fixed.rows)
      if (matchOutcomes[gameId] === 'unchanged') matchOutcomes[gameId] = 'updated';
    if (touched) touched.matches = { ...touched.matches, ...matchOutcomes };
    return { ...runCounts({ summed: {}, touched: { matches: matchOutcomes } }), team_game_stats: statCounts };
  });
}

/** Games per transaction of a league-wide load: small locks and a short rollback on a failure. */
export const GAMES_PER_TRANSACTION = 500;

/**
 * A whole season's games (the league-wide answer): one transaction per GAMES_PER_TRANSACTION
 * matches with their stat rows. Idempotent chunk by chunk, so a retry after a failed chunk rewrites
 * nothing that landed.
 */
export async function loadSeasonGames(
  database: Database,
  batch: TeamGamesBatch,
  runId: string,
  gamesPerTransaction = GAMES_PER_TRANSACTION,
  touched?: TouchedRows,
): Promise<LoadCounts> {
  const statsByGame = new Map<string, TeamGameStatRecord[]>();
  for (const stat of batch.stats)
    statsByGame.set(stat.gameId, [...(statsByGame.get(stat.gameId) ?? []), stat]);
  let counts: LoadCounts = {};
  for (const part of chunk(batch.matches, gamesPerTransaction)) {
    const stats = part.flatMap((m) => statsByGame.get(m.gameId) ?? []);
    counts = addCounts(counts, await loadTeamGames(database, { matches: part, stats }, runId, touched));
  }
  return counts;
}

/** The players a roster names, with the roster (season, team) their attributes come from. */
function playersWithSource(playerRows: PlayerRecord[], rosterRows: RosterRecord[]) {
  const source = new Map<number, { season: string; teamId: number }>();
  for (const r of rosterRows) {
    const seen = source.get(r.playerId);
    if (!seen || r.season > seen.season || (r.season === seen.season && r.teamId > seen.teamId)) {
      source.set(r.playerId, { season: r.season, teamId: r.teamId });
    }
  }
  return playerRows.map((p) => {
    const from = source.get(p.playerId);
    if (!from) {
      throw inputInvalid(
        `players: row (playerId=${p.playerId}) has no roster row in the batch to date its attributes`,
      );
    }
    return { ...p, sourceSeason: from.season, sourceTeamId: from.teamId };
  });
}

/**
 * One team's roster for a season: players first, then the roster rows. `touched`, when given,
 * receives each player's outcome by id: a traded player is on another team's roster too.
 */
export async function loadRoster(
  database: Database,
  batch: RosterBatch,
  runId: string,
  touched?: TouchedRows,
): Promise<LoadCounts> {
  requireRunId(runId);
  const playerRows = validateRecords('players', batch?.players);
  const rosterRows = validateRecords('rosters', batch?.rosters);
  const dated = playersWithSource(playerRows, rosterRows);
  return inTransaction(database, async (client) => {
    const playerOutcomes: Record<string, RowOutcome> = {};
    const playerCounts = await upsertRows(client, PLAYERS_UPSERT, dated, runId, undefined, playerOutcomes);
    if (touched) touched.players = { ...touched.players, ...playerOutcomes };
    const rosterCounts = await upsertRows(client, ROSTERS_UPSERT, rosterRows, runId);
    await removeDepartedPlayers(client, rosterRows, runId);
    return { players: playerCounts, rosters: rosterCounts };
  });
}

/**
 * The stored roster is the latest answer: players it no longer lists (traded, waived) leave the
 * team's roster of that season, each removal written to audit_changes as `team_id: [id, null]`.
 * This is what lets the next run's comparison with playerindex find nothing changed. An empty
 * answer removes nothing: the NBA answers empty for what it has no data for.
 */
async function removeDepartedPlayers(
  client: pg.PoolClient,
  rows: RosterRecord[],
  runId: string,
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  await client.query(
    `with departed as (
       delete from rosters
        where season = $1 and team_id = $2 and not (player_id = any($3::int[]))
       returning season, team_id, player_id
     )
     insert into audit_changes (run_id, table_name, key, changes)
     select $4, 'rosters',
            jsonb_build_object('season', season, 'team_id', team_id, 'player_id', player_id),
            jsonb_build_object('team_id', jsonb_build_array(team_id, null))
       from departed`,
    [first.season, first.teamId, rows.map((r) => r.playerId), runId],
  );
}

/** Every stored roster row of a season: who is on which team as far as the tables know. */
export async function storedRosterPlayers(
  database: Database,
  season: string,
): Promise<{ playerId: number; teamId: number }[]> {
  const { rows } = await database.pool.query<{ playerId: number; teamId: number }>(
    'select player_id as "playerId", team_id as "teamId" from rosters where season = $1',
    [season],
  );
  return rows;
}
