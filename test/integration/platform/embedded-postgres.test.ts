/**
 * The project's own PostgreSQL (`npm run postgres -- …`, lib/embedded-postgres.ts), each test on a data
 * directory and a free port of its own, so the server the rest of the suite uses is never touched.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedDatabaseUrl } from '../../../config/env.js';
import { pinnedPostgresMajor, serverVersionMajor } from '../../../testkit/postgres-major.js';
import { freePort } from '../../setup/index.js';
import { runPostgresCli } from './run-script.js';

const isRoot = process.getuid?.() === 0;
let scratchRoot: string;
interface ServerEnv extends Record<string, string> {
  EMBEDDED_POSTGRES_PORT: string;
  EMBEDDED_POSTGRES_DATA_DIR: string;
}

beforeAll(async () => {
  // Under the system temp directory: searchable by every user, as the server user needs when we are root.
  scratchRoot = await mkdtemp(path.join(tmpdir(), 'nba-embedded-pg-'));
  await chmod(scratchRoot, 0o755);
});

afterAll(async () => {
  await rm(scratchRoot, { recursive: true, force: true });
});

/** EMBEDDED_POSTGRES_* for a fresh data directory and a free port. */
async function serverEnv(label: string): Promise<ServerEnv> {
  return {
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    EMBEDDED_POSTGRES_DATA_DIR: path.join(scratchRoot, label),
  };
}

async function start(env: ServerEnv): Promise<void> {
  const result = await runPostgresCli(['start'], env);
  expect(result.code, result.stderr).toBe(0);
}

async function query<T extends pg.QueryResultRow>(env: ServerEnv, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: embeddedDatabaseUrl(Number(env.EMBEDDED_POSTGRES_PORT)) });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('npm run postgres on one server', () => {
  let env: ServerEnv;

  beforeAll(async () => {
    env = await serverEnv('shared');
    await start(env);
  });

  afterAll(async () => {
    await runPostgresCli(['stop'], env);
  });

  it("runs the PostgreSQL major of package.json's embedded-postgres pin, the compose images' major", async () => {
    const [row] = await query<{ version: string }>(env, 'SELECT version()');
    expect(row?.version).toMatch(/^PostgreSQL \d+\.\d+ /);
    expect(serverVersionMajor(row?.version ?? '')).toBe(pinnedPostgresMajor());
  });

  it("gives its role the right to create roles and databases (another service's cluster on the same server)", async () => {
    const [role] = await query<{ rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>(
      env,
      'SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user',
    );
    expect(role).toEqual({ rolsuper: true, rolcreaterole: true, rolcreatedb: true });
  });

  it('refuses a data directory locked by a server running on another port, naming the directory', async () => {
    const otherPort = String(await freePort());
    const result = await runPostgresCli(['start'], { ...env, EMBEDDED_POSTGRES_PORT: otherPort });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `data directory ${env.EMBEDDED_POSTGRES_DATA_DIR} is locked by another running`,
    );
    expect(result.stderr).toContain(`port ${env.EMBEDDED_POSTGRES_PORT}`);
    expect(await query(env, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('keeps the data across stop and start; status tells, with the password masked', async () => {
    await query(env, 'CREATE TABLE kept (id int PRIMARY KEY, label text NOT NULL)');
    await query(env, "INSERT INTO kept VALUES (1, 'one'), (2, 'two')");

    const running = await runPostgresCli(['status'], { ...env, DATABASE_URL: undefined });
    expect(running.code, running.stderr).toBe(0);
    const maskedUrl = `postgres://nba:***@127.0.0.1:${env.EMBEDDED_POSTGRES_PORT}/nba`;
    expect(running.stdout).toContain(`running (pid `);
    expect(running.stdout).toContain(maskedUrl);
    expect(running.stdout + running.stderr).not.toContain('nba:nba@');

    const stop = await runPostgresCli(['stop'], env);
    expect(stop.code, stop.stderr).toBe(0);
    const stopped = await runPostgresCli(['status'], env);
    expect(stopped.code).toBe(3);
    expect(stopped.stdout).toContain(`not running: ${maskedUrl}`);
    await expect(query(env, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);

    await start(env);
    const rows = await query<{ id: number; label: string }>(env, 'SELECT id, label FROM kept ORDER BY id');
    expect(rows).toEqual([
      { id: 1, label: 'one' },
      { id: 2, label: 'two' },
    ]);
  });
});

describe('npm run postgres refuses', () => {
  it('a taken port before touching anything, naming the port and EMBEDDED_POSTGRES_PORT', async () => {
    const env = await serverEnv('port-taken');
    const blocker = createServer();
    await new Promise<void>((resolve) =>
      blocker.listen(Number(env.EMBEDDED_POSTGRES_PORT), '127.0.0.1', resolve),
    );
    try {
      const result = await runPostgresCli(['start'], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`port ${env.EMBEDDED_POSTGRES_PORT} on 127.0.0.1 is taken`);
      expect(result.stderr).toContain('EMBEDDED_POSTGRES_PORT');
      await expect(readdir(env.EMBEDDED_POSTGRES_DATA_DIR)).rejects.toThrow(/ENOENT/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('a data directory of another major version, naming both versions, and leaves it as it was', async () => {
    const env = await serverEnv('old-version');
    const dataDir = env.EMBEDDED_POSTGRES_DATA_DIR;
    await mkdir(dataDir, { mode: 0o700 });
    await writeFile(path.join(dataDir, 'PG_VERSION'), '16\n');
    const result = await runPostgresCli(['start'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `data directory ${dataDir} was created by PostgreSQL 16, but the embedded server is PostgreSQL ${pinnedPostgresMajor()}`,
    );
    expect(await readdir(dataDir)).toEqual(['PG_VERSION']);
  });

  it('ensure with an unreachable DATABASE_URL server, naming it and never printing its password', async () => {
    const password = 'Sup3r-Secret-Pw';
    const result = await runPostgresCli(['ensure'], {
      DATABASE_URL: `postgres://someone:${password}@db.invalid:5432/nba`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no PostgreSQL server answers at db.invalid:5432');
    expect(result.stderr).toContain('postgres://someone:***@db.invalid:5432/nba');
    expect(result.stdout + result.stderr).not.toContain(password);
  });
});

describe('npm run postgres as an unprivileged user', () => {
  const user = `nbapg${randomBytes(3).toString('hex')}`;
  let ids: { uid: number; gid: number };

  beforeAll(() => {
    if (!isRoot) return;
    execFileSync('useradd', ['--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', user]);
    const id = (flag: string) => Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
    ids = { uid: id('-u'), gid: id('-g') };
  });

  afterAll(() => {
    if (isRoot) execFileSync('userdel', [user]);
  });

  it('starts under a throwaway user with a data directory it owns', async ({ skip }) => {
    skip(!isRoot, 'not root: creating a throwaway user needs root (CI runs as root)');
    const env = { ...(await serverEnv('unprivileged')), HOME: scratchRoot };
    await mkdir(env.EMBEDDED_POSTGRES_DATA_DIR, { mode: 0o700 });
    await chown(env.EMBEDDED_POSTGRES_DATA_DIR, ids.uid, ids.gid);
    try {
      const result = await runPostgresCli(['start'], env, ids);
      expect(result.code, result.stderr).toBe(0);
      const [pid] = (
        await readFile(path.join(env.EMBEDDED_POSTGRES_DATA_DIR, 'postmaster.pid'), 'utf8')
      ).split('\n');
      const owner = /^Uid:\s+(\d+)/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1];
      expect(Number(owner)).toBe(ids.uid);
      expect(await query(env, 'SELECT current_database() AS name')).toEqual([{ name: 'nba' }]);
    } finally {
      const stop = await runPostgresCli(['stop'], env, ids);
      expect(stop.code, stop.stderr).toBe(0);
    }
  });
});
