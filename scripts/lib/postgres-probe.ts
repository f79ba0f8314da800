/**
 * Checks DATABASE_URL as its own role: the server answers, the role logs in and may CREATEDB (the tests
 * make scratch databases), and the database exists (created here when missing and allowed).
 * Used by scripts/ensure-postgres.sh, which reads the exit code. Never prints the password.
 *   0 ready · 10 no server answers · 11 login refused (role missing / wrong password)
 *   12 role lacks CREATEDB or cannot create the database · 1 anything else (incl. a bad URL)
 */
import pg from 'pg';

const EXIT = { ready: 0, other: 1, unreachable: 10, loginRefused: 11, needsPrivilege: 12 } as const;
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'EAI_AGAIN',
  '57P03',
]);
const LOGIN_REFUSED_CODES = new Set(['28P01', '28000']);

function redacted(url: URL): string {
  const copy = new URL(url.toString());
  if (copy.password) copy.password = '***';
  return copy.toString();
}

function say(message: string): void {
  process.stderr.write(`[postgres] ${message}\n`);
}

function exitCodeFor(error: unknown): number {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return EXIT.unreachable;
  if (typeof code === 'string' && LOGIN_REFUSED_CODES.has(code)) return EXIT.loginRefused;
  if (error instanceof Error && /timeout/i.test(error.message)) return EXIT.unreachable;
  return EXIT.other;
}

async function probe(url: URL): Promise<number> {
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) {
    say(`DATABASE_URL ${redacted(url)} names no database`);
    return EXIT.other;
  }
  // Connect to the maintenance database: the target may not exist yet.
  const maintenance = new URL(url.toString());
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    const role = await client.query<{ can_create: boolean }>(
      'SELECT rolcreatedb OR rolsuper AS can_create FROM pg_roles WHERE rolname = current_user',
    );
    const canCreate = role.rows[0]?.can_create === true;
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (existing.rowCount === 0) {
      if (!canCreate) {
        say(
          `database "${database}" does not exist and role "${decodeURIComponent(url.username)}" may not create it`,
        );
        return EXIT.needsPrivilege;
      }
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
      say(`created database "${database}"`);
    }
    if (!canCreate) {
      say(`role "${decodeURIComponent(url.username)}" lacks CREATEDB (the tests create scratch databases)`);
      return EXIT.needsPrivilege;
    }
    say(`ready: ${redacted(url)}`);
    return EXIT.ready;
  } catch (error) {
    const code = exitCodeFor(error);
    const message = error instanceof Error ? error.message : String(error);
    say(`${redacted(url)}: ${message}`);
    return code;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main(): Promise<number> {
  const raw = process.env.DATABASE_URL;
  if (!raw) {
    say('DATABASE_URL is not set');
    return EXIT.other;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    say('DATABASE_URL is not a valid URL (expected postgres://user:password@host:port/database)');
    return EXIT.other;
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    say(`DATABASE_URL must start with postgres:// (got ${url.protocol}//)`);
    return EXIT.other;
  }
  return probe(url);
}

process.exitCode = await main();
