import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.js';

/** The real NBA data: NBA_DATA_DIR, else ../shared/nba-data next to the repository. Read-only. */
export function nbaDataDir(): string {
  return path.resolve(process.env.NBA_DATA_DIR || path.join(repoRoot, '../shared/nba-data'));
}

/** CI=true (or 1): a missing service or data set is a failure there, never a skip. */
export function isCi(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1';
}

/**
 * Whether the data (or the given files inside it) is there. Without it, tests that need it skip with
 * a message, except under CI, where this throws: a CI run that skipped them would prove nothing.
 */
export function hasNbaData(...required: string[]): boolean {
  const files = required.length ? required.map((f) => path.join(nbaDataDir(), f)) : [nbaDataDir()];
  const missing = files.filter((file) => !existsSync(file));
  if (missing.length === 0) return true;
  const what = `real NBA data not found (${missing.join(', ')}; set NBA_DATA_DIR)`;
  if (isCi()) throw new Error(`${what}: CI=true runs every test that needs it, so this is a failure`);
  console.warn(`[nba data] ${what}: skipping the tests that need it`);
  return false;
}
