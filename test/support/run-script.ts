/** Runs one of the project's scripts and captures its output (never throws on a non-zero exit). */
import { execFile, spawn, type ExecFileOptions, type SpawnOptions } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './index.js';

export interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `command args…` in the repository, with `env` over this process's environment (undefined unsets). */
export function runCommand(
  command: string,
  args: string[],
  env: Record<string, string | undefined> = {},
  options: Pick<SpawnOptions, 'uid' | 'gid' | 'cwd'> = {},
): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: repoRoot,
      ...options,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export function runScript(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<ScriptResult> {
  return runCommand('bash', [path.join(repoRoot, script), ...args], env);
}

/** `npm run postgres -- args…` without npm's own output. */
export function runPostgresCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  options: Pick<SpawnOptions, 'uid' | 'gid'> = {},
): Promise<ScriptResult> {
  return runCommand(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'scripts/postgres.ts'), ...args],
    env,
    options,
  );
}

const runFile = promisify(execFile);

/**
 * `node --import tsx argv…` in the repository (argv: a script, then its arguments): one Node process,
 * where the tsx binary starts two and `npx tsx` three (a fraction of a second of CPU each, on every
 * command a test runs). Resolves or rejects as `promisify(execFile)` does.
 */
export function runTsScript(
  argv: string[],
  options: Omit<ExecFileOptions, 'encoding'> = {},
): Promise<{ stdout: string; stderr: string }> {
  return runFile(process.execPath, ['--import', 'tsx', ...argv], {
    cwd: repoRoot,
    ...options,
    encoding: 'utf8',
  });
}
