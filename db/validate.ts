/**
 * The shape every record must have before it reaches SQL (zod). A bad record is reported with the
 * table, the row's key and the offending field, before any statement runs.
 */
import { z } from 'zod';
import {
  BOX_SCORE_FIELDS,
  type BoxScore,
  type BoxScoreField,
  type BoxScoreFieldSpec,
  type GamePlayerRecord,
  type MatchRecord,
  type PlayerGameStatRecord,
  type PlayerRecord,
  type RosterRecord,
  type TableName,
  type TeamGameStatRecord,
  type TeamRecord,
} from '../domain/records.js';
import { GAME_ID_PREFIX, SEASON_PATTERN, SEASON_TYPES } from '../domain/season.js';
import { inputInvalid } from './errors.js';

const id = z.int32().positive();
const count = z.int32().nonnegative();
const nullableCount = count.nullable();
const fraction = z.number().min(0).max(1).nullable();
const nullableText = z.string().nullable();

/** 'YYYY-YY' where YY is the year after YYYY. */
export const seasonSchema = z
  .string()
  .regex(SEASON_PATTERN, "expected a season like '2023-24'")
  .refine((s) => (Number(s.slice(0, 4)) + 1) % 100 === Number(s.slice(5)), {
    message: "the second year must follow the first, e.g. '2023-24'",
  });

const gameId = z
  .string()
  .regex(/^\d{10}$/, "expected a 10-digit GAME_ID with leading zeros, e.g. '0022300061'");

const teamRecordSchema = z.object({
  teamId: id,
  abbreviation: z.string().min(1),
  fullName: z.string().min(1),
  nickname: z.string().min(1),
  city: z.string().min(1),
  state: z.string().min(1),
  yearFounded: z.int32().min(1800).max(2100),
}) satisfies z.ZodType<TeamRecord>;

const matchRecordSchema = z
  .object({
    gameId,
    season: seasonSchema,
    seasonType: z.enum(SEASON_TYPES),
    gameDate: z.iso.date(),
    homeTeamId: id,
    awayTeamId: id,
    homeScore: count,
    awayScore: count,
    neutralSite: z.boolean(),
  })
  .superRefine((m, ctx) => {
    if (m.homeTeamId === m.awayTeamId) {
      ctx.addIssue({ code: 'custom', path: ['awayTeamId'], message: 'home and away team are the same' });
    }
    const prefix = GAME_ID_PREFIX[m.seasonType];
    if (!m.gameId.startsWith(prefix)) {
      ctx.addIssue({
        code: 'custom',
        path: ['gameId'],
        message: `a ${m.seasonType} GAME_ID starts with ${prefix}`,
      });
    }
  }) satisfies z.ZodType<MatchRecord>;

/** A box-score value: a count (NOT NULL only for points), a fraction in [0, 1], or any real. */
function boxScoreValue(spec: BoxScoreFieldSpec): z.ZodType<number | null> {
  if (spec.kind === 'fraction') return fraction;
  if (spec.kind === 'number') return z.number().nullable(); // PLUS_MINUS: fractional in a few real rows
  return spec.required ? count : nullableCount;
}

const boxScoreSchema = Object.fromEntries(
  Object.entries(BOX_SCORE_FIELDS).map(([field, spec]) => [field, boxScoreValue(spec)]),
) as { [K in BoxScoreField]: z.ZodType<BoxScore[K]> };

const teamGameStatRecordSchema = z.object({
  gameId,
  teamId: id,
  isHome: z.boolean(),
  wl: z.enum(['W', 'L']).nullable(),
  ...boxScoreSchema,
}) satisfies z.ZodType<TeamGameStatRecord>;

const playerGameStatRecordSchema = z
  .object({
    gameId,
    playerId: id,
    teamId: id,
    season: seasonSchema,
    seasonType: z.enum(SEASON_TYPES),
    gameDate: z.iso.date(),
    ...boxScoreSchema,
  })
  .superRefine((line, ctx) => {
    const prefix = GAME_ID_PREFIX[line.seasonType];
    if (!line.gameId.startsWith(prefix))
      ctx.addIssue({
        code: 'custom',
        path: ['gameId'],
        message: `a ${line.seasonType} GAME_ID starts with ${prefix}`,
      });
  }) satisfies z.ZodType<PlayerGameStatRecord>;

const playerRecordSchema = z.object({
  playerId: id,
  fullName: z.string().min(1),
  nickname: nullableText,
  playerSlug: nullableText,
  birthDate: z.iso.date().nullable(),
  height: nullableText,
  weight: nullableCount,
  school: nullableText,
  experience: nullableText,
}) satisfies z.ZodType<PlayerRecord>;

const rosterRecordSchema = z.object({
  season: seasonSchema,
  teamId: id,
  playerId: id,
  jersey: nullableText,
  position: nullableText,
  howAcquired: nullableText,
  age: z.number().nonnegative().nullable(),
}) satisfies z.ZodType<RosterRecord>;

interface TableRecords<T> {
  schema: z.ZodType<T>;
  /** The fields that name a row in an error: the table's primary key. */
  key: readonly string[];
}

/** What a loader accepts for each table. */
export const TABLE_RECORDS = {
  teams: { schema: teamRecordSchema, key: ['teamId'] },
  matches: { schema: matchRecordSchema, key: ['gameId'] },
  team_game_stats: { schema: teamGameStatRecordSchema, key: ['gameId', 'teamId'] },
  players: { schema: playerRecordSchema, key: ['playerId'] },
  rosters: { schema: rosterRecordSchema, key: ['season', 'teamId', 'playerId'] },
  player_game_stats: { schema: playerGameStatRecordSchema, key: ['gameId', 'playerId'] },
} as const satisfies Record<TableName, TableRecords<unknown>>;

/** A player as game rows name him: his id and name, nothing a roster would tell. */
export const GAME_PLAYER_RECORDS = {
  schema: playerRecordSchema.pick({ playerId: true, fullName: true }),
  key: ['playerId'],
} as const satisfies TableRecords<GamePlayerRecord>;

const MAX_REPORTED_ROWS = 3;

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  try {
    return `got ${JSON.stringify(value)}`;
  } catch {
    return `got ${String(value)}`;
  }
}

function valueAt(record: unknown, path: readonly PropertyKey[]): unknown {
  let value = record;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** "(game_id=0022300061, team_id=1610612738)" from whatever key fields the record has. */
export function describeKey(record: unknown, keyFields: readonly string[]): string {
  const parts = keyFields.map((field) => `${field}=${String(valueAt(record, [field]) ?? '?')}`);
  return `(${parts.join(', ')})`;
}

/**
 * Checks every record and returns them, or throws DbInputInvalid naming the table, the first bad
 * rows' keys and fields, and how many rows were bad in total.
 */
export function validateRecords<Table extends TableName>(
  table: Table,
  records: readonly unknown[],
): z.infer<(typeof TABLE_RECORDS)[Table]['schema']>[] {
  return parseRecords(table, TABLE_RECORDS[table], records) as z.infer<
    (typeof TABLE_RECORDS)[Table]['schema']
  >[];
}

/** The same check where the caller keeps its records (a season of player lines, or players from game rows). */
export function assertValidRecords(
  table: TableName | 'players from game rows',
  records: readonly unknown[],
): void {
  const spec = table === 'players from game rows' ? GAME_PLAYER_RECORDS : TABLE_RECORDS[table];
  parseRecords(table, spec, records);
}

function parseRecords(
  table: string,
  { schema, key: keyFields }: TableRecords<unknown>,
  records: readonly unknown[],
): unknown[] {
  if (!Array.isArray(records)) {
    throw inputInvalid(`${table}: expected an array of records, ${describeValue(records)}`);
  }
  const problems: string[] = [];
  let badRows = 0;
  records.forEach((record, index) => {
    const result = schema.safeParse(record);
    if (result.success) return;
    badRows += 1;
    if (problems.length >= MAX_REPORTED_ROWS) return;
    const fields = result.error.issues.map((issue) => {
      const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(record)';
      return `${field}: ${issue.message} (${describeValue(valueAt(record, issue.path))})`;
    });
    problems.push(`row ${index} ${describeKey(record, keyFields)}: ${fields.join('; ')}`);
  });
  if (badRows > 0) {
    const more = badRows > problems.length ? ` (and ${badRows - problems.length} more invalid rows)` : '';
    throw inputInvalid(
      `${table}: ${badRows} of ${records.length} rows invalid: ${problems.join(' | ')}${more}`,
    );
  }
  // The records themselves, not zod's copies: a large batch is held once (the schemas only check,
  // they transform nothing; keys a schema does not name are never loaded, the loaders list the columns).
  return records;
}
