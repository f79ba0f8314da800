/**
 * CPU time (user + system, seconds) of this process and of the Temporal dev server while a run
 * goes, to tell "Temporal costs CPU" from "Temporal waits": on a small, shared machine wall time
 * follows CPU. Linux only (/proc); the server is found among this process's children by its port.
 */
import { readFileSync, readdirSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

function childPids(): number[] {
  const pids: number[] = [];
  for (const tid of readdirSync('/proc/self/task')) {
    const text = readFileSync(`/proc/self/task/${tid}/children`, 'utf8').trim();
    if (text) pids.push(...text.split(/\s+/).map(Number));
  }
  return pids;
}

/** The child process whose command line contains every one of `parts`. */
export function findChildProcess(parts: readonly string[]): number | undefined {
  for (const pid of childPids()) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      if (parts.every((p) => cmdline.includes(p))) return pid;
    } catch {
      // exited meanwhile
    }
  }
  return undefined;
}

function processCpuSeconds(pid: number): number {
  try {
    // Fields after the command's closing parenthesis: state is 3rd, utime 14th, stime 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

const ownCpuSeconds = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

export interface CpuSeconds {
  /** This process: in-process workers or direct activities, the replay server, the bench itself. */
  node: number;
  /** The Temporal dev server. */
  server: number;
}

export function cpuMeter(serverPid: number | undefined): () => CpuSeconds {
  const node = ownCpuSeconds();
  const server = serverPid ? processCpuSeconds(serverPid) : 0;
  return () => ({
    node: ownCpuSeconds() - node,
    server: serverPid ? processCpuSeconds(serverPid) - server : 0,
  });
}
