/**
 * `pacing` (issue 22, item 3): a per-team backfill of three shared seasons, started at 10 requests/s,
 * against the replay server's `budget` (more than 20 answers in any 10 s cut the API off for 30 s: 2
 * requests/s sustainable, a time-scaled model of stats.nba.com's unpublished limit), through the real
 * worker process, twice: paced (NBA_PACING=adaptive: each trip halves the fleet's rate, clean stretches
 * raise it) and at a fixed 10/s. The paced run's floor is what a run that knew the limit would take:
 * requests ÷ 2/s plus the cutoff seconds it met. Both runs' request times are kept for the timeline
 * picture (bench/pacing-chart.ts).
 */
import type { FaultRule } from '../../replay/faults.js';
import { expectedRegularSeasonGames } from '../../quality/expectations.js';
import type { BenchContext } from '../context.js';
import { runBackfill } from './backfill.js';

const BUDGET = {
  kind: 'budget',
  requests: 20,
  window: 10,
  cutoff: 30,
  mode: 'hang',
} as const satisfies FaultRule;
const SUSTAINABLE_PER_SEC = BUDGET.requests / BUDGET.window;
const START_RATE_PER_SEC = 10;
const SEASONS = ['2017-18', '2023-24', '2024-25'];
/** The breaker's first cooldown outlasts a cutoff, so that its probe finds the API answering. */
const COOLDOWNS = { nbaCooldownMinS: BUDGET.cutoff, nbaCooldownMaxS: 4 * BUDGET.cutoff };

async function backfillUnderBudget(ctx: BenchContext, pacing: 'adaptive' | 'fixed') {
  ctx.replay.setFaults([BUDGET]);
  try {
    const run = await runBackfill(ctx, {
      label: `pacing_${pacing}`,
      ratePerSecond: START_RATE_PER_SEC,
      seasons: SEASONS,
      workerEnv: { NBA_TIMEOUT_MS: '2000', NBA_PACING: pacing },
      input: { gamesBy: 'team', ...COOLDOWNS },
    });
    // Complete and exact: every season's games, both stat rows of each, nothing dead-lettered.
    const wrong = run.result.seasons.filter(
      (s) =>
        s.status !== 'completed' ||
        s.failures > 0 ||
        s.games !== expectedRegularSeasonGames(s.season) ||
        s.teamGameStats !== 2 * s.games,
    );
    if (wrong.length > 0) throw new Error(`pacing ${pacing}: seasons incomplete: ${JSON.stringify(wrong)}`);
    const { log, total, cutoffs } = run.requests;
    const cutoffsHit = Object.keys(cutoffs.perCutoff).length;
    const start = Math.min(...log.map((r) => r.t));
    const at = (t: number): number => Math.round((t - start) / 100) / 10;
    ctx.log(`pacing ${pacing}: ${total} requests, ${cutoffsHit} cutoffs, ${run.seconds.toFixed(1)} s`);
    return {
      seconds: run.seconds,
      requests: total,
      cutoffs: cutoffsHit,
      floor: total / SUSTAINABLE_PER_SEC + cutoffsHit * BUDGET.cutoff,
      timeline: {
        answered: log.filter((r) => r.cutoff === undefined && r.status === 200).map((r) => at(r.t)),
        cut: log.filter((r) => r.cutoff !== undefined).map((r) => at(r.t)),
      },
    };
  } finally {
    ctx.replay.clearFaults();
  }
}

export async function measurePacing(ctx: BenchContext) {
  const paced = await backfillUnderBudget(ctx, 'adaptive');
  const fixed = await backfillUnderBudget(ctx, 'fixed');
  return {
    paced_backfill_requests: paced.requests,
    paced_backfill_cutoffs: paced.cutoffs,
    paced_backfill_s: paced.seconds,
    paced_backfill_floor_s: paced.floor,
    paced_backfill_ratio: paced.seconds / paced.floor,
    fixed_backfill_requests: fixed.requests,
    fixed_backfill_cutoffs: fixed.cutoffs,
    fixed_backfill_s: fixed.seconds,
    pacing_timeline: { paced: paced.timeline, fixed: fixed.timeline },
  };
}
