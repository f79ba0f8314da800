/**
 * Checks a database URL as its own role: the server answers, the role logs in and may CREATEDB (the tests
 * make scratch databases), and the database exists (created here when missing and allowed).
 * Used by `npm run postgres -- ensure` (scripts/postgres.ts). Messages never carry the password.
 */
import pg from 'pg';
import { redactDatabaseUrl } from '../../config/env.js';

export class DatabaseNotReady extends Error {
  override readonly name = 'DatabaseNotReady';
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'EAI_AGAIN',
  '57P03',
]);
const LOGIN_REFUSED_CODES = new Set(['28P01', '28000']);

const WHAT_TO_PROVIDE =
  'Set DATABASE_URL=postgres://USER:PASSWORD@HOST:PORT/DATABASE to a server whose role has LOGIN and CREATEDB ' +
  "(the tests create scratch databases), or unset it to use the project's own PostgreSQL (npm run postgres -- start).";

function parse(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DatabaseNotReady(
      'DATABASE_URL is not a valid URL (expected postgres://user:password@host:port/database)',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new DatabaseNotReady(`DATABASE_URL must start with postgres:// (got ${url.protocol}//)`);
  }
  if (!url.username) throw new DatabaseNotReady(`DATABASE_URL ${redactDatabaseUrl(raw)} names no user`);
  if (url.pathname.length <= 1)
    throw new DatabaseNotReady(`DATABASE_URL ${redactDatabaseUrl(raw)} names no database`);
  return url;
}

/** Why connecting failed, in the words a user can act on. */
function connectProblem(error: unknown, url: URL, role: string): string {
  const code = (error as { code?: unknown }).code;
  const at = `${url.hostname}:${url.port || '5432'}`;
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return `no PostgreSQL server answers at ${at}`;
  if (error instanceof Error && /timeout/i.test(error.message))
    return `no PostgreSQL server answers at ${at}`;
  if (typeof code === 'string' && LOGIN_REFUSED_CODES.has(code)) {
    return `the server at ${at} refused the login of role '${role}' (missing role or wrong password)`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Resolves with a one-line "ready" note; rejects with DatabaseNotReady saying what is wrong and what to do. */
export async function probeDatabase(raw: string): Promise<string> {
  const url = parse(raw);
  const shown = redactDatabaseUrl(raw);
  const role = decodeURIComponent(url.username);
  const database = decodeURIComponent(url.pathname.slice(1));
  // The maintenance database: the target may not exist yet.
  const maintenance = new URL(url.toString());
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 5_000 });
  const notReady = (problem: string) =>
    new DatabaseNotReady(`${problem}. ${WHAT_TO_PROVIDE} (DATABASE_URL=${shown})`);
  try {
    await client.connect();
  } catch (error) {
    throw notReady(connectProblem(error, url, role));
  }
  try {
    const privileges = await client.query<{ can_create: boolean }>(
      'SELECT rolcreatedb OR rolsuper AS can_create FROM pg_roles WHERE rolname = current_user',
    );
    if (privileges.rows[0]?.can_create !== true) {
      throw notReady(
        `role '${role}' lacks CREATEDB (the tests create scratch databases; database '${database}')`,
      );
    }
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    return `ready: ${shown}${existing.rowCount === 0 ? ` (created database '${database}')` : ''}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}
