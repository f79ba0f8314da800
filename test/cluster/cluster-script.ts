/** scripts/temporal-cluster.sh driven from tests: start (or restart) and stop, and the server's pid. */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '../../testkit/paths.js';

const SCRIPT = path.join(repoRoot, 'scripts/temporal-cluster.sh');

/** Runs `temporal-cluster.sh <action>` with the cluster's environment; its messages are shown live. */
export async function clusterScript(action: 'start' | 'stop', env: Record<string, string>): Promise<void> {
  const child = spawn('bash', [SCRIPT, action], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`scripts/temporal-cluster.sh ${action} exited with ${code}`);
}

/** A file the script keeps in its state directory (server.pid, ui.port, …), trimmed. */
export async function clusterStateFile(env: Record<string, string>, name: string): Promise<string> {
  return (await readFile(path.join(env.TEMPORAL_CLUSTER_STATE_DIR ?? '', name), 'utf8')).trim();
}
