/**
 * The test files that spend most of their time waiting (cutoffs, cooldowns, retries, child processes,
 * a database stopped and started) start first. Vitest orders files by the durations it cached from the
 * last run, and on a fresh clone (CI) by size: a short file that waits a minute would start last and
 * end the run alone on one worker while the other idles.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Longest first, as measured (docs/testing.md). A file not listed keeps Vitest's order, after these. */
const LONG_RUNNING = [
  'test/integration/pipeline/throttled-backfill.test.ts',
  'test/integration/pipeline/db-restart.test.ts',
  'test/integration/pipeline/interval-dead-letters.test.ts',
  'test/integration/pipeline/crash-resume.test.ts',
  'test/integration/pipeline/throttling.test.ts',
  'test/integration/pipeline/interval-cli.test.ts',
  'test/integration/pipeline/cli.test.ts',
  'test/integration/pipeline/watermark-holes.test.ts',
  'test/integration/schedule/schedule.test.ts',
  'test/integration/pipeline/run-origin.test.ts',
  'test/integration/platform/embedded-postgres.test.ts',
];

function rank(spec: TestSpecification): number {
  const index = LONG_RUNNING.findIndex((file) => spec.moduleId.endsWith(file));
  return index === -1 ? LONG_RUNNING.length : index;
}

export default class LongRunningFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Measured durations from this machine's last run know better than the list.
    if (files.every((spec) => this.ctx.cache.getTestSpecificationResult(spec))) return sorted;
    return sorted
      .map((spec, order) => ({ spec, order }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.order - b.order)
      .map(({ spec }) => spec);
  }
}
