/**
 * The PostgreSQL login the local Temporal cluster uses, on the server of ADMIN_DATABASE_URL (the
 * pipeline's DATABASE_URL). Where that URL's role may CREATEROLE, Temporal gets a role of its own
 * (TEMPORAL_DB_USER, LOGIN CREATEDB) with a generated password kept in TEMPORAL_DB_PASSWORD_FILE (mode
 * 0600), as in temporal-compose.yml; otherwise it shares the URL's role (which has CREATEDB) and says so.
 * Prints SQL_HOST, SQL_PORT, SQL_USER, SQL_PASSWORD as KEY=VALUE lines for scripts/temporal-cluster.sh;
 * messages go to stderr and never contain a password.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';

function say(message: string): void {
  process.stderr.write(`[temporal-cluster] ${message}\n`);
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function storedPassword(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(24).toString('hex');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

async function main(): Promise<void> {
  const adminUrl = new URL(required('ADMIN_DATABASE_URL'));
  const role = required('TEMPORAL_DB_USER');
  const client = new pg.Client({ connectionString: adminUrl.toString(), connectionTimeoutMillis: 5_000 });
  await client.connect();
  let login: { user: string; password: string };
  try {
    const { rows } = await client.query<{ create_role: boolean; create_db: boolean }>(
      `SELECT rolcreaterole OR rolsuper AS create_role, rolcreatedb OR rolsuper AS create_db
         FROM pg_roles WHERE rolname = current_user`,
    );
    const adminRole = decodeURIComponent(adminUrl.username);
    if (rows[0]?.create_role) {
      const password = storedPassword(required('TEMPORAL_DB_PASSWORD_FILE'));
      const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      const verb = exists.rowCount ? 'ALTER' : 'CREATE';
      // Identifiers and literals escaped by pg; DDL takes no bind parameters.
      await client.query(
        `${verb} ROLE ${client.escapeIdentifier(role)} LOGIN CREATEDB PASSWORD ${client.escapeLiteral(password)}`,
      );
      say(
        `PostgreSQL role "${role}" ready for Temporal (password in ${process.env.TEMPORAL_DB_PASSWORD_FILE})`,
      );
      login = { user: role, password };
    } else {
      if (!rows[0]?.create_db) {
        throw new Error(`role "${adminRole}" of DATABASE_URL may neither CREATEROLE nor CREATEDB`);
      }
      say(
        `role "${adminRole}" of DATABASE_URL may not CREATEROLE, so Temporal shares it instead of a role "${role}" of its own`,
      );
      login = { user: adminRole, password: decodeURIComponent(adminUrl.password) };
    }
  } finally {
    await client.end();
  }
  const lines = {
    SQL_HOST: adminUrl.hostname,
    SQL_PORT: adminUrl.port || '5432',
    SQL_USER: login.user,
    SQL_PASSWORD: login.password,
  };
  process.stdout.write(
    Object.entries(lines)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
  );
}

try {
  await main();
} catch (error) {
  say(`PostgreSQL for Temporal: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
