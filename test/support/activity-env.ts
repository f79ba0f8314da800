/** Temporal's MockActivityEnvironment for the activity unit tests. */
import type { Info } from '@temporalio/activity';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';

/** An environment with the given activity info; failures are expected in these tests, so only errors are logged. */
export function activityEnv(info: Partial<Info> = {}): MockActivityEnvironment {
  return new MockActivityEnvironment(info, { logger: new DefaultLogger('ERROR') });
}

/** `activity` as a function that runs it in `env`, keeping its types. */
export function runsIn<A, R>(env: MockActivityEnvironment, activity: (input: A) => Promise<R>) {
  return (input: A): Promise<R> => env.run<[A], R, typeof activity>(activity, input);
}
