/**
 * Incremental runs (issue 12, items 2 and 3), as ingestSeason uses them: which game dates a run
 * covers, and whose rosters it fetches. Deterministic; the reads are activities.
 *
 *   dates     { since?, until } → one league-wide request with DateFrom/DateTo; no `since`: from the
 *             season's watermark (domain/coverage.ts: the last game date up to which every game
 *             is loaded) minus one day of overlap, or from the season's start while there is none,
 *             so a hole before the loaded dates is loaded in the same request.
 *   rosters   'changed' → one playerindex request compared with the stored rosters, then only the
 *             teams whose players changed; 'all' → every team's roster (past seasons).
 */
import { log } from '@temporalio/workflow';
import {
  easternDate,
  formatGameDates,
  parseGameDatesInput,
  resolveGameDates,
  type GameDates,
  type GameDatesInput,
} from '../domain/game-dates.js';
import { ROSTER_MODES, type RosterMode } from '../domain/runs.js';
import { currentSeason, SeasonInputError } from '../domain/season.js';
import type { ChangedRostersSummary } from '../activities/types.js';
import { ownRequests } from './reset.js';

export interface IncrementInput {
  /** Only the games of these dates (GAME_DATE, US Eastern), both inclusive; no `since`: from the watermark. */
  dates?: GameDatesInput;
  /**
   * 'changed': rosters only of teams whose players changed (one playerindex request first); 'all':
   * every team's. Default: 'changed' for the season in progress (at the workflow's start), else 'all'.
   * Scheduled runs pass 'changed': their season is the current one at their nominal time.
   */
  rosters?: RosterMode;
  gamesBy?: string;
  teamIds?: number[];
  units?: unknown[];
}

/** Checks the increment's input (throws SeasonInputError naming the problem). */
export function validateIncrement(
  season: string,
  input: IncrementInput,
): { dates: GameDatesInput | undefined; rosters: RosterMode | undefined } {
  if (input.rosters !== undefined && !ROSTER_MODES.includes(input.rosters))
    throw new SeasonInputError(
      `rosters must be one of ${ROSTER_MODES.join(', ')}, got ${JSON.stringify(input.rosters)}`,
    );
  if (input.dates === undefined) return { dates: undefined, rosters: input.rosters };
  // An interval is one league-wide request: it has no per-team or per-unit form.
  if (input.gamesBy === 'team')
    throw new SeasonInputError("dates need the league-wide games: gamesBy 'team' cannot have dates");
  if (input.teamIds || input.units)
    throw new SeasonInputError('dates cover every team: they cannot be combined with teamIds or units');
  return { dates: parseGameDatesInput(season, input.dates), rosters: input.rosters };
}

/**
 * What a scheduled (league-wide) run asks for: its games up to the nominal time's US Eastern date
 * (GAME_DATE's calendar), from where the season's data ends; its rosters only where they changed
 * (its season is the current one at its nominal time by construction).
 */
export function scheduledIncrement(nominal: Date): { dates: GameDatesInput; rosters: RosterMode } {
  return { dates: { until: easternDate(nominal) }, rosters: 'changed' };
}

/** Whose rosters a full run fetches by default: the changed ones in the season in progress. */
export function defaultRosterMode(season: string, now: Date): RosterMode {
  return season === currentSeason(now) ? 'changed' : 'all';
}

/** The dates a run covers: `since` as given, else from the watermark read now (a local activity). */
export async function resolveRunDates(
  dates: GameDatesInput,
  readWatermark: () => Promise<string | null>,
): Promise<GameDates> {
  const watermark = dates.since === undefined ? await readWatermark() : null;
  const resolved = resolveGameDates(dates, watermark);
  log.info('interval run', { dates: formatGameDates(resolved), watermark });
  return resolved;
}

/**
 * The teams whose rosters to fetch, and the requests that took: those the comparison finds changed;
 * every team when it fails (a failed comparison costs requests, never data).
 */
export async function changedRosterTeams(
  teamIds: number[],
  compare: () => Promise<ChangedRostersSummary>,
  attemptsOf: (err: unknown) => number,
): Promise<{ teamIds: number[]; apiCalls: number }> {
  try {
    const summary = await compare();
    log.info('rosters compared with playerindex', { changed: summary.teamIds.length });
    return { teamIds: summary.teamIds, apiCalls: ownRequests(summary) };
  } catch (err) {
    log.warn('roster comparison failed: every roster is fetched', {
      error: err instanceof Error ? err.message : String(err),
    });
    return { teamIds, apiCalls: attemptsOf(err) };
  }
}
