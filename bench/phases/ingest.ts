/**
 * Orchestration overhead: one real season (2023-24) through Temporal (the pipeline's workers in this
 * process and the dev server), through the same activity functions called directly, and through
 * Temporal with activities that return at once (the floor: what Temporal itself costs per season),
 * rotating which side goes first; then Temporal and direct again with every API answer 100 ms late.
 * Each run writes into a fresh database; one untimed warm-up per side first.
 */
import type { Database } from '../../db/client.js';
import { median, timed } from '../clock.js';
import {
  expectCompleted,
  HIGH_RATE_PER_SEC,
  SEASON,
  startWorkers,
  TEAM_CONCURRENCY,
  type BenchContext,
} from '../context.js';
import { ingestDirect } from '../direct-ingest.js';
import { directActivities } from '../in-process.js';
import { noopActivities } from '../noop-activities.js';

/** Added to every API answer in the latency comparison (stats.nba.com takes longer than this). */
const API_LATENCY_MS = 100;
const API_LATENCY_RUNS = 3;
type Side = 'direct' | 'temporal' | 'floor';
type TimeSide = (side: Side, run: string) => Promise<number>;

/** Timed runs of the three sides, rotated (one untimed warm-up each first), in fresh databases. */
export async function compareSides(
  ctx: BenchContext,
  runs: number,
  label: string,
): Promise<{
  seconds: Record<Side, number[]>;
  median: Record<Side, number>;
  time: TimeSide;
  stop(): Promise<void>;
}> {
  const input = { season: SEASON, teamConcurrency: TEAM_CONCURRENCY };
  // What the direct side does: games, rosters and standings; the players' lines are the `players` phase's.
  const seasonRun = { ...input, playerGames: false };
  const workers = await startWorkers(ctx, HIGH_RATE_PER_SEC);
  const floorWorkers = await startWorkers(ctx, HIGH_RATE_PER_SEC, noopActivities());
  const stop = async (): Promise<void> => {
    await floorWorkers.stop();
    await workers.stop();
  };
  const sides: Record<Side, (database: Database) => Promise<{ status: string }>> = {
    direct: (database: Database) => ingestDirect(directActivities(ctx.replay.url, database), input),
    temporal: (database: Database) => {
      workers.use(database);
      return workers.ingest(seasonRun);
    },
    floor: () => floorWorkers.ingest(seasonRun),
  };
  const order = Object.keys(sides) as Side[];
  const time: TimeSide = async (side, run) => {
    const database = await ctx.database(`${label}${side}${run}`);
    try {
      const { seconds, result } = await timed(() => sides[side](database));
      expectCompleted(`${label} ${side} ${run}`, result);
      ctx.log(`${label}: ${side} ${run} ${seconds.toFixed(2)} s`);
      return seconds;
    } finally {
      await database.close();
    }
  };
  try {
    for (const side of order) await time(side, 'warmup');
    const seconds: Record<Side, number[]> = { direct: [], temporal: [], floor: [] };
    for (let i = 0; i < runs; i++) {
      // Rotated, so that a drift in the machine's load hits every side alike.
      for (let k = 0; k < order.length; k++) {
        const side = order[(i + k) % order.length]!;
        seconds[side].push(await time(side, String(i)));
      }
    }
    const medians = {
      direct: median(seconds.direct),
      temporal: median(seconds.temporal),
      floor: median(seconds.floor),
    };
    return { seconds, median: medians, time, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function measureIngest(ctx: BenchContext, runs: number) {
  const sides = await compareSides(ctx, runs, 'ingest');
  try {
    const latency: Record<'direct' | 'temporal', number[]> = { direct: [], temporal: [] };
    ctx.replay.setFaults([{ kind: 'latency', latencyMs: API_LATENCY_MS }]);
    try {
      for (let i = 0; i < API_LATENCY_RUNS; i++) {
        latency.temporal.push(await sides.time('temporal', `latency${i}`));
        latency.direct.push(await sides.time('direct', `latency${i}`));
      }
    } finally {
      ctx.replay.clearFaults();
    }

    const { temporal, direct, floor } = sides.median;
    const [temporalLate, directLate] = [median(latency.temporal), median(latency.direct)];
    return {
      ingest_runs: runs,
      ingest_temporal_s: temporal,
      ingest_direct_s: direct,
      orchestration_overhead: temporal / direct,
      orchestration_overhead_s: temporal - direct,
      ingest_temporal_runs_s: sides.seconds.temporal,
      ingest_direct_runs_s: sides.seconds.direct,
      orchestration_floor_s: floor,
      orchestration_floor_runs_s: sides.seconds.floor,
      orchestration_overhead_floor: (direct + floor) / direct,
      orchestration_overhead_beyond_floor_s: temporal - direct - floor,
      api_latency_ms: API_LATENCY_MS,
      ingest_temporal_api_latency_s: temporalLate,
      ingest_direct_api_latency_s: directLate,
      orchestration_overhead_api_latency: temporalLate / directLate,
    };
  } finally {
    await sides.stop();
  }
}
