/**
 * zod schemas for single cells of a stats.nba.com result set. They accept the forms real responses
 * and pandas dumps use (ids as ints or float-formatted strings like "1610612737.0", blanks as null)
 * and output one normalised type.
 */
import { z } from 'zod';

const INTEGER_TEXT = /^-?\d+(\.0+)?$/;
const NUMBER_TEXT = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

const isBlank = (v: unknown): v is null | '' => v === null || (typeof v === 'string' && v.trim() === '');

/** 1610612737, 1610612737.0, "1610612737" or "1610612737.0" → 1610612737 */
export const integer = z
  .union([z.number(), z.string().trim().regex(INTEGER_TEXT)], { error: 'expected an integer' })
  .transform(Number)
  .pipe(
    z
      .number({ error: 'expected an integer' })
      .int({ error: 'expected an integer' })
      .refine(Number.isSafeInteger, 'integer out of range'),
  );

export const integerOrNull = z.union([z.null(), z.literal('').transform(() => null), integer], {
  error: 'expected an integer or null',
});

export const number = z
  .union([z.number(), z.string().trim().regex(NUMBER_TEXT)], { error: 'expected a number' })
  .transform(Number)
  .pipe(z.number().finite());

/** Percentages are null when there were no attempts (0 FTA): keep null, never 0. */
export const numberOrNull = z.union([z.null(), z.literal('').transform(() => null), number], {
  error: 'expected a number or null',
});

export const text = z.string({ error: 'expected a string' }).min(1, { error: 'expected a non-empty string' });

export const textOrNull = z
  .union([z.null(), z.string(), z.number().transform(String)], { error: 'expected a string or null' })
  .transform((v) => (isBlank(v) ? null : v));

/** "0022300061" (leading zeros kept); a number loses them, so pad back to 10 digits. */
export const gameId = z.union(
  [
    z
      .string()
      .trim()
      .regex(/^\d{10}$/),
    z
      .number()
      .int()
      .nonnegative()
      .transform((n) => String(n).padStart(10, '0'))
      .pipe(z.string().regex(/^\d{10}$/)),
  ],
  { error: 'expected a 10-digit game id like "0022300061"' },
);

/** "22023" (season-type digit + start year) */
export const seasonId = z
  .union([z.string().trim(), z.number().int().transform(String)])
  .pipe(z.string().regex(/^\d{5}$/, { error: 'expected a season id like "22023"' }));

/** "2024-04-14" or "2024-04-14T00:00:00" → "2024-04-14" */
export const isoDate = z
  .string({ error: 'expected a date "YYYY-MM-DD"' })
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, { error: 'expected a date "YYYY-MM-DD"' })
  .transform((v) => v.slice(0, 10));

export const winLoss = z.union(
  [z.literal('W'), z.literal('L'), z.null(), z.literal('').transform(() => null)],
  {
    error: 'expected "W", "L" or null',
  },
);

/** Roster birth dates: "MAR 03, 1998" (or ISO) → "1998-03-03"; blank → null. */
export const birthDateOrNull = z.union([z.null(), z.string()]).transform((v, ctx) => {
  if (isBlank(v)) return null;
  const iso = /^(\d{4}-\d{2}-\d{2})(T[\d:.]+)?$/.exec(v.trim());
  if (iso) return iso[1] as string;
  const nba = /^([A-Za-z]{3})\s+(\d{1,2}),\s*(\d{4})$/.exec(v.trim());
  const month = nba ? MONTHS.indexOf((nba[1] as string).toUpperCase()) : -1;
  if (!nba || month < 0) {
    ctx.issues.push({ code: 'custom', message: 'expected a date like "MAR 03, 1998"', input: v });
    return z.NEVER;
  }
  return `${nba[3]}-${String(month + 1).padStart(2, '0')}-${(nba[2] as string).padStart(2, '0')}`;
});
