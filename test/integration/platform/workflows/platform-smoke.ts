/**
 * Test-only workflow: proves the worker bundles our ESM TypeScript (a `.js` specifier resolving to a
 * `.ts` file), runs an activity, and that the dev server knows the project's search attributes.
 */
import { proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import { NbaRunStatus, NbaSeason } from '../../../../domain/search-attributes.js';

export interface PlatformSmokeActivities {
  greet(name: string): Promise<string>;
}

const { greet } = proxyActivities<PlatformSmokeActivities>({ startToCloseTimeout: '10 seconds' });

export async function platformSmoke(name: string): Promise<string> {
  upsertSearchAttributes([
    { key: NbaSeason, value: '2023-24' },
    { key: NbaRunStatus, value: 'completed' },
  ]);
  return `${await greet(name)} from a workflow`;
}
