/**
 * Where a season's backfill lands. scheduledIngest ingests currentSeason(nominal time), so one
 * firing of the schedule inside a season's dates runs that season once. The firing is found with
 * the server's own reading of the spec (ListScheduleMatchingTimes, injected here as `matchingTimes`),
 * preferring mid-January of the season's second year, deep in every regular season; the backfill
 * range is one second around it, which holds exactly that firing (the spec's resolution is a second).
 */
import { currentSeason, seasonStartYear } from '../../domain/season.js';
import { ScheduleInputError } from './options.js';

export interface TimeWindow {
  start: Date;
  end: Date;
}

/** The times the schedule's spec matches in a window (both ends inclusive), oldest first. */
export type MatchingTimes = (window: TimeWindow) => Promise<Date[]>;

export interface SeasonBackfill {
  season: string;
  /** The nominal time the action runs as: it maps to `season`. */
  firing: Date;
  range: TimeWindow;
}

const DAY_MS = 86_400_000;
const HALF_SECOND_MS = 500;

/** A season's dates as currentSeason() reads them: October 1 to September 30, UTC. */
export function seasonBounds(season: string): TimeWindow {
  const year = seasonStartYear(season);
  return { start: new Date(Date.UTC(year, 9, 1)), end: new Date(Date.UTC(year + 1, 9, 1) - 1) };
}

/** January 15 of the season's second year, 00:00 UTC: mid regular season in every season, lockouts included. */
export function seasonAnchor(season: string): Date {
  return new Date(Date.UTC(seasonStartYear(season) + 1, 0, 15));
}

/** Where to look for a firing, in order: the anchor day, the rest of the season, its start. */
export function seasonSearchWindows(season: string): TimeWindow[] {
  const bounds = seasonBounds(season);
  const anchor = seasonAnchor(season);
  const dayAfter = new Date(anchor.getTime() + DAY_MS);
  return [
    { start: anchor, end: dayAfter },
    { start: dayAfter, end: bounds.end },
    { start: bounds.start, end: new Date(anchor.getTime() - 1) },
  ];
}

/** One second centred on the firing: no other firing of a spec with one-second resolution fits. */
export function rangeAroundFiring(firing: Date): TimeWindow {
  return {
    start: new Date(firing.getTime() - HALF_SECOND_MS),
    end: new Date(firing.getTime() + HALF_SECOND_MS),
  };
}

export async function findSeasonFiring(
  season: string,
  matchingTimes: MatchingTimes,
): Promise<Date | undefined> {
  for (const window of seasonSearchWindows(season)) {
    const firing = (await matchingTimes(window)).find((t) => currentSeason(t) === season);
    if (firing) return firing;
  }
  return undefined;
}

/** One backfill range per season; a season in which the spec never fires is an error, before any backfill. */
export async function planSeasonBackfills(
  seasons: string[],
  matchingTimes: MatchingTimes,
): Promise<SeasonBackfill[]> {
  const plan: SeasonBackfill[] = [];
  for (const season of seasons) {
    const firing = await findSeasonFiring(season, matchingTimes);
    if (!firing) {
      throw new ScheduleInputError(
        `the schedule's spec never fires during season ${season} (${seasonBounds(season).start.toISOString().slice(0, 10)} to ` +
          `${seasonBounds(season).end.toISOString().slice(0, 10)}), so no backfill action can run that season; ` +
          'use `npm run ingest -- season` instead',
      );
    }
    plan.push({ season, firing, range: rangeAroundFiring(firing) });
  }
  return plan;
}

/** The id a schedule gives the workflow it starts for a nominal time: `<action workflow id>-<RFC 3339, seconds>`. */
export function scheduledWorkflowId(actionWorkflowId: string, nominal: Date): string {
  return `${actionWorkflowId}-${nominal.toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
}
