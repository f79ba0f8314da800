/**
 * The real NBA data (test/support/nba-data.ts locates it) as the NBA tests read it. Tests that need
 * it use `describe.skipIf(!hasNbaData())`: a skip with a message locally, a failure under CI.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import got, { type Response } from 'got';
import { nbaDataDir } from './nba-data.js';
import { repoRoot } from './paths.js';

export const REPO_ROOT = repoRoot;
export const SHARED_DATA_DIR = nbaDataDir();
export const REPLAY_FIXTURE_DIR = path.join(REPO_ROOT, 'test/fixtures/nba/replay-data');

export const sharedPath = (...parts: string[]) => path.join(SHARED_DATA_DIR, ...parts);

export function readSharedJson<T = unknown>(...parts: string[]): T {
  return JSON.parse(readFileSync(sharedPath(...parts), 'utf8')) as T;
}

/** The raw bytes a server sends for `url` to a client that accepts gzip (undecoded: compare them). */
export function fetchGzipped(url: string): Promise<Response<Uint8Array>> {
  return got(url, {
    responseType: 'buffer',
    decompress: false,
    headers: { 'accept-encoding': 'gzip' },
    retry: { limit: 0 },
  });
}

export const SEASONS = ['2011-12', '2012-13', '2017-18', '2019-20', '2020-21', '2023-24', '2024-25'] as const;

export const EXPECTED_GAMES: Record<(typeof SEASONS)[number], number> = {
  '2011-12': 990,
  '2012-13': 1229,
  '2017-18': 1230,
  '2019-20': 1059,
  '2020-21': 1080,
  '2023-24': 1230,
  '2024-25': 1230,
};

/** `SEASON,TEAM_ID,TEAM_ABBREVIATION,GP,W,L` → season → teamId → {w, l} */
export function readRecords(): Map<string, Map<number, { w: number; l: number }>> {
  const lines = readFileSync(
    sharedPath('llimllib-nba_data-team-records', 'regular_season_records.csv'),
    'utf8',
  )
    .trim()
    .split(/\r?\n/);
  const header = (lines[0] ?? '').split(',');
  const col = (name: string) => header.indexOf(name);
  const records = new Map<string, Map<number, { w: number; l: number }>>();
  for (const line of lines.slice(1)) {
    const cells = line.split(',').map((cell) => cell.trim());
    const season = cells[col('SEASON')] as string;
    if (!records.has(season)) records.set(season, new Map());
    records
      .get(season)
      ?.set(Number(cells[col('TEAM_ID')]), { w: Number(cells[col('W')]), l: Number(cells[col('L')]) });
  }
  return records;
}

/** Runs `task` over `items` with at most `limit` in flight. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
