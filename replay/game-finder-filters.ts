/**
 * The leaguegamefinder filters the replay emulates, read and applied the same way for team rows
 * (PlayerOrTeam=T) and player rows (P):
 *   LeagueID   '00' → NBA games only (GAME_ID starts '00': no G League, no blank-id exhibition rows); '' → every row
 *   Season     'YYYY-YY'; SeasonType by SEASON_ID's first digit (Regular Season 2, Playoffs 4, PlayIn 5 …;
 *              the NBA Cup final is 6); TeamID; PlayerID (P only); DateFrom/DateTo ('YYYY-MM-DD' or
 *              'MM/DD/YYYY', inclusive); GameID is ignored, as the real server does.
 * Other non-empty filters get a 400 naming them rather than a silently wrong answer.
 */
import { toNbaDate } from '../domain/game-dates.js';
import { badRequest, invalidSeason, param, type Answer, type Query } from './answers.js';

const SEASON_TYPE_DIGIT: Record<string, string> = {
  'Pre Season': '1',
  'Regular Season': '2',
  'All Star': '3',
  Playoffs: '4',
  PlayIn: '5',
};

const EMULATED_FOR_TEAMS = [
  'PlayerOrTeam',
  'LeagueID',
  'Season',
  'SeasonType',
  'TeamID',
  'DateFrom',
  'DateTo',
  'GameID',
];
const EMULATED_FOR_PLAYERS = [...EMULATED_FOR_TEAMS, 'PlayerID'];

export interface GameFinderFilters {
  leagueId: string;
  /** '' = every season */
  season: string;
  /** '' = every season type */
  seasonType: string;
  typeDigit: string | undefined;
  teamId: number | undefined;
  playerId: number | undefined;
  dateFrom: string | undefined;
  dateTo: string | undefined;
}

/** The row columns the filters read. */
export interface FilteredColumns {
  seasonId: number;
  teamId: number;
  gameId: number;
  gameDate: number;
  playerId?: number;
}

/** The query's filters, or the 400 the real server (or the replay's limits) would answer. */
export function readGameFinderFilters(query: Query, players: boolean): GameFinderFilters | Answer {
  const emulated = players ? EMULATED_FOR_PLAYERS : EMULATED_FOR_TEAMS;
  const unsupported = [...query.entries()].filter(
    ([name, value]) => value.trim() !== '' && !emulated.includes(name),
  );
  if (unsupported.length > 0) {
    return badRequest(
      `replay: parameter(s) ${unsupported.map(([n, v]) => `${n}=${v}`).join(', ')} not emulated`,
    );
  }
  const leagueId = param(query, 'LeagueID');
  if (leagueId !== '' && !/^\d{2}$/.test(leagueId)) return badRequest(`LeagueID '${leagueId}' is not valid.`);
  const season = param(query, 'Season');
  const seasonProblem = season === '' ? undefined : invalidSeason(season);
  if (seasonProblem) return seasonProblem;
  const seasonType = param(query, 'SeasonType');
  const typeDigit = seasonType === '' ? undefined : SEASON_TYPE_DIGIT[seasonType];
  if (seasonType !== '' && !typeDigit) return badRequest(`SeasonType '${seasonType}' is not valid.`);
  const teamId = idParam(query, 'TeamID');
  const playerId = idParam(query, 'PlayerID');
  if (teamId === null) return badRequest(`TeamID '${param(query, 'TeamID')}' is not valid.`);
  if (playerId === null) return badRequest(`PlayerID '${param(query, 'PlayerID')}' is not valid.`);
  const dateFrom = isoDate(param(query, 'DateFrom'));
  const dateTo = isoDate(param(query, 'DateTo'));
  if (dateFrom === null || dateTo === null)
    return badRequest('DateFrom/DateTo must be YYYY-MM-DD or MM/DD/YYYY.');
  return { leagueId, season, seasonType, typeDigit, teamId, playerId, dateFrom, dateTo };
}

export function isFilterError(read: GameFinderFilters | Answer): read is Answer {
  return 'kind' in read;
}

/** True when a row passes every filter (Season is applied by choosing the season's table). */
export function keepsRow(row: unknown[], column: FilteredColumns, f: GameFinderFilters): boolean {
  const gameId = row[column.gameId];
  const date = row[column.gameDate];
  if (f.leagueId !== '' && !(typeof gameId === 'string' && gameId.startsWith(f.leagueId))) return false;
  if (f.typeDigit && !String(row[column.seasonId] ?? '').startsWith(f.typeDigit)) return false;
  if (f.teamId !== undefined && row[column.teamId] !== f.teamId) return false;
  if (f.playerId !== undefined && column.playerId !== undefined && row[column.playerId] !== f.playerId)
    return false;
  if (f.dateFrom && !(typeof date === 'string' && date >= f.dateFrom)) return false;
  if (f.dateTo && !(typeof date === 'string' && date <= f.dateTo)) return false;
  return true;
}

/** '' → undefined (no filter), an integer → it, anything else → null */
function idParam(query: Query, name: string): number | undefined | null {
  const text = param(query, name);
  if (text === '') return undefined;
  const id = Number(text);
  return Number.isInteger(id) ? id : null;
}

/** '' → undefined (no bound), bad → null */
function isoDate(value: string): string | undefined | null {
  if (value === '') return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const us = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  return us ? `${us[3]}-${us[1]}-${us[2]}` : null;
}

/** The envelope of a leaguegamefinder answer: the echoed query and one result set. */
export function gameFinderAnswer(
  query: Query,
  headers: string[],
  rowSet: unknown[][],
  note?: string,
): Answer {
  return {
    kind: 'json',
    body: {
      resource: 'leaguegamefinderparameters',
      parameters: echoParameters(query),
      resultSets: [{ name: 'LeagueGameFinderResults', headers, rowSet }],
    },
    ...(note ? { note } : {}),
  };
}

/** The real echo: null for empty, stat filters renamed (GtFG3_PCT → GtFg3Pct), DraftTeamID → DraftTeam. */
function echoParameters(query: Query): Record<string, unknown> {
  const echo: Record<string, unknown> = {};
  for (const [name, raw] of query) {
    const value = raw.trim() === '' ? null : raw;
    const stat = /^(Eq|Gt|Lt)(.+)$/.exec(name);
    if (stat) {
      const parts = (stat[2] as string).split('_').map((p) => p.charAt(0) + p.slice(1).toLowerCase());
      echo[`${stat[1]}${parts.join('')}`] = value;
    } else if ((name === 'DateFrom' || name === 'DateTo') && value !== null) {
      // The server echoes dates as MM/DD/YYYY whichever form was sent (recorded 2024-11-01 → 11/01/2024).
      echo[name] = toNbaDate(isoDate(value) ?? value);
    } else if (name === 'DraftTeamID') {
      echo.DraftTeam = raw;
    } else {
      echo[name] = value;
    }
  }
  echo.ActivePlayersOnly = '';
  return echo;
}
