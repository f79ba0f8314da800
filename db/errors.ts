/**
 * How database failures reach Temporal. Bad input and constraint violations cannot be fixed by
 * retrying, so they are non-retryable ApplicationFailures with stable types naming the table and key;
 * everything else (connection lost, serialization failure, timeout) is left as is and stays retryable.
 */
import { ApplicationFailure } from '@temporalio/common';

export const DB_INPUT_INVALID = 'DbInputInvalid';
export const DB_CONSTRAINT_VIOLATION = 'DbConstraintViolation';
/** The schema is not what the code expects (missing table/column): run `npm run db:migrate`. */
export const DB_SCHEMA_MISMATCH = 'DbSchemaMismatch';
export const DB_RUN_NOT_FOUND = 'DbRunNotFound';

export const NON_RETRYABLE_DB_ERRORS = [
  DB_INPUT_INVALID,
  DB_CONSTRAINT_VIOLATION,
  DB_SCHEMA_MISMATCH,
  DB_RUN_NOT_FOUND,
] as const;

export function inputInvalid(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: DB_INPUT_INVALID, message, nonRetryable: true });
}

/** The fields node-postgres copies from PostgreSQL's ErrorResponse. */
interface PgErrorFields {
  code?: string;
  table?: string;
  constraint?: string;
  column?: string;
  detail?: string;
  message: string;
}

function pgErrorFields(error: unknown): PgErrorFields | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  // SQLSTATEs are five characters; node errors use codes like 'ECONNRESET'.
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  return error;
}

const CONSTRAINT_KIND: Record<string, string> = {
  '23502': 'not-null violation',
  '23503': 'foreign key violation',
  '23505': 'unique violation',
  '23514': 'check violation',
  '23P01': 'exclusion violation',
};

/**
 * Maps an error thrown while writing `table` to what the caller should throw: a typed non-retryable
 * ApplicationFailure for constraint violations (class 23), data exceptions (class 22) and schema
 * mismatches (42P01 undefined table, 42703 undefined column), or the original error, which Temporal
 * retries (connection lost, serialization failure, deadlock, statement timeout…).
 */
export function toDbFailure(error: unknown, table: string): unknown {
  const pgError = pgErrorFields(error);
  if (!pgError?.code) return error;
  if (pgError.code.startsWith('23')) {
    const kind = CONSTRAINT_KIND[pgError.code] ?? `integrity violation ${pgError.code}`;
    const where = pgError.constraint ? ` on constraint ${pgError.constraint}` : '';
    const column = pgError.column ? ` (column ${pgError.column})` : '';
    // detail names the key, e.g. `Key (home_team_id)=(1) is not present in table "teams".`
    const detail = pgError.detail ? `: ${pgError.detail}` : '';
    return ApplicationFailure.create({
      type: DB_CONSTRAINT_VIOLATION,
      message: `${pgError.table ?? table}: ${kind}${where}${column}${detail}`,
      nonRetryable: true,
      cause: error instanceof Error ? error : undefined,
      details: [
        {
          table: pgError.table ?? table,
          constraint: pgError.constraint ?? null,
          detail: pgError.detail ?? null,
        },
      ],
    });
  }
  if (pgError.code.startsWith('22')) {
    // Data exception (a value PostgreSQL cannot store, e.g. a date that does not exist): the input is
    // wrong and a retry would fail the same way.
    return ApplicationFailure.create({
      type: DB_INPUT_INVALID,
      message: `${table}: ${pgError.message}${pgError.detail ? ` (${pgError.detail})` : ''}`,
      nonRetryable: true,
      cause: error instanceof Error ? error : undefined,
    });
  }
  if (pgError.code === '42P01' || pgError.code === '42703') {
    return ApplicationFailure.create({
      type: DB_SCHEMA_MISMATCH,
      message: `${table}: ${pgError.message} (is the database migrated? run \`npm run db:migrate\`)`,
      nonRetryable: true,
      cause: error instanceof Error ? error : undefined,
    });
  }
  return error;
}

/** node-postgres' socket errors and PostgreSQL's connection-class SQLSTATEs (08…, 57P01–57P03: shutdown, restart). */
const CONNECTION_LOST_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
]);
const CONNECTION_LOST_MESSAGE = /connection terminated|connection timeout|encountered a connection error/i;

/**
 * True when `error` (or an error it wraps) says the database could not be reached or dropped the
 * connection: a restart or a network blip, which waiting fixes. Typed failures never count.
 */
export function isConnectionLost(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof ApplicationFailure) return false;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_LOST_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)))
      return true;
    if (CONNECTION_LOST_MESSAGE.test(e.message)) return true;
  }
  return false;
}
