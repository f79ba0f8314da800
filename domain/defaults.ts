/**
 * The pipeline's tunable defaults, each defined once. config/env.ts reads them as the defaults of its
 * variables; code that takes the setting as optional (a workflow input that leaves it out, a worker or
 * a database built without the configuration) falls back to the same value. Pure: workflows import it.
 */

/** Teams a run ingests at once (INGEST_TEAM_CONCURRENCY). */
export const DEFAULT_TEAM_CONCURRENCY = 4;

/** The NBA breaker's first cooldown after throttling, doubling up to the max (NBA_COOLDOWN_MIN_S, _MAX_S). */
export const DEFAULT_COOLDOWN_MIN_S = 60;
export const DEFAULT_COOLDOWN_MAX_S = 3600;

/** Activity slots of each worker (WORKER_MAX_CONCURRENT_ACTIVITIES). */
export const DEFAULT_WORKER_MAX_CONCURRENT_ACTIVITIES = 20;
/** Workflows each main worker keeps cached (WORKER_MAX_CACHED_WORKFLOWS). */
export const DEFAULT_WORKER_MAX_CACHED_WORKFLOWS = 200;

/** Connections of a pool (DATABASE_POOL_MAX) and the time a statement may take (DATABASE_STATEMENT_TIMEOUT_MS). */
export const DEFAULT_DATABASE_POOL_MAX = 10;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 60_000;
