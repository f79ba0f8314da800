/**
 * Validation of `npm run schedule` inputs. Pure: every function throws ScheduleInputError naming
 * what was wrong, so bad input is rejected before anything is sent to Temporal.
 */
import { DAYS_OF_WEEK, MONTHS, ScheduleOverlapPolicy, type CalendarSpec } from '@temporalio/client';
import { z } from 'zod';
import { parseSeason, seasonFromStartYear, seasonStartYear, SeasonInputError } from '../../domain/season.js';

export class ScheduleInputError extends Error {
  override readonly name = 'ScheduleInputError';
}

export const DEFAULT_SCHEDULE_ID = 'nba-ingest-daily';
/** 09:00 every day: the previous evening's games are final and the stats API has settled. */
export const DEFAULT_CRON = '0 9 * * *';
export const DEFAULT_TIME_ZONE = 'America/New_York';

// ---------------------------------------------------------------------------------------------
// Schedule id

const SCHEDULE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export function parseScheduleId(input: string): string {
  const id = input.trim();
  if (!SCHEDULE_ID_PATTERN.test(id)) {
    throw new ScheduleInputError(
      `schedule id '${input}' must be 1–200 letters, digits, '.', '_' or '-', starting with a letter or digit`,
    );
  }
  return id;
}

// ---------------------------------------------------------------------------------------------
// Time zone

/** An IANA time zone the JS runtime knows, in its canonical spelling (Temporal's lookup is case-sensitive). */
export function parseTimeZone(input: string): string {
  const name = input.trim();
  try {
    if (!name) throw new RangeError('empty');
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    throw new ScheduleInputError(
      `time zone '${input}' is not an IANA time zone name (for example America/New_York, Europe/Paris or UTC)`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Cron

interface CronField {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  fullNames?: readonly string[];
}

const SECOND: CronField = { name: 'second', min: 0, max: 59 };
const MINUTE: CronField = { name: 'minute', min: 0, max: 59 };
const HOUR: CronField = { name: 'hour', min: 0, max: 23 };
const DAY_OF_MONTH: CronField = { name: 'day of month', min: 1, max: 31 };
const MONTH: CronField = {
  name: 'month',
  min: 1,
  max: 12,
  names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  fullNames: MONTHS.map((m) => m.toLowerCase()),
};
// 0 and 7 are both Sunday, as in most cron dialects (Temporal's included).
const DAY_OF_WEEK: CronField = {
  name: 'day of week',
  min: 0,
  max: 7,
  names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
  fullNames: DAYS_OF_WEEK.map((d) => d.toLowerCase()),
};
const YEAR: CronField = { name: 'year', min: 1970, max: 2999 };

const CRON_LAYOUTS: Record<number, CronField[]> = {
  5: [MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK],
  6: [MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK, YEAR],
  7: [SECOND, MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK, YEAR],
};

const CRON_SHORTHANDS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const EVERY_PATTERN = /^@every\s+\d+[smhd](\/\d+[smhd])?$/;

function cronValue(text: string, field: CronField, cron: string): number {
  const lower = text.toLowerCase();
  // 'mon' or 'monday', 'jan' or 'january', as Temporal's cron reader takes them.
  const named = field.names?.findIndex((n, i) => lower === n || lower === field.fullNames?.[i]) ?? -1;
  if (named >= 0) return field === MONTH ? named + 1 : named;
  if (!/^\d+$/.test(text)) {
    const hint = field.names ? ` or one of ${field.names.join(', ')}` : '';
    throw new ScheduleInputError(`cron '${cron}': ${field.name} '${text}' is not a number${hint}`);
  }
  const value = Number(text);
  if (value < field.min || value > field.max) {
    throw new ScheduleInputError(
      `cron '${cron}': ${field.name} ${value} is outside ${field.min}–${field.max}`,
    );
  }
  return value;
}

function checkCronField(text: string, field: CronField, cron: string): void {
  for (const part of text.split(',')) {
    const [range = '', step, extra] = part.split('/');
    if (extra !== undefined || range === '' || (step !== undefined && !/^[1-9]\d*$/.test(step))) {
      throw new ScheduleInputError(
        `cron '${cron}': ${field.name} '${part}' is not '*', 'a', 'a-b' or either with '/step'`,
      );
    }
    if (range === '*') continue;
    const [from = '', to, more] = range.split('-');
    if (more !== undefined)
      throw new ScheduleInputError(`cron '${cron}': ${field.name} '${range}' has more than one '-'`);
    const start = cronValue(from, field, cron);
    // Temporal refuses these: an NBA season (OCT-APR) has to be written in two parts.
    if (to !== undefined && cronValue(to, field, cron) < start) {
      throw new ScheduleInputError(
        `cron '${cron}': ${field.name} range '${range}' runs backwards; ` +
          `split it, e.g. '${from}-${field.names ? (field.names.at(-1) ?? '').toUpperCase() : field.max},${field.names ? (field.names[0] ?? '').toUpperCase() : field.min}-${to}'`,
      );
    }
  }
}

/**
 * Checks a cron string the way Temporal reads it (5, 6 or 7 fields, names for months and days,
 * @daily-style shorthands, @every intervals, a trailing '# comment'); returns it trimmed.
 */
export function parseCron(input: string): string {
  const cron = input.trim();
  const body = cron.replace(/\s+#.*$/, '').trim();
  if (!body)
    throw new ScheduleInputError(`cron '${input}' is empty; for example '0 9 * * *' (every day at 09:00)`);
  if (/^(CRON_)?TZ=/i.test(body)) {
    throw new ScheduleInputError(
      `cron '${input}': give the time zone with --time-zone, not inside the cron string`,
    );
  }
  if (body.startsWith('@')) {
    if (CRON_SHORTHANDS.includes(body.toLowerCase()) || EVERY_PATTERN.test(body)) return cron;
    throw new ScheduleInputError(
      `cron '${input}': unknown shorthand; use ${CRON_SHORTHANDS.join(', ')} or '@every 6h'`,
    );
  }
  const fields = body.split(/\s+/);
  const layout = CRON_LAYOUTS[fields.length];
  if (!layout) {
    throw new ScheduleInputError(
      `cron '${input}' has ${fields.length} fields; expected 5 (minute hour day-of-month month day-of-week), 6 (+ year) or 7 (second first)`,
    );
  }
  fields.forEach((text, i) => checkCronField(text, layout[i] as CronField, cron));
  return cron;
}

// ---------------------------------------------------------------------------------------------
// Calendar spec (the SDK's CalendarSpec as JSON)

function rangeOf<T extends z.ZodType>(unit: T) {
  const range = z.union([
    unit,
    z.object({ start: unit, end: unit.optional(), step: z.number().int().positive().optional() }).strict(),
  ]);
  return z.union([z.literal('*'), range, z.array(range).min(1)]).optional();
}

const CalendarSchema = z
  .object({
    second: rangeOf(z.number().int().min(0).max(59)),
    minute: rangeOf(z.number().int().min(0).max(59)),
    hour: rangeOf(z.number().int().min(0).max(23)),
    dayOfMonth: rangeOf(z.number().int().min(1).max(31)),
    month: rangeOf(z.enum(MONTHS)),
    year: rangeOf(z.number().int().min(1970).max(2999)),
    dayOfWeek: rangeOf(z.enum(DAYS_OF_WEEK)),
    comment: z.string().optional(),
  })
  .strict();

/** `{"hour": 9, "dayOfWeek": [{"start": "MONDAY", "end": "FRIDAY"}]}`: unset time fields mean 0, unset date fields '*'. */
export function parseCalendar(input: string): CalendarSpec {
  let json: unknown;
  try {
    json = JSON.parse(input);
  } catch {
    throw new ScheduleInputError(`calendar '${input}' is not JSON; for example '{"hour":9,"minute":30}'`);
  }
  const parsed = CalendarSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new ScheduleInputError(`calendar '${input}' is not a calendar spec: ${problems}`);
  }
  return parsed.data as CalendarSpec;
}

// ---------------------------------------------------------------------------------------------
// Overlap policy

export const OVERLAP_POLICIES = Object.values(ScheduleOverlapPolicy).filter(
  (p): p is Exclude<ScheduleOverlapPolicy, undefined> => p !== undefined,
);
export type OverlapPolicy = (typeof OVERLAP_POLICIES)[number];

/** 'SKIP', 'skip', 'Skip', 'AllowAll', 'allow-all' and 'ALLOW_ALL' all name the same policy. */
export function parseOverlapPolicy(input: string): OverlapPolicy {
  const key = input
    .trim()
    .replace(/[-_\s]/g, '')
    .toUpperCase();
  const found = OVERLAP_POLICIES.find((p) => p.replace(/_/g, '') === key);
  if (!found)
    throw new ScheduleInputError(`overlap policy '${input}' is not one of ${OVERLAP_POLICIES.join(', ')}`);
  return found;
}

// ---------------------------------------------------------------------------------------------
// Seasons and instants for backfills

/**
 * `2021-22..2023-24`, `2019-20,2020-21,2023-24` or a mix (`2011-12..2012-13,2023-24`): the seasons,
 * validated (no future season), without duplicates, oldest first.
 */
export function parseSeasonList(input: string, now: Date): string[] {
  const seasons = new Set<string>();
  const items = input.split(',').map((s) => s.trim());
  if (items.some((s) => !s)) throw new ScheduleInputError(`season list '${input}' has an empty item`);
  try {
    for (const item of items) {
      const [first = '', last, extra] = item.split('..').map((s) => s.trim());
      if (extra !== undefined) throw new ScheduleInputError(`season range '${item}' has more than one '..'`);
      const from = seasonStartYear(parseSeason(first, now));
      const to = last === undefined ? from : seasonStartYear(parseSeason(last, now));
      if (to < from) throw new ScheduleInputError(`season range '${item}' runs backwards`);
      for (let year = from; year <= to; year++) seasons.add(seasonFromStartYear(year));
    }
  } catch (err) {
    if (err instanceof SeasonInputError) throw new ScheduleInputError(err.message);
    throw err;
  }
  return [...seasons].sort();
}

/** An ISO 8601 instant with a date; a time without offset is read as UTC. */
export function parseInstant(input: string, label: string): Date {
  const text = input.trim();
  const withZone = /T.*([zZ]|[+-]\d{2}:?\d{2})$/.test(text) || !text.includes('T') ? text : `${text}Z`;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(withZone) ? `${withZone}T00:00:00Z` : withZone);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime())) {
    throw new ScheduleInputError(
      `${label} '${input}' is not an ISO 8601 time like 2024-01-15 or 2024-01-15T14:00:00Z`,
    );
  }
  return date;
}
