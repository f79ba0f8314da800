/** `npm run schedule -- describe` for people. */
import type { ScheduleReport } from './operations.js';

/** `2026-11-28 09:00 America/New_York (14:00Z)`: when it fires, in the schedule's zone and in UTC. */
function zonedTime(iso: string, timeZone: string): string {
  const local = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
  return `${local} ${timeZone} (${iso.slice(11, 16)}Z)`;
}

export function formatScheduleReport(r: ScheduleReport): string {
  const { overlap, catchupWindowMs, pauseOnFailure } = r.policies;
  const next = r.nextActionTimes.map((t) => zonedTime(t, r.spec.timeZone)).join('\n             ');
  return [
    `Schedule ${r.scheduleId} (namespace ${r.namespace})`,
    `  state      ${r.paused ? 'PAUSED' : 'active'}${r.note ? `   note: ${r.note}` : ''}`,
    `  action     ${r.action.workflowType} on task queue ${r.action.taskQueue}, input ${JSON.stringify(r.action.args)}`,
    `  policies   overlap ${overlap}, catch-up window ${catchupWindowMs / 60_000} min, pause on failure ${pauseOnFailure ? 'on' : 'off'}`,
    `  next runs  ${next || '(none)'}${r.paused ? '\n             (paused: none is taken until unpaused)' : ''}`,
    `  actions    taken ${r.numActionsTaken}, skipped as overlapping ${r.numActionsSkippedOverlap}, ` +
      `missed the catch-up window ${r.numActionsMissedCatchupWindow}; running: ${r.runningWorkflowIds.join(', ') || 'none'}`,
    `  recent actions (oldest first)${r.recentActions.length ? '' : ': none yet'}`,
    ...r.recentActions.map(
      (a) =>
        `    ${a.scheduledAt.slice(0, 19).replace('T', ' ')}Z  ${a.workflowId}  ${a.status}` +
        `${a.season ? `  season ${a.season}` : ''}${a.outcome ? `  ${a.outcome}` : ''}`,
    ),
  ].join('\n');
}
