/**
 * leaguegamefinder (PlayerOrTeam=T) answered from games_<season>.csv rows, with the server's
 * semantics for the filters the pipeline uses:
 *   LeagueID   '00' → NBA games only (GAME_ID starts '00': no G League, no blank-id exhibition rows); '' → every row
 *   Season     'YYYY-YY' → that season's file; '' → every season on hand
 *   SeasonType by SEASON_ID's first digit (Regular Season 2, Playoffs 4, PlayIn 5 …; the NBA Cup final is 6)
 *   TeamID, DateFrom/DateTo ('YYYY-MM-DD' or 'MM/DD/YYYY', inclusive); GameID is ignored, as the real server does.
 * Other filters are not emulated and get a 400 naming them rather than a silently wrong answer.
 */
import { badRequest, param, type Answer, type Query } from './answers.js';
import type { DataStore } from './data-store.js';
import { GAME_IDENTITY_HEADERS, type GameTable } from './games-csv.js';
import { BOX_SCORE_FIELDS } from '../domain/records.js';
import { toNbaDate } from '../domain/game-dates.js';

const SEASON_TYPE_DIGIT: Record<string, string> = {
  'Pre Season': '1',
  'Regular Season': '2',
  'All Star': '3',
  Playoffs: '4',
  PlayIn: '5',
};

const EMULATED = new Set([
  'PlayerOrTeam',
  'LeagueID',
  'Season',
  'SeasonType',
  'TeamID',
  'DateFrom',
  'DateTo',
  'GameID',
]);

/** The real answer's columns, in its order: the game and team, then the 20 box-score fields. */
export const LEAGUE_GAME_FINDER_HEADERS: string[] = [
  ...GAME_IDENTITY_HEADERS,
  ...Object.values(BOX_SCORE_FIELDS).map((field) => field.header),
];

export async function answerLeagueGameFinder(query: Query, store: DataStore): Promise<Answer> {
  const playerOrTeam = param(query, 'PlayerOrTeam');
  if (playerOrTeam === '') return badRequest('The PlayerOrTeam property is required.');
  if (playerOrTeam !== 'T')
    return badRequest(`replay: PlayerOrTeam=${playerOrTeam} is not emulated (only T)`);
  const unsupported = [...query.entries()].filter(
    ([name, value]) => value.trim() !== '' && !EMULATED.has(name),
  );
  if (unsupported.length > 0) {
    return badRequest(
      `replay: parameter(s) ${unsupported.map(([n, v]) => `${n}=${v}`).join(', ')} not emulated`,
    );
  }

  const leagueId = param(query, 'LeagueID');
  if (leagueId !== '' && !/^\d{2}$/.test(leagueId)) return badRequest(`LeagueID '${leagueId}' is not valid.`);
  const season = param(query, 'Season');
  if (season !== '' && !/^\d{4}-\d{2}$/.test(season)) return badRequest(`Season '${season}' is not valid.`);
  const seasonType = param(query, 'SeasonType');
  const typeDigit = seasonType === '' ? undefined : SEASON_TYPE_DIGIT[seasonType];
  if (seasonType !== '' && !typeDigit) return badRequest(`SeasonType '${seasonType}' is not valid.`);
  const teamIdText = param(query, 'TeamID');
  const teamId = teamIdText === '' ? undefined : Number(teamIdText);
  if (teamId !== undefined && !Number.isInteger(teamId))
    return badRequest(`TeamID '${teamIdText}' is not valid.`);
  const dateFrom = isoDate(param(query, 'DateFrom'));
  const dateTo = isoDate(param(query, 'DateTo'));
  if (dateFrom === null || dateTo === null)
    return badRequest('DateFrom/DateTo must be YYYY-MM-DD or MM/DD/YYYY.');

  const seasons = season === '' ? store.seasons() : [season];
  const tables = (await Promise.all(seasons.map((s) => store.games(s)))).filter((t): t is GameTable => !!t);
  const note = tables.length === 0 ? `no games data for season ${season || '(any)'}` : undefined;

  const headers = tables[0]?.headers ?? LEAGUE_GAME_FINDER_HEADERS;
  const rowSet: unknown[][] = [];
  for (const table of tables) {
    const c = table.column;
    for (const row of table.rows) {
      const gameId = row[c.gameId];
      const date = row[c.gameDate];
      if (leagueId !== '' && !(typeof gameId === 'string' && gameId.startsWith(leagueId))) continue;
      if (typeDigit && !String(row[c.seasonId] ?? '').startsWith(typeDigit)) continue;
      if (teamId !== undefined && row[c.teamId] !== teamId) continue;
      if (dateFrom && !(typeof date === 'string' && date >= dateFrom)) continue;
      if (dateTo && !(typeof date === 'string' && date <= dateTo)) continue;
      rowSet.push(table.headers === headers ? row : reorder(row, table.headers, headers));
    }
  }
  if (tables.length > 1) sortNewestFirst(rowSet, headers.indexOf('GAME_DATE'));

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

/** '' → undefined (no bound), bad → null */
function isoDate(value: string): string | undefined | null {
  if (value === '') return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const us = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  return us ? `${us[3]}-${us[1]}-${us[2]}` : null;
}

function reorder(row: unknown[], from: string[], to: string[]): unknown[] {
  return to.map((header) => {
    const index = from.indexOf(header);
    return index < 0 ? null : row[index];
  });
}

function sortNewestFirst(rows: unknown[][], dateIndex: number): void {
  const date = (row: unknown[]) => String(row[dateIndex] ?? '');
  rows.sort((a, b) => (date(a) < date(b) ? 1 : date(a) > date(b) ? -1 : 0));
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
