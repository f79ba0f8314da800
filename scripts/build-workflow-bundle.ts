/**
 * `npm run build` step: bundles the workflows once (dist/workflow-bundle.js) so production workers
 * start fast and run exactly the code that was reviewed (WORKFLOW_BUNDLE_PATH points at it).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundlerOptions } from '../lib/temporal-bundler.js';
import { WORKFLOWS_PATH } from '../worker/create-workers.js';

const outFile = path.resolve(process.argv[2] ?? 'dist/workflow-bundle.js');
const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, ...workflowBundlerOptions() });
await mkdir(path.dirname(outFile), { recursive: true });
await writeFile(outFile, code);
process.stderr.write(`workflow bundle written to ${outFile} (${(code.length / 1024).toFixed(0)} KiB)\n`);
