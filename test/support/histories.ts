/**
 * Workflow histories of real runs, kept as fixtures and replayed in the suite so a workflow change
 * that breaks determinism fails CI (test/unit/workflows/workflow-histories.test.ts).
 * `RECORD_HISTORIES=1 npx vitest run test/integration/pipeline test/integration/schedule/daily-intervals.test.ts`
 * refreshes them. Before the first release a workflow change re-records them (there is no history to keep
 * compatible); from then on, a history recorded by an earlier workflow version is kept under a prefix
 * (e.g. `before-<change>--…`): runs that version started must replay on the code that follows it, through
 * patched() and deprecatePatch() until no such run is open.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { WorkflowHandle } from '@temporalio/client';
import { inject } from 'vitest';
import { repoRoot } from './index.js';

export const HISTORIES_DIR = path.join(repoRoot, 'test/fixtures/histories');

export async function recordHistory(handle: WorkflowHandle, namespace: string, name: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  mkdirSync(HISTORIES_DIR, { recursive: true });
  // The Temporal CLI's JSON is the format Temporal's replayer and Web UI exchange histories in.
  const { stdout } = await promisify(execFile)(
    inject('temporalCliPath'),
    [
      'workflow',
      'show',
      '--address',
      inject('temporalAddress'),
      '--namespace',
      namespace,
      '--workflow-id',
      handle.workflowId,
      '--output',
      'json',
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), stdout);
}

export function recordedHistories(): { workflowId: string; history: unknown }[] {
  return readdirSync(HISTORIES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      workflowId: path.basename(f, '.json'),
      history: JSON.parse(readFileSync(path.join(HISTORIES_DIR, f), 'utf8')),
    }));
}
