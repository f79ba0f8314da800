import { defineQuery } from '@temporalio/workflow';
import type { IngestProgress } from './progress.js';

/** `progress`: teams done/failed/total, row counts and API calls so far. */
export const progressQuery = defineQuery<IngestProgress>('progress');
