import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { workflowBundlerOptions } from '../../../lib/temporal-bundler.js';
import { uniqueTaskQueue, uniqueWorkflowId } from '../../support/index.js';
import type { PlatformSmokeActivities, platformSmoke } from './workflows/platform-smoke.js';

const workflowsPath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'workflows/platform-smoke.ts');

describe('a workflow on the real Temporal dev server', () => {
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    connection = await Connection.connect({ address: inject('temporalAddress') });
    client = new Client({ connection, namespace: inject('temporalNamespace') });
  });

  afterAll(async () => {
    await connection?.close();
  });

  it('runs on a real worker, calls its activity and records search attributes', async () => {
    const taskQueue = uniqueTaskQueue('platform-smoke');
    const workerConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
    const activities: PlatformSmokeActivities = { greet: (name) => Promise.resolve(`hello ${name}`) };
    const worker = await Worker.create({
      connection: workerConnection,
      namespace: inject('temporalNamespace'),
      taskQueue,
      workflowsPath,
      activities,
      bundlerOptions: workflowBundlerOptions(),
    });
    const workflowId = uniqueWorkflowId('platform-smoke');
    try {
      const result = await worker.runUntil(
        client.workflow.execute<typeof platformSmoke>('platformSmoke', {
          taskQueue,
          workflowId,
          args: ['nba'],
        }),
      );
      expect(result).toBe('hello nba from a workflow');
    } finally {
      await workerConnection.close();
    }

    const description = await client.workflow.getHandle(workflowId).describe();
    expect(description.status.name).toBe('COMPLETED');
    expect(description.typedSearchAttributes.getAll().map((pair) => [pair.key.name, pair.value])).toEqual(
      expect.arrayContaining([
        ['NbaSeason', '2023-24'],
        ['NbaRunStatus', 'completed'],
      ]),
    );
  });
});
