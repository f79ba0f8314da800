/**
 * The stats.nba.com endpoints the pipeline calls, with every parameter each one declares in nba_api
 * 1.11.4. Like nba_api, a request carries all declared parameters (empty ones as `Name=`), sorted by
 * name: the server has been seen to care, and it makes URLs (and CDN cache keys) stable.
 */
import { toNbaDate } from '../domain/game-dates.js';
import { SEASON_PATTERN, SEASON_TYPES, type SeasonType } from '../domain/season.js';
import { nbaFailure } from './errors.js';

/** One request to stats.nba.com as the endpoint definitions build it: what is sent, logged and stored. */
export interface NbaRequest {
  endpoint: string;
  /** all declared params, sorted, '' for empty */
  params: Record<string, string>;
}

export interface EndpointDefinition {
  /** Path segment under the base URL, e.g. 'leaguegamefinder'. */
  name: string;
  /** Every parameter the endpoint declares, in sent (sorted) order. */
  params: readonly string[];
}

/** Plain code-unit order, the same as Python's sorted() on these ASCII names ('PORound' < 'PlayerID'). */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const STAT_FILTER_COLUMNS = [
  'AST',
  'BLK',
  'DD',
  'DREB',
  'FG3A',
  'FG3M',
  'FG3_PCT',
  'FGA',
  'FGM',
  'FG_PCT',
  'FTA',
  'FTM',
  'FT_PCT',
  'MINUTES',
  'OREB',
  'PF',
  'PTS',
  'REB',
  'STL',
  'TD',
  'TOV',
] as const;

const LEAGUE_GAME_FINDER_PARAMS = [
  'Conference',
  'DateFrom',
  'DateTo',
  'Division',
  'DraftNumber',
  'DraftRound',
  'DraftTeamID',
  'DraftYear',
  'GameID',
  'LeagueID',
  'Location',
  'Outcome',
  'PORound',
  'PlayerID',
  'PlayerOrTeam',
  'RookieYear',
  'Season',
  'SeasonSegment',
  'SeasonType',
  'StarterBench',
  'TeamID',
  'VsConference',
  'VsDivision',
  'VsTeamID',
  'YearsExperience',
  ...(['Eq', 'Gt', 'Lt'] as const).flatMap((op) => STAT_FILTER_COLUMNS.map((column) => `${op}${column}`)),
];

export const LEAGUE_GAME_FINDER: EndpointDefinition = {
  name: 'leaguegamefinder',
  params: Object.freeze([...LEAGUE_GAME_FINDER_PARAMS].sort(compareNames)),
};

export const COMMON_TEAM_ROSTER: EndpointDefinition = {
  name: 'commonteamroster',
  params: Object.freeze(['LeagueID', 'Season', 'TeamID']),
};

/** Standings of one season and type: each team's W-L at the moment of the request. */
export const LEAGUE_STANDINGS_V3: EndpointDefinition = {
  name: 'leaguestandingsv3',
  params: Object.freeze(['LeagueID', 'Season', 'SeasonType', 'SeasonYear']),
};

/** Every player with his current team (TEAM_ID 0: none): one request for the whole league. */
export const PLAYER_INDEX: EndpointDefinition = {
  name: 'playerindex',
  params: Object.freeze([
    'Active',
    'AllStar',
    'College',
    'Country',
    'DraftPick',
    'DraftYear',
    'Height',
    'Historical',
    'LeagueID',
    'PlayerPosition',
    'Season',
    'TeamID',
    'Weight',
  ]),
};

/** NBA league id; nba_api 1.11.4 sends it by default (an empty LeagueID adds NBA Cup rows to team queries). */
export const NBA_LEAGUE_ID = '00';

/** All declared parameters, sorted, '' where not given. Throws on a parameter the endpoint does not declare. */
export function buildRequest(endpoint: EndpointDefinition, values: Record<string, string>): NbaRequest {
  const undeclared = Object.keys(values).filter((name) => !endpoint.params.includes(name));
  if (undeclared.length > 0) {
    throw new Error(`${endpoint.name} does not declare parameter(s) ${undeclared.join(', ')}`);
  }
  const params: Record<string, string> = {};
  for (const name of endpoint.params) params[name] = values[name] ?? '';
  return { endpoint: endpoint.name, params };
}

/** `A=1&B=&C=Regular+Season` in the request's (sorted) order, form-encoded like Python's urlencode. */
export function toQueryString(params: Record<string, string>): string {
  const sorted = Object.entries(params).sort(([a], [b]) => compareNames(a, b));
  return new URLSearchParams(sorted).toString();
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** leaguegamefinder's rows: one per team and game (T, the default) or one per player and game (P). */
export type PlayerOrTeam = 'T' | 'P';

export interface LeagueGameFinderQuery {
  season: string;
  seasonType: SeasonType;
  /** 'T' when absent; 'P' asks for every player's line (about 26,000 rows a regular season). */
  playerOrTeam?: PlayerOrTeam;
  teamId?: number;
  /** One player's games (PlayerOrTeam=P). */
  playerId?: number;
  /** 'YYYY-MM-DD', both inclusive; sent as 'MM/DD/YYYY', the form the server echoes them in. */
  dateFrom?: string;
  dateTo?: string;
}

export interface CommonTeamRosterQuery {
  season: string;
  teamId: number;
}

export function leagueGameFinderRequest(q: LeagueGameFinderQuery): NbaRequest {
  const playerOrTeam = q.playerOrTeam ?? 'T';
  const request = buildRequest(LEAGUE_GAME_FINDER, {
    PlayerOrTeam: String(playerOrTeam),
    LeagueID: NBA_LEAGUE_ID,
    Season: String(q.season),
    SeasonType: String(q.seasonType),
    TeamID: q.teamId === undefined ? '' : String(q.teamId),
    PlayerID: q.playerId === undefined ? '' : String(q.playerId),
    DateFrom: nbaDateParam(q.dateFrom),
    DateTo: nbaDateParam(q.dateTo),
  });
  const problems = [
    ...seasonProblems(q.season),
    ...seasonTypeProblems(q.seasonType),
    ...(playerOrTeam === 'T' || playerOrTeam === 'P' ? [] : ["PlayerOrTeam must be 'T' or 'P'"]),
    ...(q.playerId !== undefined && playerOrTeam !== 'P' ? ['PlayerID needs PlayerOrTeam P'] : []),
    ...(q.teamId === undefined ? [] : idProblems('TeamID', q.teamId)),
    ...(q.playerId === undefined ? [] : idProblems('PlayerID', q.playerId)),
    ...dateProblems('DateFrom', q.dateFrom),
    ...dateProblems('DateTo', q.dateTo),
  ];
  return rejectIfInvalid(request, problems);
}

export function commonTeamRosterRequest(q: CommonTeamRosterQuery): NbaRequest {
  const request = buildRequest(COMMON_TEAM_ROSTER, {
    LeagueID: NBA_LEAGUE_ID,
    Season: String(q.season),
    TeamID: String(q.teamId),
  });
  return rejectIfInvalid(request, [...seasonProblems(q.season), ...idProblems('TeamID', q.teamId)]);
}

export interface LeagueStandingsQuery {
  season: string;
  seasonType: SeasonType;
}

/** As nba_api 1.11.4 sends it (and the 2025-26 recording shows): `SeasonYear` empty. */
export function leagueStandingsRequest(q: LeagueStandingsQuery): NbaRequest {
  const request = buildRequest(LEAGUE_STANDINGS_V3, {
    LeagueID: NBA_LEAGUE_ID,
    Season: String(q.season),
    SeasonType: String(q.seasonType),
  });
  return rejectIfInvalid(request, [...seasonProblems(q.season), ...seasonTypeProblems(q.seasonType)]);
}

function seasonTypeProblems(seasonType: unknown): string[] {
  return SEASON_TYPES.includes(seasonType as SeasonType)
    ? []
    : [`SeasonType must be one of ${SEASON_TYPES.join(', ')}`];
}

export interface PlayerIndexQuery {
  season: string;
}

/** The recorded request exactly: LeagueID and Season, every other filter empty. */
export function playerIndexRequest(q: PlayerIndexQuery): NbaRequest {
  const request = buildRequest(PLAYER_INDEX, { LeagueID: NBA_LEAGUE_ID, Season: String(q.season) });
  return rejectIfInvalid(request, seasonProblems(q.season));
}

/** A valid date in the server's form; an invalid one is sent as given, and rejected below. */
function nbaDateParam(value: string | undefined): string {
  if (value === undefined || value === '') return '';
  return dateProblems('date', value).length === 0 ? toNbaDate(value) : value;
}

function seasonProblems(season: unknown): string[] {
  return typeof season === 'string' && SEASON_PATTERN.test(season) ? [] : [`Season must look like '2023-24'`];
}

function idProblems(name: 'TeamID' | 'PlayerID', id: unknown): string[] {
  return Number.isSafeInteger(id) && (id as number) > 0 ? [] : [`${name} must be a positive integer`];
}

function dateProblems(name: string, value: string | undefined): string[] {
  if (value === undefined || value === '') return [];
  return DATE_PATTERN.test(value) && !Number.isNaN(Date.parse(value))
    ? []
    : [`${name} must be a date 'YYYY-MM-DD'`];
}

/** Bad input is a bug in the caller: fail before any request, non-retryably. */
function rejectIfInvalid(request: NbaRequest, problems: string[]): NbaRequest {
  if (problems.length > 0) {
    throw nbaFailure('NbaClientError', request, `invalid request: ${problems.join('; ')}`);
  }
  return request;
}
