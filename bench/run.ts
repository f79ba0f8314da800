/**
 * `npm run bench [-- --json]`: the pipeline's performance figures (method: bench/README.md). Starts
 * its own Temporal dev server, replay server and scratch databases, runs the phases one after
 * another and removes everything it started. A full run writes bench/results/<UTC time>.json and
 * regenerates the figures in bench/README.md (`--report` only regenerates them). Progress goes to
 * stderr, the figures to stdout.
 */
import os from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createDatabase } from '../db/client.js';
import { nodeRuntimeLine } from '../lib/node-runtime.js';
import { createScratchDatabase } from '../test/support/postgres.js';
import { timed } from './clock.js';
import type { BenchContext } from './context.js';
import { benchClient } from './in-process.js';
import { measureBackfill, measureThrottledBackfill } from './phases/backfill.js';
import { measureClusterIngest } from './phases/cluster.js';
import { measureDaily } from './phases/daily.js';
import { measureHistory } from './phases/history.js';
import { measureIngest } from './phases/ingest.js';
import { measurePacing } from './phases/pacing.js';
import { measurePriority } from './phases/priority.js';
import { measureRateLimit } from './phases/rate-limit.js';
import { measureUpsertCopy } from './phases/upsert-copy.js';
import { measurePlayerRows } from './phases/player-rows.js';
import { figuresTable, finish, updateReadme, writeResult, type Figures } from './report.js';
import { startServices } from './services.js';

const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new InvalidArgumentError(`expected a positive integer, got '${value}'`);
  return n;
};
const opts = new Command('bench')
  .description('nba-ingest benchmark (method and latest figures: bench/README.md)')
  .option('--json', 'print the figures as one JSON line instead of a table')
  .option('--report', 'only regenerate the figures in bench/README.md from the latest result')
  .option('--runs <n>', 'timed runs per side of the orchestration overhead (median)', positiveInt, 5)
  .option('--rate <n>', 'NBA requests/s of the rate-limited run (the pipeline default: 1)', positiveInt, 1)
  .option('--rows <n>', 'team_game_stats rows of upsert vs COPY', positiveInt, 500_000)
  .option(
    '--only <phases>',
    'run only these phases (ingest,cluster,rate,backfill,throttled,upsert,players,daily,history,priority,pacing); result in bench/results/partial',
    (v) => v.split(','),
  )
  .parse()
  .opts<{ json?: boolean; report?: boolean; runs: number; rate: number; rows: number; only?: string[] }>();

/** Each phase returns its figures; a new figure is a new field of its phase's result. */
const PHASES: Record<string, (ctx: BenchContext) => Promise<Figures>> = {
  ingest: (ctx) => measureIngest(ctx, opts.runs),
  cluster: (ctx) => measureClusterIngest(ctx, opts.runs),
  rate: (ctx) => measureRateLimit(ctx, opts.rate),
  backfill: (ctx) => measureBackfill(ctx),
  throttled: (ctx) => measureThrottledBackfill(ctx),
  upsert: (ctx) => measureUpsertCopy(ctx, opts.rows),
  players: (ctx) => measurePlayerRows(ctx),
  daily: (ctx) => measureDaily(ctx),
  history: (ctx) => measureHistory(ctx),
  priority: (ctx) => measurePriority(ctx),
  pacing: (ctx) => measurePacing(ctx),
};
const unknown = opts.only?.filter((name) => !(name in PHASES)) ?? [];
if (unknown.length) throw new Error(`unknown phase(s) ${unknown.join(', ')}; phases: ${Object.keys(PHASES)}`);

const startedAt = new Date();
const log = (message: string): void => {
  const seconds = ((Date.now() - startedAt.getTime()) / 1000).toFixed(1);
  process.stderr.write(`[bench ${seconds.padStart(6)} s] ${message}\n`);
};
log(nodeRuntimeLine());

const cleanups: (() => Promise<unknown>)[] = [];
const cleanUp = async (): Promise<void> => {
  for (const fn of cleanups.splice(0).reverse())
    await fn().catch((error: unknown) => log(`cleanup: ${(error as Error).message}`));
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

async function main(): Promise<Figures> {
  const figures: Figures = {};
  const phaseSeconds: Record<string, number> = {};
  const loadStart = os.loadavg()[0]!;
  log(`starting (load average ${loadStart.toFixed(2)} on ${os.cpus().length} CPUs)`);
  const services = await startServices();
  cleanups.push(services.stop);
  const client = await benchClient(services.temporal.address);
  cleanups.push(() => client.connection.close());
  const ctx: BenchContext = {
    temporalAddress: services.temporal.address,
    client,
    bundlePath: services.bundlePath,
    replay: services.replay,
    async database(label) {
      const scratch = await createScratchDatabase(`bench_${label}`);
      const database = createDatabase({ url: scratch.url, applicationName: `nba-ingest-bench-${label}` });
      cleanups.push(
        () => scratch.drop(),
        () => database.close(),
      );
      return { ...database, url: scratch.url };
    },
    log,
    atExit: (stop) => cleanups.push(stop),
  };
  for (const [name, measure] of Object.entries(PHASES)) {
    if (opts.only && !opts.only.includes(name)) continue;
    log(`phase ${name}`);
    const { seconds, result } = await timed(() => measure(ctx));
    phaseSeconds[name] = seconds;
    Object.assign(figures, result);
  }
  return {
    ...figures,
    bench_s: (Date.now() - startedAt.getTime()) / 1000,
    phase_s: phaseSeconds,
    cpus: os.cpus().length,
    load_avg_start: loadStart,
    load_avg_end: os.loadavg()[0]!,
  };
}

// The SDK logs every worker state change at INFO: errors only.
Runtime.install({ logger: new DefaultLogger('ERROR') });
let exitCode = 0;
try {
  if (!opts.report) {
    const figures = finish(await main());
    process.stdout.write(opts.json ? `${JSON.stringify(figures)}\n` : `${figuresTable(figures)}\n`);
    log(`figures written to ${writeResult(figures, startedAt, opts.only)}`);
  }
  if (opts.report || !opts.only) await updateReadme();
} catch (error) {
  log(`failed: ${(error as Error).stack ?? String(error)}`);
  exitCode = 1;
} finally {
  await cleanUp();
}
process.exit(exitCode);
