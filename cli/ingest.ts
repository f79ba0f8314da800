/**
 * `npm run ingest -- <command>`: the pipeline's command line.
 *   season 2023-24 [--season-type Playoffs] [--wait] [--json]
 */
import { Command, InvalidArgumentError } from 'commander';
import { Client, Connection } from '@temporalio/client';
import { loadConfig, type AppConfig } from '../config/env.js';
import { parseSeason, parseSeasonType, SeasonInputError, type SeasonType } from '../domain/season.js';
import { temporalConnectionOptions } from '../worker/connection.js';
import { follow, startOrAttach } from './start-season.js';
import { formatSummary, toSummary } from './summary.js';
import { webUiRunUrl } from './web-ui.js';

const SEASON_TYPE_ALIASES: Record<string, SeasonType> = {
  regular: 'Regular Season',
  'regular season': 'Regular Season',
  playoffs: 'Playoffs',
  playin: 'PlayIn',
  'play-in': 'PlayIn',
};

function seasonTypeOption(value: string): SeasonType {
  const alias = SEASON_TYPE_ALIASES[value.toLowerCase()];
  try {
    return alias ?? parseSeasonType(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

function seasonArgument(value: string): string {
  try {
    return parseSeason(value, new Date());
  } catch (err) {
    if (err instanceof SeasonInputError) throw new InvalidArgumentError(err.message);
    throw err;
  }
}

async function connectClient(config: AppConfig): Promise<Client> {
  try {
    const connection = await Connection.connect(temporalConnectionOptions(config));
    return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  } catch (err) {
    throw new Error(
      `cannot reach the Temporal server at ${config.TEMPORAL_ADDRESS} (${(err as Error).message}); ` +
        'start one with `npm run temporal:dev` or set TEMPORAL_ADDRESS',
    );
  }
}

export function buildProgram(config: AppConfig): Command {
  const program = new Command('ingest').description('Ingest NBA Stats data into PostgreSQL through Temporal');

  program
    .command('season')
    .description('ingest one season (starts the run, or attaches to the one already running)')
    .argument('<season>', "season as 'YYYY-YY', e.g. 2023-24", seasonArgument)
    .option('--season-type <type>', "'Regular Season' (regular), 'Playoffs' or 'PlayIn'", seasonTypeOption, 'Regular Season' as SeasonType)
    .option('--wait', 'wait for the run to finish; exit 0 only if it completed', false)
    .option('--json', 'print one final JSON summary line on stdout', false)
    .action(async (season: string, opts: { seasonType: SeasonType; wait: boolean; json: boolean }) => {
      const client = await connectClient(config);
      const { handle, attached } = await startOrAttach({
        client,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        season,
        seasonType: opts.seasonType,
      });
      const description = await handle.describe();
      const webUi = webUiRunUrl({
        temporalAddress: config.TEMPORAL_ADDRESS,
        uiPort: config.TEMPORAL_UI_PORT,
        namespace: config.TEMPORAL_NAMESPACE,
        workflowId: handle.workflowId,
        runId: description.runId,
      });
      process.stderr.write(`${attached ? 'attached to' : 'started'} ${handle.workflowId} (run ${description.runId})\nWeb UI: ${webUi}\n`);
      if (!opts.wait && !process.stderr.isTTY) {
        if (opts.json) process.stdout.write(`${JSON.stringify({ workflowId: handle.workflowId, runId: description.runId, status: 'running', webUi })}\n`);
        return;
      }
      const summary = toSummary(await follow(handle), webUi);
      process.stdout.write(opts.json ? `${JSON.stringify(summary)}\n` : `${formatSummary(summary)}\n`);
      if (opts.wait && summary.status !== 'completed') process.exitCode = 1;
    });

  return program;
}

export async function main(argv: string[]): Promise<void> {
  const config = loadConfig();
  await buildProgram(config).parseAsync(argv);
}
