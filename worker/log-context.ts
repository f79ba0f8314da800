/**
 * Every activity log line about a run carries its season, season type, team and run id (Temporal
 * adds the workflow id and activity type): taken from the activity's input, which always has them.
 */
import type { ActivityInterceptorsFactory } from '@temporalio/worker';

const CONTEXT_KEYS = ['season', 'seasonType', 'teamId', 'runId'] as const;

export const runLogContext: ActivityInterceptorsFactory = () => {
  const context: Record<string, unknown> = {};
  return {
    inbound: {
      execute(input, next) {
        const first = input.args[0];
        if (first && typeof first === 'object') {
          for (const key of CONTEXT_KEYS) {
            const value = (first as Record<string, unknown>)[key];
            if (value !== undefined) context[key] = value;
          }
        }
        return next(input);
      },
    },
    outbound: {
      getLogAttributes(input, next) {
        return next({ ...context, ...input });
      },
    },
  };
};
