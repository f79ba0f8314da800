/**
 * The real pipeline (scratch database and replay server from the pipeline harness) with its workers
 * in a namespace of its own. Schedules start ingestSeason under the deterministic per-season id
 * (`ingest-season-2023-24-regular`), which is unique per namespace: in `default` it would collide
 * with other test files ingesting the same season in parallel on the shared dev server.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { msToTs } from '@temporalio/common/lib/time.js';
import { temporal } from '@temporalio/proto';
import { createActivities } from '../../../activities/index.js';
import { SEARCH_ATTRIBUTE_TYPES } from '../../../domain/search-attributes.js';
import { createNbaClient } from '../../../nba/client.js';
import { createWorkers, type PipelineWorkers } from '../../../worker/create-workers.js';
import { uniqueWorkflowId } from '../../setup/index.js';
import { startPipeline, type Pipeline } from '../pipeline/harness.js';

export interface SchedulePipeline {
  pipeline: Pipeline;
  namespace: string;
  /** A client of the isolated namespace. */
  client: Client;
  taskQueue: string;
  close(): Promise<void>;
}

const KEYWORD = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;

/** A fresh namespace with the project's search attributes (ingestSeason sets them). */
async function createNamespace(connection: Connection, namespace: string): Promise<void> {
  await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });
  const searchAttributes = Object.fromEntries(Object.keys(SEARCH_ATTRIBUTE_TYPES).map((name) => [name, KEYWORD]));
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
      return;
    } catch (err) {
      // Just after registration the namespace may not be visible to every service yet.
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export async function startSchedulePipeline(): Promise<SchedulePipeline> {
  const pipeline = await startPipeline();
  const namespace = uniqueWorkflowId('schedule-test');
  const connection = await Connection.connect({ address: pipeline.temporalAddress });
  let workers: PipelineWorkers | undefined;
  let workerConnection: NativeConnection | undefined;
  let running: Promise<void> | undefined;
  try {
    await createNamespace(connection, namespace);
    workerConnection = await NativeConnection.connect({ address: pipeline.temporalAddress });
    workers = await createWorkers({
      connection: workerConnection,
      namespace,
      taskQueue: pipeline.taskQueue,
      activities: createActivities({
        nba: createNbaClient({ baseUrl: pipeline.replay.url, timeoutMs: 5_000 }),
        database: pipeline.database,
      }),
      nbaRatePerSecond: 50,
    });
    running = workers.run();
  } catch (err) {
    await workerConnection?.close();
    await connection.close();
    await pipeline.close();
    throw err;
  }
  const client = new Client({ connection, namespace });
  return {
    pipeline,
    namespace,
    client,
    taskQueue: pipeline.taskQueue,
    async close() {
      // Schedules would keep starting workflows on a queue nobody polls any more.
      for await (const schedule of client.schedule.list()) {
        await client.schedule.getHandle(schedule.scheduleId).delete().catch(() => undefined);
      }
      workers?.shutdown();
      await running;
      await workerConnection?.close();
      await connection.close();
      await pipeline.close();
    },
  };
}
