/**
 * The real pipeline of pipeline.ts (scratch database, replay server, workers) with schedule cleanup.
 * pipeline.ts gives each pipeline a namespace of its own: schedules start ingestSeason under the
 * fixed per-season id (`ingest-season-2023-24-regular`), which must not meet another test file's runs.
 */
import type { Client } from '@temporalio/client';
import { startPipeline, type Pipeline, type PipelineOptions } from './pipeline.js';

export interface SchedulePipeline {
  pipeline: Pipeline;
  namespace: string;
  /** A client of the pipeline's namespace. */
  client: Client;
  taskQueue: string;
  close(): Promise<void>;
}

export async function startSchedulePipeline(options: PipelineOptions = {}): Promise<SchedulePipeline> {
  const pipeline = await startPipeline(options);
  try {
    await pipeline.startWorkers();
  } catch (err) {
    await pipeline.close();
    throw err;
  }
  const { client } = pipeline;
  return {
    pipeline,
    namespace: pipeline.namespace,
    client,
    taskQueue: pipeline.taskQueue,
    async close() {
      // Schedules would keep starting workflows on a queue nobody polls any more.
      for await (const schedule of client.schedule.list()) {
        await client.schedule
          .getHandle(schedule.scheduleId)
          .delete()
          .catch(() => undefined);
      }
      await pipeline.close();
    },
  };
}
