/**
 * Typed rows out of stats.nba.com responses (see result-set.ts for how columns are located and
 * checked). Values are normalised here: ids to numbers, dates to 'YYYY-MM-DD', blanks to null.
 */
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
import { readResultSet, type ColumnSpecs } from './result-set.js';

export interface LeagueGameFinderRow {
  seasonId: string; // '22023': season-type digit + start year
  teamId: number;
  teamAbbreviation: string; // as of that season (NJN, NOH …)
  teamName: string;
  gameId: string; // '0022300061'
  gameDate: string; // 'YYYY-MM-DD'
  matchup: string; // 'BOS vs. NYK' | 'BOS @ NYK'
  wl: 'W' | 'L' | null;
  min: number | null;
  pts: number;
  fgm: number | null;
  fga: number | null;
  fgPct: number | null;
  fg3m: number | null;
  fg3a: number | null;
  fg3Pct: number | null;
  ftm: number | null;
  fta: number | null;
  ftPct: number | null;
  oreb: number | null;
  dreb: number | null;
  reb: number | null;
  ast: number | null;
  stl: number | null;
  blk: number | null;
  tov: number | null;
  pf: number | null;
  plusMinus: number | null;
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

const LEAGUE_GAME_FINDER_COLUMNS: ColumnSpecs<LeagueGameFinderRow> = {
  seasonId: { header: 'SEASON_ID', schema: seasonId },
  teamId: { header: 'TEAM_ID', schema: integer },
  teamAbbreviation: { header: 'TEAM_ABBREVIATION', schema: text },
  teamName: { header: 'TEAM_NAME', schema: text },
  gameId: { header: 'GAME_ID', schema: gameId },
  gameDate: { header: 'GAME_DATE', schema: isoDate },
  matchup: { header: 'MATCHUP', schema: text },
  wl: { header: 'WL', schema: winLoss },
  min: { header: 'MIN', schema: numberOrNull },
  pts: { header: 'PTS', schema: integer },
  fgm: { header: 'FGM', schema: integerOrNull },
  fga: { header: 'FGA', schema: integerOrNull },
  fgPct: { header: 'FG_PCT', schema: numberOrNull },
  fg3m: { header: 'FG3M', schema: integerOrNull },
  fg3a: { header: 'FG3A', schema: integerOrNull },
  fg3Pct: { header: 'FG3_PCT', schema: numberOrNull },
  ftm: { header: 'FTM', schema: integerOrNull },
  fta: { header: 'FTA', schema: integerOrNull },
  ftPct: { header: 'FT_PCT', schema: numberOrNull },
  oreb: { header: 'OREB', schema: integerOrNull },
  dreb: { header: 'DREB', schema: integerOrNull },
  reb: { header: 'REB', schema: integerOrNull },
  ast: { header: 'AST', schema: integerOrNull },
  stl: { header: 'STL', schema: integerOrNull },
  blk: { header: 'BLK', schema: integerOrNull },
  tov: { header: 'TOV', schema: integerOrNull },
  pf: { header: 'PF', schema: integerOrNull },
  plusMinus: { header: 'PLUS_MINUS', schema: numberOrNull },
};

const COMMON_TEAM_ROSTER_COLUMNS: ColumnSpecs<CommonTeamRosterRow> = {
  teamId: { header: 'TeamID', schema: integer },
  season: { header: 'SEASON', schema: textOrNull.pipe(text) },
  leagueId: { header: 'LeagueID', schema: textOrNull, optional: true },
  player: { header: 'PLAYER', schema: text },
  nickname: { header: 'NICKNAME', schema: textOrNull, optional: true },
  playerSlug: { header: 'PLAYER_SLUG', schema: textOrNull, optional: true },
  num: { header: 'NUM', schema: textOrNull },
  position: { header: 'POSITION', schema: textOrNull },
  height: { header: 'HEIGHT', schema: textOrNull },
  weight: { header: 'WEIGHT', schema: numberOrNull },
  birthDate: { header: 'BIRTH_DATE', schema: birthDateOrNull },
  age: { header: 'AGE', schema: numberOrNull },
  exp: { header: 'EXP', schema: textOrNull },
  school: { header: 'SCHOOL', schema: textOrNull },
  playerId: { header: 'PLAYER_ID', schema: integer },
  howAcquired: { header: 'HOW_ACQUIRED', schema: textOrNull, optional: true },
};

export const LEAGUE_GAME_FINDER_RESULT_SET = 'LeagueGameFinderResults';
export const COMMON_TEAM_ROSTER_RESULT_SET = 'CommonTeamRoster';

/** Throws NbaResponseInvalid naming endpoint, params and the missing or mistyped columns. */
export function parseLeagueGameFinder(res: NbaResponse): LeagueGameFinderRow[] {
  return readResultSet(res, LEAGUE_GAME_FINDER_RESULT_SET, LEAGUE_GAME_FINDER_COLUMNS);
}

/** Accepts the 2017-18 (13 columns) and the 2025-26 (16 columns) layouts; `Coaches` is not read. */
export function parseCommonTeamRoster(res: NbaResponse): CommonTeamRosterRow[] {
  return readResultSet(res, COMMON_TEAM_ROSTER_RESULT_SET, COMMON_TEAM_ROSTER_COLUMNS);
}
