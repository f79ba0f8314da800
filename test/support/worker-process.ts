/**
 * The real worker (`scripts/worker.ts`) as a child process, for the crash, metrics and multi-worker
 * tests and the benchmark's crash and backfill phases. Started as `node --import tsx`, not through
 * the tsx CLI: the CLI runs the script in a second node process and cannot pass a SIGKILL on, so
 * killing it would leave the real worker running (and its memory would be in another process).
 *
 * Ready means polling: the server lists the child's identity among the pollers of both of the
 * pipeline's task queues.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import type { Client } from '@temporalio/client';
import { nbaTaskQueueFor } from '../../domain/task-queues.js';
import { repoRoot } from './paths.js';

/** The worker's environment: at least where to poll; the namespace is the client's. */
export type WorkerEnv = { TEMPORAL_ADDRESS: string; TEMPORAL_TASK_QUEUE: string } & Record<string, string>;

export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  /** The SDK's default worker identity, `pid@host`, as the server lists its pollers. */
  identity: string;
  /** Everything it wrote to stdout and stderr (JSON log lines). */
  output(): string;
  /** Largest VmHWM (peak resident set) seen over the process and its descendants, in MiB (Linux). */
  peakRssMb(): number;
  /** Sends the signal (SIGKILL after 30 s if it has not exited) and resolves with the exit code. */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the worker and resolves once it polls both task queues; rejects if it exits first. */
export async function spawnWorker(
  env: WorkerEnv,
  client: Client,
  readyTimeoutMs = 120_000,
): Promise<WorkerProcess> {
  const namespace = client.options.namespace;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
    cwd: repoRoot,
    env: { ...process.env, LOG_FORMAT: 'json', METRICS_PORT: '', TEMPORAL_NAMESPACE: namespace, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the worker process did not start');
  let output = '';
  const collect = (chunk: Buffer): void => void (output += chunk.toString());
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
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
  const deadline = Date.now() + readyTimeoutMs;
  try {
    while (!(await polling(client, namespace, env.TEMPORAL_TASK_QUEUE, identity))) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(
          `worker exited with ${child.exitCode ?? child.signalCode} before polling:\n${output}`,
        );
      if (Date.now() > deadline) throw new Error(`worker not polling in ${readyTimeoutMs} ms:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    child,
    pid,
    identity,
    output: () => output,
    peakRssMb() {
      sample();
      return peakKb / 1024;
    },
    async kill(signal = 'SIGTERM') {
      sample();
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** True once the server lists this identity among the pollers of both of the pipeline's queues. */
async function polling(
  client: Client,
  namespace: string,
  taskQueue: string,
  identity: string,
): Promise<boolean> {
  const queues = [
    { name: taskQueue, type: 1 }, // TASK_QUEUE_TYPE_WORKFLOW
    { name: nbaTaskQueueFor(taskQueue), type: 2 }, // TASK_QUEUE_TYPE_ACTIVITY
  ];
  for (const q of queues) {
    const res = await client.workflowService.describeTaskQueue({
      namespace,
      taskQueue: { name: q.name, kind: 1 },
      taskQueueType: q.type,
    });
    if (!(res.pollers ?? []).some((p) => p.identity === identity)) return false;
  }
  return true;
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
      // the process exited meanwhile (or there is no /proc)
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
