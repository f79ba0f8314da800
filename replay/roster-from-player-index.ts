/**
 * commonteamroster of a season for which a playerindex answer was recorded (2025-26, recorded within
 * two minutes of that season's game log and standings): the team's rows of playerindex (ROSTER_STATUS
 * 1, its TEAM_ID) rebuilt as CommonTeamRoster rows, so the rosters stand for the same moment as the
 * games. Checked: for CLE, the one team whose commonteamroster was recorded then, the players are the
 * same 19. playerindex carries no birth date, age, experience or nickname: those come from the same
 * player's row in the season's teams/ files when there is one (an earlier snapshot; how he was
 * acquired only if he is still on that team), else they are null.
 */
import { NBA_TEAMS } from '../nba/teams.js';
import { ROSTER_HEADERS } from './roster-columns.js';
import type { DataStore, RosterFile } from './data-store.js';

interface PlayerIndex {
  headers: string[];
  rowSet: unknown[][];
}

/** The season's playerindex recording (the whole league: no team or other filter), if any. */
async function playerIndexOf(store: DataStore, season: string): Promise<PlayerIndex | undefined> {
  const recording = (await store.recordings()).find(
    (r) => r.endpoint === 'playerindex' && r.key === `leagueid=00&season=${season}`,
  );
  if (!recording) return undefined;
  const body = JSON.parse((await store.recordingBody(recording)).toString('utf8')) as {
    resultSets?: (PlayerIndex & { name: string })[];
  };
  return body.resultSets?.find((s) => s.name === 'PlayerIndex');
}

/** Each player's row in the season's teams/ files, by PLAYER_ID, with the team it is on. */
async function earlierRows(store: DataStore, season: string) {
  const rows = new Map<number, { teamId: number; row: Record<string, unknown> }>();
  for (const { teamId } of NBA_TEAMS) {
    const file = await store.roster(teamId, season);
    for (const cells of file?.rows ?? []) {
      const row = Object.fromEntries(file!.headers.map((h, i) => [h, cells[i]]));
      rows.set(Number(row.PLAYER_ID), { teamId, row });
    }
  }
  return rows;
}

export async function rosterFromPlayerIndex(
  store: DataStore,
  teamId: number,
  season: string,
): Promise<RosterFile | undefined> {
  const index = await playerIndexOf(store, season);
  if (!index) return undefined;
  const at = (row: unknown[], header: string) => row[index.headers.indexOf(header)] ?? null;
  const earlier = await earlierRows(store, season);
  const rows = index.rowSet
    .filter((row) => at(row, 'TEAM_ID') === teamId && at(row, 'ROSTER_STATUS') === 1)
    .map((row) => {
      const playerId = at(row, 'PERSON_ID') as number;
      const before = earlier.get(playerId);
      const kept = (header: string) => before?.row[header] ?? null;
      const values: Record<string, unknown> = {
        TeamID: teamId,
        SEASON: season.slice(0, 4),
        LeagueID: '00',
        PLAYER:
          `${String(at(row, 'PLAYER_FIRST_NAME') ?? '')} ${String(at(row, 'PLAYER_LAST_NAME') ?? '')}`.trim(),
        NICKNAME: kept('NICKNAME'),
        PLAYER_SLUG: at(row, 'PLAYER_SLUG'),
        NUM: at(row, 'JERSEY_NUMBER'),
        POSITION: at(row, 'POSITION'),
        HEIGHT: at(row, 'HEIGHT'),
        WEIGHT: at(row, 'WEIGHT'),
        BIRTH_DATE: kept('BIRTH_DATE'),
        AGE: kept('AGE'),
        EXP: kept('EXP'),
        SCHOOL: at(row, 'COLLEGE'),
        PLAYER_ID: playerId,
        HOW_ACQUIRED: before?.teamId === teamId ? kept('HOW_ACQUIRED') : null,
      };
      return ROSTER_HEADERS.map((header) => values[header] ?? null);
    });
  return { headers: ROSTER_HEADERS, rows };
}
