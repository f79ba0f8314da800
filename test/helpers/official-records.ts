/** The official final W-L per team and season (llimllib-nba_data-team-records), for correctness checks. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface OfficialRecord {
  season: string;
  teamId: number;
  wins: number;
  losses: number;
}

export function readOfficialRecords(nbaDataDir: string, season: string): Map<number, OfficialRecord> {
  const file = path.join(nbaDataDir, 'llimllib-nba_data-team-records', 'regular_season_records.csv');
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const columns = (header ?? '').split(',');
  const at = (name: string): number => columns.indexOf(name);
  const records = new Map<number, OfficialRecord>();
  for (const line of lines) {
    const cells = line.split(',');
    if (cells[at('SEASON')] !== season) continue;
    const teamId = Number(cells[at('TEAM_ID')]);
    records.set(teamId, { season, teamId, wins: Number(cells[at('W')]), losses: Number(cells[at('L')]) });
  }
  return records;
}
