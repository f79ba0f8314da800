/** How `describe` reads for people: next runs in the schedule's zone and UTC, state, recent outcomes. */
import { describe, expect, it } from 'vitest';
import { formatScheduleReport } from '../../../cli/schedule/format.js';
import type { ScheduleReport } from '../../../cli/schedule/operations.js';

const report: ScheduleReport = {
  scheduleId: 'nba-ingest-daily',
  namespace: 'default',
  action: {
    workflowType: 'scheduledIngest',
    taskQueue: 'nba-ingest',
    args: [{ seasonType: 'Regular Season' }],
  },
  spec: { timeZone: 'America/New_York', calendars: [] },
  policies: { overlap: 'SKIP', catchupWindowMs: 3_600_000, pauseOnFailure: true },
  paused: true,
  note: 'API answers 403',
  // Winter (EST) and summer (EDT): the same 09:00 is 14:00Z, then 13:00Z.
  nextActionTimes: ['2026-12-01T14:00:00.000Z', '2027-07-01T13:00:00.000Z'],
  numActionsTaken: 2,
  numActionsSkippedOverlap: 1,
  numActionsMissedCatchupWindow: 0,
  runningWorkflowIds: [],
  recentActions: [
    {
      scheduledAt: '2026-11-30T14:00:00.000Z',
      workflowId: 'nba-ingest-daily-2026-11-30T14:00:00Z',
      status: 'COMPLETED',
      season: '2026-27',
      outcome: 'already_running',
    },
  ],
};

describe('formatScheduleReport', () => {
  it('shows state and note, policies, next runs in the zone and UTC, counts and recent outcomes', () => {
    const text = formatScheduleReport(report);
    for (const line of [
      'state      PAUSED   note: API answers 403',
      'overlap SKIP, catch-up window 60 min, pause on failure on',
      '2026-12-01 09:00 America/New_York (14:00Z)',
      '2027-07-01 09:00 America/New_York (13:00Z)',
      '(paused: none is taken until unpaused)',
      'taken 2, skipped as overlapping 1, missed the catch-up window 0; running: none',
      '2026-11-30 14:00:00Z  nba-ingest-daily-2026-11-30T14:00:00Z  COMPLETED  season 2026-27  already_running',
    ])
      expect(text).toContain(line);
  });

  it('an active schedule without actions says so', () => {
    const text = formatScheduleReport({ ...report, paused: false, recentActions: [] });
    expect(text).toContain('state      active');
    expect(text).not.toContain('paused:');
    expect(text).toContain('recent actions (oldest first): none yet');
  });
});
