/**
 * Two pipelines for the throttling tests: one whose replay server will cut the API off (2 s NBA
 * timeout, 20 requests/s), and a clean one whose tables are the expected result.
 */
import { afterAll, beforeAll } from 'vitest';
import { startPipeline, type Pipeline } from './harness.js';

/** The hang-mode cutoff of the acceptance tests: after every 25 answers, 15 s of silence. */
export const CUTOFF = { kind: 'cutoff', every: 25, seconds: 15, mode: 'hang' } as const;

export function useThrottledAndClean(cleanRate: number): { throttled: Pipeline; clean: Pipeline } {
  const pair = {} as { throttled: Pipeline; clean: Pipeline };
  beforeAll(async () => {
    [pair.throttled, pair.clean] = await Promise.all([
      // `cutoff` cuts off after every N answers at any rate: no pace avoids it, so these tests of
      // the breaker keep theirs fixed (the pacing tests use `budget`, a rate-shaped limit).
      startPipeline({ rate: 20, nbaTimeoutMs: 2_000, pacing: 'fixed' }),
      startPipeline({ rate: cleanRate }),
    ]);
    await Promise.all([pair.throttled.startWorkers(), pair.clean.startWorkers()]);
  });
  afterAll(async () => {
    await pair.throttled?.close();
    await pair.clean?.close();
  });
  return pair;
}
