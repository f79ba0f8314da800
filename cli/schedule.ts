/**
 * `npm run schedule -- <command>`: the daily ingest schedule (Temporal Schedules).
 *   create    [--cron '0 9 * * *' | --calendar JSON] [--time-zone America/New_York] [--season-type T] [--paused] [--note N] [--update]
 *   describe  [--json]
 *   pause | unpause [--note N]
 *   trigger   [--overlap POLICY]
 *   delete
 *   backfill  2021-22..2023-24 | 2019-20,2020-21,2023-24 | --from ISO --to ISO   [--wait] [--json]
 * Every command takes --id (default nba-ingest-daily). See docs/schedules.md.
 */
import { Command, Option } from 'commander';
import type { CalendarSpec, Client } from '@temporalio/client';
import { loadConfig, type AppConfig } from '../config/env.js';
import type { SeasonType } from '../domain/season.js';
import { checked, connectClient, seasonTypeOption } from './common.js';
import { formatBackfillReport, formatRunResults, formatScheduleReport } from './schedule/format.js';
import {
  awaitTriggerOutcome,
  backfillScheduleRange,
  backfillScheduleSeasons,
  createSchedule,
  deleteSchedule,
  describeSchedule,
  pauseSchedule,
  triggerSchedule,
  unpauseSchedule,
  waitForScheduledRuns,
  type BackfillReport,
} from './schedule/operations.js';
import {
  DEFAULT_CRON,
  DEFAULT_SCHEDULE_ID,
  DEFAULT_TIME_ZONE,
  parseCalendar,
  parseCron,
  parseInstant,
  parseOverlapPolicy,
  parseScheduleId,
  parseSeasonList,
  parseTimeZone,
  ScheduleInputError,
  type OverlapPolicy,
} from './schedule/options.js';

export interface ScheduleCliDeps {
  /** How to reach Temporal (tests pass their own); called only after the input is validated. */
  connect?: (config: AppConfig) => Promise<Client>;
  write?: (text: string) => void;
  now?: () => Date;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new ScheduleInputError(`'${value}' is not a positive whole number`);
  return n;
}

const idOption = (): Option =>
  new Option('--id <scheduleId>', 'schedule id')
    .default(DEFAULT_SCHEDULE_ID)
    .argParser(checked(parseScheduleId));

export function buildScheduleProgram(config: AppConfig, deps: ScheduleCliDeps = {}): Command {
  const write = deps.write ?? ((text: string) => void process.stdout.write(text));
  const now = deps.now ?? (() => new Date());
  const connect = deps.connect ?? connectClient;
  const withClient = async (fn: (client: Client) => Promise<void>): Promise<void> => {
    const client = await connect(config);
    try {
      await fn(client);
    } finally {
      await client.connection.close();
    }
  };

  const program = new Command('schedule').description(
    `Manage the Temporal Schedule that ingests the current season (namespace ${config.TEMPORAL_NAMESPACE}, task queue ${config.TEMPORAL_TASK_QUEUE})`,
  );

  program
    .command('create')
    .description(
      'create the schedule (starts scheduledIngest, which ingests the season of each scheduled date)',
    )
    .addOption(idOption())
    .addOption(
      new Option('--cron <expr>', `cron spec (default '${DEFAULT_CRON}': daily 09:00)`)
        .argParser(checked(parseCron))
        .conflicts('calendar'),
    )
    .addOption(
      new Option('--calendar <json>', 'calendar spec as JSON, e.g. \'{"hour":9,"minute":30}\'').argParser(
        checked(parseCalendar),
      ),
    )
    .addOption(
      new Option('--time-zone <tz>', 'IANA time zone of the spec')
        .default(DEFAULT_TIME_ZONE)
        .argParser(checked(parseTimeZone)),
    )
    .addOption(
      new Option('--season-type <type>', "'Regular Season' (regular), 'Playoffs' or 'PlayIn'")
        .default('Regular Season')
        .argParser(seasonTypeOption),
    )
    .option('--paused', 'create it paused')
    .option('--note <text>', 'note shown by describe (why it exists, who owns it)')
    .option('--update', 'if it exists, replace its spec, action and policies instead of failing')
    .action(
      async (opts: {
        id: string;
        cron?: string;
        calendar?: CalendarSpec;
        timeZone: string;
        seasonType: SeasonType;
        paused?: boolean;
        note?: string;
        update?: boolean;
      }) =>
        withClient(async (client) => {
          const { scheduleId, outcome } = await createSchedule(client, {
            scheduleId: opts.id,
            taskQueue: config.TEMPORAL_TASK_QUEUE,
            ...(opts.cron ? { cron: opts.cron } : {}),
            ...(opts.calendar ? { calendar: opts.calendar } : {}),
            timeZone: opts.timeZone,
            seasonType: opts.seasonType,
            ...(opts.paused ? { paused: true } : {}),
            ...(opts.note ? { note: opts.note } : {}),
            ...(opts.update ? { update: true } : {}),
          });
          write(
            `${outcome} schedule ${scheduleId}\n${formatScheduleReport(await describeSchedule(client, scheduleId))}\n`,
          );
        }),
    );

  program
    .command('describe')
    .description(
      'spec, time zone, policies (and why), paused state and note, next runs, recent runs with their status',
    )
    .addOption(idOption())
    .option('--json', 'print the description as one JSON object')
    .action(async (opts: { id: string; json?: boolean }) =>
      withClient(async (client) => {
        const report = await describeSchedule(client, opts.id);
        write(opts.json ? `${JSON.stringify(report)}\n` : `${formatScheduleReport(report)}\n`);
      }),
    );

  program
    .command('pause')
    .description('stop taking scheduled actions (trigger and backfill still work)')
    .addOption(idOption())
    .option('--note <text>', 'why it is paused (shown by describe)')
    .action(async (opts: { id: string; note?: string }) =>
      withClient(async (client) => {
        await pauseSchedule(client, opts.id, opts.note);
        write(`paused ${opts.id}${opts.note ? `: ${opts.note}` : ''}\n`);
      }),
    );

  program
    .command('unpause')
    .description('take scheduled actions again')
    .addOption(idOption())
    .option('--note <text>', 'note shown by describe')
    .action(async (opts: { id: string; note?: string }) =>
      withClient(async (client) => {
        await unpauseSchedule(client, opts.id, opts.note);
        write(`unpaused ${opts.id}\n`);
      }),
    );

  program
    .command('trigger')
    .description(
      "run the action now (default: the schedule's overlap policy, so a run still going means this one is skipped)",
    )
    .addOption(idOption())
    .addOption(
      new Option(
        '--overlap <policy>',
        'overlap policy for this trigger only (SKIP, ALLOW_ALL, BUFFER_ONE, …)',
      ).argParser(checked(parseOverlapPolicy)),
    )
    .action(async (opts: { id: string; overlap?: OverlapPolicy }) =>
      withClient(async (client) => {
        const { overlap, before } = await triggerSchedule(client, opts.id, opts.overlap);
        const result = await awaitTriggerOutcome(client, opts.id, before);
        const said =
          result.outcome === 'started'
            ? `started ${result.workflowId}`
            : result.outcome === 'skipped'
              ? 'skipped: a run started by this schedule is still going (overlap SKIP)'
              : 'requested; not taken yet (see describe)';
        write(`triggered ${opts.id} (overlap ${overlap}): ${said}\n`);
      }),
    );

  program
    .command('delete')
    .description('remove the schedule (runs it started keep going)')
    .addOption(idOption())
    .action(async (opts: { id: string }) =>
      withClient(async (client) => {
        await deleteSchedule(client, opts.id);
        write(`deleted schedule ${opts.id}\n`);
      }),
    );

  program
    .command('backfill')
    .description(
      'run the action once per season (2021-22..2023-24, or a list 2019-20,2020-21,2023-24), or for every firing in --from..--to',
    )
    .argument('[seasons]', "seasons: 'A..B', 'A,B,C' or a mix")
    .addOption(idOption())
    .addOption(
      new Option('--from <iso>', 'raw range start (with --to), e.g. 2024-01-15T00:00:00Z').argParser(
        checked((v) => parseInstant(v, '--from')),
      ),
    )
    .addOption(
      new Option('--to <iso>', 'raw range end (inclusive)').argParser(
        checked((v) => parseInstant(v, '--to')),
      ),
    )
    .addOption(
      new Option(
        '--overlap <policy>',
        'overlap policy of a raw-range backfill (default ALLOW_ALL)',
      ).argParser(checked(parseOverlapPolicy)),
    )
    .addOption(
      new Option('--max-runs <n>', 'refuse a raw range with more firings than this')
        .default(31)
        .argParser(checked(positiveInt)),
    )
    .option('--wait', 'wait for the runs and print how each ended; exit 1 unless all completed')
    .option('--json', 'print the backfill (and with --wait the results) as JSON')
    .action(
      async (
        seasonsArg: string | undefined,
        opts: {
          id: string;
          from?: Date;
          to?: Date;
          overlap?: OverlapPolicy;
          maxRuns: number;
          wait?: boolean;
          json?: boolean;
        },
      ) => {
        const raw = opts.from !== undefined || opts.to !== undefined;
        if (raw && seasonsArg !== undefined)
          throw new ScheduleInputError('give seasons or --from/--to, not both');
        if (raw && (opts.from === undefined || opts.to === undefined))
          throw new ScheduleInputError('--from and --to go together');
        if (!raw && seasonsArg === undefined)
          throw new ScheduleInputError('give seasons (2021-22..2023-24 or 2019-20,2020-21) or --from/--to');
        if (!raw && opts.overlap)
          throw new ScheduleInputError(
            '--overlap applies to --from/--to backfills; season backfills always use ALLOW_ALL',
          );
        const seasons = seasonsArg === undefined ? [] : parseSeasonList(seasonsArg, now());
        await withClient(async (client) => {
          const report: BackfillReport =
            opts.from && opts.to
              ? await backfillScheduleRange(client, opts.id, {
                  from: opts.from,
                  to: opts.to,
                  maxRuns: opts.maxRuns,
                  ...(opts.overlap ? { overlap: opts.overlap } : {}),
                })
              : await backfillScheduleSeasons(client, opts.id, seasons);
          if (!opts.wait) {
            write(opts.json ? `${JSON.stringify(report)}\n` : `${formatBackfillReport(report)}\n`);
            return;
          }
          if (!opts.json) write(`${formatBackfillReport(report)}\nwaiting for the runs…\n`);
          const results = await waitForScheduledRuns(
            client,
            report.runs.map((r) => r.workflowId),
          );
          write(opts.json ? `${JSON.stringify({ ...report, results })}\n` : `${formatRunResults(results)}\n`);
          if (results.some((r) => r.status !== 'COMPLETED' || r.result?.status !== 'completed'))
            process.exitCode = 1;
        });
      },
    );

  return program;
}

export async function main(argv: string[]): Promise<void> {
  const config = loadConfig();
  await buildScheduleProgram(config).parseAsync(argv);
}
