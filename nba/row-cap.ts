/**
 * stats.nba.com may cap how many rows one answer holds (a season of player lines is ~26,000 rows).
 * An answer that reaches the cap is taken as cut off: the same question is asked again for each
 * half of its date range, and again for a half whose answer reaches the cap, down to single days.
 * Pure: safe for workflows and activities alike.
 */
import { addDays, seasonDateWindow, type GameDates } from '../domain/game-dates.js';
import { nbaFailure } from './errors.js';

/** The most rows one leaguegamefinder answer is trusted to hold in full. */
export const LEAGUE_GAME_FINDER_ROW_CAP = 30_000;

/** Both ends inclusive, 'YYYY-MM-DD'. */
export interface DateRange {
  from: string;
  to: string;
}

/** True when an answer of `rows` rows may have been cut off at `cap`. */
export function reachedRowCap(rows: number, cap: number = LEAGUE_GAME_FINDER_ROW_CAP): boolean {
  return rows >= cap;
}

/**
 * The dates a request covers, bounded on both ends: an open start (or no dates: the whole season)
 * begins at the first date of the season's window (domain/game-dates.ts), no end ends at its last.
 */
export function requestedDateRange(season: string, dates?: GameDates): DateRange {
  const window = seasonDateWindow(season);
  return { from: dates?.from ?? window.first, to: dates?.to ?? window.last };
}

/**
 * What is left to ask after an answer for `range`: nothing when it did not hit the cap, else the
 * two halves of the range (the first half takes the middle day), each to be asked and checked the
 * same way. A single day that hits the cap cannot be split: NbaResponseInvalid, no retry helps.
 */
export function rangesToAskAgain(range: DateRange, hitCap: boolean): DateRange[] {
  if (!hitCap) return [];
  const days = Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000) + 1;
  if (!(days >= 2)) {
    throw nbaFailure(
      'NbaResponseInvalid',
      { endpoint: 'leaguegamefinder', params: { DateFrom: range.from, DateTo: range.to } },
      `one day's answer reached the row cap: it cannot be split into smaller date ranges`,
    );
  }
  const firstHalfEnd = addDays(range.from, Math.ceil(days / 2) - 1);
  return [
    { from: range.from, to: firstHalfEnd },
    { from: addDays(firstHalfEnd, 1), to: range.to },
  ];
}
