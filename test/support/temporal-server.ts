/**
 * A Temporal dev server for one test or benchmark run: in-memory, on a free port, with the project's
 * search attributes, and its Web UI on another free port (for the Web UI test; no news fetch:
 * offline). The binary comes from scripts/ensure-temporal-cli.sh --no-install: tests never download
 * anything (run `npm run setup` first).
 */
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { SEARCH_ATTRIBUTE_TYPES } from '../../domain/search-attributes.js';
import { freeLocalPort as freePort } from '../../lib/free-ports.js';
import { devServerDynamicConfigFlags } from '../../lib/temporal-dev-server.js';
import { repoRoot } from './paths.js';

const run = promisify(execFile);

export interface TemporalTestServer {
  address: string;
  /** http://127.0.0.1:<port> of the server's Web UI. */
  uiUrl: string;
  cliPath: string;
  stop(): Promise<void>;
}

export async function resolveTemporalCli(): Promise<string> {
  try {
    const { stdout } = await run(
      'bash',
      [path.join(repoRoot, 'scripts/ensure-temporal-cli.sh'), '--print-path', '--no-install'],
      {
        cwd: repoRoot,
      },
    );
    return stdout.trim();
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new Error(`no Temporal CLI for the test server:\n${stderr}`, { cause: error });
  }
}

/** A port nothing listens on right now (the OS picks it). */
export { freePort };

export function searchAttributeFlags(): string[] {
  return Object.entries(SEARCH_ATTRIBUTE_TYPES).flatMap(([name, type]) => [
    '--search-attribute',
    `${name}=${type}`,
  ]);
}

async function isServing(cliPath: string, address: string): Promise<boolean> {
  try {
    const { stdout } = await run(cliPath, [
      'operator',
      'cluster',
      'health',
      '--address',
      address,
      '--command-timeout',
      '3s',
    ]);
    return stdout.includes('SERVING');
  } catch {
    return false;
  }
}

export async function startTemporalTestServer(
  opts: { startTimeoutMs?: number } = {},
): Promise<TemporalTestServer> {
  const cliPath = await resolveTemporalCli();
  const port = await freePort();
  const uiPort = await freePort();
  const address = `127.0.0.1:${port}`;
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port)];
  args.push('--ui-port', String(uiPort), '--ui-disable-news-fetch');
  args.push(
    '--namespace',
    'default',
    ...searchAttributeFlags(),
    '--log-level',
    'warn',
    ...devServerDynamicConfigFlags(),
  );
  const child = spawn(cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Last resort if the test runner exits without its teardown: never leave a server behind.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  while (!(await isServing(cliPath, address))) {
    if (child.exitCode !== null) {
      throw new Error(`Temporal test server exited with ${child.exitCode} during startup:\n${output}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Temporal test server not SERVING at ${address} within the start timeout:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { address, uiUrl: `http://127.0.0.1:${uiPort}`, cliPath, stop };
}
