/**
 * `regular_season_records.csv` (SEASON,TEAM_ID,TEAM_ABBREVIATION,GP,W,L): every team's final
 * regular-season W-L per complete season, from NBA.com's leaguedashteamstats (independent of the game
 * rows). The replay server derives leaguestandingsv3 from it where no recording matches.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';

export const RECORDS_FILE = 'regular_season_records.csv';

export interface TeamSeasonRecord {
  teamId: number;
  abbreviation: string;
  wins: number;
  losses: number;
}

export type SeasonRecords = TeamSeasonRecord[];

export async function loadSeasonRecords(file: string): Promise<Map<string, SeasonRecords>> {
  const rows = parse<Record<string, string>>(await readFile(file, 'utf8'), {
    bom: true,
    columns: true,
    skip_empty_lines: true,
  });
  const bySeason = new Map<string, SeasonRecords>();
  for (const row of rows) {
    const record = {
      teamId: Number(row.TEAM_ID),
      abbreviation: row.TEAM_ABBREVIATION ?? '',
      wins: Number(row.W),
      losses: Number(row.L),
    };
    if (![record.teamId, record.wins, record.losses].every(Number.isInteger) || !row.SEASON)
      throw new Error(`replay: ${file}: not a records row: ${JSON.stringify(row)}`);
    bySeason.set(row.SEASON, [...(bySeason.get(row.SEASON) ?? []), record]);
  }
  return bySeason;
}
