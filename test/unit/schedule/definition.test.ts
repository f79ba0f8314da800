/** The schedule declaration as the SDK options `create` sends. */
import { describe, expect, it } from 'vitest';
import { DAILY_SCHEDULE, scheduleOptions } from '../../../cli/schedule/definition.js';
import { scheduledIngest } from '../../../workflows/index.js';

describe('scheduleOptions', () => {
  it('the declaration: daily 09:00 New York, scheduledIngest on the task queue, SKIP / 1 hour / pause on failure', () => {
    expect(scheduleOptions('nba-ingest')).toEqual({
      scheduleId: 'nba-ingest-daily',
      spec: { cronExpressions: ['0 9 * * *'], timezone: 'America/New_York' },
      action: {
        type: 'startWorkflow',
        workflowType: scheduledIngest,
        taskQueue: 'nba-ingest',
        workflowId: 'nba-ingest-daily',
        args: [{ seasonType: 'Regular Season' }],
        priority: { priorityKey: 2 },
      },
      policies: { overlap: 'SKIP', catchupWindow: '1 hour', pauseOnFailure: true },
      state: { paused: false, note: 'created with npm run schedule' },
    });
  });

  it('takes the choices of create, passing cron and time zone through unchanged for the server to check', () => {
    const options = scheduleOptions('q', {
      scheduleId: 'nba-ingest-playoffs',
      cron: '0 10 * APR-JUN *',
      timeZone: 'Europe/Paris',
      seasonType: 'Playoffs',
      paused: true,
      note: 'enable in April',
    });
    expect(options).toMatchObject({
      scheduleId: 'nba-ingest-playoffs',
      spec: { cronExpressions: ['0 10 * APR-JUN *'], timezone: 'Europe/Paris' },
      action: { workflowId: 'nba-ingest-playoffs', taskQueue: 'q', args: [{ seasonType: 'Playoffs' }] },
      policies: DAILY_SCHEDULE.policies,
      state: { paused: true, note: 'enable in April' },
    });
  });

  it('hands out a copy of the policies: a caller cannot change the declaration', () => {
    const options = scheduleOptions('q');
    options.policies!.overlap = 'ALLOW_ALL';
    expect(scheduleOptions('q').policies?.overlap).toBe('SKIP');
  });
});
