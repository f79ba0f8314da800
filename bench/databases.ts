/**
 * Fresh scratch databases for the benchmark, cloned from one migrated template (CREATE DATABASE …
 * TEMPLATE copies files: much faster than migrating each). Names start with nba_bench_; every one is
 * dropped by dropAll().
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runMigrations } from '../db/migrate.js';

export const DEFAULT_DATABASE_URL = 'postgres://nba:nba@127.0.0.1:5432/nba';

export interface BenchDatabase {
  name: string;
  url: string;
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, application_name: 'nba-ingest-bench-admin' });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export class BenchDatabases {
  private readonly created: string[] = [];
  private templateName: string | undefined;
  private readonly prefix = `nba_bench_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;

  constructor(private readonly adminUrl: string) {}

  private urlOf(name: string): string {
    const url = new URL(this.adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }

  private async createDatabase(name: string, template?: string): Promise<BenchDatabase> {
    const quote = (id: string): string => `"${id.replace(/"/g, '""')}"`;
    await adminQuery(
      this.adminUrl,
      `CREATE DATABASE ${quote(name)}${template ? ` TEMPLATE ${quote(template)}` : ''}`,
    );
    this.created.push(name);
    return { name, url: this.urlOf(name) };
  }

  /** A migrated database, as `npm run db:migrate` leaves a new one. */
  async create(label: string): Promise<BenchDatabase> {
    if (!this.templateName) {
      const template = await this.createDatabase(`${this.prefix}_template`);
      await runMigrations(template.url);
      this.templateName = template.name;
    }
    return this.createDatabase(`${this.prefix}_${label}`.slice(0, 63), this.templateName);
  }

  async dropAll(): Promise<void> {
    // Newest first: the clones before their template.
    for (const name of this.created.splice(0).reverse()) {
      await adminQuery(this.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(
        (error: unknown) => {
          process.stderr.write(`bench: could not drop ${name}: ${(error as Error).message}\n`);
        },
      );
    }
  }
}
