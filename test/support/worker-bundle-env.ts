/**
 * Worker processes a test spawns (scripts/worker.ts, `npm run worker`) inherit the environment: they
 * load the workflow bundle global-setup.ts built once, as the in-process workers do (pipeline.ts).
 */
import { inject } from 'vitest';
import './provided-context.js';

process.env.WORKFLOW_BUNDLE_PATH = inject('workflowBundlePath');
