/**
 * commonteamroster answered from teams/<TEAM_ID>_<season>.json player rows (or, for a season with a
 * recorded playerindex, from its rows), rebuilt into the real envelope (CommonTeamRoster + an empty
 * Coaches set). A team/season without a file answers an empty
 * roster, as stats.nba.com does for seasons it has nothing for.
 */
import { badRequest, invalidSeason, param, type Answer, type Query } from './answers.js';
import type { DataStore } from './data-store.js';
import { rosterFromPlayerIndex } from './roster-from-player-index.js';
import { ROSTER_HEADERS } from './roster-columns.js';

const COACH_HEADERS = [
  'TEAM_ID',
  'SEASON',
  'COACH_ID',
  'FIRST_NAME',
  'LAST_NAME',
  'COACH_NAME',
  'IS_ASSISTANT',
  'COACH_TYPE',
  'SORT_SEQUENCE',
  'SUB_SORT_SEQUENCE',
];

export async function answerCommonTeamRoster(query: Query, store: DataStore): Promise<Answer> {
  const teamIdText = param(query, 'TeamID');
  const season = param(query, 'Season');
  if (teamIdText === '') return badRequest('The TeamID property is required.');
  if (season === '') return badRequest('The Season property is required.');
  const teamId = Number(teamIdText);
  if (!Number.isInteger(teamId)) return badRequest(`TeamID '${teamIdText}' is not valid.`);
  const seasonProblem = invalidSeason(season);
  if (seasonProblem) return seasonProblem;
  const leagueId = param(query, 'LeagueID') || '00';

  // A season with a recorded playerindex: its rosters stand for that moment (roster-from-player-index.ts).
  const roster =
    leagueId === '00'
      ? ((await rosterFromPlayerIndex(store, teamId, season)) ?? (await store.roster(teamId, season)))
      : undefined;
  return {
    kind: 'json',
    body: {
      resource: 'commonteamroster',
      parameters: { TeamID: teamId, LeagueID: leagueId, Season: season },
      resultSets: [
        { name: 'CommonTeamRoster', headers: roster?.headers ?? ROSTER_HEADERS, rowSet: roster?.rows ?? [] },
        { name: 'Coaches', headers: COACH_HEADERS, rowSet: [] },
      ],
    },
    ...(roster ? {} : { note: `no roster data for team ${teamId} season ${season}` }),
  };
}
