/**
 * Two pipelines for the throttling tests: one whose replay server will cut the API off (2 s NBA
 * timeout, 20 requests/s), and a clean one whose tables are the expected result.
 */
import { afterAll, beforeAll } from 'vitest';
import { startPipeline, type Pipeline } from './pipeline.js';

/**
 * The hang-mode cutoff of the tests: after every 25 answers, 5 s of silence. stats.nba.com's own
 * (and the benchmark's, bench/phases/backfill.ts) last 15 s; 5 s keep every part of waiting one out
 * (requests hanging into the 2 s timeout, a probe sent into the cutoff, a doubled cooldown after it)
 * at a third of the wall time.
 */
export const CUTOFF = { kind: 'cutoff', every: 25, seconds: 5, mode: 'hang' } as const;

/**
 * Short cooldowns for the runs under CUTOFF: the first probe 2 s after a trip (still inside the
 * cutoff: it fails), the next 4 s after that (past it).
 */
export const COOLDOWNS = { nbaCooldownMinS: 2, nbaCooldownMaxS: 60 } as const;

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
