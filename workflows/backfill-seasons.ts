/**
 * backfillSeasons: one child ingestSeason per season (and season type), a few at a time.
 * Children keep the deterministic per-season workflow id, so a backfill never runs a season that a
 * schedule or a person is already running; such a season is reported as `already_running`.
 * The history stays small: it continues as new every SEASONS_PER_RUN seasons, carrying the summaries.
 */
import {
  ApplicationFailure,
  ChildWorkflowFailure,
  continueAsNew,
  defineQuery,
  executeChild,
  setHandler,
  setCurrentDetails,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  DEFAULT_SEASON_TYPE,
  formatSeasonSelection,
  parseSeasonType,
  seasonsOf,
  seasonWorkflowId,
  SeasonInputError,
  type SeasonType,
} from '../domain/season.js';
import { mapWithConcurrency } from './concurrency.js';
import {
  Breaker,
  BreakerInputError,
  breakerOptionsFrom,
  type BreakerSnapshot,
  type CooldownProgress,
} from './breaker.js';
import { BreakerHolder } from './shared-breaker.js';
import { probeNbaApi, resumeSignal } from './throttle-gate.js';
import { NBA_TEAM_IDS } from '../domain/team-ids.js';
import { runPriority } from '../domain/priority.js';
import type { GamesBy } from '../domain/runs.js';
import type { UpsertCounts } from '../domain/records.js';
import { ingestSeason, type IngestSeasonResult } from './ingest-season.js';

export interface BackfillInput {
  /** A range of seasons, from..to inclusive … */
  from?: string;
  to?: string;
  /** … or a list of seasons (e.g. the ones a data source has). */
  seasons?: string[];
  seasonTypes?: SeasonType[];
  /** Seasons ingested at once (default 2). */
  parallelism?: number;
  /** Passed to each season's run. */
  teamConcurrency?: number;
  /** Each season's games: one league-wide request (default) or one per team. */
  gamesBy?: GamesBy;
  /** Each season's players' lines (default true; see IngestSeasonInput). */
  playerGames?: boolean;
  /** The NBA API breaker all seasons share (see IngestSeasonInput): first cooldown, longest, trip threshold. */
  nbaCooldownMinS?: number;
  nbaCooldownMaxS?: number;
  nbaThrottleThreshold?: number;
  /** Carried across continue-as-new; not for callers. */
  done?: SeasonSummary[];
  /** How many times this backfill has continued as new so far; carried like `done`, not for callers. */
  continuedAsNew?: number;
  breaker?: BreakerSnapshot;
}

export interface SeasonSummary {
  season: string;
  seasonType: SeasonType;
  workflowId: string;
  status: IngestSeasonResult['status'] | 'already_running' | 'error';
  /** Games of the season in the database with both teams' stat rows, after the run. */
  games: number;
  teamGameStats: number;
  /** Player lines the run loaded or found unchanged (0 without the player-games unit). */
  playerGameStats: number;
  apiCalls: number;
  failures: number;
  error?: string;
}

export interface BackfillResult {
  seasons: SeasonSummary[];
  continuedAsNew: number;
  /** The shared NBA API breaker: cooldowns and seconds waited (this run's, after any continue-as-new). */
  breaker?: CooldownProgress;
}

export const backfillProgressQuery = defineQuery<{ total: number; done: SeasonSummary[] }>(
  'backfillProgress',
);

/** The breaker every child season reports to; its probe asks for the first season's first roster. */
function holdBreaker(
  input: BackfillInput,
  units: { season: string }[],
  publish: (note: string) => void,
): BreakerHolder {
  const breaker = new Breaker(breakerOptionsFrom(input), input.breaker);
  const holder = new BreakerHolder(breaker, {
    probe: () => probeNbaApi(units[0]!.season, NBA_TEAM_IDS[0]!),
    changed: () => publish(breaker.progress().note ?? ''),
  });
  setHandler(resumeSignal, () => holder.owned.resume());
  return holder;
}

/** Seasons per workflow run before continuing as new: ~10 events per season keeps each run far below limits. */
const SEASONS_PER_RUN = 10;

function plan(input: BackfillInput): { season: string; seasonType: SeasonType }[] {
  try {
    const types = (input.seasonTypes ?? [DEFAULT_SEASON_TYPE]).map(parseSeasonType);
    const seasons = seasonsOf(input, new Date());
    breakerOptionsFrom(input); // bad cooldowns fail here, before any child starts
    return seasons.flatMap((season) => types.map((seasonType) => ({ season, seasonType })));
  } catch (err) {
    if (err instanceof SeasonInputError || err instanceof BreakerInputError)
      throw ApplicationFailure.nonRetryable(err.message, 'InvalidSeasonInput');
    throw err;
  }
}

async function runSeason(
  unit: { season: string; seasonType: SeasonType },
  options: Pick<BackfillInput, 'teamConcurrency' | 'playerGames'> & { gamesBy: GamesBy },
  breakerHolder: string,
): Promise<SeasonSummary> {
  const { gamesBy, teamConcurrency, playerGames } = options;
  const workflowId = seasonWorkflowId(unit.season, unit.seasonType);
  const base = {
    ...unit,
    workflowId,
    games: 0,
    teamGameStats: 0,
    playerGameStats: 0,
    apiCalls: 0,
    failures: 0,
  };
  try {
    const result = await executeChild(ingestSeason, {
      workflowId,
      args: [
        {
          ...unit,
          trigger: 'backfill',
          gamesBy,
          ...(teamConcurrency ? { teamConcurrency } : {}),
          breakerHolder,
          ...(playerGames === false ? { playerGames } : {}),
        },
      ],
      staticSummary: `${unit.season} ${unit.seasonType} · backfill`,
      // Behind interactive and scheduled runs on every queue they share, whatever priority the backfill was started with.
      ...runPriority('backfill'),
    });
    const rows = (c: UpsertCounts | undefined) => (c ? c.inserted + c.updated + c.unchanged : 0);
    return {
      ...base,
      status: result.status,
      games: result.quality?.games ?? 0,
      teamGameStats: rows(result.counts.team_game_stats),
      playerGameStats: rows(result.counts.player_game_stats),
      apiCalls: result.apiCalls,
      failures: result.failures.length,
    };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { ...base, status: 'already_running' };
    const message =
      err instanceof ChildWorkflowFailure ? (err.cause?.message ?? err.message) : (err as Error).message;
    return { ...base, status: 'error', error: message };
  }
}

export async function backfillSeasons(input: BackfillInput): Promise<BackfillResult> {
  const units = plan(input);
  const done = [...(input.done ?? [])];
  const remaining = units.filter(
    (u) => !done.some((d) => d.season === u.season && d.seasonType === u.seasonType),
  );
  setHandler(backfillProgressQuery, () => ({ total: units.length, done }));
  const label = formatSeasonSelection(input);
  let breakerNote = '';
  const publish = (note?: string): void => {
    if (note !== undefined) breakerNote = note;
    setCurrentDetails(
      `backfill ${label}: ${done.length}/${units.length} seasons done${breakerNote ? `; ${breakerNote}` : ''}`,
    );
  };
  publish();

  // The children share this run's breaker: it waits out throttling for all.
  const holder = holdBreaker(input, units, publish);
  const thisRun = remaining.slice(0, SEASONS_PER_RUN);
  let seasonsDone = false;
  const supervising = holder.owned.supervise(() => seasonsDone);
  try {
    await mapWithConcurrency(thisRun, input.parallelism ?? 2, async (unit) => {
      const summary = await runSeason(
        unit,
        {
          gamesBy: input.gamesBy ?? 'league',
          teamConcurrency: input.teamConcurrency,
          playerGames: input.playerGames,
        },
        workflowInfo().workflowId,
      );
      holder.forget(summary.workflowId);
      done.push(summary);
      publish();
    });
  } finally {
    seasonsDone = true;
  }
  await supervising;

  if (remaining.length > thisRun.length) {
    await continueAsNew<typeof backfillSeasons>({
      ...input,
      done,
      continuedAsNew: (input.continuedAsNew ?? 0) + 1,
      breaker: holder.owned.breaker.snapshot(),
    });
  }
  const order = (s: SeasonSummary): string => `${s.season}|${s.seasonType}`;
  done.sort((a, b) => order(a).localeCompare(order(b)));
  return {
    breaker: holder.owned.breaker.progress(),
    seasons: done,
    continuedAsNew: input.continuedAsNew ?? 0,
  };
}
