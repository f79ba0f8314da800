/**
 * leaguestandingsv3 where no recording matches the query: derived from the final regular-season
 * records (regular_season_records.csv, complete seasons only), in the real envelope (`Standings`,
 * one row per team) with the columns that say who and W-L; the ~80 other columns (streaks, splits)
 * are not derived. Team city and name are today's (nba/teams.ts), as the real answer gives them.
 * A season without records answers no team, as stats.nba.com does for a season it has nothing for.
 */
import { NBA_TEAMS } from '../nba/teams.js';
import { badRequest, invalidSeason, param, type Answer, type Query } from './answers.js';
import type { DataStore } from './data-store.js';

export const STANDINGS_HEADERS = [
  'LeagueID',
  'SeasonID',
  'TeamID',
  'TeamCity',
  'TeamName',
  'WINS',
  'LOSSES',
  'WinPCT',
  'Record',
];

const TEAMS = new Map(NBA_TEAMS.map((t) => [t.teamId, t]));

export async function answerLeagueStandings(query: Query, store: DataStore): Promise<Answer> {
  const season = param(query, 'Season') || param(query, 'SeasonYear');
  const seasonType = param(query, 'SeasonType') || 'Regular Season';
  const leagueId = param(query, 'LeagueID') || '00';
  const seasonProblem = invalidSeason(season);
  if (seasonProblem) return seasonProblem;
  if (seasonType !== 'Regular Season')
    return badRequest(
      `replay: leaguestandingsv3 SeasonType=${seasonType} is not emulated (only Regular Season)`,
    );

  const records = leagueId === '00' ? await store.records(season) : undefined;
  const rowSet = [...(records ?? [])]
    .sort((a, b) => b.wins / (b.wins + b.losses) - a.wins / (a.wins + a.losses) || a.teamId - b.teamId)
    .map((r) => [
      leagueId,
      `2${season.slice(0, 4)}`,
      r.teamId,
      TEAMS.get(r.teamId)?.city ?? null,
      TEAMS.get(r.teamId)?.nickname ?? null,
      r.wins,
      r.losses,
      Math.round((r.wins / (r.wins + r.losses)) * 1000) / 1000,
      `${r.wins}-${r.losses}`,
    ]);
  return {
    kind: 'json',
    body: {
      resource: 'leaguestandings',
      parameters: { LeagueID: leagueId, SeasonYear: season, SeasonType: seasonType },
      resultSets: [{ name: 'Standings', headers: STANDINGS_HEADERS, rowSet }],
    },
    note: records
      ? `standings derived from the final records of ${season}`
      : `no standings data for season ${season}`,
  };
}
