/**
 * Once per unit test run: an empty folder for the workflow bundles the run's files share
 * (shared-workflow-bundles.ts), removed at the end.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import './provided-context.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nba-unit-bundles-'));
  project.provide('workflowBundleDir', dir);
  return () => rm(dir, { recursive: true, force: true });
}
