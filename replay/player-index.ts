/**
 * playerindex for a season without a recorded answer, derived from the season's roster files
 * (teams/<TEAM_ID>_<season>.json): every rostered player with his team, in the recorded answer's
 * 26 columns (playerindex__00__2025-26.json). What rosters do not say (country, draft, career years,
 * averages) is null. A player on two teams' files keeps the first team by TEAM_ID. A recorded answer
 * (2025-26) is served verbatim before this is asked.
 */
import { badRequest, invalidSeason, param, type Answer, type Query } from './answers.js';
import type { DataStore, RosterFile } from './data-store.js';
import { NBA_TEAMS } from '../nba/teams.js';

/** The recorded answer's columns, in its order. */
export const PLAYER_INDEX_HEADERS = [
  'PERSON_ID',
  'PLAYER_LAST_NAME',
  'PLAYER_FIRST_NAME',
  'PLAYER_SLUG',
  'TEAM_ID',
  'TEAM_SLUG',
  'IS_DEFUNCT',
  'TEAM_CITY',
  'TEAM_NAME',
  'TEAM_ABBREVIATION',
  'JERSEY_NUMBER',
  'POSITION',
  'HEIGHT',
  'WEIGHT',
  'COLLEGE',
  'COUNTRY',
  'DRAFT_YEAR',
  'DRAFT_ROUND',
  'DRAFT_NUMBER',
  'ROSTER_STATUS',
  'FROM_YEAR',
  'TO_YEAR',
  'PTS',
  'REB',
  'AST',
  'STATS_TIMEFRAME',
];

/** Filters other than these change the answer and are not emulated (a 400 names them). */
const EMULATED = new Set(['LeagueID', 'Season']);

type Team = (typeof NBA_TEAMS)[number];

function indexRow(team: Team, roster: RosterFile, row: unknown[]): unknown[] {
  const cell = (header: string): unknown => row[roster.headers.indexOf(header)] ?? null;
  const player = String(cell('PLAYER') ?? '');
  const space = player.indexOf(' ');
  const values: Record<string, unknown> = {
    PERSON_ID: cell('PLAYER_ID'),
    PLAYER_LAST_NAME: space < 0 ? player : player.slice(space + 1),
    PLAYER_FIRST_NAME: space < 0 ? '' : player.slice(0, space),
    PLAYER_SLUG: cell('PLAYER_SLUG'),
    TEAM_ID: team.teamId,
    TEAM_SLUG: team.nickname.toLowerCase().replaceAll(' ', '-'),
    IS_DEFUNCT: 0,
    TEAM_CITY: team.city,
    TEAM_NAME: team.nickname,
    TEAM_ABBREVIATION: team.abbreviation,
    JERSEY_NUMBER: cell('NUM'),
    POSITION: cell('POSITION'),
    HEIGHT: cell('HEIGHT'),
    WEIGHT: cell('WEIGHT'),
    COLLEGE: cell('SCHOOL'),
    ROSTER_STATUS: 1.0,
    STATS_TIMEFRAME: 'Season',
  };
  return PLAYER_INDEX_HEADERS.map((header) => values[header] ?? null);
}

export async function answerPlayerIndex(query: Query, store: DataStore): Promise<Answer> {
  const season = param(query, 'Season');
  const seasonProblem = invalidSeason(season);
  if (seasonProblem) return seasonProblem;
  const unsupported = [...query.entries()].filter(
    ([name, value]) => value.trim() !== '' && !EMULATED.has(name),
  );
  if (unsupported.length > 0)
    return badRequest(
      `replay: parameter(s) ${unsupported.map(([n, v]) => `${n}=${v}`).join(', ')} not emulated`,
    );
  const leagueId = param(query, 'LeagueID') || '00';

  const seen = new Set<unknown>();
  const rowSet: unknown[][] = [];
  const teams = [...NBA_TEAMS].sort((a, b) => a.teamId - b.teamId);
  for (const team of leagueId === '00' ? teams : []) {
    const roster = await store.roster(team.teamId, season);
    for (const row of roster?.rows ?? []) {
      const playerId = row[roster!.headers.indexOf('PLAYER_ID')];
      if (seen.has(playerId)) continue;
      seen.add(playerId);
      rowSet.push(indexRow(team, roster!, row));
    }
  }
  return {
    kind: 'json',
    body: {
      resource: 'playerindex',
      parameters: { LeagueID: leagueId, Season: season, Historical: 0, TeamID: 0, Active: 0, AllStar: 0 },
      resultSets: [{ name: 'PlayerIndex', headers: PLAYER_INDEX_HEADERS, rowSet }],
    },
    ...(rowSet.length
      ? { note: `derived from the ${season} roster files` }
      : { note: `no roster data for season ${season}` }),
  };
}
