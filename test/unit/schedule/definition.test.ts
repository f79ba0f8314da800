/** The schedule definition `create` sends, and how `describe` renders a spec. */
import type { CalendarSpecDescription } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { buildScheduleOptions } from '../../../cli/schedule/operations.js';
import { ScheduleInputError } from '../../../cli/schedule/options.js';
import { calendarText, durationText, intervalText } from '../../../cli/schedule/spec-text.js';

describe('buildScheduleOptions', () => {
  it('defaults: daily 09:00 New York, scheduledIngest on the task queue, SKIP / 1 hour / pause on failure', () => {
    expect(buildScheduleOptions({ taskQueue: 'nba-ingest' })).toEqual({
      scheduleId: 'nba-ingest-daily',
      spec: { cronExpressions: ['0 9 * * *'], timezone: 'America/New_York' },
      action: {
        type: 'startWorkflow',
        workflowType: 'scheduledIngest',
        taskQueue: 'nba-ingest',
        workflowId: 'nba-ingest-daily',
        args: [{ seasonType: 'Regular Season' }],
      },
      policies: { overlap: 'SKIP', catchupWindow: '1 hour', pauseOnFailure: true },
      state: { paused: false, note: 'created with npm run schedule' },
    });
  });

  it('takes a calendar spec, a zone, a season type, paused with a note', () => {
    const options = buildScheduleOptions({
      scheduleId: 'playoffs-daily',
      taskQueue: 'q',
      calendar: { hour: 10, month: [{ start: 'APRIL', end: 'JUNE' }] },
      timeZone: 'europe/paris',
      seasonType: 'Playoffs',
      paused: true,
      note: 'enable in April',
    });
    expect(options.spec).toEqual({
      calendars: [{ hour: 10, month: [{ start: 'APRIL', end: 'JUNE' }] }],
      timezone: 'Europe/Paris',
    });
    expect(options.action.args).toEqual([{ seasonType: 'Playoffs' }]);
    expect(options.action.workflowId).toBe('playoffs-daily');
    expect(options.state).toEqual({ paused: true, note: 'enable in April' });
  });

  it.each([
    [{ cron: '0 9 * * *', calendar: { hour: 9 } }, /either a cron string or a calendar spec/],
    [{ cron: '0 25 * * *' }, /hour 25/],
    [{ timeZone: 'Atlantis/Capital' }, /time zone 'Atlantis\/Capital'/],
    [{ seasonType: 'Preseason' as never }, /seasonType "Preseason" is not one of/],
    [{ scheduleId: 'bad id' }, /schedule id 'bad id'/],
    [{ taskQueue: ' ' }, /task queue is empty/],
  ])('refuses bad input %j', (input, message) => {
    expect(() => buildScheduleOptions({ taskQueue: 'q', ...input })).toThrow(ScheduleInputError);
    expect(() => buildScheduleOptions({ taskQueue: 'q', ...input })).toThrow(message);
  });
});

const r = <T>(start: T, end: T = start, step = 1) => ({ start, end, step });

describe('spec text', () => {
  const daily: CalendarSpecDescription = {
    second: [r(0)],
    minute: [r(0)],
    hour: [r(9)],
    dayOfMonth: [r(1, 31)],
    month: [r('JANUARY', 'DECEMBER')],
    year: [],
    dayOfWeek: [r('SUNDAY', 'SATURDAY')],
  };

  it('renders the server’s compiled calendars back in cron form', () => {
    expect(calendarText(daily)).toBe('0 9 * * *');
    expect(
      calendarText({ ...daily, minute: [r(30)], hour: [r(6)], dayOfWeek: [r('MONDAY', 'FRIDAY')] }),
    ).toBe('30 6 * * MON-FRI');
    expect(
      calendarText({
        ...daily,
        minute: [r(0, 59, 15)],
        month: [r('OCTOBER', 'DECEMBER'), r('JANUARY', 'APRIL')],
      }),
    ).toBe('*/15 9 * OCT-DEC,JAN-APR *');
    expect(calendarText({ ...daily, second: [r(30)], year: [r(2027)], comment: 'once' })).toBe(
      '30 0 9 * * * 2027  # once',
    );
  });

  it('renders durations and intervals', () => {
    expect(durationText(3_600_000)).toBe('1h');
    expect(durationText(90 * 60_000)).toBe('1h30m');
    expect(durationText(0)).toBe('0s');
    expect(intervalText({ every: 6 * 3_600_000, offset: 5 * 60_000 })).toBe('every 6h offset 5m');
  });
});
