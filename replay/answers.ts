import { SEASON_PATTERN } from '../domain/season.js';

/** What an endpoint handler returns: a JSON envelope, or an error status with a plain-text message. */
export type Answer =
  | { kind: 'json'; body: StatsEnvelope; note?: string }
  | { kind: 'verbatim'; bytes: Buffer; file: string }
  | { kind: 'error'; status: number; message: string };

export interface ResultSet {
  name: string;
  headers: string[];
  rowSet: unknown[][];
}

export interface StatsEnvelope {
  resource: string;
  parameters: Record<string, unknown>;
  resultSets: ResultSet[];
}

/** Query parameters as received; absent and empty are the same to stats.nba.com. */
export type Query = Map<string, string>;

export function param(query: Query, name: string): string {
  return query.get(name)?.trim() ?? '';
}

export function badRequest(message: string): Answer {
  return { kind: 'error', status: 400, message };
}

/** stats.nba.com's 400 for a Season parameter that is not 'YYYY-YY' (domain/season.ts); undefined when it is. */
export function invalidSeason(season: string): Answer | undefined {
  return SEASON_PATTERN.test(season) ? undefined : badRequest(`Season '${season}' is not valid.`);
}
