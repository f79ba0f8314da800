/** `npm run replay -- --data DIR --port P --fault SPEC` as a real process. */
import { spawn, type ChildProcess } from 'node:child_process';
import got from 'got';
import { afterEach, describe, expect, it } from 'vitest';
import { REPLAY_FIXTURE_DIR, REPO_ROOT } from '../../support/shared-data.js';

/** Node with tsx's loader: one process, no npx wrapper in between. */
function startCli(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'scripts/replay.ts', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no URL printed; output so far: ${out}`)), 15_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /NBA_STATS_BASE_URL=(\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before printing the URL: ${out}`));
    });
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

describe('replay CLI', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints the base URL, serves the data, applies --fault rules and stops on SIGTERM', async () => {
    child = startCli([
      '--data',
      REPLAY_FIXTURE_DIR,
      '--port',
      '0',
      '--fault',
      'server-error?firstN=1&endpoint=commonteamroster',
      '--seed',
      '5',
    ]);
    const exited = exitOf(child);
    const url = await waitForUrl(child);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/stats$/);

    const roster = `${url}/commonteamroster?LeagueID=00&Season=2024-25&TeamID=1610612737`;
    const first = await got(roster, { throwHttpErrors: false, retry: { limit: 0 } });
    const second = await got(roster, { throwHttpErrors: false, retry: { limit: 0 } });
    expect([first.statusCode, second.statusCode]).toEqual([500, 200]);
    const stats = await got(`${new URL(url).origin}/__requests`).json<{ total: number }>();
    expect(stats.total).toBe(2);

    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
  }, 30_000);

  it('exits 1 with the reason on a bad fault spec or data directory, or real data mixed with synthetic', async () => {
    child = startCli(['--data', REPLAY_FIXTURE_DIR, '--port', '0', '--fault', 'meteor-strike']);
    const bad = await exitOf(child);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("fault 'meteor-strike'");

    child = startCli(['--data', '/nonexistent/dir', '--port', '0']);
    const missing = await exitOf(child);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("data directory '/nonexistent/dir' does not exist");

    child = startCli(['--data', REPLAY_FIXTURE_DIR, '--synthetic', '1983-84', '--port', '0']);
    const mixed = await exitOf(child);
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toContain('give --data DIR (real data) or --synthetic SEASONS');
  }, 45_000);
});
