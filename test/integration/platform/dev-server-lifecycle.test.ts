import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SEARCH_ATTRIBUTE_TYPES } from '../../../domain/search-attributes.js';
import { devServerDynamicConfigFlags } from '../../../lib/temporal-dev-server.js';
import { freePort, uniqueWorkflowId } from '../../support/index.js';
import { runScript } from '../../support/run-script.js';

const exec = promisify(execFile);

/** `npm run temporal:dev` / `temporal:dev:stop` on spare ports with a temporary SQLite file. */
describe('scripts/temporal-dev.sh', () => {
  const cli = inject('temporalCliPath');
  let stateDir: string;
  let env: Record<string, string>;
  let address: string;
  let uiPort: number;

  const devServer = (action: 'start' | 'stop' | 'status') =>
    runScript('scripts/temporal-dev.sh', [action], env);
  const temporal = async (...args: string[]) =>
    (await exec(cli, [...args, '--address', address, '--command-timeout', '10s'])).stdout;

  beforeAll(async () => {
    stateDir = await mkdtemp(path.join(tmpdir(), 'nba-temporal-dev-'));
    const port = await freePort();
    uiPort = await freePort();
    address = `127.0.0.1:${port}`;
    env = { TEMPORAL_ADDRESS: address, TEMPORAL_UI_PORT: String(uiPort), TEMPORAL_DEV_STATE_DIR: stateDir };
  });

  afterAll(async () => {
    if (env) await devServer('stop');
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  it('starts a healthy server with the Web UI and the search attributes, reuses it, and keeps histories across a restart', async () => {
    const started = await devServer('start');
    expect(started.code, started.stderr).toBe(0);
    expect(await temporal('operator', 'cluster', 'health')).toContain('SERVING');
    const ui = await fetch(`http://127.0.0.1:${uiPort}/`);
    expect(ui.status).toBe(200);
    const attributes = JSON.parse(await temporal('operator', 'search-attribute', 'list', '-o', 'json')) as {
      customAttributes: Record<string, string>;
    };
    for (const name of Object.keys(SEARCH_ATTRIBUTE_TYPES)) {
      expect(attributes.customAttributes[name]).toBe('INDEXED_VALUE_TYPE_KEYWORD');
    }

    const pid = (await readFile(path.join(stateDir, 'server.pid'), 'utf8')).trim();
    // The server runs with the project's dynamic config (lib/temporal-dev-server.ts).
    const commandLine = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    const flags = devServerDynamicConfigFlags();
    for (let i = 1; i < flags.length; i += 2) {
      expect(commandLine).toContain(flags[i]);
    }
    const again = await devServer('start');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`already running (pid ${pid})`);

    // No worker polls this queue: the workflow simply stays open in the persisted history.
    const workflowId = uniqueWorkflowId('persisted');
    await temporal(
      'workflow',
      'start',
      '--type',
      'NotImplemented',
      '--task-queue',
      'nobody',
      '--workflow-id',
      workflowId,
    );

    const stopped = await devServer('stop');
    expect(stopped.code, stopped.stderr).toBe(0);
    expect((await devServer('status')).code).toBe(1);

    const restarted = await devServer('start');
    expect(restarted.code, restarted.stderr).toBe(0);
    const description = JSON.parse(
      await temporal('workflow', 'describe', '--workflow-id', workflowId, '-o', 'json'),
    ) as { workflowExecutionInfo: { execution: { workflowId: string }; status: string } };
    expect(description.workflowExecutionInfo.execution.workflowId).toBe(workflowId);
    expect(description.workflowExecutionInfo.status).toBe('WORKFLOW_EXECUTION_STATUS_RUNNING');
  });

  it('refuses to start a second server on the same SQLite file under another port', async () => {
    const otherPort = await freePort();
    const second = await runScript('scripts/temporal-dev.sh', ['start'], {
      ...env,
      TEMPORAL_ADDRESS: `127.0.0.1:${otherPort}`,
    });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('already uses');
  });
});
