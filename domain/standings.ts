/**
 * Standings reconciliation, the pure part: when a run's loaded games should equal NBA.com's standings,
 * what `--as-of` may say, and the verdict a run records. Standings describe one moment, so a run is held
 * to them only when its games reach that moment. Pure and deterministic: workflows import it.
 */
import { calendarDate, easternDate } from './game-dates.js';
import { currentSeason, isSeasonComplete, type SeasonType } from './season.js';

/** One team's record in NBA.com's standings (leaguestandingsv3 WINS / LOSSES). */
export interface StandingsRecord {
  teamId: number;
  wins: number;
  losses: number;
}

/** A team whose W-L counted from the loaded games differs from NBA.com's. */
export interface StandingsMismatch {
  teamId: number;
  /** 'CLE' */
  team: string;
  /** '35-23': counted from the loaded games up to the moment */
  loaded: string;
  /** '34-24': NBA.com's standings */
  official: string;
}

/**
 * What a run records (ingestion_runs.quality.standings; `ingest status` shows true / false / null):
 * reconciled or mismatched at a moment, or why it was not held to the standings.
 */
export type StandingsVerdict =
  | { status: 'reconciled'; asOf: string; teams: number }
  | { status: 'mismatch'; asOf: string; teams: number; mismatches: StandingsMismatch[] }
  /** Not held to them: another season type, a partial run, an interval ending before the moment. */
  | { status: 'not_applicable'; reason: string }
  /** Held to them, but the standings could not be obtained (the request failed after its retries). */
  | { status: 'unavailable'; reason: string };

/** true / false where reconciled or not, null where not applicable or unavailable. */
export function standingsReconciled(verdict: StandingsVerdict | undefined): boolean | null {
  if (verdict?.status === 'reconciled') return true;
  if (verdict?.status === 'mismatch') return false;
  return null;
}

/** One line for people (the run's summary, the Web UI's details). */
export function describeStandings(verdict: StandingsVerdict): string {
  switch (verdict.status) {
    case 'reconciled':
      return `reconciled with NBA.com as of ${verdict.asOf} (${verdict.teams} teams)`;
    case 'mismatch':
      return `differ from NBA.com as of ${verdict.asOf}: ${verdict.mismatches
        .map((m) => `${m.team} ${m.loaded} loaded, ${m.official} on NBA.com`)
        .join('; ')}`;
    case 'not_applicable':
      return `not applicable: ${verdict.reason}`;
    case 'unavailable':
      return `unavailable: ${verdict.reason}`;
  }
}

/** The decision for one run: reconcile at `asOf` (games with GAME_DATE ≤ asOf count), or why not. */
export type StandingsScope = { reconcile: true; asOf: string } | { reconcile: false; reason: string };

/** What the quality step gets from the workflow: the standings fetched, or why there are none. */
export type StandingsInput =
  | { status: 'fetched'; asOf: string; records: StandingsRecord[] }
  | Extract<StandingsVerdict, { status: 'not_applicable' | 'unavailable' }>;

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A moment within the day 'YYYY-MM-DD' (noon UTC: that same day in every US time zone). */
export function momentOf(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}

export class AsOfInputError extends Error {
  override readonly name = 'AsOfInputError';
}

/**
 * `asOf`, the moment a run stands for: a real day 'YYYY-MM-DD' (US Eastern, like GAME_DATE) of the
 * season (October to September, as seasons are counted here) and not after today. Throws
 * AsOfInputError naming the problem.
 */
export function parseAsOf(input: unknown, season: string, now: Date): string {
  if (typeof input !== 'string' || !DATE_PATTERN.test(input.trim()))
    throw new AsOfInputError(`asOf must be a date 'YYYY-MM-DD', got ${JSON.stringify(input)}`);
  const asOf = input.trim();
  if (calendarDate(asOf) === undefined) throw new AsOfInputError(`asOf '${asOf}' is not a calendar day`);
  const noon = momentOf(asOf);
  if (currentSeason(noon) !== season) {
    const start = Number(season.slice(0, 4));
    throw new AsOfInputError(
      `asOf ${asOf} is not a day of season ${season} (${start}-10-01 … ${start + 1}-09-30)`,
    );
  }
  const today = easternDate(now);
  if (asOf > today) throw new AsOfInputError(`asOf ${asOf} is in the future (today is ${today})`);
  return asOf;
}

/**
 * The day a run's standings are reconciled at and labelled with. A season complete at `asOf` has
 * final standings: they stand for its last regular-season day, which the data give as the latest
 * GAME_DATE of its loaded regular-season games (no table of season end dates to keep: 2019-20's
 * bubble ended on 2020-08-14, 2020-21 on 2021-05-16). Counting the games up to that day or up to
 * `asOf` is the same count; only the label changes. A season in progress: `asOf` itself.
 */
export function standingsMoment(season: string, asOf: string, lastLoadedGameDay: string | undefined): string {
  if (lastLoadedGameDay === undefined || !isSeasonComplete(season, momentOf(asOf))) return asOf;
  return lastLoadedGameDay < asOf ? lastLoadedGameDay : asOf;
}

/**
 * Whether this run is held to the standings. The moment is `asOf` when the run was told it, else today
 * (US Eastern); for a complete season the quality step turns it into the season's last regular-season
 * day (standingsMoment). A season in progress is reconciled at the moment its games were fetched. Not
 * held: other season types (standings are the regular season's), a partial run (some teams, a
 * redrive), a run whose interval ends before the moment, and an interval run of a complete season
 * (its last day is known from the loaded games only: a run over the whole season reconciles it).
 */
export function standingsScope(run: {
  season: string;
  seasonType: SeasonType;
  /** The run loads every team's games (no teamIds, no units). */
  fullScope: boolean;
  asOf?: string | undefined;
  /** Last day of the run's interval, for runs over an interval; undefined: the season to date. */
  intervalEnd?: string | undefined;
  now: Date;
}): StandingsScope {
  if (run.seasonType !== 'Regular Season')
    return { reconcile: false, reason: `standings are the regular season's, not the ${run.seasonType}'s` };
  if (!run.fullScope)
    return { reconcile: false, reason: 'a partial run (some teams or units) does not load every game' };
  const asOf = run.asOf ?? easternDate(run.now);
  if (run.intervalEnd !== undefined && isSeasonComplete(run.season, momentOf(asOf)))
    return {
      reconcile: false,
      reason: `an interval run of the complete season ${run.season}: a run over the whole season reconciles its final standings`,
    };
  if (run.intervalEnd !== undefined && run.intervalEnd < asOf)
    return {
      reconcile: false,
      reason: `the run's interval ends ${run.intervalEnd}, before the standings' moment ${asOf}`,
    };
  return { reconcile: true, asOf };
}
