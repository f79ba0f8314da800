/**
 * The real worker (scripts/worker.ts) as a child process, for the crash and backfill phases.
 * Started as `node --import tsx scripts/worker.ts` rather than through the `tsx` CLI: the CLI runs
 * the script in a second node process and cannot pass a SIGKILL on, so killing it would leave the
 * real worker running (and its memory would be in another process).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import type { Client } from '@temporalio/client';
import { nbaTaskQueueFor } from '../domain/task-queues.js';
import { waitFor } from './clock.js';
import { repoRoot } from '../testkit/paths.js';

export interface WorkerEnv {
  TEMPORAL_ADDRESS: string;
  TEMPORAL_TASK_QUEUE: string;
  DATABASE_URL: string;
  NBA_STATS_BASE_URL: string;
  NBA_RATE_LIMIT_PER_SEC: string;
  WORKFLOW_BUNDLE_PATH: string;
}

export interface ChildWorker {
  pid: number;
  /** The SDK's default worker identity, `pid@host`, as the server lists its pollers. */
  identity: string;
  output(): string;
  /** Largest VmHWM (peak resident set) seen over the process and its descendants, in MiB. */
  peakRssMb(): number;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** The process and its descendants, from /proc/<pid>/task/<tid>/children. */
function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    try {
      for (const tid of readdirSync(`/proc/${tree[i]}/task`)) {
        const children = readFileSync(`/proc/${tree[i]}/task/${tid}/children`, 'utf8').trim();
        if (children) tree.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // the process exited meanwhile
    }
  }
  return tree;
}

function vmHwmKb(pid: number): number {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** True once the server lists this identity among the pollers of both of the pipeline's queues. */
async function polling(client: Client, taskQueue: string, identity: string): Promise<true | undefined> {
  const queues = [
    { name: taskQueue, type: 1 }, // TASK_QUEUE_TYPE_WORKFLOW
    { name: nbaTaskQueueFor(taskQueue), type: 2 }, // TASK_QUEUE_TYPE_ACTIVITY
  ];
  for (const q of queues) {
    const res = await client.workflowService.describeTaskQueue({
      namespace: 'default',
      taskQueue: { name: q.name, kind: 1 },
      taskQueueType: q.type,
    });
    if (!(res.pollers ?? []).some((p) => p.identity === identity)) return undefined;
  }
  return true;
}

export async function spawnChildWorker(
  env: WorkerEnv,
  client: Client,
  readyTimeoutMs = 120_000,
): Promise<ChildWorker> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'warn', LOG_FORMAT: 'json', METRICS_PORT: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('bench: the worker process did not start');
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let peakKb = 0;
  const sample = (): void => {
    peakKb = Math.max(
      peakKb,
      processTree(pid).reduce((sum, p) => sum + vmHwmKb(p), 0),
    );
  };
  const sampler = setInterval(sample, 250);
  void exited.then(() => {
    clearInterval(sampler);
    process.off('exit', killOnExit);
  });

  const identity = `${pid}@${os.hostname()}`;
  try {
    await waitFor(
      `worker ${identity} polling ${env.TEMPORAL_TASK_QUEUE}`,
      async () => {
        if (child.exitCode !== null)
          throw new Error(`worker exited with ${child.exitCode} before polling:\n${output}`);
        return polling(client, env.TEMPORAL_TASK_QUEUE, identity);
      },
      readyTimeoutMs,
      200,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    pid,
    identity,
    output: () => output,
    peakRssMb() {
      sample();
      return peakKb / 1024;
    },
    async kill(signal) {
      sample();
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
