/**
 * Data intervals of game dates (Airflow-style incremental runs). A game's date is its GAME_DATE, the
 * US Eastern calendar day the NBA files it under. Pure and deterministic: workflows import it.
 *
 *   input   { since?, until }   what a run is asked for; no `since` = from the season's watermark
 *   resolved GameDates          { from, to }: the dates the run's one league-wide request covers
 */
import { SeasonInputError, seasonStartYear } from './season.js';

/** The interval a run covers, both ends inclusive, 'YYYY-MM-DD'; `from: null` = from the season's start. */
export interface GameDates {
  from: string | null;
  to: string;
}

/** What a run is asked for: `since` absent = the season's watermark minus DATE_OVERLAP_DAYS. */
export interface GameDatesInput {
  since?: string;
  until: string;
}

/** Days before the watermark a run reloads: the NBA corrects stat lines a day or so after a game. */
export const DATE_OVERLAP_DAYS = 1;

/** The zone GAME_DATE is written in, and the one a schedule's nominal time is read in. */
export const GAME_DATE_TIME_ZONE = 'America/New_York';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date 'YYYY-MM-DD' (2024-02-30 is not), else undefined. */
export function calendarDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = ISO_DATE.exec(value);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value ? value : undefined;
}

/** 'YYYY-MM-DD' plus `days` (negative: earlier). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The dates a season's games can fall on: 1 July of its first year to 31 October of its second
 * (the 2020 bubble's finals ended on 11 October 2020; the 2020-21 season began on 22 December).
 */
export function seasonDateWindow(season: string): { first: string; last: string } {
  const start = seasonStartYear(season);
  return { first: `${start}-07-01`, last: `${start + 1}-10-31` };
}

/**
 * Checks a run's dates against its season: real dates, since ≤ until, both inside the season's
 * window. Throws SeasonInputError naming what is wrong (before the run writes anything).
 */
export function parseGameDatesInput(season: string, input: unknown): GameDatesInput {
  if (typeof input !== 'object' || input === null)
    throw new SeasonInputError(
      `dates must be an object like {"until":"2024-01-15"}, got ${JSON.stringify(input)}`,
    );
  const { since, until } = input as { since?: unknown; until?: unknown };
  const checked = (name: string, value: unknown): string => {
    const date = calendarDate(value);
    if (!date)
      throw new SeasonInputError(`${name} must be a date 'YYYY-MM-DD', got ${JSON.stringify(value)}`);
    const { first, last } = seasonDateWindow(season);
    if (date < first || date > last)
      throw new SeasonInputError(`${name} ${date} is outside season ${season} (${first} to ${last})`);
    return date;
  };
  const to = checked('until', until);
  if (since === undefined) return { until: to };
  const from = checked('since', since);
  if (from > to) throw new SeasonInputError(`since ${from} is after until ${to}`);
  return { since: from, until: to };
}

/**
 * The interval a run covers: `since` as given, else the day before the watermark (the last game
 * date up to which every game is loaded, domain/coverage.ts; one day of overlap for late
 * corrections), never after `until`; without a watermark (nothing loaded, or a hole at the season's
 * start), from the season's start: either way a hole before the loaded dates is in the interval.
 */
export function resolveGameDates(input: GameDatesInput, watermark: string | null): GameDates {
  if (input.since !== undefined) return { from: input.since, to: input.until };
  if (watermark === null) return { from: null, to: input.until };
  const from = addDays(watermark, -DATE_OVERLAP_DAYS);
  return { from: from < input.until ? from : input.until, to: input.until };
}

/** The US Eastern calendar date of an instant: a schedule's nominal time as a GAME_DATE. */
export function easternDate(instant: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: GAME_DATE_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** '2024-11-01' → '11/01/2024': the form stats.nba.com echoes for DateFrom/DateTo. */
export function toNbaDate(date: string): string {
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`not a date 'YYYY-MM-DD': ${date}`);
  return `${m[2]}/${m[3]}/${m[1]}`;
}

/** '11/01/2024' or '2024-11-01' → '2024-11-01'; '' → null; anything else → undefined. */
export function fromNbaDate(value: string): string | null | undefined {
  if (value === '') return null;
  const us = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  return calendarDate(us ? `${us[3]}-${us[1]}-${us[2]}` : value);
}

/**
 * The dates a league-wide request names in its DateFrom/DateTo parameters (a dead letter's params):
 * an interval, or undefined for the whole season (no DateTo).
 */
export function datesOfParams(params: Record<string, string>): GameDates | undefined {
  const to = fromNbaDate(params.DateTo ?? '');
  if (!to) return undefined;
  return { from: fromNbaDate(params.DateFrom ?? '') ?? null, to };
}

/**
 * Whether a load of `loaded` (undefined: the whole season) loaded every game `named` names
 * (undefined: the whole season): only then may it resolve the dead letter that names them.
 */
export function coversDates(loaded: GameDates | undefined, named: GameDates | undefined): boolean {
  if (!loaded) return true;
  if (!named) return false;
  const fromCovered = loaded.from === null || (named.from !== null && named.from >= loaded.from);
  return fromCovered && named.to <= loaded.to;
}

/** Whether two loads share a game date (undefined: the whole season, which shares every date). */
export function overlapsDates(a: GameDates | undefined, b: GameDates | undefined): boolean {
  if (!a || !b) return true;
  const startsBeforeEnd = (x: GameDates, y: GameDates) => x.from === null || x.from <= y.to;
  return startsBeforeEnd(a, b) && startsBeforeEnd(b, a);
}

/** For logs, the Web UI and the CLI: '2023-10-23..2023-11-02', '..2023-11-02' from the start. */
export function formatGameDates(dates: GameDates): string {
  return `${dates.from ?? ''}..${dates.to}`;
}
