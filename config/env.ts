/**
 * Configuration, read once at the process edge (worker, CLI, scripts) and injected downward.
 * Nothing below this file reads process.env.
 */
import { z } from 'zod';
import {
  DEFAULT_COOLDOWN_MAX_S,
  DEFAULT_COOLDOWN_MIN_S,
  DEFAULT_DATABASE_POOL_MAX,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  DEFAULT_TEAM_CONCURRENCY,
  DEFAULT_WORKER_MAX_CACHED_WORKFLOWS,
  DEFAULT_WORKER_MAX_CONCURRENT_ACTIVITIES,
} from '../domain/defaults.js';
import { LEAGUE_GAME_FINDER_ROW_CAP } from '../nba/row-cap.js';
import { DEFAULT_DATA_DIR, DEFAULT_EMBEDDED_PORT, keptPort } from '../lib/embedded-postgres-port.js';
import { loadTemporalSettings, TEMPORAL_VARIABLES, type TemporalSettings } from './temporal-profile.js';

/**
 * The project's own PostgreSQL (lib/embedded-postgres.ts, `npm run postgres`), used when DATABASE_URL is
 * unset. It listens on 127.0.0.1 only; its one role is the bootstrap superuser, so it may also create the
 * roles and databases of other local services (e.g. a Temporal cluster).
 */
export const EMBEDDED_POSTGRES = {
  user: 'nba',
  password: 'nba',
  database: 'nba',
  host: '127.0.0.1',
} as const;

/** The embedded server's URL on `port` (EMBEDDED_POSTGRES_PORT). */
export function embeddedDatabaseUrl(port: number, database: string = EMBEDDED_POSTGRES.database): string {
  const { user, password, host } = EMBEDDED_POSTGRES;
  return `postgres://${user}:${password}@${host}:${port}/${database}`;
}

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * The project's own variables. The Temporal connection (address, namespace, TLS, API key) is Temporal's:
 * a TOML profile and the TEMPORAL_* variables the `temporal` CLI reads too (config/temporal-profile.ts).
 */
const EnvSchema = z.object({
  TEMPORAL_TASK_QUEUE: z.string().default('nba-ingest'),
  TEMPORAL_UI_PORT: positiveInt(8233),
  /** The identity Temporal records for what the CLI and main job start (default: worker/connection.ts). */
  TEMPORAL_IDENTITY: z.string().optional(),
  /** A prebuilt workflow bundle (npm run build); without it the worker bundles at start. */
  WORKFLOW_BUNDLE_PATH: z.string().optional(),
  /** Unset: the embedded server's URL on EMBEDDED_POSTGRES_PORT (filled in below). */
  DATABASE_URL: z.string().optional(),
  /** Unset: the port kept in the data directory's postgresql.conf, else 54329 (a free one if taken). */
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  /** The embedded server's data directory; unset = .data/postgres in the repository. */
  EMBEDDED_POSTGRES_DATA_DIR: z.string().optional(),
  DATABASE_POOL_MAX: positiveInt(DEFAULT_DATABASE_POOL_MAX),
  DATABASE_STATEMENT_TIMEOUT_MS: positiveInt(DEFAULT_STATEMENT_TIMEOUT_MS),
  NBA_STATS_BASE_URL: z.string().url().default('https://stats.nba.com/stats'),
  NBA_TIMEOUT_MS: positiveInt(30_000),
  /**
   * The most rows one leaguegamefinder answer is trusted to hold in full (nba/row-cap.ts): an answer
   * that reaches it is asked again in halves of its dates. Lower only to test that path.
   */
  NBA_ROW_CAP: positiveInt(LEAGUE_GAME_FINDER_ROW_CAP),
  /** JSON object of header overrides merged over the nba_api 1.11.4 header set. */
  NBA_HEADERS_JSON: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      try {
        return z.record(z.string(), z.string()).parse(JSON.parse(text));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object of header name → string value' });
        return z.NEVER;
      }
    }),
  NBA_RATE_LIMIT_PER_SEC: z.coerce.number().positive().default(1),
  /** adaptive: breaker trips lower the fleet's NBA rate, clean stretches raise it (domain/nba-pace.ts); fixed: never changed. */
  NBA_PACING: z.enum(['adaptive', 'fixed']).default('adaptive'),
  INGEST_TEAM_CONCURRENCY: positiveInt(DEFAULT_TEAM_CONCURRENCY),
  /** The breaker's first cooldown after NBA throttling, doubling up to the max (workflows/breaker.ts). */
  NBA_COOLDOWN_MIN_S: z.coerce.number().positive().default(DEFAULT_COOLDOWN_MIN_S),
  NBA_COOLDOWN_MAX_S: z.coerce.number().positive().default(DEFAULT_COOLDOWN_MAX_S),
  /**
   * Attempts per NBA request before a season run (`ingest season`, `ingest redrive`) dead-letters the
   * unit; unset: the workflow's default (IngestSeasonInput.nbaMaxAttempts). Fewer attempts fail faster.
   */
  NBA_MAX_ATTEMPTS: z.coerce.number().int().positive().optional(),
  WORKER_MAX_CONCURRENT_ACTIVITIES: positiveInt(DEFAULT_WORKER_MAX_CONCURRENT_ACTIVITIES),
  WORKER_MAX_CACHED_WORKFLOWS: positiveInt(DEFAULT_WORKER_MAX_CACHED_WORKFLOWS),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json']).default('pretty'),
  METRICS_PORT: z.coerce.number().int().nonnegative().optional(),
  ALERT_WEBHOOK_URL: z.string().url().optional(),
});

/** Every variable the configuration reads: the project's and Temporal's connection variables. */
export const CONFIG_VARIABLES: readonly string[] = [...Object.keys(EnvSchema.shape), ...TEMPORAL_VARIABLES];

const ConfigSchema = EnvSchema.transform((env) => {
  const port =
    env.EMBEDDED_POSTGRES_PORT ??
    keptPort(env.EMBEDDED_POSTGRES_DATA_DIR ?? DEFAULT_DATA_DIR) ??
    DEFAULT_EMBEDDED_PORT;
  return {
    ...env,
    EMBEDDED_POSTGRES_PORT: port,
    DATABASE_URL: env.DATABASE_URL ?? embeddedDatabaseUrl(port),
  };
});

export type AppConfig = z.infer<typeof ConfigSchema> & TemporalSettings;

/** The application's database is the project's own server: DATABASE_URL unset (or set to its URL). */
export function usesEmbeddedPostgres(config: AppConfig): boolean {
  return config.DATABASE_URL === embeddedDatabaseUrl(config.EMBEDDED_POSTGRES_PORT);
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; a bad value is named with what was expected. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const blankAsUnset: Record<string, string> = Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
  const parsed = ConfigSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid environment: ${problems}`);
  }
  try {
    return { ...parsed.data, ...loadTemporalSettings(blankAsUnset) };
  } catch (err) {
    throw new ConfigError(`invalid environment: ${(err as Error).message}`, { cause: err });
  }
}

/** The project's own PostgreSQL as the environment describes it (lib/embedded-postgres.ts). */
export interface EmbeddedPostgresConfig {
  port: number;
  /** Nobody chose the port (EMBEDDED_POSTGRES_PORT and DATABASE_URL unset): a free one may replace a taken one. */
  portMayMove: boolean;
  /** DATABASE_URL was set: it names the server to use. */
  databaseUrlGiven: boolean;
  /** EMBEDDED_POSTGRES_DATA_DIR; unset: .data/postgres. */
  dataDir?: string;
}

export function loadEmbeddedPostgresConfig(env: NodeJS.ProcessEnv = process.env): EmbeddedPostgresConfig {
  const config = loadConfig(env);
  const given = (name: string): boolean => Boolean(env[name]);
  return {
    port: config.EMBEDDED_POSTGRES_PORT,
    portMayMove: !given('EMBEDDED_POSTGRES_PORT') && !given('DATABASE_URL'),
    databaseUrlGiven: given('DATABASE_URL'),
    ...(config.EMBEDDED_POSTGRES_DATA_DIR ? { dataDir: config.EMBEDDED_POSTGRES_DATA_DIR } : {}),
  };
}

/** A database URL fit for logs and errors: the password replaced by ***. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable DATABASE_URL>';
  }
}
