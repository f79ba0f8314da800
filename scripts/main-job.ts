/**
 * The main job: a worker in this process, one season ingested through Temporal, the summary
 * printed. Against stats.nba.com by default; `--replay DIR` serves recorded data locally instead.
 * When stats.nba.com cannot be reached it says so within the timeout and shows the offline command.
 */
import { ApplicationFailure } from '@temporalio/common';
import { identifiedAs } from '../cli/common.js';
import { runSeason } from '../cli/start-season.js';
import { loadConfig } from '../config/env.js';
import { parseMainJobOptions, REPLAY_DEFAULT_SEASON } from '../cli/main-job-options.js';
import { parseSeason, seasonFromStartYear, currentSeasonStartYear } from '../domain/season.js';
import { createLogger } from '../lib/logger.js';
import { nodeRuntimeLine } from '../lib/node-runtime.js';
import type { NbaClient } from '../nba/client.js';
import { isThrottlingError } from '../nba/errors.js';
import { startReplayServer } from '../replay/server.js';
import { buildPipeline, nbaClientFrom } from '../worker/pipeline.js';
import { installRuntime } from '../worker/runtime.js';

process.stderr.write(`main-job: ${nodeRuntimeLine()}\n`);

const OFFLINE_COMMAND = 'npm start -- --replay ../shared/nba-data';

const opts = parseMainJobOptions(process.argv.slice(2));

const envConfig = loadConfig();
const lastCompletedSeason = seasonFromStartYear(currentSeasonStartYear(new Date()) - 1);
const season = parseSeason(
  opts.season ?? (opts.replay ? REPLAY_DEFAULT_SEASON : lastCompletedSeason),
  new Date(),
);
const { seasonType } = opts;
const logger = createLogger({ level: envConfig.LOG_LEVEL, format: envConfig.LOG_FORMAT, name: 'main-job' });
installRuntime(logger, 'WARN');

const replay = opts.replay ? await startReplayServer({ dataDirs: opts.replay, port: 0 }) : undefined;
const config = replay
  ? {
      ...envConfig,
      NBA_STATS_BASE_URL: replay.url,
      // The replay server is local: no reason to pace it like stats.nba.com.
      NBA_RATE_LIMIT_PER_SEC: Math.max(envConfig.NBA_RATE_LIMIT_PER_SEC, 20),
    }
  : envConfig;
if (replay) logger.info({ url: replay.url }, 'replay server serving recorded NBA data');
else await assertReachable(nbaClientFrom(config), config.NBA_STATS_BASE_URL);

const pipeline = await buildPipeline(config, { applicationName: 'nba-ingest-main-job' });
// A worker failing for good ends the process (an unhandled rejection) rather than hang the follow.
void pipeline.run();
try {
  // The command line's run path: start (or attach), follow with the progress bar, print the summary.
  await runSeason(
    identifiedAs(config, 'start'),
    { season, seasonType, trigger: 'cli' },
    { wait: true, json: opts.json },
  );
  process.stdout.write(
    'The Temporal dev server keeps running for the Web UI; stop it with `npm run temporal:dev:stop`.\n',
  );
} finally {
  await pipeline.close();
  await replay?.close();
}

/** One cheap request before anything starts: a blocked or offline client hangs, so say so plainly. */
async function assertReachable(client: NbaClient, url: string): Promise<void> {
  try {
    await client.commonTeamRoster({ season, teamId: 1610612737 });
  } catch (err) {
    const type = err instanceof ApplicationFailure ? err.type : undefined;
    if (type === 'NbaNetworkError' || isThrottlingError(type)) {
      process.stderr.write(
        `The NBA Stats API at ${url} could not be reached (${(err as Error).message}).\n` +
          'stats.nba.com hangs for blocked or cloud clients and needs internet access.\n' +
          `To run offline on recorded data:\n  ${OFFLINE_COMMAND}\n`,
      );
      process.exit(2);
    }
  }
}
