/**
 * Seasons and season types as the NBA names them. Pure and deterministic (no clock, no I/O),
 * so workflows can import it; callers pass "now" explicitly.
 */
export const SEASON_TYPES = ['Regular Season', 'Playoffs', 'PlayIn'] as const;
export type SeasonType = (typeof SEASON_TYPES)[number];

/** The season type a run, a command or a schedule takes when none is given. */
export const DEFAULT_SEASON_TYPE: SeasonType = 'Regular Season';

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

/** 'YYYY-YY' unanchored, for patterns that hold a season inside other text (`games_2023-24.csv`). */
export const SEASON_GRAMMAR = '[0-9]{4}-[0-9]{2}';

/**
 * 'YYYY-YY' as a regular expression both JavaScript and PostgreSQL read alike (the check
 * constraints in db/schema.ts use this text); parseSeason adds what a pattern cannot say.
 */
export const SEASON_FORMAT = `^${SEASON_GRAMMAR}$`;
export const SEASON_PATTERN = new RegExp(SEASON_FORMAT);

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
  const season = input.trim();
  if (!SEASON_PATTERN.test(season)) {
    throw new SeasonInputError(`season '${input}' is not of the form 'YYYY-YY' (for example '2023-24')`);
  }
  const start = seasonStartYear(season);
  const end = Number(season.slice(5));
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
  return season;
}

/** Several seasons: a range `from..to` (inclusive) or a list. */
export type SeasonSelection = { from: string; to: string } | { seasons: string[] };

/**
 * '2015-16..2024-25' (a range) or '2019-20,2023-24' (a list), every season checked by parseSeason.
 * Throws SeasonInputError naming what was wrong.
 */
export function parseSeasonSelection(text: string, now: Date): SeasonSelection {
  const selection: SeasonSelection = text.includes('..')
    ? rangeOf(text)
    : { seasons: text.split(',').map((s) => parseSeason(s, now)) };
  seasonsOf(selection, now); // checks every season and the range's direction
  return selection;
}

function rangeOf(text: string): { from: string; to: string } {
  const [from, to, extra] = text.split('..');
  if (!from?.trim() || !to?.trim() || extra !== undefined) {
    throw new SeasonInputError(`'${text}' is not a range like 2015-16..2024-25`);
  }
  return { from: from.trim(), to: to.trim() };
}

/** '2015-16..2024-25' or '2019-20,2023-24': the text parseSeasonSelection reads. */
export function formatSeasonSelection(selection: LooseSeasonSelection): string {
  return selection.seasons ? selection.seasons.join(',') : `${selection.from}..${selection.to}`;
}

/** A selection as a workflow input carries it: either form, checked by seasonsOf. */
export interface LooseSeasonSelection {
  from?: string | undefined;
  to?: string | undefined;
  seasons?: string[] | undefined;
}

/**
 * The seasons a selection names, in order and each once. Takes the loose shape a workflow input has
 * (both forms optional) and throws SeasonInputError unless exactly one form is given and valid.
 */
export function seasonsOf(selection: LooseSeasonSelection, now: Date): string[] {
  if (selection.seasons) {
    if (selection.from || selection.to)
      throw new SeasonInputError('give either seasons or from..to, not both');
    if (selection.seasons.length === 0) throw new SeasonInputError('seasons is empty');
    return [...new Set(selection.seasons.map((s) => parseSeason(s, now)))].sort();
  }
  if (!selection.from || !selection.to) throw new SeasonInputError('give seasons, or both from and to');
  const from = seasonStartYear(parseSeason(selection.from, now));
  const to = seasonStartYear(parseSeason(selection.to, now));
  if (from > to)
    throw new SeasonInputError(`backfill range ${selection.from}..${selection.to} runs backwards`);
  return Array.from({ length: to - from + 1 }, (_, i) => seasonFromStartYear(from + i));
}

export function parseSeasonType(input: unknown): SeasonType {
  if (input === undefined || input === null) return DEFAULT_SEASON_TYPE;
  const found = SEASON_TYPES.find((t) => t === input);
  if (!found) {
    throw new SeasonInputError(
      `seasonType ${JSON.stringify(input)} is not one of ${SEASON_TYPES.map((t) => `'${t}'`).join(', ')}`,
    );
  }
  return found;
}

/** What people type for a season type on a command line, lower-cased; the NBA's own names work too. */
const SEASON_TYPE_ALIASES: Record<string, SeasonType> = {
  regular: 'Regular Season',
  'regular season': 'Regular Season',
  playoffs: 'Playoffs',
  playin: 'PlayIn',
  'play-in': 'PlayIn',
};

/**
 * A season type as a command line takes it: 'Regular Season' (or regular), 'Playoffs', 'PlayIn' (or
 * play-in), any case. Every command (`npm start`, `ingest`) reads it here; workflow inputs take the
 * NBA's names only (parseSeasonType).
 */
export function parseSeasonTypeArgument(text: string): SeasonType {
  return SEASON_TYPE_ALIASES[text.trim().toLowerCase()] ?? parseSeasonType(text);
}

/** A season is complete once the next October has come (the playoffs ended before that). */
export function isSeasonComplete(season: string, now: Date): boolean {
  return seasonStartYear(season) < currentSeasonStartYear(now);
}

/** Deterministic workflow id per season and season type: a second start attaches instead of running twice. */
export function seasonWorkflowId(season: string, seasonType: SeasonType): string {
  return `ingest-season-${season}-${SEASON_TYPE_SLUG[seasonType]}`;
}
