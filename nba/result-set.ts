/**
 * Reads one named result set of a stats.nba.com response into typed rows, locating the set by name
 * and every column by header name (never by position: layouts drift between seasons). Missing
 * required columns and mistyped cells are collected and reported together in one
 * NbaResponseInvalid that names the endpoint, the parameters and the columns.
 */
import type { z } from 'zod';
import type { NbaResponse } from './client.js';
import { nbaFailure } from './errors.js';

export interface ColumnSpec<T> {
  header: string;
  schema: z.ZodType<T, unknown>;
  /** optional columns absent from the layout read as null */
  optional?: boolean;
}

export type ColumnSpecs<Row> = { [K in keyof Row]: ColumnSpec<Row[K]> };

/** A column declared by its schema alone, or with `optional` or a header that breaks the convention. */
export type ColumnDeclaration<T> =
  z.ZodType<T, unknown> | (Omit<ColumnSpec<T>, 'header'> & { header?: string });

/** The API's header for a field by convention: `teamAbbreviation` reads TEAM_ABBREVIATION. */
export function conventionalHeader(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/**
 * Column specs where most headers follow the convention, so only the exceptions (TeamID, LeagueID …)
 * are spelled out.
 */
export function columnsByConvention<Row>(declared: {
  [K in keyof Row]: ColumnDeclaration<Row[K]>;
}): ColumnSpecs<Row> {
  const specs = Object.entries(declared).map(([field, declaration]) => {
    const column = declaration as ColumnDeclaration<unknown>;
    const spec = 'safeParse' in column ? { schema: column } : column;
    return [field, { ...spec, header: spec.header ?? conventionalHeader(field) }];
  });
  return Object.fromEntries(specs) as ColumnSpecs<Row>;
}

interface RawResultSet {
  name: string;
  headers: string[];
  rowSet: unknown[][];
}

const MAX_REPORTED_PROBLEMS = 8;

export function readResultSet<Row>(
  res: NbaResponse,
  resultSetName: string,
  columns: ColumnSpecs<Row>,
): Row[] {
  return Array.from(resultSetRows(res, resultSetName, columns));
}

/**
 * The same rows one at a time, for answers too big to hold twice (a season of player lines): each
 * typed row is made from its cells when asked for, so a caller that turns it into its record at once
 * never holds the rows in a second form. The set and its columns are checked before the first row;
 * mistyped cells are collected and thrown after the last one (all problems in one failure).
 */
export function* resultSetRows<Row>(
  res: NbaResponse,
  resultSetName: string,
  columns: ColumnSpecs<Row>,
): Generator<Row, void, undefined> {
  const fail = (problem: string) => nbaFailure('NbaResponseInvalid', res.request, problem);
  const resultSet = findResultSet(res.body, resultSetName);
  if (!resultSet) {
    const names = resultSetNames(res.body);
    throw fail(
      `result set '${resultSetName}' not found (present: ${names.length ? names.join(', ') : 'none'})`,
    );
  }

  const indexByHeader = new Map(resultSet.headers.map((header, index) => [header, index]));
  const specs: [string, ColumnSpec<unknown>][] = Object.entries(columns);
  const missing = specs
    .filter(([, spec]) => !spec.optional && !indexByHeader.has(spec.header))
    .map(([, s]) => s.header);
  if (missing.length > 0) {
    throw fail(`result set '${resultSetName}' is missing required column(s) ${missing.join(', ')}`);
  }

  const width = resultSet.headers.length;
  const problems = new Map<string, { count: number; example: string }>();
  const note = (key: string, example: string) => {
    const seen = problems.get(key);
    if (seen) seen.count += 1;
    else problems.set(key, { count: 1, example });
  };

  for (const [rowIndex, cells] of resultSet.rowSet.entries()) {
    if (!Array.isArray(cells) || cells.length !== width) {
      note(
        'row width',
        `row ${rowIndex} has ${Array.isArray(cells) ? cells.length : 'no'} cells, headers have ${width}`,
      );
      continue;
    }
    const row: Record<string, unknown> = {};
    let ok = true;
    for (const [key, spec] of specs) {
      const index = indexByHeader.get(spec.header);
      if (index === undefined) {
        row[key] = null;
        continue;
      }
      const parsed = spec.schema.safeParse(cells[index]);
      if (parsed.success) {
        row[key] = parsed.data;
      } else {
        ok = false;
        const message = parsed.error.issues[0]?.message ?? 'invalid';
        note(`column ${spec.header}`, `${message}, got ${JSON.stringify(cells[index])} in row ${rowIndex}`);
      }
    }
    if (ok && problems.size === 0) yield row as Row;
  }

  if (problems.size > 0) {
    const listed = [...problems.entries()]
      .slice(0, MAX_REPORTED_PROBLEMS)
      .map(([key, { count, example }]) => `${key}: ${example}${count > 1 ? ` (+${count - 1} more)` : ''}`);
    throw fail(`result set '${resultSetName}' has mistyped values: ${listed.join('; ')}`);
  }
}

/** The rows a result set holds as sent (0 when it is absent): what an endpoint's row cap counts. */
export function resultSetRowCount(res: NbaResponse, resultSetName: string): number {
  return findResultSet(res.body, resultSetName)?.rowSet.length ?? 0;
}

function resultSetsOf(body: unknown): unknown[] {
  const sets = (body as { resultSets?: unknown } | null)?.resultSets;
  return Array.isArray(sets) ? sets : [];
}

function resultSetNames(body: unknown): string[] {
  return resultSetsOf(body)
    .map((set) => (set as { name?: unknown } | null)?.name)
    .filter((name): name is string => typeof name === 'string');
}

function findResultSet(body: unknown, name: string): RawResultSet | undefined {
  const found = resultSetsOf(body).find((set) => (set as { name?: unknown } | null)?.name === name) as
    Partial<RawResultSet> | undefined;
  if (!found || !Array.isArray(found.headers) || !Array.isArray(found.rowSet)) return undefined;
  if (!found.headers.every((h) => typeof h === 'string')) return undefined;
  return found as RawResultSet;
}
