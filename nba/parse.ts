/**
 * Typed rows out of stats.nba.com responses (see result-set.ts for how columns are located and
 * checked). Values are normalised here: ids to numbers, dates to 'YYYY-MM-DD', blanks to null.
 * A field reads the header of its name in upper snake case unless its column says otherwise.
 */
import { BOX_SCORE_FIELDS, type BoxScore, type BoxScoreFieldSpec } from '../domain/records.js';
import type { NbaResponse } from './client.js';
import {
  birthDateOrNull,
  gameId,
  integer,
  integerOrNull,
  isoDate,
  numberOrNull,
  seasonId,
  text,
  textOrNull,
  winLoss,
} from './cells.js';
import {
  columnsByConvention,
  readResultSet,
  resultSetRowCount,
  resultSetRows,
  type ColumnSpec,
  type ColumnSpecs,
} from './result-set.js';

export interface LeagueGameFinderRow extends BoxScore {
  seasonId: string; // '22023': season-type digit + start year
  teamId: number;
  teamAbbreviation: string; // as of that season (NJN, NOH …)
  teamName: string;
  gameId: string; // '0022300061'
  gameDate: string; // 'YYYY-MM-DD'
  matchup: string; // 'BOS vs. NYK' | 'BOS @ NYK'
  wl: 'W' | 'L' | null;
}

/** A row of a PlayerOrTeam=P answer: one player's line in one game, and which game and team. */
export interface LeagueGameFinderPlayerRow extends BoxScore {
  seasonId: string;
  playerId: number;
  playerName: string;
  teamId: number;
  teamAbbreviation: string;
  teamName: string;
  gameId: string;
  gameDate: string;
  matchup: string;
  wl: 'W' | 'L' | null;
}

export interface CommonTeamRosterRow {
  teamId: number;
  season: string; // start year as the API sends it: '2023'
  leagueId: string | null;
  player: string;
  nickname: string | null; // absent in the 2017-18 layout
  playerSlug: string | null; // absent in the 2017-18 layout
  num: string | null;
  position: string | null;
  height: string | null;
  weight: number | null;
  birthDate: string | null; // 'YYYY-MM-DD'
  age: number | null;
  exp: string | null; // 'R' for rookies
  school: string | null;
  playerId: number;
  howAcquired: string | null; // absent in the 2017-18 layout
}

/** A column per box-score field: its header, read as an integer or a real, NULL allowed unless required. */
function boxScoreColumns(): ColumnSpecs<BoxScore> {
  const cell = (spec: BoxScoreFieldSpec): ColumnSpec<number | null>['schema'] =>
    spec.kind === 'count' ? (spec.required ? integer : integerOrNull) : numberOrNull;
  return Object.fromEntries(
    Object.entries(BOX_SCORE_FIELDS).map(([field, spec]) => [
      field,
      { header: spec.header, schema: cell(spec) },
    ]),
  ) as ColumnSpecs<BoxScore>;
}

const LEAGUE_GAME_FINDER_COLUMNS = columnsByConvention<LeagueGameFinderRow>({
  seasonId,
  teamId: integer,
  teamAbbreviation: text,
  teamName: text,
  gameId,
  gameDate: isoDate,
  matchup: text,
  wl: winLoss,
  ...boxScoreColumns(),
});

// The team columns plus who played: PLAYER_ID and PLAYER_NAME.
const LEAGUE_GAME_FINDER_PLAYER_COLUMNS = columnsByConvention<LeagueGameFinderPlayerRow>({
  ...LEAGUE_GAME_FINDER_COLUMNS,
  playerId: integer,
  playerName: text,
});

// The 2017-18 layout lacks the optional columns.
const COMMON_TEAM_ROSTER_COLUMNS = columnsByConvention<CommonTeamRosterRow>({
  teamId: { header: 'TeamID', schema: integer },
  season: textOrNull.pipe(text),
  leagueId: { header: 'LeagueID', schema: textOrNull, optional: true },
  player: text,
  nickname: { schema: textOrNull, optional: true },
  playerSlug: { schema: textOrNull, optional: true },
  num: textOrNull,
  position: textOrNull,
  height: textOrNull,
  weight: numberOrNull,
  birthDate: birthDateOrNull,
  age: numberOrNull,
  exp: textOrNull,
  school: textOrNull,
  playerId: integer,
  howAcquired: { schema: textOrNull, optional: true },
});

/** One row of playerindex: a player and his current team (null: on no team). */
export interface PlayerIndexRow {
  playerId: number;
  teamId: number | null;
}

const PLAYER_INDEX_COLUMNS = columnsByConvention<PlayerIndexRow>({
  playerId: { header: 'PERSON_ID', schema: integer },
  // TEAM_ID 0 (with ROSTER_STATUS null) is a player on no roster today.
  teamId: integerOrNull.transform((id) => (id ? id : null)),
});

export const PLAYER_INDEX_RESULT_SET = 'PlayerIndex';
export const LEAGUE_GAME_FINDER_RESULT_SET = 'LeagueGameFinderResults';
export const COMMON_TEAM_ROSTER_RESULT_SET = 'CommonTeamRoster';

/** Throws NbaResponseInvalid naming endpoint, params and the missing or mistyped columns. */
export function parseLeagueGameFinder(res: NbaResponse): LeagueGameFinderRow[] {
  return readResultSet(res, LEAGUE_GAME_FINDER_RESULT_SET, LEAGUE_GAME_FINDER_COLUMNS);
}

/**
 * The rows of a PlayerOrTeam=P answer (about 26,000 a regular season), read one at a time as the
 * caller iterates: see resultSetRows. Throws NbaResponseInvalid like parseLeagueGameFinder.
 */
export function parsePlayerGames(res: NbaResponse): Iterable<LeagueGameFinderPlayerRow> {
  // Each iteration reads the body again: the typed rows are never kept here.
  return {
    [Symbol.iterator]: () =>
      resultSetRows(res, LEAGUE_GAME_FINDER_RESULT_SET, LEAGUE_GAME_FINDER_PLAYER_COLUMNS),
  };
}

/** Rows of a leaguegamefinder answer as sent, before any is read: what the row cap is held to. */
export function leagueGameFinderRowCount(res: NbaResponse): number {
  return resultSetRowCount(res, LEAGUE_GAME_FINDER_RESULT_SET);
}

/** Accepts the 2017-18 (13 columns) and the 2025-26 (16 columns) layouts; `Coaches` is not read. */
export function parseCommonTeamRoster(res: NbaResponse): CommonTeamRosterRow[] {
  return readResultSet(res, COMMON_TEAM_ROSTER_RESULT_SET, COMMON_TEAM_ROSTER_COLUMNS);
}

/** Every player with his current team: the columns the roster comparison needs, checked by name. */
export function parsePlayerIndex(res: NbaResponse): PlayerIndexRow[] {
  return readResultSet(res, PLAYER_INDEX_RESULT_SET, PLAYER_INDEX_COLUMNS);
}
