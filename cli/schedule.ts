/**
 * `npm run schedule -- <command>`: the daily ingest schedule (cli/schedule/definition.ts).
 *   create    [--cron '0 9 * * *'] [--time-zone America/New_York] [--season-type T] [--paused] [--note N]
 *   describe  [--json]
 *   pause | unpause [--note N]
 *   trigger
 *   delete
 * Every command takes --id (default nba-ingest-daily). See docs/schedules.md.
 */
import { Command, Option } from 'commander';
import type { Client } from '@temporalio/client';
import { loadConfig, type AppConfig } from '../config/env.js';
import { connectClient, identifiedAs, SEASON_TYPE_HELP, seasonTypeOption } from './common.js';
import { DAILY_SCHEDULE, type ScheduleChoices } from './schedule/definition.js';
import { formatScheduleReport } from './schedule/format.js';
import {
  applySchedule,
  deleteSchedule,
  describeSchedule,
  pauseSchedule,
  triggerSchedule,
  unpauseSchedule,
} from './schedule/operations.js';

export interface ScheduleCliDeps {
  /** How to reach Temporal (tests pass their own); called only after the input is validated. */
  connect?: (config: AppConfig) => Promise<Client>;
  write?: (text: string) => void;
}

export function buildScheduleProgram(config: AppConfig, deps: ScheduleCliDeps = {}): Command {
  const write = deps.write ?? ((text: string) => void process.stdout.write(text));
  const connect = deps.connect ?? connectClient;
  const withClient = async (fn: (client: Client) => Promise<void>): Promise<void> => {
    const client = await connect(identifiedAs(config, 'schedule'));
    try {
      await fn(client);
    } finally {
      await client.connection.close();
    }
  };
  const program = new Command('schedule').description(
    `Manage the Temporal Schedule that ingests the current season (namespace ${config.TEMPORAL_NAMESPACE}, task queue ${config.TEMPORAL_TASK_QUEUE})`,
  );
  const command = (name: string, description: string) =>
    program
      .command(name)
      .description(description)
      .addOption(new Option('--id <scheduleId>', 'schedule id').default(DAILY_SCHEDULE.scheduleId));

  command('create', 'create the daily schedule, or update an existing one to its declaration (idempotent)')
    .option('--cron <expr>', 'cron spec, checked by the server', DAILY_SCHEDULE.cron)
    .option('--time-zone <tz>', 'IANA time zone of the spec', DAILY_SCHEDULE.timeZone)
    .addOption(
      new Option('--season-type <type>', SEASON_TYPE_HELP)
        .default(DAILY_SCHEDULE.seasonType)
        .argParser(seasonTypeOption),
    )
    .option('--paused', 'pause it (an update otherwise keeps its paused state)')
    .option('--note <text>', 'note shown by describe (an update otherwise keeps the note)')
    .action(async ({ id, ...choices }: ScheduleChoices & { id: string }) =>
      withClient(async (client) => {
        const outcome = await applySchedule(client, config.TEMPORAL_TASK_QUEUE, {
          ...choices,
          scheduleId: id,
        });
        write(`${outcome} schedule ${id}\n${formatScheduleReport(await describeSchedule(client, id))}\n`);
      }),
    );

  command('describe', 'state and note, next runs, policies, recent runs with their outcome')
    .option('--json', 'print the description as one JSON object')
    .action(async (opts: { id: string; json?: boolean }) =>
      withClient(async (client) => {
        const report = await describeSchedule(client, opts.id);
        write(opts.json ? `${JSON.stringify(report)}\n` : `${formatScheduleReport(report)}\n`);
      }),
    );

  command('pause', 'take no scheduled actions (trigger still works)')
    .option('--note <text>', 'why it is paused (shown by describe and the Web UI)')
    .action(async (opts: { id: string; note?: string }) =>
      withClient(async (client) => {
        await pauseSchedule(client, opts.id, opts.note);
        write(`paused ${opts.id}${opts.note ? `: ${opts.note}` : ''}\n`);
      }),
    );

  command('unpause', 'take scheduled actions again')
    .option('--note <text>', 'note shown by describe')
    .action(async (opts: { id: string; note?: string }) =>
      withClient(async (client) => {
        await unpauseSchedule(client, opts.id, opts.note);
        write(`unpaused ${opts.id}\n`);
      }),
    );

  command(
    'trigger',
    "run the action now, under the schedule's overlap policy (SKIP while a run is going)",
  ).action(async (opts: { id: string }) =>
    withClient(async (client) => {
      const result = await triggerSchedule(client, opts.id);
      const said =
        result.outcome === 'started'
          ? `started ${result.workflowId}`
          : result.outcome === 'skipped'
            ? 'skipped: a run started by this schedule is still going'
            : 'requested, not taken yet (see describe)';
      write(`triggered ${opts.id}: ${said}\n`);
    }),
  );

  command('delete', 'remove the schedule (runs it started keep going)').action(async (opts: { id: string }) =>
    withClient(async (client) => {
      await deleteSchedule(client, opts.id);
      write(`deleted schedule ${opts.id}\n`);
    }),
  );

  return program;
}

export async function main(argv: string[]): Promise<void> {
  await buildScheduleProgram(loadConfig()).parseAsync(argv);
}
