/**
 * drizzle-kit configuration: `npm run db:generate` turns db/schema.ts into a new SQL migration in
 * db/migrations (commit it; never edit it by hand). Migrations are applied by `npm run db:migrate`
 * (scripts/migrate.ts), not by drizzle-kit. The URL is only used by drizzle-kit's own commands
 * (studio, check against a live database); this is a tool config at the process edge.
 */
import { defineConfig } from 'drizzle-kit';
import { loadConfig } from './config/env.js';

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
  dbCredentials: { url: loadConfig().DATABASE_URL },
  strict: true,
  verbose: true,
});
