/** Human-readable output of `npm run schedule` (describe, backfill). */
import { durationText, zonedTimeText } from './spec-text.js';
import type { BackfillReport, ScheduledRunResult, ScheduleReport } from './operations.js';
import { CATCHUP_WINDOW_MS, POLICY_REASONS, SCHEDULE_POLICIES } from './policies.js';

function policyLine(label: string, value: string, chosen: boolean, reason: string, expected: string): string {
  const note = chosen ? reason : `differs from the project's choice (${expected}): ${reason}`;
  return `    ${label.padEnd(17)} ${value.padEnd(8)} ${note}`;
}

export function formatScheduleReport(r: ScheduleReport): string {
  const tz = r.spec.timeZone;
  const lines = [
    `Schedule ${r.scheduleId} (namespace ${r.namespace})`,
    `  action     ${r.action.workflowType} on task queue ${r.action.taskQueue}, input ${JSON.stringify(r.action.args)}`,
    `             runs are named ${r.action.workflowIdPrefix}-<scheduled time>`,
    `  spec       ${r.spec.text.join(' | ') || '(none)'}   time zone ${tz}`,
    `  state      ${r.paused ? 'PAUSED' : 'active'}${r.note ? `   note: ${r.note}` : ''}`,
    '  policies',
    policyLine(
      'overlap',
      r.policies.overlap,
      r.policies.overlap === SCHEDULE_POLICIES.overlap,
      POLICY_REASONS.overlap,
      SCHEDULE_POLICIES.overlap,
    ),
    policyLine(
      'catch-up window',
      durationText(r.policies.catchupWindowMs),
      r.policies.catchupWindowMs === CATCHUP_WINDOW_MS,
      POLICY_REASONS.catchupWindow,
      durationText(CATCHUP_WINDOW_MS),
    ),
    policyLine(
      'pause on failure',
      r.policies.pauseOnFailure ? 'yes' : 'no',
      r.policies.pauseOnFailure,
      POLICY_REASONS.pauseOnFailure,
      'yes',
    ),
    `  next runs  ${r.nextActionTimes.map((t) => zonedTimeText(new Date(t), tz)).join('\n             ') || '(none)'}${r.paused ? '   (paused: not taken until unpaused)' : ''}`,
    `  actions    taken ${r.numActionsTaken}, skipped as overlapping ${r.numActionsSkippedOverlap}, ` +
      `missed the catch-up window ${r.numActionsMissedCatchupWindow}`,
    `  running    ${r.runningWorkflowIds.join(', ') || '(none)'}`,
    `  recent actions (oldest first)${r.recentActions.length ? '' : ': none yet'}`,
    ...r.recentActions.map(
      (a) =>
        `    ${a.scheduledAt.slice(0, 19).replace('T', ' ')}Z  ${a.workflowId}  ${a.status}` +
        `${a.season ? `  season ${a.season}` : ''}${a.outcome ? `  ${a.outcome}` : ''}`,
    ),
  ];
  return lines.join('\n');
}

export function formatBackfillReport(r: BackfillReport): string {
  return [
    `backfill requested on ${r.scheduleId} (overlap ${r.overlap}): ${r.runs.length} run${r.runs.length === 1 ? '' : 's'}`,
    ...r.runs.map((run) => `  ${run.season}  as of ${run.nominalTime}  workflow ${run.workflowId}`),
  ].join('\n');
}

export function formatRunResults(results: ScheduledRunResult[]): string {
  return results
    .map((r) => {
      if (r.status === 'FAILED') return `  ${r.workflowId}: FAILED ${r.error ?? ''}`;
      const res = r.result;
      if (!res) return `  ${r.workflowId}: COMPLETED`;
      if (res.status === 'already_running')
        return `  ${res.season}: already running as ${res.workflowId} (not started twice)`;
      const stats = res.counts.team_game_stats;
      const rows = stats ? stats.inserted + stats.updated + stats.unchanged : 0;
      return `  ${res.season}: ${res.status}, ${rows / 2} games (${rows} team-game rows), ${res.apiCalls} API calls (${res.workflowId})`;
    })
    .join('\n');
}
