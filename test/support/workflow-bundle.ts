/**
 * The pipeline's workflow code, bundled once into a file of its own: every worker of a test run or a
 * benchmark (in-process and child processes, through WORKFLOW_BUNDLE_PATH) loads it instead of running
 * webpack again, which costs seconds of CPU per worker on a 2-core machine.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { workflowBundlerOptions } from '../../lib/temporal-bundler.js';
import { WORKFLOWS_PATH } from '../../worker/create-workers.js';

export interface WorkflowBundleFile {
  path: string;
  remove(): Promise<void>;
}

/** The workflow code at `workflowsPath` (the pipeline's by default) as webpack bundles it for a worker. */
export async function bundleWorkflows(workflowsPath: string = WORKFLOWS_PATH): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    ...workflowBundlerOptions(),
    logger: new DefaultLogger('ERROR'),
  });
  return code;
}

export async function buildWorkflowBundle(): Promise<WorkflowBundleFile> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nba-workflow-bundle-'));
  const file = path.join(dir, 'workflow-bundle.js');
  try {
    await writeFile(file, await bundleWorkflows());
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { path: file, remove: () => rm(dir, { recursive: true, force: true }) };
}
