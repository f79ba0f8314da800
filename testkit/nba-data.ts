import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.js';

/** The real NBA data: NBA_DATA_DIR, else ../shared/nba-data next to the repository. Read-only. */
export function nbaDataDir(): string {
  return process.env.NBA_DATA_DIR || path.resolve(repoRoot, '../shared/nba-data');
}

/** False on machines without the data; tests then skip with a message saying what they need. */
export function hasNbaData(): boolean {
  return existsSync(nbaDataDir());
}
