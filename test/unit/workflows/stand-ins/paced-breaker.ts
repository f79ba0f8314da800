/**
 * Bundled for the pacing unit test: the real OwnedBreaker (and its FleetPacer) in a workflow that
 * stands for a run's lanes: `throttles` throttled requests in a row, then answers for `cleanS`
 * seconds of test time, then the run ends.
 */
import { condition, sleep } from '@temporalio/workflow';
import { Breaker } from '../../../../workflows/breaker.js';
import { OwnedBreaker } from '../../../../workflows/throttle-gate.js';

export interface PacedBreakerInput {
  cooldownS: number;
  throttles: number;
  cleanS: number;
}

export async function pacedBreaker(input: PacedBreakerInput): Promise<string[]> {
  const breaker = new Breaker({
    threshold: 3,
    minCooldownMs: input.cooldownS * 1000,
    maxCooldownMs: input.cooldownS * 1000,
  });
  const notes: string[] = [];
  const gate = new OwnedBreaker(breaker, {
    probe: async () => undefined,
    changed: () => notes.push(breaker.progress().note ?? ''),
  });
  let finished = false;
  const supervising = gate.supervise(() => finished);
  for (let i = 0; i < input.throttles; i++) gate.report(`unit-${i}`, { errorType: 'NbaTimeout' });
  await condition(() => breaker.state === 'closed');
  await sleep(input.cleanS * 1000);
  finished = true;
  await supervising;
  return notes;
}
