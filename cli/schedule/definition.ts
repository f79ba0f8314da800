/**
 * The daily ingest schedule, declared once. `npm run schedule -- create` applies it (creates the
 * schedule, or updates an existing one to it); docs/schedules.md explains each choice and gives the
 * same schedule as a `temporal schedule create` command.
 */
import type { ScheduleOptions } from '@temporalio/client';
import { runPriority } from '../../domain/priority.js';
import type { SeasonType } from '../../domain/season.js';
import type { ScheduledIngestInput } from '../../workflows/scheduled-ingest.js';

export const DAILY_SCHEDULE = {
  scheduleId: 'nba-ingest-daily',
  // 09:00 New York: the previous evening's games are final and the stats have settled.
  cron: '0 9 * * *',
  timeZone: 'America/New_York',
  seasonType: 'Regular Season' as SeasonType,
  // Derives the season from the scheduled time and ingests it under the season's fixed workflow id.
  workflowType: 'scheduledIngest',
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
export function scheduleOptions(taskQueue: string, choices: ScheduleChoices = {}): ScheduleOptions {
  const scheduleId = choices.scheduleId ?? DAILY_SCHEDULE.scheduleId;
  const args: [ScheduledIngestInput] = [{ seasonType: choices.seasonType ?? DAILY_SCHEDULE.seasonType }];
  return {
    scheduleId,
    spec: {
      cronExpressions: [choices.cron ?? DAILY_SCHEDULE.cron],
      timezone: choices.timeZone ?? DAILY_SCHEDULE.timeZone,
    },
    action: {
      type: 'startWorkflow',
      workflowType: DAILY_SCHEDULE.workflowType,
      taskQueue,
      // Each run is named `<scheduleId>-<scheduled time>`; the season's ingest has its own fixed id.
      workflowId: scheduleId,
      args,
      // The nightly run (and the season it starts, which inherits it) goes ahead of any backfill.
      ...runPriority('interactive'),
    },
    policies: { ...DAILY_SCHEDULE.policies },
    state: { paused: choices.paused ?? false, note: choices.note ?? 'created with npm run schedule' },
  };
}
