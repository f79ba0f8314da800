/**
 * `npm run bench [-- --json]`: the pipeline's performance figures (bench/README.md has the method).
 * Starts its own Temporal dev server, replay server and scratch databases, runs the phases one
 * after another and removes everything it started. Progress goes to stderr; the figures to stdout.
 */
import os from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { timed } from './clock.js';
import { findChildProcess } from './cpu.js';
import type { BenchContext } from './context.js';
import { BenchDatabases, DEFAULT_DATABASE_URL } from './databases.js';
import { connectClient } from './in-process.js';
import { measureBackfill } from './phases/backfill.js';
import { measureIngest } from './phases/ingest.js';
import { measureKill } from './phases/kill.js';
import { measurePartitioning } from './phases/partitioning.js';
import { measureRateLimit } from './phases/rate-limit.js';
import { measureUpsertCopy } from './phases/upsert-copy.js';
import { renderTable, rounded, withTargets, type Figures } from './report.js';
import { buildWorkflowBundle, startReplay, startTemporal } from './services.js';

const PHASES = ['ingest', 'kill', 'rate', 'backfill', 'upsert', 'partitioning'] as const;
type Phase = (typeof PHASES)[number];

const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new InvalidArgumentError(`expected a positive integer, got '${value}'`);
  return n;
};
const positiveNumber = (value: string): number => {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError(`expected a positive number, got '${value}'`);
  return n;
};
const phaseList = (value: string): Phase[] => {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(PHASES as readonly string[]).includes(n));
  if (unknown.length)
    throw new InvalidArgumentError(`unknown phase(s) ${unknown.join(', ')}; phases: ${PHASES.join(', ')}`);
  return names as Phase[];
};

const program = new Command('bench')
  .description('nba-ingest benchmark suite (method and latest figures: bench/README.md)')
  .option('--json', 'print one JSON line instead of a table')
  .option('--runs <n>', 'timed runs per side for the ingest overhead (median)', positiveInt, 5)
  .option('--team-concurrency <n>', 'teams at once in the ingest overhead runs (both sides)', positiveInt, 4)
  .option('--rows <n>', 'team_game_stats rows for upsert vs COPY', positiveInt, 500_000)
  .option('--rate <n>', 'NBA requests/s of the rate-limited run', positiveNumber, 5)
  .option('--kill-rate <n>', 'NBA requests/s of the crash run', positiveNumber, 5)
  .option(
    '--backfill <seasons>',
    'seasons of the backfill: a list, or FROM..TO (default: the seven shared seasons)',
    '2011-12,2012-13,2017-18,2019-20,2020-21,2023-24,2024-25',
  )
  .option(
    '--partition-seasons <n>',
    'seasons of synthetic data for the partitioning measurement',
    positiveInt,
    80,
  )
  .option('--only <phases>', `run only these phases (${PHASES.join(',')})`, phaseList)
  .option('--skip <phases>', 'skip these phases', phaseList)
  .parse();

const opts = program.opts<{
  json?: boolean;
  runs: number;
  teamConcurrency: number;
  rows: number;
  rate: number;
  killRate: number;
  backfill: string;
  partitionSeasons: number;
  only?: Phase[];
  skip?: Phase[];
}>();
const selected = (phase: Phase): boolean =>
  (opts.only ? opts.only.includes(phase) : true) && !opts.skip?.includes(phase);

const started = Date.now();
const log = (message: string): void => {
  process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);
};

// The SDK logs every worker state change at INFO, and the partial warm-up run fails its season
// checks on purpose (a warning): errors only.
Runtime.install({ logger: new DefaultLogger('ERROR') });

const cleanups: (() => Promise<unknown>)[] = [];
const cleanUp = async (): Promise<void> => {
  for (const fn of cleanups.splice(0).reverse()) {
    await fn().catch((error: unknown) => log(`cleanup: ${(error as Error).message}`));
  }
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

async function main(): Promise<Figures> {
  const loadStart = os.loadavg()[0]!;
  const figures: Figures = {};
  const phaseSeconds: Record<string, number> = {};
  log(`starting (load average ${loadStart.toFixed(2)} on ${os.cpus().length} CPUs)`);

  const databases = new BenchDatabases(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  cleanups.push(() => databases.dropAll());
  const [temporal, replay, bundle] = await Promise.all([
    startTemporal(),
    startReplay(),
    buildWorkflowBundle(),
  ]);
  cleanups.push(
    () => temporal.stop(),
    () => replay.close(),
    () => bundle.remove(),
  );
  const { client, close } = await connectClient(temporal.address);
  cleanups.push(close);
  log(`services up: Temporal ${temporal.address}, replay ${replay.url}`);
  const temporalPid = findChildProcess(['start-dev', `--port ${temporal.address.split(':').pop()}`]);
  const ctx: BenchContext = {
    temporalAddress: temporal.address,
    temporalPid,
    client,
    bundlePath: bundle.path,
    replay,
    databases,
    log,
  };

  const phase = async <T extends object>(name: Phase, work: () => Promise<T>): Promise<T | undefined> => {
    if (!selected(name)) return undefined;
    log(`phase ${name}`);
    const { seconds, result } = await timed(work);
    phaseSeconds[name] = seconds;
    Object.assign(figures, result);
    return result;
  };

  const ingest = await phase('ingest', () => measureIngest(ctx, opts.runs, opts.teamConcurrency));
  const cleanChecksums = ingest?.cleanChecksums;
  if (ingest) delete (figures as { cleanChecksums?: unknown }).cleanChecksums;
  await phase('kill', () =>
    measureKill(ctx, { ratePerSecond: opts.killRate, ...(cleanChecksums ? { cleanChecksums } : {}) }),
  );
  await phase('rate', () => measureRateLimit(ctx, opts.rate));
  const [from, to] = opts.backfill.split('..');
  const backfillScope = to ? { from: from!, to } : { seasons: opts.backfill.split(',').map((x) => x.trim()) };
  await phase('backfill', () => measureBackfill(ctx, backfillScope));
  await phase('upsert', () => measureUpsertCopy(ctx, opts.rows));
  const partitioning = await phase('partitioning', async () => ({
    partitioning: await measurePartitioning(ctx, opts.partitionSeasons),
  }));
  if (partitioning) figures.partitioning = partitioning.partitioning;

  figures.bench_s = (Date.now() - started) / 1000;
  figures.phase_s = phaseSeconds;
  figures.cpus = os.cpus().length;
  figures.load_avg_start = loadStart;
  figures.load_avg_end = os.loadavg()[0]!;
  return figures;
}

let exitCode = 0;
try {
  const figures = rounded(withTargets(await main())) as Figures;
  process.stdout.write(opts.json ? `${JSON.stringify(figures)}\n` : `${renderTable(figures)}\n`);
} catch (error) {
  log(`failed: ${(error as Error).stack ?? String(error)}`);
  exitCode = 1;
} finally {
  const cleanupStarted = Date.now();
  await cleanUp();
  log(`cleaned up in ${((Date.now() - cleanupStarted) / 1000).toFixed(1)} s`);
}
process.exit(exitCode);
