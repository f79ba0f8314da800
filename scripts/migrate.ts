/**
 * `npm run db:migrate`: applies the committed migrations to DATABASE_URL (a no-op when up to date).
 */
import { loadConfig, redactDatabaseUrl } from '../config/env.js';
import { runMigrations } from '../db/migrate.js';

const config = loadConfig();
const target = redactDatabaseUrl(config.DATABASE_URL);
try {
  await runMigrations(config.DATABASE_URL);
  console.log(`migrations applied: ${target}`);
} catch (error) {
  // pg errors never carry the password; the URL is printed redacted.
  console.error(`migration failed for ${target}: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
