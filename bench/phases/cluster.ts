/**
 * Orchestration overhead on the production engine: the `ingest` phase's method (Temporal, direct and
 * floor, rotated, medians) with the Temporal side on the official server with PostgreSQL persistence
 * and SQL visibility (scripts/temporal-cluster.sh, on ports, a role and databases of its own) instead
 * of the in-memory dev server. Starting it (and, the first time on a machine, building it) is not timed.
 */
import { startTemporalCluster } from '../../test/support/temporal-cluster.js';
import type { BenchContext } from '../context.js';
import { benchClient } from '../in-process.js';
import { compareSides } from './ingest.js';

export async function measureClusterIngest(ctx: BenchContext, runs: number) {
  const cluster = await startTemporalCluster('bench');
  ctx.atExit(cluster.stop);
  try {
    const client = await benchClient(cluster.address);
    try {
      const sides = await compareSides({ ...ctx, temporalAddress: cluster.address, client }, runs, 'cluster');
      await sides.stop();
      const { temporal, direct, floor } = sides.median;
      return {
        ingest_temporal_cluster_s: temporal,
        ingest_direct_cluster_s: direct,
        orchestration_overhead_cluster: temporal / direct,
        ingest_temporal_cluster_runs_s: sides.seconds.temporal,
        orchestration_floor_cluster_s: floor,
        orchestration_floor_cluster_runs_s: sides.seconds.floor,
      };
    } finally {
      await client.connection.close();
    }
  } finally {
    await cluster.stop();
  }
}
