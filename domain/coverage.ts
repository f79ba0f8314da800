/**
 * Which dates of a season are loaded, and the watermark derived from them (issue 23). Pure and
 * deterministic: the workflow's activities, `ingest status` and the quality step share it.
 *
 * The schedule itself is not stored, so "every game dated on or before D is loaded" cannot be read
 * from the games. It is known from what the games requests covered: a games unit that loaded its
 * whole answer records the dates it asked for (db/coverage.ts, table covered_dates). A date with no
 * game inside a covered range is covered: the NBA answered that it had none.
 *
 *   covered   league-wide ranges ∪ the dates every one of the 30 teams' games units covered
 *   loaded    covered, minus the dates where a match lacks a stat row (its team's unit failed)
 *   holes     the dates not loaded between the season's first day and the last loaded date
 *   watermark the newest loaded game date of the range that starts at the season's first day
 */
import { addDays, easternDate, seasonDateWindow, type GameDates } from './game-dates.js';
import { NBA_TEAM_IDS } from './team-ids.js';

/** Dates 'YYYY-MM-DD', both ends inclusive. */
export interface DateRange {
  from: string;
  to: string;
}

/** A range one games unit covered: league-wide (teamId null) or one team's games. */
export interface CoveredRange extends DateRange {
  teamId: number | null;
}

/** A date with loaded matches: complete when each of them has both teams' stat rows. */
export interface LoadedGameDate {
  date: string;
  complete: boolean;
}

export interface SeasonLoad {
  /** The loaded date ranges, oldest first. */
  loaded: DateRange[];
  /** Dates not loaded before the last loaded one, oldest first (dates after it are the future's). */
  holes: DateRange[];
  /**
   * The last game date D such that every game of the season dated on or before D is loaded; null
   * when the season's first dates are not (nothing loaded yet, or a hole at the start).
   */
  watermark: string | null;
}

/** Ranges sorted and merged: overlapping or adjacent ranges become one. */
export function mergeRanges(ranges: readonly DateRange[]): DateRange[] {
  const sorted = [...ranges].sort((a, b) => a.from.localeCompare(b.from));
  const merged: DateRange[] = [];
  for (const r of sorted) {
    const last = merged.at(-1);
    if (last && r.from <= addDays(last.to, 1)) {
      if (r.to > last.to) last.to = r.to;
    } else merged.push({ from: r.from, to: r.to });
  }
  return merged;
}

/** The dates in both (each merged). */
export function intersectRanges(a: readonly DateRange[], b: readonly DateRange[]): DateRange[] {
  const out: DateRange[] = [];
  for (const x of mergeRanges(a))
    for (const y of mergeRanges(b)) {
      const from = x.from > y.from ? x.from : y.from;
      const to = x.to < y.to ? x.to : y.to;
      if (from <= to) out.push({ from, to });
    }
  return mergeRanges(out);
}

/** The ranges without the given dates (a range split around each). */
export function withoutDates(ranges: readonly DateRange[], dates: readonly string[]): DateRange[] {
  let out = mergeRanges(ranges);
  for (const date of dates)
    out = out.flatMap((r) =>
      date < r.from || date > r.to
        ? [r]
        : [
            ...(r.from < date ? [{ from: r.from, to: addDays(date, -1) }] : []),
            ...(date < r.to ? [{ from: addDays(date, 1), to: r.to }] : []),
          ],
    );
  return out;
}

/** League-wide ranges, plus the dates that every team's own games units covered. */
export function coveredDates(covered: readonly CoveredRange[], teamIds = NBA_TEAM_IDS): DateRange[] {
  const league = covered.filter((c) => c.teamId === null);
  const everyTeam = teamIds.reduce<DateRange[] | undefined>((common, teamId) => {
    const own = covered.filter((c) => c.teamId === teamId);
    return common === undefined ? mergeRanges(own) : intersectRanges(common, own);
  }, undefined);
  return mergeRanges([...league, ...(everyTeam ?? [])]);
}

/** The season's loaded ranges, its holes and its watermark (see the header). */
export function seasonLoad(
  season: string,
  covered: readonly CoveredRange[],
  gameDates: readonly LoadedGameDate[],
): SeasonLoad {
  const { first } = seasonDateWindow(season);
  const incomplete = gameDates.filter((g) => !g.complete).map((g) => g.date);
  const loaded = withoutDates(coveredDates(covered), incomplete);
  const holes: DateRange[] = [];
  let next = first;
  for (const r of loaded) {
    if (r.from > next) holes.push({ from: next, to: addDays(r.from, -1) });
    next = addDays(r.to, 1);
  }
  const fromStart = loaded[0]?.from === first ? loaded[0] : undefined;
  const watermark = fromStart
    ? (gameDates
        .filter((g) => g.complete && g.date <= fromStart.to)
        .map((g) => g.date)
        .sort()
        .at(-1) ?? null)
    : null;
  return { loaded, holes, watermark };
}

/**
 * The dates a games unit covered: those it asked for (none: the whole season), up to the day before
 * its answer was fetched (US Eastern), because a date still under way may have games yet to finish.
 * Undefined when it covered no whole date.
 */
export function coveredByRequest(
  season: string,
  dates: GameDates | undefined,
  fetchedAt: string,
): DateRange | undefined {
  const window = seasonDateWindow(season);
  const over = addDays(easternDate(new Date(fetchedAt)), -1);
  const from = dates?.from ?? window.first;
  const asked = dates?.to ?? window.last;
  const to = asked < over ? asked : over;
  return from <= to ? { from, to } : undefined;
}

/** A range as the CLI shows it: 'season' (all of it), '..2024-11-20' (from its start), 'A..B'. */
export function formatLoadedRange(season: string, range: DateRange): string {
  const { first, last } = seasonDateWindow(season);
  if (range.from === first && range.to === last) return 'season';
  return `${range.from === first ? '' : range.from}..${range.to}`;
}

/** A hole in words: 'nothing loaded before 2024-11-01', 'nothing loaded from 2024-11-11 to 2024-11-14'. */
export function describeHole(season: string, hole: DateRange, nothing = 'nothing'): string {
  if (hole.from === seasonDateWindow(season).first) return `${nothing} loaded before ${addDays(hole.to, 1)}`;
  if (hole.from === hole.to) return `${nothing} loaded on ${hole.from}`;
  return `${nothing} loaded from ${hole.from} to ${hole.to}`;
}
