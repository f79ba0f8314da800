/** The audit trail of one run: for each updated row, the table, its key and old → new values. */
import type { Database } from '../db/client.js';
import { getRun, type IngestionRun } from '../db/runs.js';

export interface ChangeRow {
  table: string;
  key: Record<string, string | number>;
  changes: Record<string, [unknown, unknown]>;
  changedAt: string;
}

export async function listChanges(database: Database, runId: string): Promise<ChangeRow[]> {
  const { rows } = await database.pool.query<{
    table_name: string;
    key: ChangeRow['key'];
    changes: ChangeRow['changes'];
    changed_at: Date;
  }>(`select table_name, key, changes, changed_at from audit_changes where run_id = $1 order by id`, [runId]);
  return rows.map((r) => ({
    table: r.table_name,
    key: r.key,
    changes: r.changes,
    changedAt: r.changed_at.toISOString(),
  }));
}

/** The run a trail belongs to: what started it, who, when, and the run it was reset from. */
export async function describeRun(database: Database, runId: string): Promise<string> {
  const run = await getRun(database, runId);
  return run ? runHeader(run) : `run ${runId}: no run record`;
}

export function runHeader(
  run: Pick<
    IngestionRun,
    'runId' | 'season' | 'seasonType' | 'trigger' | 'startedBy' | 'startedAt' | 'resetOf'
  >,
): string {
  return (
    `run ${run.runId}: ${run.season} ${run.seasonType}, ${run.trigger}` +
    (run.resetOf ? ` of run ${run.resetOf}` : '') +
    `, started by ${run.startedBy ?? 'unknown'} at ${run.startedAt.toISOString()}`
  );
}

export function formatChanges(runId: string, rows: ChangeRow[]): string {
  if (rows.length === 0) return `run ${runId} changed no existing row (inserts are not changes)`;
  const lines = rows.map((r) => {
    const key = Object.entries(r.key)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    const diffs = Object.entries(r.changes)
      .filter((entry): entry is [string, [unknown, unknown]] => Array.isArray(entry[1]))
      .map(([col, [from, to]]) => `${col}: ${JSON.stringify(from)} → ${JSON.stringify(to)}`);
    return `${r.table} ${key}  ${diffs.join(', ')}`;
  });
  return [`run ${runId}: ${rows.length} updated row(s)`, ...lines].join('\n');
}
