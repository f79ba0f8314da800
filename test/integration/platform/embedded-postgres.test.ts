/**
 * The project's own PostgreSQL (`npm run postgres -- …`, lib/embedded-postgres.ts), each test on a data
 * directory and a free port of its own, so the server the rest of the suite uses is never touched. Two
 * checkouts without a port set each take a free one and keep it; as root, a clone under a mode-0700
 * directory runs its server from SERVER_HOME.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedDatabaseUrl } from '../../../config/env.js';
import { SERVER_HOME } from '../../../lib/embedded-postgres.js';
import { DEFAULT_EMBEDDED_PORT } from '../../../lib/embedded-postgres-port.js';
import { pinnedPostgresMajor, serverVersionMajor } from '../../support/postgres-major.js';
import { freePort, repoRoot } from '../../support/index.js';
import { runCommand, runPostgresCli } from '../../support/run-script.js';

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

describe('two checkouts, EMBEDDED_POSTGRES_PORT and DATABASE_URL unset', () => {
  const unset = { EMBEDDED_POSTGRES_PORT: undefined, DATABASE_URL: undefined };
  let blocker: Server | undefined;
  let first: string;
  let second: string;

  beforeAll(async () => {
    // 54329 taken, as the first checkout's server takes it on a machine where it is free.
    blocker = await new Promise<Server | undefined>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(undefined)); // taken already: just as well
      server.listen(DEFAULT_EMBEDDED_PORT, '127.0.0.1', () => resolve(server));
    });
    first = path.join(scratchRoot, 'checkout-1');
    second = path.join(scratchRoot, 'checkout-2');
  });

  afterAll(async () => {
    for (const dataDir of [first, second])
      await runPostgresCli(['stop'], { ...unset, EMBEDDED_POSTGRES_DATA_DIR: dataDir });
    await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)));
  });

  /** `npm run postgres -- status` of a checkout: its port from the URL it prints. */
  async function statusPort(dataDir: string): Promise<number> {
    const status = await runPostgresCli(['status'], { ...unset, EMBEDDED_POSTGRES_DATA_DIR: dataDir });
    expect(status.code, status.stdout + status.stderr).toBe(0);
    expect(status.stdout).toContain(`data ${dataDir} `);
    return Number(/127\.0\.0\.1:(\d+)\/nba/.exec(status.stdout)?.[1]);
  }

  it('each starts its own server on a free port, says which, and every later command finds it', async () => {
    const ports: number[] = [];
    for (const dataDir of [first, second]) {
      const ensure = await runPostgresCli(['ensure'], { ...unset, EMBEDDED_POSTGRES_DATA_DIR: dataDir });
      expect(ensure.code, ensure.stderr).toBe(0);
      expect(ensure.stderr).toContain(`port ${DEFAULT_EMBEDDED_PORT} is taken`);
      const port = await statusPort(dataDir);
      expect(ensure.stderr).toContain(`listens on ${port}, kept in ${path.join(dataDir, 'postgresql.conf')}`);
      expect(
        await query(
          { EMBEDDED_POSTGRES_PORT: String(port), EMBEDDED_POSTGRES_DATA_DIR: dataDir },
          'SELECT 1 AS one',
        ),
      ).toEqual([{ one: 1 }]);
      ports.push(port);
    }
    expect(new Set(ports).size).toBe(2);
    expect(ports).not.toContain(DEFAULT_EMBEDDED_PORT);

    // Stopped and started again, still without a port set: the same one, kept with the data directory.
    const env = { ...unset, EMBEDDED_POSTGRES_DATA_DIR: first };
    expect((await runPostgresCli(['stop'], env)).code).toBe(0);
    const restart = await runPostgresCli(['start'], env);
    expect(restart.code, restart.stderr).toBe(0);
    expect(restart.stderr).not.toContain('is taken');
    expect(await statusPort(first)).toBe(ports[0]);
    const url = await runPostgresCli(['url'], env);
    expect(url.stdout.trim()).toBe(embeddedDatabaseUrl(ports[0]!));
  });
});

describe('as root, a clone under a mode-0700 directory (a home directory)', () => {
  let home: string;
  let clone: string;

  beforeAll(async () => {
    if (!isRoot) return;
    home = await mkdtemp(path.join(tmpdir(), 'nba-root-home-'));
    await chmod(home, 0o700);
    clone = path.join(home, 'nba-ingest');
    await mkdir(clone);
    // The working tree as a fresh clone has it (no .data), node_modules hard-linked: its binaries sit in the clone.
    const skip = new Set(['.git', '.data', '.tools', 'node_modules', 'test-results', 'dist', 'coverage']);
    for (const entry of await readdir(repoRoot))
      if (!skip.has(entry)) execFileSync('cp', ['-a', path.join(repoRoot, entry), clone]);
    execFileSync('cp', ['-al', path.join(repoRoot, 'node_modules'), clone]);
  });

  afterAll(async () => {
    if (!isRoot) return;
    await runInClone(['stop']);
    const moved = await realpath(path.join(clone, '.data/postgres')).catch(() => undefined);
    if (moved?.startsWith(SERVER_HOME)) await rm(path.dirname(moved), { recursive: true, force: true });
    await rm(home, { recursive: true, force: true });
  });

  /** `npm run postgres -- args` in the clone, with neither DATABASE_URL nor any EMBEDDED_POSTGRES_* set. */
  function runInClone(args: string[]) {
    return runCommand(
      process.execPath,
      ['--import', 'tsx', path.join(clone, 'scripts/postgres.ts'), ...args],
      {
        DATABASE_URL: undefined,
        EMBEDDED_POSTGRES_PORT: undefined,
        EMBEDDED_POSTGRES_DATA_DIR: undefined,
      },
      { cwd: clone },
    );
  }

  it('setup starts the server as user postgres from binaries and data it can reach, and finds it again', async ({
    skip,
  }) => {
    skip(!isRoot, 'not root: the server runs as user postgres only when we are root (CI runs as root)');
    const ensure = await runInClone(['ensure']);
    expect(ensure.code, ensure.stderr).toBe(0);
    expect(ensure.stderr).toContain(
      `user 'postgres' cannot reach this clone: it runs the binaries of ${SERVER_HOME}/`,
    );
    const dataDir = path.join(clone, '.data/postgres');
    const moved = await realpath(dataDir);
    expect(moved.startsWith(`${SERVER_HOME}/data-`)).toBe(true);
    expect(ensure.stderr).toContain(`its data are in ${moved} (${dataDir} links there)`);

    const status = await runInClone(['status']);
    expect(status.code, status.stdout + status.stderr).toBe(0);
    expect(status.stdout).toContain(`data ${dataDir} `);
    const port = Number(/127\.0\.0\.1:(\d+)\/nba/.exec(status.stdout)?.[1]);
    const [pid] = (await readFile(path.join(moved, 'postmaster.pid'), 'utf8')).split('\n');
    const exe = await realpath(`/proc/${pid}/exe`);
    expect(exe.startsWith(`${SERVER_HOME}/postgres-`)).toBe(true);
    expect(
      await query(
        { EMBEDDED_POSTGRES_PORT: String(port), EMBEDDED_POSTGRES_DATA_DIR: dataDir },
        'SELECT current_user AS role',
      ),
    ).toEqual([{ role: 'nba' }]);
  });
});
