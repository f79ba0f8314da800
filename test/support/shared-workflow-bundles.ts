/**
 * Workflow bundles shared by the test files of one unit run: the first file that needs the bundle of
 * a workflows path builds it (webpack, seconds of CPU) into the run's folder that
 * unit-global-setup.ts made; the other files, in other worker processes, wait for that file and load
 * it. Built on first use, so a run without workflow tests bundles nothing.
 */
import { createHash } from 'node:crypto';
import { access, open, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import './provided-context.js';
import { bundleWorkflows } from './workflow-bundle.js';

const WAIT_FOR_OTHER_BUILD_MS = 120_000;
const POLL_MS = 200;

/** The path of the bundle of `workflowsPath`, built by this process or by another file of the run. */
export async function sharedWorkflowBundle(workflowsPath: string): Promise<string> {
  const name = createHash('sha256').update(workflowsPath).digest('hex').slice(0, 16);
  const file = path.join(inject('workflowBundleDir'), `${name}.js`);
  const claim = await open(`${file}.building`, 'wx').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EEXIST') return undefined;
    throw error;
  });
  if (claim) {
    await claim.close();
    // Written aside, then renamed: a waiting process never loads half a file.
    await writeFile(`${file}.partial`, await bundleWorkflows(workflowsPath));
    await rename(`${file}.partial`, file);
    return file;
  }
  return waitForFile(file, workflowsPath);
}

async function waitForFile(file: string, workflowsPath: string): Promise<string> {
  const deadline = Date.now() + WAIT_FOR_OTHER_BUILD_MS;
  while (Date.now() < deadline) {
    if (
      await access(file).then(
        () => true,
        () => false,
      )
    )
      return file;
    await sleep(POLL_MS);
  }
  throw new Error(
    `the workflow bundle of ${workflowsPath} was not built within ${WAIT_FOR_OTHER_BUILD_MS} ms`,
  );
}
