/**
 * A database restart never kills a worker: the real worker process runs seasons against a PostgreSQL
 * of the test's own, which is stopped (fast shutdown: every session gets 57P01) for 3 s at random
 * moments, 5 times (each stop breaks every connection the worker holds; the database retries span
 * the 3 s: 1 s, then 2 s). The process must live through every stop, every run must complete,
 * and the data must equal a clean run's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../../db/client.js';
import { runMigrations } from '../../../db/migrate.js';
import { tableChecksums } from '../../../db/runs.js';
import type { IngestSeasonResult } from '../../../workflows/ingest-season.js';
import { startPrivatePostgres, type PrivatePostgres } from '../../support/private-postgres.js';
import { hasNbaData } from '../../support/index.js';
import { spawnWorker, type WorkerProcess } from '../../support/worker-process.js';
import { startPipeline, type Pipeline } from '../../support/pipeline.js';

const SEASON = '2023-24';
const STOPS = 5;
const DOWN_MS = 3_000;
/** Up time between two stops, drawn at random: long enough for retried activities to get through. */
const UP_MS = { min: 1_500, max: 4_500 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!hasNbaData())(
  'PostgreSQL restarts under a running worker (needs ../shared/nba-data)',
  () => {
    let postgres: PrivatePostgres;
    let trial: Pipeline;
    let clean: Pipeline;
    let worker: WorkerProcess | undefined;

    beforeAll(async () => {
      [postgres, trial, clean] = await Promise.all([
        startPrivatePostgres(),
        startPipeline(),
        startPipeline(),
      ]);
    });
    afterAll(async () => {
      await worker?.kill('SIGKILL');
      await trial?.close();
      await clean?.close();
      await postgres?.close();
    });

    it(`survives ${STOPS} stops of ${DOWN_MS / 1000} s: the worker lives, every run completes, data equals a clean run`, async () => {
      // The clean run goes on meanwhile, in this process, on the shared server.
      await clean.startWorkers();
      const cleanRun = clean.ingest({ season: SEASON });

      const databaseUrl = await postgres.createDatabase('nba');
      await runMigrations(databaseUrl);
      worker = await spawnWorker(
        {
          TEMPORAL_ADDRESS: trial.temporalAddress,
          TEMPORAL_TASK_QUEUE: trial.taskQueue,
          DATABASE_URL: databaseUrl,
          NBA_STATS_BASE_URL: trial.replay.url,
          NBA_RATE_LIMIT_PER_SEC: '4',
        },
        trial.client,
      );
      const stopsAt: string[] = [];
      const died = new Promise<never>((_resolve, reject) =>
        worker!.child.once('exit', (code, signal) =>
          reject(
            new Error(
              `the worker exited (${code ?? signal}) after ${stopsAt.length} stop(s):\n${worker!.output().slice(-4000)}`,
            ),
          ),
        ),
      );
      died.catch(() => undefined); // observed through the race below

      const statuses: string[] = [];
      const started = Date.now();
      while (stopsAt.length < STOPS) {
        const handle = await trial.start({ season: SEASON });
        let finished = false;
        const result = handle.result().finally(() => (finished = true)) as Promise<IngestSeasonResult>;
        const chaos = (async () => {
          while (!finished && stopsAt.length < STOPS) {
            await sleep(UP_MS.min + Math.random() * (UP_MS.max - UP_MS.min));
            if (finished) break;
            stopsAt.push(`${((Date.now() - started) / 1000).toFixed(1)}s`);
            await postgres.stop();
            await sleep(DOWN_MS);
            await postgres.start();
          }
        })();
        const outcome = await Promise.race([result, died]);
        await chaos;
        statuses.push(outcome.status);
        if (outcome.failures.length) console.info('failures:', JSON.stringify(outcome.failures));
      }
      const lost = worker.output().split('database connection lost').length - 1;
      console.info(
        `${lost} broken connections logged; ${stopsAt.length} stops of ${DOWN_MS} ms at ${stopsAt.join(', ')} over ${statuses.length} run(s) ending at ${((Date.now() - started) / 1000).toFixed(1)}s: ${statuses.join(', ')}`,
      );

      expect(worker.child.exitCode).toBeNull();
      expect(worker.output()).not.toContain("Unhandled 'error' event");
      // The stops did break the worker's connections (one line per broken connection).
      expect(worker.output()).toContain('database connection lost');
      expect(statuses.every((s) => s === 'completed')).toBe(true);
      expect((await cleanRun).status).toBe('completed');
      const database = createDatabase({ url: databaseUrl, poolMax: 1 });
      try {
        expect(await tableChecksums(database)).toEqual(await tableChecksums(clean.database));
      } finally {
        await database.close();
      }
    }, 240_000);
  },
);
