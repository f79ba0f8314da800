/** A team unit's database steps wait out a database restart instead of failing the attempt. */
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { untilDatabaseAnswers } from '../../../activities/database-outage.js';
import { isConnectionLost } from '../../../db/errors.js';
import { activityEnv } from '../../support/activity-env.js';

const refused = (): Error =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:54329'), { code: 'ECONNREFUSED' });
const shutdown = (): Error =>
  Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

describe('isConnectionLost', () => {
  it('knows refused and dropped connections, also wrapped, and nothing else', () => {
    expect(isConnectionLost(refused())).toBe(true);
    expect(isConnectionLost(shutdown())).toBe(true);
    expect(isConnectionLost(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionLost(new Error('query failed', { cause: refused() }))).toBe(true);
    expect(isConnectionLost(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe(false);
    expect(
      isConnectionLost(ApplicationFailure.retryable('connect ECONNREFUSED', 'NbaConnectionDropped')),
    ).toBe(false);
  });
});

describe('untilDatabaseAnswers', () => {
  it('repeats the step while the database is unreachable, then returns its result', async () => {
    let calls = 0;
    const step = async (): Promise<string> => {
      calls += 1;
      if (calls < 3) throw calls === 1 ? refused() : shutdown();
      return 'loaded';
    };
    await expect(activityEnv().run(() => untilDatabaseAnswers(step))).resolves.toBe('loaded');
    expect(calls).toBe(3);
  });

  it('passes any other failure on at once', async () => {
    let calls = 0;
    const failure = ApplicationFailure.nonRetryable('bad row', 'DbInputInvalid');
    const step = async (): Promise<never> => {
      calls += 1;
      throw failure;
    };
    await expect(activityEnv().run(() => untilDatabaseAnswers(step))).rejects.toBe(failure);
    expect(calls).toBe(1);
  });

  it('gives up when the outage outlasts its budget, with the database error', async () => {
    let calls = 0;
    const step = async (): Promise<never> => {
      calls += 1;
      throw refused();
    };
    await expect(activityEnv().run(() => untilDatabaseAnswers(step, 1_000))).rejects.toThrow(/ECONNREFUSED/);
    expect(calls).toBe(2); // waited 0.5 s once; a 1 s wait would pass the budget
  });
});
