/**
 * Seasons and season types as the NBA names them. Pure and deterministic (no clock, no I/O),
 * so workflows can import it; callers pass "now" explicitly.
 */
export const SEASON_TYPES = ['Regular Season', 'Playoffs', 'PlayIn'] as const;
export type SeasonType = (typeof SEASON_TYPES)[number];

/** GAME_ID prefix ('002…') per season type; the Cup final (006) and preseason (001) are never loaded. */
export const GAME_ID_PREFIX: Record<SeasonType, string> = {
  'Regular Season': '002',
  Playoffs: '004',
  PlayIn: '005',
};

/** Short slug used in workflow ids: ingest-season-2023-24-regular */
export const SEASON_TYPE_SLUG: Record<SeasonType, string> = {
  'Regular Season': 'regular',
  Playoffs: 'playoffs',
  PlayIn: 'playin',
};

export class SeasonInputError extends Error {
  override readonly name = 'SeasonInputError';
}

const SEASON_PATTERN = /^(\d{4})-(\d{2})$/;

/** First year of the season in progress (or last finished) on `now`: a season starts in October. */
export function currentSeasonStartYear(now: Date): number {
  const year = now.getUTCFullYear();
  return now.getUTCMonth() + 1 >= 10 ? year : year - 1;
}

export function seasonFromStartYear(startYear: number): string {
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

export function currentSeason(now: Date): string {
  return seasonFromStartYear(currentSeasonStartYear(now));
}

export function seasonStartYear(season: string): number {
  return Number(season.slice(0, 4));
}

/**
 * Validates 'YYYY-YY': the second part must be the year after the first, from 1946-47 (the BAA's
 * first season) up to the season in progress on `now`. Throws SeasonInputError naming the problem.
 */
export function parseSeason(input: unknown, now: Date): string {
  if (typeof input !== 'string') {
    throw new SeasonInputError(`season must be a string like '2023-24', got ${JSON.stringify(input)}`);
  }
  const match = SEASON_PATTERN.exec(input.trim());
  if (!match) {
    throw new SeasonInputError(`season '${input}' is not of the form 'YYYY-YY' (for example '2023-24')`);
  }
  const start = Number(match[1]);
  const end = Number(match[2]);
  if ((start + 1) % 100 !== end) {
    throw new SeasonInputError(
      `season '${input}' spans more than one year: after ${start} comes '${seasonFromStartYear(start)}'`,
    );
  }
  if (start < 1946) {
    throw new SeasonInputError(`season '${input}' is before the first NBA/BAA season (1946-47)`);
  }
  const current = currentSeasonStartYear(now);
  if (start > current) {
    throw new SeasonInputError(
      `season '${input}' has not started yet (the current season is ${seasonFromStartYear(current)})`,
    );
  }
  return input.trim();
}

export function parseSeasonType(input: unknown): SeasonType {
  if (input === undefined || input === null) return 'Regular Season';
  const found = SEASON_TYPES.find((t) => t === input);
  if (!found) {
    throw new SeasonInputError(
      `seasonType ${JSON.stringify(input)} is not one of ${SEASON_TYPES.map((t) => `'${t}'`).join(', ')}`,
    );
  }
  return found;
}

/** A season is complete once the next October has come (the playoffs ended before that). */
export function isSeasonComplete(season: string, now: Date): boolean {
  return seasonStartYear(season) < currentSeasonStartYear(now);
}

/** Deterministic workflow id per season and season type: a second start attaches instead of running twice. */
export function seasonWorkflowId(season: string, seasonType: SeasonType): string {
  return `ingest-season-${season}-${SEASON_TYPE_SLUG[seasonType]}`;
}
