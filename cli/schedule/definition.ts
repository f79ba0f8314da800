/**
 * The daily ingest schedule, declared once. `npm run schedule -- create` applies it (creates the
 * schedule, or updates an existing one to it); docs/schedules.md explains each choice and gives the
 * same schedule as a `temporal schedule create` command.
 */
import type { ScheduleOptions, ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import { runPriority } from '../../domain/priority.js';
import { DEFAULT_SEASON_TYPE, type SeasonType } from '../../domain/season.js';
import { scheduledIngest } from '../../workflows/index.js';

export const DAILY_SCHEDULE = {
  scheduleId: 'nba-ingest-daily',
  // 09:00 New York: the previous evening's games are final and the stats have settled.
  cron: '0 9 * * *',
  timeZone: 'America/New_York',
  seasonType: DEFAULT_SEASON_TYPE,
  policies: {
    // A run still going when the next one fires is not doubled.
    overlap: 'SKIP',
    // A day missed by more than an hour is not replayed: the next run starts at the watermark anyway.
    catchupWindow: '1 hour',
    // A failed run almost always means the API blocks us or changed: stop hammering it.
    pauseOnFailure: true,
  } satisfies ScheduleOptions['policies'],
} as const;

/** What `create` may choose differently from the declaration (cron and time zone are checked by the server). */
export interface ScheduleChoices {
  scheduleId?: string;
  cron?: string;
  timeZone?: string;
  seasonType?: SeasonType;
  paused?: boolean;
  note?: string;
}

/** The declaration, with the caller's choices, as the SDK's schedule options. Pure. */
export function scheduleOptions(
  taskQueue: string,
  choices: ScheduleChoices = {},
): ScheduleOptions<ScheduleOptionsStartWorkflowAction<typeof scheduledIngest>> {
  const scheduleId = choices.scheduleId ?? DAILY_SCHEDULE.scheduleId;
  return {
    scheduleId,
    spec: {
      cronExpressions: [choices.cron ?? DAILY_SCHEDULE.cron],
      timezone: choices.timeZone ?? DAILY_SCHEDULE.timeZone,
    },
    action: {
      type: 'startWorkflow',
      // Derives the season from the scheduled time and ingests it under the season's fixed workflow id.
      workflowType: scheduledIngest,
      taskQueue,
      // Each run is named `<scheduleId>-<scheduled time>`; the season's ingest has its own fixed id.
      workflowId: scheduleId,
      args: [{ seasonType: choices.seasonType ?? DAILY_SCHEDULE.seasonType }],
      // The nightly run (and the season it starts, which inherits it) goes ahead of any backfill.
      ...runPriority('interactive'),
    },
    policies: { ...DAILY_SCHEDULE.policies },
    state: { paused: choices.paused ?? false, note: choices.note ?? 'created with npm run schedule' },
  };
}
