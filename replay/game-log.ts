/**
 * A recorded leaguegamelog (PlayerOrTeam=T, Regular Season, the whole season) as a season's games
 * table: its LeagueGameLog rows carry leaguegamefinder's columns plus VIDEO_AVAILABLE, which is
 * dropped. So the 2025-26 snapshot (1688 team rows up to 2026-02-21) answers 2025-26 leaguegamefinder.
 */
import { readFile } from 'node:fs/promises';
import { gameTable, type GameTable } from './games-csv.js';
import type { Recording } from './recordings.js';
import { SEASON_PATTERN } from '../domain/season.js';

const EXTRA_COLUMNS = new Set(['VIDEO_AVAILABLE']);

/** The season of a whole-season team game log of the regular season, else undefined. */
export function isSeasonGameLog(recording: Recording): string | undefined {
  if (recording.endpoint !== 'leaguegamelog') return undefined;
  const params = new Map(
    recording.key.split('&').map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at), pair.slice(at + 1)] as const;
    }),
  );
  const whole = !params.has('datefrom') && !params.has('dateto');
  const teams = params.get('playerorteam') === 'T' && params.get('seasontype') === 'Regular Season';
  const season = params.get('season');
  return whole && teams && season && SEASON_PATTERN.test(season) ? season : undefined;
}

export async function gameTableFromGameLog(season: string, file: string): Promise<GameTable> {
  const body = JSON.parse(await readFile(file, 'utf8')) as {
    resultSets?: { name: string; headers: string[]; rowSet: unknown[][] }[];
  };
  const set = body.resultSets?.find((s) => s.name === 'LeagueGameLog');
  if (!set) throw new Error(`replay: ${file} has no LeagueGameLog result set`);
  const kept = set.headers.flatMap((header, index) => (EXTRA_COLUMNS.has(header) ? [] : [index]));
  const headers = kept.map((index) => set.headers[index] as string);
  const dateIndex = headers.indexOf('GAME_DATE');
  const rows = set.rowSet
    .map((row) => kept.map((index) => row[index]))
    // leaguegamefinder lists the newest games first
    .sort((a, b) => String(b[dateIndex]).localeCompare(String(a[dateIndex])));
  return gameTable(season, headers, rows, `replay: ${file}`);
}
