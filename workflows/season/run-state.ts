/**
 * A season run's state, in one object: its progress (the `progress` query), what it publishes (the
 * Web UI's current details and the NbaRunStatus search attribute), and the rows and requests it
 * counts. Phases report to it; it never calls an activity.
 */
import { setCurrentDetails, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { RunOrigin } from '../../activities/run-origin.js';
import type { LiveRunStatus, RunRef, TeamsLoaded, UnitRef } from '../../activities/types.js';
import { runCounts, tallyUnit, type RowTally } from '../../domain/row-outcomes.js';
import type { RunTally } from '../../domain/run-status.js';
import { isGamesUnit } from '../../domain/run-status.js';
import { NbaRunStatus, NbaSeason, NbaSeasonType } from '../../domain/search-attributes.js';
import type { CooldownProgress } from '../breaker.js';
import { describeFailure } from '../failures.js';
import { progressQuery } from '../progress-query.js';
import { renderDetails, type IngestProgress, type Phase, type TeamFailure } from '../progress.js';
import { isOwnWork } from '../reset.js';
import { advanceProgress, type UnitSummary } from './units.js';

export class RunState {
  readonly progress: IngestProgress;
  /** Rows each once (domain/row-outcomes.ts): units' counts summed, shared tables' rows merged. */
  private tally: RowTally = { summed: {}, touched: {} };
  /** What the run's data stands on, its reset's inherited results included: the quality step's view. */
  private seen: RowTally = { summed: {}, touched: {} };
  private readonly failedTeams = new Set<number>();

  constructor(
    readonly run: RunRef,
    teams: number,
    /** A backfill child's cooldowns are the backfill's, not its own. */
    private readonly breakerHeldElsewhere: boolean,
  ) {
    this.progress = {
      season: run.season,
      seasonType: run.seasonType,
      phase: 'teams',
      status: 'running',
      teams: { total: teams, gamesDone: 0, rostersDone: 0, failed: 0 },
      counts: {},
      apiCalls: 0,
      failures: [],
    };
    setHandler(progressQuery, () => this.progress);
    upsertSearchAttributes([
      { key: NbaSeason, value: run.season },
      { key: NbaSeasonType, value: run.seasonType },
    ]);
    this.setStatus('running');
    this.publish();
  }

  publish(): void {
    setCurrentDetails(renderDetails(this.progress));
  }

  setStatus(status: LiveRunStatus): void {
    this.progress.status = status;
    upsertSearchAttributes([{ key: NbaRunStatus, value: status }]);
  }

  enter(phase: Phase): void {
    this.progress.phase = phase;
  }

  opened(origin: Pick<RunOrigin, 'startedBy'> | undefined): void {
    if (origin?.startedBy) this.progress.startedBy = origin.startedBy;
  }

  teamsLoaded(teams: TeamsLoaded): void {
    this.tally = { summed: isOwnWork(teams) ? teams.counts : {}, touched: {} };
    this.seen = { summed: teams.counts, touched: {} };
    this.progress.counts = this.tally.summed;
    this.publish();
  }

  /** Requests the run sent (a reset run's inherited results sent none of its own). */
  spent(requests: number): void {
    this.progress.apiCalls += requests;
  }

  unitDone(summary: UnitSummary): UnitSummary {
    this.seen = tallyUnit(this.seen, summary);
    if (isOwnWork(summary)) {
      this.tally = tallyUnit(this.tally, summary);
      this.progress.counts = runCounts(this.tally);
      this.spent(summary.apiCalls);
    }
    advanceProgress(this.progress, summary);
    return summary;
  }

  /** A unit that failed after its retries: it counts against its team and the run. */
  unitFailed(ref: UnitRef, err: unknown): TeamFailure {
    const failure: TeamFailure = { ...ref, ...describeFailure(err) };
    this.progress.failures.push(failure);
    if (ref.teamId !== undefined) this.failedTeams.add(ref.teamId);
    this.progress.teams.failed = this.failedTeams.size;
    return failure;
  }

  breakerChanged(view: CooldownProgress): void {
    this.progress.breaker = view;
    this.setStatus(view.state === 'open' ? 'cooling_down' : 'running');
    this.publish();
  }

  /** Every row the run's data stands on, for the quality checks. */
  seenCounts(): IngestProgress['counts'] {
    return runCounts(this.seen);
  }

  /** What the final-status rule (domain/run-status.ts) decides on. */
  verdictTally(gamesUnits: number, anomalies: number): RunTally {
    const { failures, teams } = this.progress;
    return {
      games: { units: gamesUnits, failed: failures.filter(isGamesUnit).length },
      teams: { total: teams.total, failed: this.failedTeams.size },
      failures: failures.length,
      anomalies,
    };
  }

  /** The run record's figures when it closes. */
  closing(): {
    counts: IngestProgress['counts'];
    apiCalls: number;
    cooldowns?: number;
    cooldownSeconds?: number;
  } {
    const { counts, apiCalls, breaker } = this.progress;
    const cooldowns =
      breaker && !this.breakerHeldElsewhere
        ? { cooldowns: breaker.cooldowns, cooldownSeconds: breaker.cooldownSeconds }
        : {};
    return { counts, apiCalls, ...cooldowns };
  }
}
